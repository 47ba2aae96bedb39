// The central store's reads on SQLite, synchronous; the store wraps them in
// promises.
import type {
  Change,
  Closure,
  Crew,
  HistoryEntry,
  IntentResult,
  Note,
  Role,
  SyncRequest,
} from '../../../shared/sync-protocol';
import type {
  CentralReads,
  ChangeWindow,
  RequestList,
  RequestQuery,
  EncodedPage,
  PageShape,
  PageValues,
  Reporter,
  SnapshotQuery,
  StoredMerge,
  StoredSlaRuleChange,
  StaffUser,
} from '../central-store';
import type { CentralDatabase } from './open-central-database';
import { wireColumnList } from './request-rows';

/** The same operations as `T`, answering directly instead of by promise. */
export type Immediate<T> = {
  [K in keyof T]: T[K] extends (...args: infer A) => Promise<infer R>
    ? (...args: A) => R
    : never;
};

type RecordRow = { record: string };

export function createSqliteReads(
  db: CentralDatabase,
): Immediate<CentralReads> {
  const getRequest = db.prepare<[string], RecordRow>(
    'SELECT record FROM requests WHERE service_request_id = ?',
  );
  const openPage = db
    .prepare<[string, number], string>(
      `SELECT record FROM requests
       WHERE status = 'open' AND service_request_id > ?
       ORDER BY service_request_id LIMIT ?`,
    )
    .pluck();
  const openBucketPage = db
    .prepare<[number, string, number], string>(
      `SELECT record FROM requests
       WHERE status = 'open' AND bucket = ? AND service_request_id > ?
       ORDER BY service_request_id LIMIT ?`,
    )
    .pluck();
  // SQLite joins the page itself: the records never become JavaScript
  // strings, and the route sends the bytes as they are. A row is built
  // from the columns; SQLite writes a REAL with as many digits as it
  // takes to read back the same number.
  const encodedPage = (bucketed: boolean, shape: PageShape) =>
    db.prepare<
      unknown[],
      { json: Buffer | null; count: number; lastId: string | null }
    >(
      `SELECT CAST(group_concat(item, ',' ORDER BY service_request_id)
           AS BLOB) AS json,
         count(*) AS count, max(service_request_id) AS lastId
       FROM (SELECT ${shape === 'rows' ? `json_array(${wireColumnList})` : 'record'}
               AS item, service_request_id
             FROM requests
             WHERE status = 'open' ${bucketed ? 'AND bucket = ?' : ''}
               AND service_request_id > ?
             ORDER BY service_request_id LIMIT ?)`,
    );
  const valuesPage = (bucketed: boolean) =>
    db
      .prepare<unknown[], unknown[]>(
        `SELECT ${wireColumnList} FROM requests
         WHERE status = 'open' ${bucketed ? 'AND bucket = ?' : ''}
           AND service_request_id > ?
         ORDER BY service_request_id LIMIT ?`,
      )
      .raw(true);
  const valuesPages = [valuesPage(false), valuesPage(true)] as const;
  const encodedPages = {
    objects: [encodedPage(false, 'objects'), encodedPage(true, 'objects')],
    rows: [encodedPage(false, 'rows'), encodedPage(true, 'rows')],
  } as const;
  const moreAfter = (bucketed: boolean) =>
    db
      .prepare<unknown[], number>(
        `SELECT EXISTS (SELECT 1 FROM requests
           WHERE status = 'open' ${bucketed ? 'AND bucket = ?' : ''}
             AND service_request_id > ?)`,
      )
      .pluck();
  const openMoreAfter = moreAfter(false);
  const openBucketMoreAfter = moreAfter(true);
  const openVersions = db.prepare<[], { id: string; version: number }>(
    `SELECT service_request_id AS id, version FROM requests
     WHERE status = 'open'`,
  );
  const countOpen = db
    .prepare<[], number>("SELECT count(*) FROM requests WHERE status = 'open'")
    .pluck();
  const countRequests = db.prepare<[], { n: number }>(
    'SELECT count(*) AS n FROM requests',
  );
  const services = db.prepare<
    [],
    { serviceCode: string; serviceName: string; requestCount: number }
  >(
    `SELECT service_code AS serviceCode, max(service_name) AS serviceName,
       count(*) AS requestCount
     FROM requests GROUP BY service_code ORDER BY service_code`,
  );
  const getCrew = db.prepare<[string], RecordRow>(
    'SELECT record FROM crews WHERE crew_id = ?',
  );
  const listCrews = db.prepare<[], RecordRow>(
    'SELECT record FROM crews ORDER BY crew_id',
  );
  const getNote = db.prepare<[string], RecordRow>(
    'SELECT record FROM notes WHERE note_id = ?',
  );
  const listNotes = db.prepare<[string], RecordRow>(
    'SELECT record FROM notes WHERE request_id = ? ORDER BY rowid',
  );
  const listHistory = db.prepare<[string], RecordRow>(
    'SELECT record FROM history WHERE request_id = ? ORDER BY history_id',
  );
  const closures = db.prepare<[number, number, string, number], Closure>(
    `SELECT service_request_id AS requestId, service_name AS serviceName,
       queue, requested_at AS requestedAt, sla_due_at AS slaDueAt,
       closed_at AS closedAt
     FROM requests
     WHERE status = 'closed' AND merged_into IS NULL AND closed_at IS NOT NULL
       AND sla_due_at >= ? AND sla_due_at < ? AND service_request_id > ?
     ORDER BY service_request_id LIMIT ?`,
  );
  // Open requests' activity by rowid (history_id is history's rowid).
  const activityOf = (table: 'notes' | 'history') =>
    db.prepare<[number, number], { position: number; record: string }>(
      // Driven by the activity table, each row's request looked up by key:
      // an IN (open ids) would first list every open request.
      `SELECT a.rowid AS position, a.record FROM ${table} AS a
       WHERE a.rowid > ? AND EXISTS (
         SELECT 1 FROM requests AS r
         WHERE r.service_request_id = a.request_id AND r.status = 'open')
       ORDER BY a.rowid LIMIT ?`,
    );
  const activity = {
    notes: activityOf('notes'),
    history: activityOf('history'),
  };
  const latestHistory = db.prepare<[string], RecordRow>(
    `SELECT record FROM history WHERE request_id = ?
     ORDER BY history_id DESC LIMIT 1`,
  );
  const listChanges = db
    .prepare<[number, number], string>(
      'SELECT record FROM changes WHERE seq > ? ORDER BY seq LIMIT ?',
    )
    .pluck();
  const changeWindow = db.prepare<[], ChangeWindow>(
    // Two subqueries: SQLite answers a lone min() or max() from the index
    // in one step, but scans the whole table for both in one SELECT.
    `SELECT coalesce((SELECT min(seq) FROM changes), 0) AS oldestSeq,
       coalesce((SELECT max(seq) FROM changes), 0) AS lastSeq`,
  );
  const lastIntentSeq = db.prepare<[string], { last_seq: number }>(
    'SELECT last_seq FROM console_progress WHERE console_id = ?',
  );
  const intentOutcome = db.prepare<
    [string, number],
    { outcome: IntentResult['outcome']; reason: string | null }
  >(
    'SELECT outcome, reason FROM intent_outcomes WHERE console_id = ? AND seq = ?',
  );
  const findUser = db.prepare<
    [string],
    { userId: string; name: string; role: Role; passwordHash: string }
  >(
    `SELECT user_id AS userId, name, role, password_hash AS passwordHash
     FROM users WHERE user_id = ?`,
  );
  const listUsers = db.prepare<[], StaffUser>(
    'SELECT user_id AS userId, name, role FROM users ORDER BY user_id',
  );
  const countUsers = db.prepare<[], { n: number }>(
    'SELECT count(*) AS n FROM users',
  );
  const findSession = db.prepare<
    [string, number],
    { userId: string; name: string; role: Role; expiresAt: number }
  >(
    `SELECT users.user_id AS userId, users.name, users.role,
       sessions.expires_at AS expiresAt
     FROM sessions JOIN users ON users.user_id = sessions.user_id
     WHERE sessions.token_hash = ? AND sessions.expires_at > ?`,
  );
  const findApiKey = db.prepare<
    [string],
    { keyId: string; label: string; createdAt: number }
  >(
    `SELECT key_id AS keyId, label, created_at AS createdAt
     FROM api_keys WHERE key_hash = ?`,
  );

  const listSlaRuleChanges = db.prepare<[], StoredSlaRuleChange>(
    `SELECT service_code AS serviceCode, service_name AS serviceName, rule,
       changed_by AS changedBy, changed_at AS changedAt
     FROM sla_rule_changes ORDER BY service_code`,
  );

  const getReporter = db
    .prepare<[string], string>(
      'SELECT record FROM reporters WHERE request_id = ?',
    )
    .pluck();
  const latestMerge = db.prepare<
    [string],
    {
      mergeId: number;
      mergedAt: number;
      undoneAt: number | null;
      record: string;
    }
  >(
    `SELECT merge_id AS mergeId, merged_at AS mergedAt,
       undone_at AS undoneAt, record
     FROM merges WHERE target_id = ? AND undone_at IS NULL
     ORDER BY merge_id DESC LIMIT 1`,
  );

  const openPageOf = (query: SnapshotQuery) => {
    const after = query.afterId ?? '';
    return query.bucket === null
      ? openPage.all(after, query.limit)
      : openBucketPage.all(query.bucket, after, query.limit);
  };

  /** Whether open requests (of the query's bucket) follow lastId. */
  const openFollows = (query: SnapshotQuery, lastId: string | null) =>
    lastId !== null &&
    (query.bucket === null
      ? openMoreAfter.get(lastId)
      : openBucketMoreAfter.get(query.bucket, lastId)) === 1;

  const openPageEncoded = (
    query: SnapshotQuery,
    shape: PageShape,
  ): EncodedPage => {
    const after = query.afterId ?? '';
    const bucket = query.bucket === null ? [] : [query.bucket];
    const page = encodedPages[shape][query.bucket === null ? 0 : 1].get(
      ...bucket,
      after,
      query.limit,
    )!;

    return {
      json: page.json ?? Buffer.alloc(0),
      count: page.count,
      lastId: page.lastId,
      more: openFollows(query, page.lastId),
    };
  };

  const openPageValues = (query: SnapshotQuery): PageValues => {
    const after = query.afterId ?? '';
    const bucket = query.bucket === null ? [] : [query.bucket];
    const rows = valuesPages[query.bucket === null ? 0 : 1].all(
      ...bucket,
      after,
      query.limit,
    );
    const lastId = (rows.at(-1)?.[0] as string | undefined) ?? null;

    return { rows, lastId, more: openFollows(query, lastId) };
  };

  return {
    getRequest: (id) => parseRecord<SyncRequest>(getRequest.get(id)),
    openRequestsPageValues: openPageValues,
    listOpenRequests: (query) =>
      openPageOf(query).map((json) => JSON.parse(json) as SyncRequest),
    openRequestsPageEncoded: openPageEncoded,
    listOpenVersions: () => openVersions.all(),
    countRequests: () => countRequests.get()?.n ?? 0,
    countOpenRequests: () => countOpen.get() ?? 0,
    findRequests: (query) => findRequests(db, query),
    listServices: () => services.all(),

    getCrew: (id) => parseRecord<Crew>(getCrew.get(id)),
    listCrews: () =>
      listCrews.all().map((row) => JSON.parse(row.record) as Crew),

    getNote: (id) => parseRecord<Note>(getNote.get(id)),
    listNotes: (requestId) =>
      listNotes.all(requestId).map((row) => JSON.parse(row.record) as Note),
    listHistory: (requestId) =>
      listHistory
        .all(requestId)
        .map((row) => JSON.parse(row.record) as HistoryEntry),
    closuresPage: ({ from, to, afterId, limit }) => {
      const page = closures.all(from, to, afterId ?? '', limit);
      return {
        closures: page,
        nextAfterId:
          page.length === limit ? (page.at(-1)?.requestId ?? null) : null,
      };
    },
    openActivityPage: (kind, after, limit) => {
      const rows = activity[kind].all(after, limit);
      return {
        items: rows.map((row) => JSON.parse(row.record) as Note & HistoryEntry),
        next: rows.length === limit ? (rows.at(-1)?.position ?? null) : null,
      };
    },
    latestHistory: (requestId) =>
      parseRecord<HistoryEntry>(latestHistory.get(requestId)),

    listChanges: (after, limit) =>
      listChanges.all(after, limit).map((json) => JSON.parse(json) as Change),
    listChangesEncoded: (after, limit) => listChanges.all(after, limit),
    changeWindow: () => changeWindow.get() ?? { oldestSeq: 0, lastSeq: 0 },

    lastIntentSeq: (consoleId) => lastIntentSeq.get(consoleId)?.last_seq ?? 0,
    intentOutcome(consoleId, seq) {
      const row = intentOutcome.get(consoleId, seq);
      if (row === undefined) return null;
      if (row.outcome === 'applied') return { seq, outcome: 'applied' };
      return { seq, outcome: row.outcome, reason: row.reason ?? '' };
    },

    findUserForSignIn: (userId) => findUser.get(userId) ?? null,
    listUsers: () => listUsers.all(),
    countUsers: () => countUsers.get()?.n ?? 0,
    findSession(tokenHash, now) {
      const row = findSession.get(tokenHash, now);
      if (row === undefined) return null;
      const { expiresAt, ...user } = row;
      return { user, expiresAt };
    },
    findApiKey: (keyHash) => findApiKey.get(keyHash) ?? null,
    listSlaRuleChanges: () => listSlaRuleChanges.all(),
    getReporter(requestId) {
      const record = getReporter.get(requestId);
      return record === undefined ? null : (JSON.parse(record) as Reporter);
    },
    latestMerge(targetId) {
      const row = latestMerge.get(targetId);
      if (row === undefined) return null;
      const stored = JSON.parse(row.record) as Omit<
        StoredMerge,
        'mergeId' | 'mergedAt' | 'undoneAt'
      >;
      return {
        ...stored,
        mergeId: row.mergeId,
        mergedAt: row.mergedAt,
        undoneAt: row.undoneAt,
      };
    },
  };
}

