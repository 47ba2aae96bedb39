// The entry of the central API's own process in the benchmarks (forked by
// central-process.ts): seeds the store, serves loopback HTTP, and commits
// server-side changes when the parent asks, reporting when they committed.
import { createCentralServer } from '../src/server/central-server';
import type {
  NewCrew,
  NewRequest,
  RequestPatch,
} from '../src/server/storage/central-store';
import { syntheticRequests } from './synthetic-requests';
import type { ChildConfig, ChildMessage, ParentMessage } from './central-wire';
import { epochNow } from './central-wire';
import { createLogger } from '../src/main/log/logger';

async function newRequests(count: number): Promise<NewRequest[]> {
  const rows = await syntheticRequests(count);
  return rows.map((row) => ({
    serviceRequestId: row.serviceRequestId,
    serviceCode: row.serviceCode,
    serviceName: row.serviceName,
    description: row.description,
    status: 'open',
    statusNotes: row.statusNotes,
    agencyResponsible: row.agencyResponsible,
    requestedAt: row.requestedAt,
    updatedAt: row.updatedAt,
    slaDueAt: row.slaDueAt,
    closedAt: null,
    address: row.address,
    zipcode: row.zipcode,
    lat: row.lat,
    long: row.long,
    mediaUrl: row.mediaUrl,
    queue: row.queue,
    department: row.department,
    neighborhood: row.neighborhood,
    source: row.source,
    closureReason: null,
    workStatus: 'open',
    assignedCrewId: null,
    mergedInto: null,
  }));
}

function crew(id: string, now: number): NewCrew {
  return {
    crewId: id,
    name: `Crew ${id}`,
    depot: 'Frontage Rd',
    depotLat: 42.34,
    depotLong: -71.06,
    lastLat: null,
    lastLong: null,
    status: 'available',
    queues: [],
    shiftStart: now - 3_600_000,
    shiftEnd: now + 8 * 3_600_000,
  };
}

function send(message: ChildMessage): void {
  process.send?.(message);
}

async function main(): Promise<void> {
  const config = JSON.parse(process.argv[2] ?? '{}') as ChildConfig;
  const server = await createCentralServer({
    dataDir: config.dataDir,
    port: 0,
    logger: createLogger({ level: 'error' }),
    users: config.users,
  });

  const requests = await newRequests(config.requests);
  const now = Date.now();
  const crews = Array.from({ length: config.crews }, (_, at) =>
    crew(`CREW-${at}`, now),
  );
  const seedStarted = performance.now();
  await server.store.transaction(async (tx) => {
    await tx.insertRequests(requests);
    if (crews.length > 0) await tx.insertCrews(crews);
  });

  process.on('message', (message: ParentMessage) => {
    if (message.kind === 'close') {
      void server.close().then(() => process.exit(0));
      return;
    }
    const patch: RequestPatch = message.patch;
    void server.store
      .transaction((tx) => tx.updateRequest(message.id, patch))
      .then(() => send({ kind: 'committed', ref: message.ref, at: epochNow() }))
      .catch((error: unknown) =>
        send({ kind: 'failed', ref: message.ref, error: String(error) }),
      );
  });

  send({
    kind: 'ready',
    url: server.url,
    ids: requests.map((request) => request.serviceRequestId),
    seedMs: performance.now() - seedStarted,
  });
}

main().catch((error: unknown) => {
  process.stderr.write(`central process failed: ${String(error)}\n`);
  process.exit(1);
});
