// The staff sync protocol between consoles and the central API: the records
// that travel, the change feed, intents and their outcomes. Both sides parse
// what they receive with these schemas; nothing from the wire is trusted.
import { z } from 'zod';

/** The version a console speaks; the server also accepts the one before. */
export const PROTOCOL_VERSION = 4;
export const SUPPORTED_PROTOCOL_VERSIONS = [1, 2, 3, 4] as const;
export const PROTOCOL_HEADER = 'StreetDesk-Protocol';

/**
 * The largest intents body the server reads (413 beyond). A console keeps
 * each batch to half of it, however long its notes, so no batch can be
 * refused for its size and wedge the outbox.
 */
export const INTENT_BODY_BYTES = 2 * 1024 * 1024;

/**
 * On a snapshot page, the page's nextAfterId ahead of its body (absent on
 * the last page): a console may ask for the next page while it still reads
 * this one. The body's nextAfterId stays the authority.
 */
export const SNAPSHOT_NEXT_HEADER = 'StreetDesk-Next-After';

/**
 * On the first page of a whole snapshot (no afterId, no bucket): how many
 * requests were open as it was read, so a console can show its progress
 * against a total. Advisory: requests may open or close meanwhile.
 */
export const SNAPSHOT_TOTAL_HEADER = 'StreetDesk-Open-Total';

/** `/staff/v2/changes` etc.; the version is part of the path. */
export const staffPath = (version: number, path: string) =>
  `/staff/v${version}/${path}`;

export const roleSchema = z.enum(['dispatcher', 'supervisor', 'admin']);
export type Role = z.infer<typeof roleSchema>;

const id = z
  .string()
  .regex(/^[A-Za-z0-9_.:-]{1,64}$/, 'an id is 1-64 letters, digits or _.:-');
const time = z.number().int().min(0).max(8_640_000_000_000_000);
const shortText = (max: number) => z.string().max(max);

/** Where a request is in the city's work, beyond Open311's open/closed. */
export const workStatusSchema = z.enum([
  'open',
  'assigned',
  'in_progress',
  'resolved',
  'closed',
]);
export type WorkStatus = z.infer<typeof workStatusSchema>;

export const crewStatusSchema = z.enum([
  'available',
  'en_route',
  'on_site',
  'off_shift',
]);
export type CrewStatus = z.infer<typeof crewStatusSchema>;

/** A service request as the server sends it: Open311 fields plus dispatch state. */
export const syncRequestSchema = z
  .object({
    serviceRequestId: id,
    serviceCode: shortText(200),
    serviceName: shortText(200),
    description: shortText(4000).nullable(),
    status: z.enum(['open', 'closed']),
    statusNotes: shortText(4000).nullable(),
    agencyResponsible: shortText(200).nullable(),
    requestedAt: time,
    updatedAt: time.nullable(),
    slaDueAt: time.nullable(),
    closedAt: time.nullable(),
    address: shortText(400).nullable(),
    zipcode: shortText(20).nullable(),
    lat: z.number().min(-90).max(90).nullable(),
    long: z.number().min(-180).max(180).nullable(),
    mediaUrl: shortText(2048).nullable(),
    queue: shortText(200).nullable(),
    department: shortText(200).nullable(),
    neighborhood: shortText(200).nullable(),
    source: shortText(200).nullable(),
    closureReason: shortText(1000).nullable(),
    workStatus: workStatusSchema,
    assignedCrewId: id.nullable(),
    /** Set when a supervisor merged this request into another. */
    mergedInto: id.nullable(),
    /** Raised by one at every change on the server; assignment compares it. */
    version: z.number().int().min(1),
  })
  .strict();
export type SyncRequest = z.infer<typeof syncRequestSchema>;

/**
 * A request's fields in the order a v3 snapshot row carries them: the
 * schema's order. A row is the request's values with the names left out,
 * so neither side writes or parses a field name per request.
 */
export const SYNC_REQUEST_FIELDS = [
  'serviceRequestId',
  'serviceCode',
  'serviceName',
  'description',
  'status',
  'statusNotes',
  'agencyResponsible',
  'requestedAt',
  'updatedAt',
  'slaDueAt',
  'closedAt',
  'address',
  'zipcode',
  'lat',
  'long',
  'mediaUrl',
  'queue',
  'department',
  'neighborhood',
  'source',
  'closureReason',
  'workStatus',
  'assignedCrewId',
  'mergedInto',
  'version',
] as const satisfies readonly (keyof SyncRequest)[];

type RequestFields = typeof SYNC_REQUEST_FIELDS;
// Every field is in the list: a field added to the schema and not here
// fails to compile.
const everyField: Exclude<
  keyof SyncRequest,
  RequestFields[number]
> extends never
  ? true
  : never = true;
