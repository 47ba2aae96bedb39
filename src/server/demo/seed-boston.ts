// Fills an empty central store with the Boston requests that were open at
// the demo anchor (the 2015 moment matching now's weekday and time of day),
// every time shifted so they are open now with live SLA due times.
import { readBostonCsv } from '../../main/import/boston-csv-rows';
import { demoAnchorFor } from '../../main/import/demo-seed';
import type { StoredRequest } from '../../main/store/stored-request';
import { syncRequestSchema } from '../../shared/sync-protocol';
import type {
  CentralStore,
  NewCrew,
  NewRequest,
} from '../storage/central-store';

export type BostonSeedOptions = {
  csvPath: string;
  /** The instant the demo treats as the present, epoch ms. */
  now: number;
  /** The demo's crews, e.g. `bostonCrews(now)` from ./crews. */
  crews?: readonly NewCrew[];
};

export type BostonSeedResult = {
  status: 'seeded' | 'store-not-empty';
  requests: number;
  crews: number;
  /** Rows the CSV reader or the wire schema refused. */
  badRows: number;
  /** now - anchor: add it to a 2015 time to place it in the demo. */
  shiftMs: number;
  anchor2015: string;
};

function openAt(request: StoredRequest, instant: number): boolean {
  return (
    request.requestedAt <= instant &&
    (request.closedAt === null || request.closedAt > instant)
  );
}

/** The request as it stood at the anchor, moved to the present. */
export function shiftedToNow(
  request: StoredRequest,
  shiftMs: number,
): NewRequest {
  return {
    serviceRequestId: request.serviceRequestId,
    serviceCode: request.serviceCode,
    serviceName: request.serviceName,
    description: request.description,
    status: 'open',
    statusNotes: null,
    agencyResponsible: request.agencyResponsible,
    requestedAt: request.requestedAt + shiftMs,
    updatedAt: null,
    slaDueAt: request.slaDueAt === null ? null : request.slaDueAt + shiftMs,
    closedAt: null,
    address: request.address,
    zipcode: request.zipcode,
    lat: request.lat,
    long: request.long,
    mediaUrl: request.mediaUrl,
    queue: request.queue,
    department: request.department,
    neighborhood: request.neighborhood,
    source: request.source,
    closureReason: null,
    workStatus: 'open',
    assignedCrewId: null,
    mergedInto: null,
  };
}

export async function seedBoston(
  store: CentralStore,
  options: BostonSeedOptions,
): Promise<BostonSeedResult> {
  const anchor = demoAnchorFor(options.now);
  const shiftMs = options.now - anchor;
  const anchor2015 = new Date(anchor).toISOString();

  if ((await store.countRequests()) > 0) {
    return {
      status: 'store-not-empty',
      requests: 0,
      crews: 0,
      badRows: 0,
      shiftMs,
      anchor2015,
    };
  }

  const open: NewRequest[] = [];
  let badRows = 0;
  for await (const rows of readBostonCsv(options.csvPath)) {
    for (const row of rows) {
      if (!row.ok) badRows += 1;
      else if (openAt(row.request, anchor)) {
        const request = shiftedToNow(row.request, shiftMs);
        // A row the wire schema refuses (say, a 5,000-character title)
        // would make the store refuse the whole seed: leave it out.
        if (syncRequestSchema.safeParse({ ...request, version: 1 }).success) {
          open.push(request);
        } else badRows += 1;
      }
    }
  }

  const crews = options.crews ?? [];
  await store.transaction(async (tx) => {
    await tx.insertRequests(open);
    await tx.insertCrews(crews);
  });

  return {
    status: 'seeded',
    requests: open.length,
    crews: crews.length,
    badRows,
    shiftMs,
    anchor2015,
  };
}
