// The pull side: the change feed, snapshot pages and the checksum.
import { z } from 'zod';

import { encodeDictionary } from '../../../shared/snapshot-dictionary';
import { bucketDigests, digestOf } from '../../../shared/sync-checksum';
import {
  CLOSURES_WINDOW_MS,
  SNAPSHOT_NEXT_HEADER,
  SNAPSHOT_TOTAL_HEADER,
  SYNC_REQUEST_FIELDS,
  type Checksum,
} from '../../../shared/sync-protocol';
import { parseQuery, wholeNumber } from '../query-params';
import { sendError, sendJson, sendJsonBytes, sendJsonText } from '../respond';
import type { SignedInCall } from '../staff-api';

export const MAX_PAGE = 5_000;
export const DEFAULT_PAGE = 1_000;

const changesQuery = z
  .object({
    after: wholeNumber(0, Number.MAX_SAFE_INTEGER),
    limit: wholeNumber(1, MAX_PAGE).optional(),
  })
  .strict();

const snapshotQuery = z
  .object({
    afterId: z
      .string()
      .regex(/^[A-Za-z0-9_.:-]{1,64}$/, 'an id is 1-64 letters, digits or _.:-')
      .optional(),
    limit: wholeNumber(1, MAX_PAGE).optional(),
    bucket: wholeNumber(0, 63).optional(),
    // Named in sync-protocol.ts's comment; crews alone, or requests alone.
    entity: z.enum(['requests', 'crews']).optional(),
  })
  .strict();

export async function getChanges(call: SignedInCall): Promise<void> {
  const { res, api } = call;
  const query = parseQuery(call.url, changesQuery);
  if (!query.ok) return sendError(res, 400, 'invalid_query', query.description);

  const { after } = query.value;
  const limit = query.value.limit ?? DEFAULT_PAGE;
  const { store } = api;

  const window = await store.changeWindow();
  const tooOld = window.oldestSeq > 0 && after + 1 < window.oldestSeq;
  if (tooOld || after > window.lastSeq) {
    const description = tooOld
      ? `The server keeps changes from seq ${window.oldestSeq} on, and you ` +
        `asked after ${after}; reload from snapshot pages, then pull after their seq.`
      : `Seq ${after} is beyond the server's last change ${window.lastSeq} ` +
        '(the server was reset?); reload from snapshot pages.';
    return sendError(res, 410, 'reset_required', description, {
      oldestSeq: window.oldestSeq,
    });
  }

  const changes = await store.listChangesEncoded(after, limit);
  const lastShown = after + changes.length;
  const lastSeq = Math.max(window.lastSeq, lastShown);

  // The stored changes are already JSON: the page is assembled, not encoded.
  sendJsonText(
    res,
    `{"changes":[${changes.join(',')}],"lastSeq":${lastSeq},` +
      `"hasMore":${lastShown < lastSeq},"serverTime":${api.now()}}`,
  );
}

const FIELDS_JSON = JSON.stringify(SYNC_REQUEST_FIELDS);

