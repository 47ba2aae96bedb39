// The central API's benchmark: 20 consoles pushing intents at once over
// loopback HTTP, plus the server's side of an initial sync (snapshot pages
// and the change feed) at 100,000 open requests. The server runs in its own
// process, so the consoles' HTTP work does not share its thread. Run
// through `npm run bench`.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import type {
  ChangesPage,
  IntentBatchResponse,
  SnapshotPage,
} from '../src/shared/sync-protocol';
import { startCentralProcess } from './central-process';
import type { Emit } from './run';
import { percentile } from './synthetic-requests';

const REQUESTS = 100_000;
const CONSOLES = 20;
const INTENTS_PER_CONSOLE = 100;
const PAGE = 5_000;
const PASSWORD = 'bench password, not secret';

export async function runServerBench(emit: Emit): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'streetdesk-server-bench-'));
  // Seeding (and reading the seed CSV) happens in the server's process.
  const server = await startCentralProcess({
    dataDir: dir,
    requests: REQUESTS,
    crews: 10,
    users: [
      {
        userId: 'bench',
        name: 'Bench',
        role: 'supervisor',
        password: PASSWORD,
      },
    ],
  });
  emit({
    metric: 'server.seed.rows_per_s',
    value: Math.round(REQUESTS / (server.seedMs / 1000)),
    unit: 'rows/s',
  });
  const ids = server.ids;

  try {
    const signIn = await fetch(`${server.url}/staff/v2/sign-in`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ username: 'bench', password: PASSWORD }),
    });
    const { token } = (await signIn.json()) as { token: string };
    const get = async <T>(path: string): Promise<T> => {
      const response = await fetch(`${server.url}${path}`, {
        headers: { Authorization: `Bearer ${token}` },
      });
      return (await response.json()) as T;
    };

    // The server's half of an initial sync: every snapshot page, parsed.
    let started = performance.now();
    let afterId: string | null = null;
    let loaded = 0;
    do {
      const query: string = afterId === null ? '' : `&afterId=${afterId}`;
      const page: SnapshotPage = await get(
        `/staff/v2/snapshot?limit=${PAGE}${query}`,
      );
      loaded += page.requests.length;
      afterId = page.nextAfterId;
    } while (afterId !== null);
    emit({
      metric: 'server.snapshot.rows_per_s',
      value: Math.round(loaded / ((performance.now() - started) / 1000)),
      unit: 'rows/s',
      rows: loaded,
    });

    // The feed keeps the newest 100,000 changes: pull all that are kept.
    started = performance.now();
    const reset = await fetch(`${server.url}/staff/v2/changes?after=0`, {
      headers: { Authorization: `Bearer ${token}` },
    });
    const { oldestSeq } = (await reset.json()) as { oldestSeq?: number };
    let after = Math.max(0, (oldestSeq ?? 1) - 1);
    let pulled = 0;
    for (;;) {
      const page: ChangesPage = await get(
        `/staff/v2/changes?after=${after}&limit=${PAGE}`,
      );
      pulled += page.changes.length;
      after = page.changes.at(-1)?.seq ?? after;
      if (!page.hasMore) break;
    }
    emit({
      metric: 'server.changes.rows_per_s',
      value: Math.round(pulled / ((performance.now() - started) / 1000)),
      unit: 'changes/s',
      changes: pulled,
    });

    // 20 consoles, each sending its intents one by one as a user makes them.
    const latencies: number[] = [];
    const pushConsole = async (index: number) => {
      const versions = new Map<string, number>();
      for (let seq = 1; seq <= INTENTS_PER_CONSOLE; seq += 1) {
        const requestId = ids[index * 1_000 + (seq % 50)] ?? '';
        const version = versions.get(requestId) ?? 1;
        const intent =
          seq % 2 === 0
            ? {
                type: 'assign',
                requestId,
                crewId: `CREW-${seq % 10}`,
                expectedVersion: version,
              }
            : {
                type: 'add_note',
                requestId,
                noteId: `bench-${index}-${seq}`,
                body: 'Crew on the way',
                visibility: 'internal',
              };

        const sent = performance.now();
        const response = await fetch(`${server.url}/staff/v2/intents`, {
          method: 'POST',
          headers: {
            'Content-Type': 'application/json',
            Authorization: `Bearer ${token}`,
          },
          body: JSON.stringify({
            consoleId: `bench-console-${index}`,
            intents: [{ seq, createdAt: Date.now(), ...intent }],
          }),
        });
        const answer = (await response.json()) as IntentBatchResponse;
        latencies.push(performance.now() - sent);

        if (answer.results[0]?.outcome !== 'applied') {
          throw new Error(
            `bench intent not applied: ${JSON.stringify(answer)}`,
          );
        }
        if (intent.type === 'assign') versions.set(requestId, version + 1);
      }
    };

    // One console alone first: the online acknowledgement time.
    await pushConsole(CONSOLES);
    latencies.sort((a, b) => a - b);
    emit({
      metric: 'server.intent_ack.p95_ms',
      value: Number(percentile(latencies, 0.95).toFixed(1)),
      unit: 'ms',
      p50_ms: Number(percentile(latencies, 0.5).toFixed(1)),
      intents: latencies.length,
    });
    latencies.length = 0;

    started = performance.now();
    await Promise.all(
      Array.from({ length: CONSOLES }, (_, at) => pushConsole(at)),
    );
    const seconds = (performance.now() - started) / 1000;
    latencies.sort((a, b) => a - b);

    emit({
      metric: 'server.intents_per_s',
      value: Math.round((CONSOLES * INTENTS_PER_CONSOLE) / seconds),
      unit: 'intents/s',
      consoles: CONSOLES,
      intents: CONSOLES * INTENTS_PER_CONSOLE,
      p50_ms: Number(percentile(latencies, 0.5).toFixed(1)),
      p95_ms: Number(percentile(latencies, 0.95).toFixed(1)),
    });
  } finally {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
