// The Boston 2015 stream as a schedule of events after a chosen moment
// (the anchor): requests opening, and cases closing as they really closed.
import { readBostonCsv } from '../../main/import/boston-csv-rows';
import type { StoredRequest } from '../../main/store/stored-request';
import type { SyncRequest } from '../../shared/sync-protocol';

/** A request as the replay hands it to the store: no dispatch state yet. */
export type ReplayedRequest = Omit<
  SyncRequest,
  'workStatus' | 'assignedCrewId' | 'mergedInto' | 'version'
>;

export type ReplayEvent = {
  /** When it happened in 2015, epoch ms. */
  at2015: number;
  kind: 'open' | 'close';
  /** The request with its 2015 times. */
  request: ReplayedRequest;
};

export type ReplaySchedule = { anchor2015: number; events: ReplayEvent[] };

/** The longest texts the sync protocol carries (see syncRequestSchema). */
const LIMITS: Partial<Record<keyof ReplayedRequest, number>> = {
  serviceCode: 200,
  serviceName: 200,
  description: 4000,
  statusNotes: 4000,
  agencyResponsible: 200,
  address: 400,
  zipcode: 20,
  mediaUrl: 2048,
  queue: 200,
  department: 200,
  neighborhood: 200,
  source: 200,
  closureReason: 1000,
};

/** The request's fields, cut to what the protocol carries. */
export function toReplayedRequest(stored: StoredRequest): ReplayedRequest {
  const request: ReplayedRequest = {
    serviceRequestId: stored.serviceRequestId,
    serviceCode: stored.serviceCode,
    serviceName: stored.serviceName,
    description: stored.description,
    status: stored.status,
    statusNotes: stored.statusNotes,
    agencyResponsible: stored.agencyResponsible,
    requestedAt: stored.requestedAt,
    updatedAt: stored.updatedAt,
    slaDueAt: stored.slaDueAt,
    closedAt: stored.closedAt,
    address: stored.address,
    zipcode: stored.zipcode,
    lat: stored.lat,
    long: stored.long,
    mediaUrl: stored.mediaUrl,
    queue: stored.queue,
    department: stored.department,
    neighborhood: stored.neighborhood,
    source: stored.source,
    closureReason: stored.closureReason,
  };

  for (const [field, max] of Object.entries(LIMITS)) {
    const key = field as keyof ReplayedRequest;
    const value = request[key];
    if (typeof value === 'string' && value.length > max) {
      (request as Record<string, unknown>)[key] = value.slice(0, max);
    }
  }

  return request;
}

function compareEvents(a: ReplayEvent, b: ReplayEvent): number {
  if (a.at2015 !== b.at2015) return a.at2015 - b.at2015;
  // A case closed the instant it opened must still open first.
  if (a.kind !== b.kind) return a.kind === 'open' ? -1 : 1;
  const idA = a.request.serviceRequestId;
  const idB = b.request.serviceRequestId;

  return idA < idB ? -1 : idA > idB ? 1 : 0;
}

/**
 * The events after the anchor, in the order they happened: an open for
 * each request opened after it, a close for each case closed after it
 * (which was open at the anchor or opened after it).
 */
export function buildReplaySchedule(
  rows: Iterable<StoredRequest>,
  anchor2015: number,
): ReplaySchedule {
  const events: ReplayEvent[] = [];

  for (const row of rows) {
    const opensLater = row.requestedAt > anchor2015;
    const closesLater = row.closedAt !== null && row.closedAt > anchor2015;
    if (!opensLater && !closesLater) continue;

    const request = toReplayedRequest(row);
    if (opensLater) {
      events.push({ at2015: row.requestedAt, kind: 'open', request });
    }
    if (closesLater) {
      events.push({ at2015: row.closedAt!, kind: 'close', request });
    }
  }

  return { anchor2015, events: events.sort(compareEvents) };
}

/**
 * The requests open at the anchor, as they looked then, moved in time so
 * the anchor falls on `now`: the state a replay starts from.
 */
export function openAtAnchor(
  rows: Iterable<StoredRequest>,
  anchor2015: number,
  now: number,
): ReplayedRequest[] {
  const shift = now - anchor2015;
  const open: ReplayedRequest[] = [];

  for (const row of rows) {
    if (row.requestedAt > anchor2015) continue;
    if (row.closedAt !== null && row.closedAt <= anchor2015) continue;
    if (row.closedAt === null && row.status === 'closed') continue;

    const request = toReplayedRequest(row);
    open.push({
      ...request,
      status: 'open',
      requestedAt: request.requestedAt + shift,
      slaDueAt: request.slaDueAt === null ? null : request.slaDueAt + shift,
      updatedAt: null,
      closedAt: null,
      closureReason: null,
    });
  }

  return open;
}

/** The usable requests of a Boston 311 CSV export (plain or gzip). */
export async function readBostonRequests(
  csvPath: string,
): Promise<StoredRequest[]> {
  const requests: StoredRequest[] = [];
  for await (const rows of readBostonCsv(csvPath)) {
    for (const row of rows) if (row.ok) requests.push(row.request);
  }

  return requests;
}
