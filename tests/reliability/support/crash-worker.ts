// A console in its own process, for the crash-point test: it opens the
// console services on a data folder, signs in to the central API, and
// keeps recording intents while it syncs, until it is killed. It writes
// "saved ..." on stdout only after an intent's local transaction has
// committed: what the user saw as saved. With `final`, it records nothing
// new, waits until the outbox has drained and exits cleanly.
import { existsSync } from 'node:fs';
import { join } from 'node:path';

import Database from 'better-sqlite3';

import { createLogger } from '../../../src/main/log/logger';
import { createConsoleServices } from '../../../src/main/services/console-services';
import type { SyncStatus } from '../../../src/shared/contract';
import { seededRandom } from '../../support/seeded-random';
import {
  dispatchRequestsForRun,
  NOTE_REQUESTS,
  type WorkerConfig,
} from './crash-plan';

const config = JSON.parse(process.argv[2] ?? '{}') as WorkerConfig;
const say = (line: string) => process.stdout.write(`${line}\n`);
const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

/**
 * The database as the last killed run left it, checked before anything
 * opens it: "integrity ok", or what SQLite found.
 */
function checkLeftBehind(): void {
  const path = join(config.dataDir, 'streetdesk.db');
  if (!existsSync(path)) return;
  // Opened as the console would: a WAL the kill left is recovered first.
  const db = new Database(path);
  try {
    const found = db.pragma('integrity_check', { simple: true });
    say(`integrity ${String(found)}`);
  } finally {
    db.close();
  }
}

async function main(): Promise<void> {
  checkLeftBehind();
  const logger = createLogger({ level: 'info', console: true });
  const services = await createConsoleServices({
    dataDir: config.dataDir,
    resourcesDir: config.dataDir,
    mode: 'browser',
    logger,
    version: 'crash-worker',
    seedDemo: false,
    central: { url: config.url, signIn: config.signIn },
    sync: { pullIntervalMs: 200 },
  });
  const { handlers } = services;
  const status = async (): Promise<SyncStatus> =>
    handlers.getSyncStatus(undefined);
  say('open');

  while (!(await status()).initialSync.done) await sleep(2);
  say('synced');

  if (config.final) {
    await drain(status);
    say('drained');
    services.close();
    return;
  }

  // The console id names this console's notes (`<consoleId>:n<seq>`).
  const db = new Database(join(config.dataDir, 'streetdesk.db'), {
    readonly: true,
  });
  const consoleId = () =>
    db
      .prepare<[], string>(
        "SELECT value FROM sync_state WHERE key = 'console_id'",
      )
      .pluck()
      .get() ?? '?';

  const random = seededRandom(config.seed);
  const startedAt = (await handlers.getServerTime(undefined)).now;
  const untouched = new Set(dispatchRequestsForRun(config.run));
  let pulledSinceStart = false;

  for (let i = 0; ; i += 1) {
    if (!pulledSinceStart) {
      const lastSyncAt = (await status()).lastSyncAt;
      pulledSinceStart = lastSyncAt !== null && lastSyncAt >= startedAt;
    }

    const requestId = [...untouched][0];
    if (pulledSinceStart && requestId !== undefined && random() < 0.3) {
      untouched.delete(requestId);
      const view = await handlers.getRequestDispatch(requestId);
      if (view === null) throw new Error(`request ${requestId} is missing`);

      if (random() < 0.5) {
        const crewId = view.assignedCrewId === 'C1' ? 'C2' : 'C1';
        const { seq } = await handlers.assignCrew({ requestId, crewId });
        say(`saved ${seq} assign ${requestId} -`);
      } else {
        const next = view.workStatus === 'in_progress' ? 'open' : 'in_progress';
        const { seq } = await handlers.setRequestStatus({
          requestId,
          status: next,
          reason: null,
        });
        say(`saved ${seq} set_status ${requestId} -`);
      }
    } else {
      const target =
        NOTE_REQUESTS[Math.floor(random() * NOTE_REQUESTS.length)] ?? '';
      const { seq } = await handlers.addNote({
        requestId: target,
        body: `Crash run ${config.run}, note ${i}`,
        visibility: 'internal',
      });
      say(`saved ${seq} add_note ${target} ${consoleId()}:n${seq}`);
    }

    await sleep(1 + Math.floor(random() * 4));
  }
}

/** Waits until every intent is acknowledged and a pull has followed. */
async function drain(status: () => Promise<SyncStatus>): Promise<void> {
  const deadline = Date.now() + 30_000;
  let since: number | null = null;

  for (;;) {
    const now = await status();
    if (now.outboxDepth === 0 && now.online && now.lastError === null) {
      since ??= now.lastSyncAt ?? 0;
      if ((now.lastSyncAt ?? 0) > since) return;
    }
    if (Date.now() > deadline) {
      throw new Error(
        `the outbox did not drain in 30 s: ${JSON.stringify(now)}`,
      );
    }
    await sleep(20);
  }
}

main().catch((error: unknown) => {
  process.stderr.write(
    `crash worker failed: ${error instanceof Error ? error.stack : String(error)}\n`,
  );
  process.exit(1);
});