export async function getSnapshot(call: SignedInCall): Promise<void> {
  const { res, api } = call;
  const query = parseQuery(call.url, snapshotQuery);
  if (!query.ok) return sendError(res, 400, 'invalid_query', query.description);

  const afterId = query.value.afterId ?? null;
  const limit = query.value.limit ?? DEFAULT_PAGE;
  const entity = query.value.entity;
  const { store } = api;

  const seq = (await store.changeWindow()).lastSeq;
  const bucket = query.value.bucket ?? null;
  const wantsRequests = entity !== 'crews';
  const crews =
    entity !== 'requests' && afterId === null ? await store.listCrews() : [];

  if (call.version >= 4) {
    // Protocol 4: rows whose short-list fields point into the page's
    // dictionary (src/shared/snapshot-dictionary.ts).
    const page = wantsRequests
      ? await store.openRequestsPageValues({ afterId, limit, bucket })
      : null;
    const rows = page?.rows ?? [];
    const dictionary = encodeDictionary(rows);
    const nextAfterId = page?.more ? page.lastId : null;
    // A whole snapshot's first page counts the open set, for progress.
    const total =
      wantsRequests && afterId === null && bucket === null
        ? await store.countOpenRequests()
        : null;
    const body = {
      seq,
      fields: SYNC_REQUEST_FIELDS,
      dictionary,
      rows,
      crews,
      nextAfterId,
      serverTime: api.now(),
    };
    return sendJsonBytes(
      res,
      Buffer.from(JSON.stringify(body)),
      snapshotHeaders(nextAfterId, total),
    );
  }

  // Protocol 3 sends snapshot requests as rows; 1 and 2 as objects.
  const shape = call.version >= 3 ? 'rows' : 'objects';
  const page = wantsRequests
    ? await store.openRequestsPageEncoded({ afterId, limit, bucket }, shape)
    : null;
  const nextAfterId = page?.more ? page.lastId : null;

  // The requests' bytes go out as the store joined them.
  sendJsonBytes(
    res,
    Buffer.concat([
      Buffer.from(
        shape === 'rows'
          ? `{"seq":${seq},"fields":${FIELDS_JSON},"rows":[`
          : `{"seq":${seq},"requests":[`,
      ),
      page?.json ?? Buffer.alloc(0),
      Buffer.from(
        `],"crews":${JSON.stringify(crews)},` +
          `"nextAfterId":${JSON.stringify(nextAfterId)},` +
          `"serverTime":${api.now()}}`,
      ),
    ]),
    snapshotHeaders(nextAfterId, null),
  );
}

/** The next page's cursor ahead of the body, and the open count if given. */
function snapshotHeaders(
  nextAfterId: string | null,
  openTotal: number | null,
): Record<string, string> {
  const headers: Record<string, string> = {};
  if (nextAfterId !== null) headers[SNAPSHOT_NEXT_HEADER] = nextAfterId;
  if (openTotal !== null) headers[SNAPSHOT_TOTAL_HEADER] = String(openTotal);
  return headers;
}

const activityQuery = z
  .object({
    kind: z.enum(['notes', 'history']),
    after: wholeNumber(0, Number.MAX_SAFE_INTEGER).optional(),
    limit: wholeNumber(1, MAX_PAGE).optional(),
  })
  .strict();

/** Open requests' notes or history, for a console loading a snapshot. */
export async function getActivity(call: SignedInCall): Promise<void> {
  const { res, api } = call;
  const query = parseQuery(call.url, activityQuery);
  if (!query.ok) return sendError(res, 400, 'invalid_query', query.description);

  const { kind } = query.value;
  const page = await api.store.openActivityPage(
    kind,
    query.value.after ?? 0,
    query.value.limit ?? DEFAULT_PAGE,
  );
  sendJson(res, 200, {
    [kind]: page.items,
    next: page.next,
    serverTime: api.now(),
  });
}

const closuresQuery = z
  .object({
    afterId: snapshotQuery.shape.afterId,
    limit: wholeNumber(1, MAX_PAGE).optional(),
  })
  .strict();

/** Recently due requests the city closed, for a console's SLA view. */
export async function getClosures(call: SignedInCall): Promise<void> {
  const { res, api } = call;
  const query = parseQuery(call.url, closuresQuery);
  if (!query.ok) return sendError(res, 400, 'invalid_query', query.description);

  const now = api.now();
  const page = await api.store.closuresPage({
    from: now - CLOSURES_WINDOW_MS,
    to: now + CLOSURES_WINDOW_MS,
    afterId: query.value.afterId ?? null,
    limit: query.value.limit ?? DEFAULT_PAGE,
  });
  sendJson(res, 200, { ...page, serverTime: now });
}

export async function getChecksum(call: SignedInCall): Promise<void> {
  const { res, api } = call;
  const query = parseQuery(call.url, z.object({}).strict());
  if (!query.ok) return sendError(res, 400, 'invalid_query', query.description);

  // One transaction, so the digests are of the open set at exactly `seq`.
  const { seq, versions, crews } = await api.store.transaction(async (tx) => ({
    seq: (await tx.changeWindow()).lastSeq,
    versions: await tx.listOpenVersions(),
    crews: await tx.listCrews(),
  }));

  const checksum: Checksum = {
    seq,
    requestCount: versions.length,
    requestBuckets: bucketDigests(versions),
    crews: digestOf(
      crews.map((crew) => ({ id: crew.crewId, version: crew.version })),
    ),
    serverTime: api.now(),
  };
  sendJson(res, 200, checksum);
}
