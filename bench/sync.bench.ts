// The sync benchmark: initial sync of 100,000 open requests over loopback
// HTTP against a bare local insert, live change latency, intent ack
// latency and memory. The central API runs in this process.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import Database from 'better-sqlite3';

import { createLogger } from '../src/main/log/logger';
import { openStore } from '../src/main/store/store';
import {
  confirmedValues,
  syncRequestColumns,
} from '../src/main/store/sync-request-row';
import { createCentralClient } from '../src/main/sync/central-client';
import { createIntentCommands } from '../src/main/sync/intent-commands';
import { createSyncEngine } from '../src/main/sync/sync-engine';
import { createCentralServer } from '../src/server/central-server';
import type { NewRequest } from '../src/server/storage/central-store';
import type { SyncRequest } from '../src/shared/sync-protocol';
import type { Emit } from './run';
import { percentile, syntheticRequests } from './synthetic-requests';

const ROWS = 100_000;
const SAMPLES = 60;
const user = { userId: 'bench', name: 'Bench', role: 'dispatcher' as const };
const password = 'bench password 1';

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

/** The floor: the same rows inserted into the same local schema, bare. */
function rawInsertSeconds(path: string, rows: SyncRequest[]): number {
  openStore(path).close();
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  const insert = db.prepare(
    `INSERT INTO requests (${syncRequestColumns.join(', ')})
     VALUES (${syncRequestColumns.map(() => '?').join(', ')})`,
  );

  const started = performance.now();
  db.transaction(() => {
    for (const row of rows) insert.run(confirmedValues(row));
  })();
  const seconds = (performance.now() - started) / 1000;
  db.close();
  return seconds;
}

async function until(check: () => boolean, ms = 10_000): Promise<void> {
  const started = performance.now();
  while (!check()) {
    if (performance.now() - started > ms) throw new Error('timed out');
    await new Promise((done) => setImmediate(done));
  }
}

export async function runSyncBench(emit: Emit): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'sd-sync-bench-'));
  const logger = createLogger({ level: 'error' });
  const server = await createCentralServer({
    dataDir: join(dir, 'central'),
    port: 0,
    logger,
    users: [{ ...user, password }],
  });

  try {
    const requests = await newRequests(ROWS);
    await server.store.transaction((tx) => tx.insertRequests(requests));

    const session = await createCentralClient({
      baseUrl: server.url,
      token: () => null,
    }).signIn(user.userId, password);
    const store = openStore(join(dir, 'console.db'));
    const client = createCentralClient({
      baseUrl: server.url,
      token: () => session.token,
    });
    const engine = createSyncEngine({
      sync: store.sync,
      client,
      logger,
      signedInAs: () => user,
      serverPush: false,
      checksumIntervalMs: Infinity,
    });

    const started = performance.now();
    if (!(await engine.runCycle({ pull: true }))) {
      throw new Error(`initial sync failed: ${engine.status().lastError}`);
    }
    const seconds = (performance.now() - started) / 1000;
    const loaded = store.countOpenRequests();
    const rss = process.memoryUsage().rss / 1024 / 1024;

    const confirmed = await server.store.listOpenRequests({
      afterId: null,
      limit: ROWS,
      bucket: null,
    });
    const raw = rawInsertSeconds(join(dir, 'raw.db'), confirmed);

    emit({
      metric: 'sync.initial.rows_per_s',
      value: Math.round(loaded / seconds),
      unit: 'rows/s',
      rows: loaded,
      seconds,
    });
    emit({
      metric: 'sync.initial.ratio_to_raw',
      value: Number((raw / seconds).toFixed(3)),
      unit: 'ratio',
      rawSeconds: raw,
    });
    emit({
      metric: 'sync.console_rss_mb',
      value: Math.round(rss),
      unit: 'MB',
      note: 'the central API runs in the same process',
    });

    // Live: server commit until the row is in the console's database.
    const live = createSyncEngine({
      sync: store.sync,
      client,
      logger,
      signedInAs: () => user,
      checksumIntervalMs: Infinity,
    });
    await engine.stop();
    live.start();
    await until(() => live.status().online);
    const ids = confirmed.slice(0, SAMPLES).map((r) => r.serviceRequestId);
    const liveMs: number[] = [];
    for (const [index, id] of ids.entries()) {
      const t0 = performance.now();
      await server.store.transaction((tx) =>
        tx.updateRequest(id, { description: `live ${index}` }),
      );
      await until(() => store.getRequest(id)?.description === `live ${index}`);
      liveMs.push(performance.now() - t0);
    }
    liveMs.sort((a, b) => a - b);
    emit({
      metric: 'sync.live.p95_ms',
      value: Number(percentile(liveMs, 0.95).toFixed(1)),
      unit: 'ms',
      samples: liveMs.length,
    });

    // Intent: recorded on the console until the server acknowledged it.
    const intents = createIntentCommands({
      sync: store.sync,
      now: () => live.clock.now(),
      signedInAs: () => user,
      onRecorded: () => live.kick({ push: true }),
    });
    const ackMs: number[] = [];
    for (const [index, id] of ids.entries()) {
      const t0 = performance.now();
      intents.addNote({
        requestId: id,
        body: `note ${index}`,
        visibility: 'internal',
      });
      await until(() => store.sync.outbox.outboxDepth() === 0);
      ackMs.push(performance.now() - t0);
    }
    ackMs.sort((a, b) => a - b);
    emit({
      metric: 'sync.intent_ack.p95_ms',
      value: Number(percentile(ackMs, 0.95).toFixed(1)),
      unit: 'ms',
      samples: ackMs.length,
    });

    await live.stop();
    store.close();
  } finally {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
