// The console's sync against the real central API, in-process on loopback.
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

import { afterEach, describe, expect, it } from 'vitest';

import { createLogger } from '../../../src/main/log/logger';
import {
  createConsoleServices,
  SECRET_FILE,
  type ConsoleServices,
} from '../../../src/main/services/console-services';
import { createMemorySecretStore } from '../../../src/main/sync/secret-store';
import {
  createCentralServer,
  type CentralServer,
} from '../../../src/server/central-server';
import { crew, request } from './fake-central';

const logger = createLogger({ level: 'error' });
const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function startServer(requests = 30): Promise<CentralServer> {
  const server = await createCentralServer({
    dataDir: ':memory:',
    port: 0,
    logger,
    heartbeatMs: 200,
    users: [
      {
        userId: 'ana',
        name: 'Ana',
        role: 'dispatcher',
        password: 'correct horse 1',
      },
      {
        userId: 'sam',
        name: 'Sam',
        role: 'supervisor',
        password: 'correct horse 2',
      },
    ],
  });
  cleanups.push(() => server.close());
  await server.store.transaction(async (tx) => {
    const { version: _crew, ...c1 } = crew('C1');
    const { version: _crew2, ...c2 } = crew('C2');
    await tx.insertCrews([c1, c2]);
    await tx.insertRequests(
      Array.from({ length: requests }, (_, i) => {
        const { version: _v, ...fields } = request(
          `R${String(i).padStart(3, '0')}`,
        );
        return fields;
      }),
    );
  });
  return server;
}

async function startConsole(
  server: CentralServer,
  user = 'ana',
  fileSecrets = false,
) {
  const dir = mkdtempSync(join(tmpdir(), 'sd-sync-'));
  const services: ConsoleServices = await createConsoleServices({
    dataDir: dir,
    resourcesDir: resolve(__dirname, '../../../resources'),
    mode: 'browser',
    logger,
    version: 'test',
    secretStore: fileSecrets ? undefined : createMemorySecretStore(),
    sync: { pullIntervalMs: 60_000 },
  });
  cleanups.push(() => {
    services.close();
    rmSync(dir, { recursive: true, force: true });
  });
  const { handlers } = services;
  await handlers.saveSettings({ centralUrl: server.url });
  const password = user === 'ana' ? 'correct horse 1' : 'correct horse 2';
  await handlers.signIn({ username: user, password });
  return { ...services, dir };
}

async function until<T>(
  read: () => Promise<T> | T,
  ok: (value: T) => boolean,
  ms = 5_000,
) {
  const started = Date.now();
  for (;;) {
    const value = await read();
    if (ok(value)) return value;
    if (Date.now() - started > ms)
      throw new Error(`timed out; last value ${JSON.stringify(value)}`);
    await new Promise((done) => setTimeout(done, 10));
  }
}