function parseRecord<T>(row: RecordRow | undefined): T | null {
  return row === undefined ? null : (JSON.parse(row.record) as T);
}

function findRequests(db: CentralDatabase, query: RequestQuery): RequestList {
  const where: string[] = [];
  const params: (string | number)[] = [];
  const anyOf = (column: string, values: string[]) => {
    where.push(`${column} IN (${values.map(() => '?').join(', ')})`);
    params.push(...values);
  };
  const bound = (sql: string, value: number | null) => {
    if (value === null) return;
    where.push(sql);
    params.push(value);
  };

  if (query.ids !== null) {
    anyOf('service_request_id', query.ids.length > 0 ? query.ids : ['']);
  } else {
    if (query.serviceCodes !== null) anyOf('service_code', query.serviceCodes);
    if (query.statuses !== null) anyOf('status', query.statuses);
    bound('requested_at >= ?', query.requestedFrom);
    bound('requested_at <= ?', query.requestedTo);
    bound('coalesce(updated_at, requested_at) > ?', query.updatedAfter);
  }

  const filter = where.length > 0 ? ` WHERE ${where.join(' AND ')}` : '';
  const total =
    db
      .prepare<(string | number)[], number>(
        `SELECT count(*) FROM requests${filter}`,
      )
      .pluck()
      .get(...params) ?? 0;
  const requests = db
    .prepare<(string | number)[], string>(
      `SELECT record FROM requests${filter}
       ORDER BY requested_at DESC, service_request_id DESC LIMIT ? OFFSET ?`,
    )
    .pluck()
    .all(...params, query.limit, query.offset)
    .map((json) => JSON.parse(json) as SyncRequest);

  return { requests, total };
}