void everyField;

/** A request as a v3 snapshot row: its values in SYNC_REQUEST_FIELDS order. */
export type SyncRequestRow = RowOf<RequestFields>;
// Generic, so that TypeScript maps the tuple to a tuple.
type RowOf<T extends readonly (keyof SyncRequest)[]> = {
  -readonly [I in keyof T]: SyncRequest[T[I] & keyof SyncRequest];
};

type FieldPositions = {
  [
    I in keyof RequestFields as I extends `${number}` ? RequestFields[I] : never
  ]: I extends `${infer N extends number}` ? N : never;
};

/** Each field's position in a row: `row[ROW_AT.lat]` is the latitude. */
export const ROW_AT = Object.fromEntries(
  SYNC_REQUEST_FIELDS.map((field, at) => [field, at]),
) as FieldPositions;

export function requestFromRow(row: SyncRequestRow): SyncRequest {
  const request: Record<string, unknown> = {};
  SYNC_REQUEST_FIELDS.forEach((field, at) => {
    request[field] = row[at];
  });
  return request as SyncRequest;
}

export function rowFromRequest(request: SyncRequest): SyncRequestRow {
  return SYNC_REQUEST_FIELDS.map(
    (field) => request[field],
  ) as unknown as SyncRequestRow;
}

/**
 * A row is checked as the request it stands for, so an error names the
 * field (`rows.12.lat`), and the checked row comes back as a row.
 */
export const syncRequestRowSchema = z
  .array(z.unknown(), {
    error: `a row is an array of the ${SYNC_REQUEST_FIELDS.length} request fields`,
  })
  .length(SYNC_REQUEST_FIELDS.length, {
    error: `a row holds exactly the ${SYNC_REQUEST_FIELDS.length} request fields`,
  })
  .transform((row) => requestFromRow(row as unknown as SyncRequestRow))
  .pipe(syncRequestSchema)
  .transform(rowFromRequest);

export const crewSchema = z
  .object({
    crewId: id,
    name: shortText(200),
    depot: shortText(200),
    depotLat: z.number().min(-90).max(90),
    depotLong: z.number().min(-180).max(180),
    lastLat: z.number().min(-90).max(90).nullable(),
    lastLong: z.number().min(-180).max(180).nullable(),
    status: crewStatusSchema,
    /** The work queues this crew serves (e.g. "PWDx_District 04: Allston/Brighton"). */
    queues: z.array(shortText(200)).max(100),
    /** Today's shift, epoch ms. */
    shiftStart: time,
    shiftEnd: time,
    version: z.number().int().min(1),
  })
  .strict();
export type Crew = z.infer<typeof crewSchema>;

export const noteSchema = z
  .object({
    noteId: id,
    requestId: id,
    body: z.string().min(1).max(4000),
    visibility: z.enum(['internal', 'public']),
    author: shortText(200),
    createdAt: time,
  })
  .strict();
export type Note = z.infer<typeof noteSchema>;

export const historyEntrySchema = z
  .object({
    historyId: id,
    requestId: id,
    at: time,
    actor: shortText(200),
    consoleId: id.nullable(),
    action: shortText(100),
    detail: z.record(z.string(), z.unknown()),
  })
  .strict();
export type HistoryEntry = z.infer<typeof historyEntrySchema>;

/**
 * One entry of the change feed. `seq` is assigned by the server, one more
 * than the last, inside the transaction that made the change: the feed has
 * no gaps. A tombstone says the request left the open set.
 */
export const changeSchema = z.discriminatedUnion('kind', [
  z
    .object({
      seq: z.number().int().min(1),
      kind: z.literal('request'),
      request: syncRequestSchema,
    })
    .strict(),
  z
    .object({
      seq: z.number().int().min(1),
      kind: z.literal('request_removed'),
      requestId: id,
      reason: z.enum(['closed', 'merged']),
      version: z.number().int().min(1),
    })
    .strict(),
  z
    .object({
      seq: z.number().int().min(1),
      kind: z.literal('crew'),
      crew: crewSchema,
    })
    .strict(),
  z
    .object({
      seq: z.number().int().min(1),
      kind: z.literal('note'),
      note: noteSchema,
    })
    .strict(),
  z
    .object({
      seq: z.number().int().min(1),
      kind: z.literal('history'),
      entry: historyEntrySchema,
    })
    .strict(),
]);
export type Change = z.infer<typeof changeSchema>;

/** GET changes?after=N&limit=M. `changes` are exactly seqs after+1, after+2, ... */
export const changesPageSchema = z
  .object({
    changes: z.array(changeSchema).max(5000),
    /** The newest seq on the server when the page was read. */
    lastSeq: z.number().int().min(0),
    hasMore: z.boolean(),
    serverTime: time,
  })
  .strict();
