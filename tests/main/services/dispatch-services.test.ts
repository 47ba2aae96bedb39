// The dispatch services (suggestions, bulk assignment, activity, nearby)
// against the real central API, in-process on loopback.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

import { afterEach, describe, expect, it } from 'vitest';

import { createLogger } from '../../../src/main/log/logger';
import {
  createConsoleServices,
  NEARBY_METRES,
  type ConsoleServices,
} from '../../../src/main/services/console-services';
import { createMemorySecretStore } from '../../../src/main/sync/secret-store';
import { createCentralServer } from '../../../src/server/central-server';
import type { Crew, SyncRequest } from '../../../src/shared/sync-protocol';
import { crew, request } from '../sync/fake-central';

const logger = createLogger({ level: 'error' });
const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

const QUEUE = 'PWDx';
// Metres north of the base point, in degrees of latitude.
const north = (metres: number) => 42.3 + metres / 111_195;

async function startCity(requests: SyncRequest[], crews: Crew[]) {
  const server = await createCentralServer({
    dataDir: ':memory:',
    port: 0,
    logger,
    heartbeatMs: 200,
    users: [
      { userId: 'ana', name: 'Ana', role: 'dispatcher', password: 'pw ana 1' },
    ],
  });
  cleanups.push(() => server.close());
  await server.store.transaction(async (tx) => {
    await tx.insertCrews(crews.map(({ version: _v, ...fields }) => fields));
    await tx.insertRequests(
      requests.map(({ version: _v, ...fields }) => fields),
    );
  });

  const dir = mkdtempSync(join(tmpdir(), 'sd-dispatch-'));
  const services: ConsoleServices = await createConsoleServices({
    dataDir: dir,
    resourcesDir: resolve(__dirname, '../../../resources'),
    mode: 'browser',
    logger,
    version: 'test',
    secretStore: createMemorySecretStore(),
    sync: { pullIntervalMs: 60_000 },
  });
  cleanups.push(() => {
    services.close();
    rmSync(dir, { recursive: true, force: true });
  });
  const { handlers } = services;
  await handlers.saveSettings({ centralUrl: server.url });
  await handlers.signIn({ username: 'ana', password: 'pw ana 1' });
  await until(
    () => handlers.getSyncStatus(undefined),
    (s) => s.initialSync.done && s.online,
  );

  return { server, services, handlers };
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

const place = (id: string, metres: number, patch: Partial<SyncRequest> = {}) =>
  request(id, { lat: north(metres), long: -71.1, queue: QUEUE, ...patch });

describe('dispatch services', () => {
  it('suggests the nearest on-shift crew of the queue, busy crews lower', async () => {
    const now = Date.now();
    const { handlers } = await startCity(
      [place('R1', 0), place('R2', 50)],
      [
        crew('FAR', { lastLat: north(2500), lastLong: -71.1 }),
        crew('NEAR', { lastLat: north(300), lastLong: -71.1 }),
        crew('OFF', {
          lastLat: north(10),
          lastLong: -71.1,
          status: 'off_shift',
        }),
        crew('ENDED', {
          lastLat: north(20),
          lastLong: -71.1,
          shiftEnd: now - 1,
        }),
        crew('PARKS', {
          lastLat: north(30),
          lastLong: -71.1,
          queues: ['PARK'],
        }),
      ],
    );

    const first = await handlers.suggestCrews('R1');
    expect(first.suggestions.map((s) => s.crewId)).toEqual(['NEAR', 'FAR']);
    expect(first.suggestions[0]?.reasons).toContain(
      '300 m from its last position',
    );

    // Two jobs for NEAR make FAR the better choice for the next one.
    await handlers.assignCrewMany({ requestIds: ['R1', 'R2'], crewId: 'NEAR' });
    const crews = await handlers.listCrews(undefined);
    expect(crews.find((c) => c.crewId === 'NEAR')?.activeAssignments).toBe(2);
    const next = await handlers.suggestCrews('R1');
    expect(next.suggestions.map((s) => s.crewId)).toEqual(['FAR', 'NEAR']);
    expect(next.suggestions[1]?.reasons).toContain('2 open assignments');
  });

  it("lists each crew's current work, most urgent first, pending at once", async () => {
    const { handlers } = await startCity(
      [
        place('LATER', 0, { slaDueAt: 9_000_000_000_000, address: '1 Elm St' }),
        place('SOONER', 10, { slaDueAt: 8_000_000_000_000 }),
        place('THIRD', 20, { slaDueAt: 9_500_000_000_000 }),
        place('HELD', 30, { assignedCrewId: 'C2', workStatus: 'in_progress' }),
      ],
      [crew('C1'), crew('C2'), crew('IDLE')],
    );

    await handlers.assignCrewMany({
      requestIds: ['LATER', 'SOONER', 'THIRD'],
      crewId: 'C1',
    });
    const work = await handlers.listCrewAssignments({ limit: 2 });

    expect(work.map((crew) => [crew.crewId, crew.total])).toEqual([
      ['C1', 3],
      ['C2', 1],
    ]);
    expect(work[0]!.rows.map((row) => row.serviceRequestId)).toEqual([
      'SOONER',
      'LATER',
    ]);
    expect(work[0]!.rows[1]).toMatchObject({
      serviceName: 'Pothole',
      address: '1 Elm St',
      workStatus: 'assigned',
      pending: true,
    });
    // The roster's count and the crew list's workload agree.
    const crews = await handlers.listCrews(undefined);
    expect(crews.find((c) => c.crewId === 'C1')?.activeAssignments).toBe(3);
  });

  it('assigns many at once, refusing only those that cannot be assigned', async () => {
    const { handlers, server, services } = await startCity(
      [
        place('R1', 0),
        place('R2', 10),
        place('R3', 20, { assignedCrewId: 'C1', workStatus: 'assigned' }),
      ],
      [crew('C1')],
    );
    const local: string[] = [];
    services.events.on('requestsChanged', (event) => local.push(event.reason));

    const result = await handlers.assignCrewMany({
      requestIds: ['R1', 'R2', 'R3', 'R1', 'NOPE'],
      crewId: 'C1',
    });

    expect(result.assigned.map((a) => a.requestId)).toEqual(['R1', 'R2']);
    expect(result.refused.map((r) => r.requestId)).toEqual(['R3', 'NOPE']);
    expect(result.refused[0]?.reason).toMatch(/already assigned to Crew C1/);
    expect(result.refused[1]?.reason).toMatch(/not in this console's queue/);
    // Shown at once, pending, and each window told.
    expect(await handlers.getRequestDispatch('R1')).toMatchObject({
      assignedCrewId: 'C1',
    });
    expect(local.filter((reason) => reason === 'local')).toHaveLength(2);
    await until(
      () => server.store.getRequest('R2'),
      (r) => r?.assignedCrewId === 'C1',
    );
  });

  it('takes the crews off many requests at once, and says which had none', async () => {
    const { handlers, server } = await startCity(
      [
        place('R1', 0, { assignedCrewId: 'C1', workStatus: 'assigned' }),
        place('R2', 10, { assignedCrewId: 'C1', workStatus: 'assigned' }),
        place('R3', 20),
      ],
      [crew('C1')],
    );

    const result = await handlers.unassignCrewMany({
      requestIds: ['R1', 'R2', 'R3', 'R2'],
    });

    expect(result.unassigned.map((u) => u.requestId)).toEqual(['R1', 'R2']);
    expect(result.refused.map((r) => r.requestId)).toEqual(['R3']);
    expect(result.refused[0]?.reason).toMatch(/no crew assigned/);
    expect(await handlers.getRequestDispatch('R1')).toMatchObject({
      assignedCrewId: null,
      pending: true,
    });
    for (const id of ['R1', 'R2']) {
      await until(
        () => server.store.getRequest(id),
        (r) => r?.assignedCrewId === null && r.workStatus === 'open',
      );
    }
  });

  it('tells the history in words once the server has it, with notes', async () => {
    const { handlers } = await startCity([place('R1', 0)], [crew('C1')]);

    await handlers.assignCrew({ requestId: 'R1', crewId: 'C1' });
    await handlers.addNote({
      requestId: 'R1',
      body: '<b>Crew</b> on site',
      visibility: 'public',
    });
    const pending = await handlers.getRequestActivity('R1');
    expect(pending.notes).toMatchObject([
      { body: '<b>Crew</b> on site', visibility: 'public', pending: true },
    ]);

    const activity = await until(
      () => handlers.getRequestActivity('R1'),
      (a) => a.history.length === 2 && a.notes.every((n) => !n.pending),
    );
    expect(activity.history.map((h) => h.summary)).toEqual([
      'assigned Crew C1',
      'added a public note',
    ]);
    expect(activity.history[0]).toMatchObject({ actor: 'Ana' });
    expect(activity.history[0]?.consoleId).toMatch(/.+/);
    expect(activity.history.map((h) => h.fromThisConsole)).toEqual([
      true,
      true,
    ]);
  });

  it('lists open requests nearby, nearest first, within the radius', async () => {
    const { handlers } = await startCity(
      [
        place('HERE', 0),
        place('A', 120),
        place('B', 40),
        place('EDGE', NEARBY_METRES + 30),
        place('NOWHERE', 0, { lat: null, long: null }),
      ],
      [crew('C1')],
    );

    const nearby = await handlers.listNearby('HERE');
    expect(nearby.map((r) => r.serviceRequestId)).toEqual(['B', 'A']);
    expect(nearby[0]?.distanceM).toBe(40);
    expect(await handlers.listNearby('NOWHERE')).toEqual([]);
    expect(await handlers.listNearby('MISSING')).toEqual([]);
  });
});
