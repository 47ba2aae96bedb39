// Reliability test 5, clock skew: one console's clock runs 24 h ahead and
// another's 24 h behind. Each measures the server's clock offset at sync,
// so the server time it reports (and SLA countdowns computed on it) is
// right, the intents it sends carry the server's time, and sync runs with
// no errors.
import { afterEach, describe, expect, it } from 'vitest';

import { slaState } from '../../src/shared/domain';
import { startChaosCentral } from './support-chaos/chaos-central';
import {
  startChaosConsole,
  type ChaosConsole,
} from './support-chaos/chaos-console';
import { waitUntil } from './support-chaos/wait-until';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** How far a loopback round trip may move the measured offset. */
const TOLERANCE_MS = 1_000;

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

describe('clock skew', () => {
  it('counts down on the server clock from consoles 24 h ahead and 24 h behind', async () => {
    const startedAt = Date.now();
    // Due times around the server's now: each skew would misjudge some.
    const dueIn = [12 * HOUR, -12 * HOUR, 30 * 60_000, 3 * DAY, -3 * DAY];
    const central = await startChaosCentral({
      requests: dueIn.length,
      now: Date.now,
      overrides: (_, index) => ({
        requestedAt: startedAt - 2 * DAY,
        slaDueAt: startedAt + (dueIn[index] ?? 0),
      }),
    });
    cleanups.push(() => central.close());

    const consoles: [ChaosConsole, number][] = [];
    for (const [name, skew] of [
      ['ahead', DAY],
      ['behind', -DAY],
    ] as const) {
      const desk = await startChaosConsole({
        name,
        centralUrl: central.url,
        seed: 7,
        now: () => Date.now() + skew,
      });
      cleanups.push(() => desk.close());
      consoles.push([desk, skew]);
    }

    for (const [desk, skew] of consoles) {
      const { handlers } = desk;
      const status = await desk.status();
      expect(Math.abs(status.serverClockOffsetMs + skew)).toBeLessThan(
        TOLERANCE_MS,
      );
      const server = await handlers.getServerTime(undefined);
      expect(Math.abs(server.now - Date.now())).toBeLessThan(TOLERANCE_MS);
      expect(server.offsetMs).toBe(status.serverClockOffsetMs);

      let misjudgedLocally = 0;
      for (const id of central.requestIds) {
        const request = await handlers.getRequest(id);
        if (request === null) throw new Error(`${desk.name} lacks ${id}`);
        const truth = slaState(
          request.requestedAt,
          request.slaDueAt,
          Date.now(),
        );
        const { now } = await handlers.getServerTime(undefined);
        expect(slaState(request.requestedAt, request.slaDueAt, now)).toBe(
          truth,
        );
        const local = slaState(
          request.requestedAt,
          request.slaDueAt,
          Date.now() + skew,
        );
        if (local !== truth) misjudgedLocally++;
      }
      // The test has teeth: the console's own clock would get some wrong.
      expect(misjudgedLocally).toBeGreaterThan(0);

      // An intent carries the server's time, not the console's.
      const requestId = central.requestIds[0] ?? '';
      const before = Date.now();
      await handlers.addNote({
        requestId,
        body: `from the console ${desk.name}`,
        visibility: 'internal',
      });
      const synced = await waitUntil(
        () => desk.status(),
        (s) => s.outboxDepth === 0,
        { what: `${desk.name}'s note to be acknowledged` },
      );
      const note = (await central.server.store.listNotes(requestId)).find(
        (each) => each.body === `from the console ${desk.name}`,
      );
      expect(note?.createdAt).toBeGreaterThanOrEqual(before - TOLERANCE_MS);
      expect(note?.createdAt).toBeLessThanOrEqual(Date.now() + TOLERANCE_MS);

      expect(synced.lastError).toBeNull();
      expect(synced.online).toBe(true);
      expect(Math.abs((synced.lastSyncAt ?? 0) - Date.now())).toBeLessThan(
        5_000,
      );
      expect(await handlers.listConflicts(undefined)).toEqual([]);
      const troubles = desk.lines.filter(
        (line) => line.level === 'warn' || line.level === 'error',
      );
      expect(troubles).toEqual([]);
    }
  });
});