export type ChangesPage = z.infer<typeof changesPageSchema>;

/**
 * 410 from changes: the console is further behind than the server keeps
 * changes for. It reloads from snapshot pages, then pulls after `seq`.
 */
export const resetRequiredSchema = z
  .object({
    error: z.literal('reset_required'),
    description: z.string(),
    oldestSeq: z.number().int().min(0),
  })
  .strict();

/** GET snapshot?afterId=X&limit=M[&bucket=B]: the open set by id; crews on the first page. */
export const snapshotPageSchema = z
  .object({
    /** The feed position the snapshot is at least as new as. */
    seq: z.number().int().min(0),
    requests: z.array(syncRequestSchema).max(5000),
    crews: z.array(crewSchema).max(5000),
    nextAfterId: id.nullable(),
    serverTime: time,
  })
  .strict();
export type SnapshotPage = z.infer<typeof snapshotPageSchema>;

/**
 * The same page in protocol 3: requests as rows. `fields` names the row's
 * columns; a console refuses a page whose fields are not the ones it
 * knows, rather than read values into the wrong columns.
 */
export const snapshotRowsPageSchema = snapshotPageSchema
  .omit({ requests: true })
  .extend({
    fields: z
      .array(z.string())
      .refine(
        (fields) =>
          fields.length === SYNC_REQUEST_FIELDS.length &&
          fields.every((field, at) => field === SYNC_REQUEST_FIELDS[at]),
        { message: `the fields are not ${SYNC_REQUEST_FIELDS.join(', ')}` },
      ),
    rows: z.array(syncRequestRowSchema).max(5000),
  });
export type SnapshotRowsPage = z.infer<typeof snapshotRowsPageSchema>;

const intentBase = {
  /** Gap-free per console: 1, 2, 3, ... */
  seq: z.number().int().min(1),
  createdAt: time,
  /**
   * The console's own earlier intent this one builds on (its latest
   * unconfirmed change to the same request when the user acted). If the
   * server refused that one, it refuses this one too, whatever the versions
   * say: they would only match by coincidence.
   */
  dependsOnSeq: z.number().int().min(1).nullable().optional(),
};

/** What a user did, sent by their console. Each ends in exactly one outcome. */
export const intentSchema = z.discriminatedUnion('type', [
  z
    .object({
      ...intentBase,
      type: z.literal('assign'),
      requestId: id,
      crewId: id,
      /** The request version the dispatcher saw: compare-and-set. */
      expectedVersion: z.number().int().min(1),
    })
    .strict(),
  z
    .object({
      ...intentBase,
      type: z.literal('unassign'),
      requestId: id,
      expectedVersion: z.number().int().min(1),
    })
    .strict(),
  z
    .object({
      ...intentBase,
      type: z.literal('set_status'),
      requestId: id,
      status: z.enum(['open', 'in_progress', 'resolved', 'closed']),
      /** Required to close or resolve. */
      reason: z.string().min(1).max(1000).nullable(),
      expectedVersion: z.number().int().min(1),
    })
    .strict(),
  z
    .object({
      ...intentBase,
      type: z.literal('add_note'),
      requestId: id,
      /** Made by the console, so a resent note is recognised. */
      noteId: id,
      body: z.string().min(1).max(4000),
      visibility: z.enum(['internal', 'public']),
    })
    .strict(),
  z
    .object({
      ...intentBase,
      type: z.literal('merge'),
      /** The request that stays open. */
      targetId: id,
      duplicateIds: z.array(id).min(1).max(50),
      /** Versions seen, by request id, target included. */
      expectedVersions: z.record(id, z.number().int().min(1)),
      /**
       * The crew the merged request keeps: absent keeps its own, a crew id
       * (say, the crew a duplicate had) replaces it, null leaves none.
       * Added in protocol 2; a console that does not send it keeps the
       * target's own.
       */
      crewId: id.nullable().optional(),
    })
    .strict(),
  z
    .object({
      ...intentBase,
      type: z.literal('unmerge'),
      /** The request the duplicates were merged into. */
      targetId: id,
      /** Exactly the duplicates of that request's latest merge. */
      duplicateIds: z.array(id).min(1).max(50),
    })
    .strict(),
  z
    .object({
      ...intentBase,
      type: z.literal('set_crew_status'),
      crewId: id,
      status: crewStatusSchema,
    })
    .strict(),
  /**
   * Retires a seq with no change: the console could not read what it had
   * stored under it (a damaged file). The server records it as rejected,
   * with this reason, so the intents behind it are not held up. Added in
   * protocol 3.
   */
  z
    .object({
      ...intentBase,
      type: z.literal('void'),
      reason: z.string().min(1).max(1000),
    })
    .strict(),
]);
export type Intent = z.infer<typeof intentSchema>;
export type IntentType = Intent['type'];