describe('sync against the real central API', () => {
  it('signs in, loads the open set and keeps the token out of the data folder', async () => {
    const server = await startServer(30);
    const { handlers, dir } = await startConsole(server, 'ana', true);

    const status = await until(
      () => handlers.getSyncStatus(undefined),
      (s) => s.initialSync.done && s.online,
    );
    expect(status.signedInAs).toMatchObject({
      userId: 'ana',
      role: 'dispatcher',
    });
    expect((await handlers.getAppInfo(undefined)).openRequests).toBe(30);
    expect((await handlers.listCrews(undefined)).map((c) => c.crewId)).toEqual([
      'C1',
      'C2',
    ]);
    expect(statSync(join(dir, SECRET_FILE)).mode & 0o777).toBe(0o600);
  });

  it('sends an assignment; a stale one from a second console is its conflict', async () => {
    const server = await startServer(5);
    const first = await startConsole(server);
    const second = await startConsole(server);
    for (const c of [first, second]) {
      await until(
        () => c.handlers.getSyncStatus(undefined),
        (s) => s.initialSync.done,
      );
    }

    // Both saw R001 at the same version: one assignment wins, the other
    // console gets a conflict and converges on the winner.
    await first.handlers.assignCrew({ requestId: 'R001', crewId: 'C1' });
    await second.handlers.assignCrew({ requestId: 'R001', crewId: 'C2' });
    const [a, b] = await Promise.all(
      [first, second].map((c) =>
        until(
          () =>
            Promise.all([
              c.handlers.getSyncStatus(undefined),
              c.handlers.listConflicts(undefined),
            ]),
          ([s]) => s.outboxDepth === 0,
        ),
      ),
    );
    const conflicts = [...(a?.[1] ?? []), ...(b?.[1] ?? [])];
    expect(conflicts).toHaveLength(1);
    const loser = (a?.[1].length ?? 0) === 1 ? first : second;
    const winnerCrew = loser === first ? 'C2' : 'C1';
    expect(conflicts[0]?.summary).toMatch(
      /^Assign crew C[12] to request R001$/,
    );
    expect(conflicts[0]?.reason.length).toBeGreaterThan(10);

    expect((await server.store.getRequest('R001'))?.assignedCrewId).toBe(
      winnerCrew,
    );
    for (const c of [first, second]) {
      await until(
        () => c.handlers.getRequestDispatch('R001'),
        (view) => view?.assignedCrewId === winnerCrew && !view.pending,
      );
    }
    const seq = conflicts[0]?.seq ?? 0;
    expect((await loser.handlers.dismissConflict({ seq })).dismissed).toBe(
      true,
    );
    expect(await loser.handlers.listConflicts(undefined)).toEqual([]);
  });

  it('gives a console that joins later the notes and history made before it', async () => {
    const server = await startServer(3);
    const first = await startConsole(server);
    await until(
      () => first.handlers.getSyncStatus(undefined),
      (s) => s.initialSync.done,
    );
    await first.handlers.assignCrew({ requestId: 'R001', crewId: 'C1' });
    await first.handlers.addNote({
      requestId: 'R001',
      body: 'Cones placed; <b>deep</b> hole',
      visibility: 'public',
    });
    // Both are confirmed, and the feed has brought the history back.
    const seen = await until(
      () => first.handlers.getRequestActivity('R001'),
      (activity) =>
        activity.notes.length === 1 &&
        !activity.notes[0]!.pending &&
        activity.history.some((entry) => entry.action === 'assigned'),
    );

    const later = await startConsole(server, 'sam');
    await until(
      () => later.handlers.getSyncStatus(undefined),
      (s) => s.initialSync.done,
    );
    const got = await later.handlers.getRequestActivity('R001');
    expect(got.notes).toEqual(seen.notes);
    // The same entries; made here for the first, elsewhere for the later.
    const unplaced = (history: typeof seen.history) =>
      history.map(({ fromThisConsole: _here, ...entry }) => entry);
    expect(unplaced(got.history)).toEqual(unplaced(seen.history));
    expect(seen.history.every((entry) => entry.fromThisConsole)).toBe(true);
    expect(got.history.some((entry) => entry.fromThisConsole)).toBe(false);
    expect(got.history[0]?.consoleId).toBe(seen.history[0]?.consoleId);
  });

  it('counts in its SLA view the requests closed before it joined', async () => {
    const server = await startServer(2);
    const now = Date.now();
    const closed = (id: string, patch: object) => {
      const { version: _v, ...fields } = request(id);
      return {
        ...fields,
        status: 'closed' as const,
        workStatus: 'closed' as const,
        closedAt: now - 3_600_000,
        // Due a moment from now: inside today and this week, whenever run.
        slaDueAt: now + 60_000,
        ...patch,
      };
    };
    await server.store.transaction((tx) =>
      tx.insertRequests([
        closed('ONTIME', {}),
        closed('MERGED', { mergedInto: 'R000' }),
        closed('LONGAGO', { slaDueAt: now - 30 * 86_400_000 }),
      ]),
    );

    const { handlers } = await startConsole(server);
    await until(
      () => handlers.getSyncStatus(undefined),
      (s) => s.initialSync.done,
    );
    const stats = await handlers.getSlaStats({ now: Date.now() });
    expect(stats.today.total).toMatchObject({ met: 1, breached: 0 });
    expect(stats.week.total.met).toBe(1);
    expect(stats.week.byQueue).toContainEqual(
      expect.objectContaining({ name: 'PWDx', met: 1 }),
    );
  });

  it('brings a server change into the console database through server push', async () => {
    const server = await startServer(3);
    const { handlers } = await startConsole(server);
    await until(
      () => handlers.getSyncStatus(undefined),
      (s) => s.initialSync.done && s.online,
    );

    await server.store.transaction((tx) =>
      tx.updateRequest('R002', { description: 'Now a sinkhole' }),
    );
    await until(
      () => handlers.getRequest('R002'),
      (value) => value?.description === 'Now a sinkhole',
      2_000,
    );
  });
});