/** POST intents: a console's pending intents, in seq order. */
export const intentBatchSchema = z
  .object({
    consoleId: id,
    intents: z.array(intentSchema).min(1).max(200),
  })
  .strict();
export type IntentBatch = z.infer<typeof intentBatchSchema>;

export const intentResultSchema = z.discriminatedUnion('outcome', [
  z
    .object({ seq: z.number().int().min(1), outcome: z.literal('applied') })
    .strict(),
  z
    .object({
      seq: z.number().int().min(1),
      outcome: z.literal('rejected'),
      reason: z.string().max(1000),
    })
    .strict(),
  z
    .object({
      seq: z.number().int().min(1),
      outcome: z.literal('retryable'),
      reason: z.string().max(1000),
    })
    .strict(),
]);
export type IntentResult = z.infer<typeof intentResultSchema>;

/**
 * The answer to a batch: one result per intent up to the first retryable
 * one (the rest are not tried). A duplicate gets its first outcome again.
 */
export const intentBatchResponseSchema = z
  .object({
    results: z.array(intentResultSchema),
    /** The highest seq of this console the server has recorded an outcome for. */
    lastAppliedSeq: z.number().int().min(0),
    serverTime: time,
  })
  .strict();
export type IntentBatchResponse = z.infer<typeof intentBatchResponseSchema>;

/** 409 from intents: the batch did not start at lastAppliedSeq + 1. */
export const sequenceGapSchema = z
  .object({
    error: z.literal('sequence_gap'),
    description: z.string(),
    expectedSeq: z.number().int().min(1),
  })
  .strict();

/**
 * GET activity?kind=notes|history&after=N&limit=M (protocol 4): the notes
 * or history of open requests, oldest first, for a console loading a
 * snapshot; the change feed carries what is written after. `next` is the
 * `after` of the next page, null after the last.
 */
export const notesPageSchema = z
  .object({
    notes: z.array(noteSchema).max(5000),
    next: z.number().int().min(1).nullable(),
    serverTime: time,
  })
  .strict();
export type NotesPage = z.infer<typeof notesPageSchema>;

export const historyPageSchema = z
  .object({
    history: z.array(historyEntrySchema).max(5000),
    next: z.number().int().min(1).nullable(),
    serverTime: time,
  })
  .strict();
export type HistoryPage = z.infer<typeof historyPageSchema>;

/**
 * GET closures?afterId=X&limit=M (protocol 4): requests the city closed
 * (not merged) whose SLA fell due within 8 days either side of now, by id.
 * A console loading a snapshot holds only the open set; these let its SLA
 * view count this week's requests closed on time, and late, too.
 */
export const closureSchema = z
  .object({
    requestId: id,
    serviceName: shortText(200),
    queue: shortText(200).nullable(),
    requestedAt: time,
    slaDueAt: time,
    closedAt: time,
  })
  .strict();
export type Closure = z.infer<typeof closureSchema>;

export const closuresPageSchema = z
  .object({
    closures: z.array(closureSchema).max(5000),
    nextAfterId: id.nullable(),
    serverTime: time,
  })
  .strict();
export type ClosuresPage = z.infer<typeof closuresPageSchema>;

/** The window either side of now that GET closures covers. */
export const CLOSURES_WINDOW_MS = 8 * 24 * 3_600_000;

/** GET checksum: the open set's fingerprint, by bucket, at `seq`. */
export const checksumSchema = z
  .object({
    seq: z.number().int().min(0),
    requestCount: z.number().int().min(0),
    /** CHECKSUM_BUCKETS entries; see sync-checksum.ts. */
    requestBuckets: z.array(z.string()).length(64),
    crews: z.string(),
    serverTime: time,
  })
  .strict();
export type Checksum = z.infer<typeof checksumSchema>;

export const signInSchema = z
  .object({
    username: z.string().min(1).max(100),
    password: z.string().min(1).max(200),
  })
  .strict();

export const sessionSchema = z
  .object({
    token: z.string().min(20).max(200),
    user: z
      .object({ userId: id, name: shortText(200), role: roleSchema })
      .strict(),
    expiresAt: time,
  })
  .strict();
export type StaffSession = z.infer<typeof sessionSchema>;

/** Every error body of the staff API. */
export const staffErrorSchema = z
  .object({ error: z.string(), description: z.string() })
  .passthrough();

/** Server push (SSE at GET events): a change was committed, or a heartbeat. */
export const HEARTBEAT_MS = 5_000;
export const pushEventSchema = z
  .object({
    type: z.enum(['changed', 'heartbeat']),
    lastSeq: z.number().int().min(0),
    serverTime: time,
  })
  .strict();
export type PushEvent = z.infer<typeof pushEventSchema>;
