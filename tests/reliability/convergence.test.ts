// Reliability test 3, convergence: five consoles and the server, each
// console behind its own proxy that partitions and heals at random, while
// dispatchers make random intents (conflicting assignments among them) and
// the city changes requests on the server. After the last heal every
// outbox drains within 30 s, every console's data checksum equals the
// server's, every rejected intent is on its console's conflicts list, and
// each console's view is its confirmed state.
import { afterEach, describe, expect, it } from 'vitest';

import { checksumSchema } from '../../src/shared/sync-protocol';
import { seededRandom } from '../support/seeded-random';
import { startFaultProxy, type FaultProxy } from './fault-proxy';
import {
  CREW_IDS,
  recordedOutcomes,
  startChaosCentral,
} from './support-chaos/chaos-central';
import {
  startChaosConsole,
  type ChaosConsole,
} from './support-chaos/chaos-console';
import { makeRandomIntent } from './support-chaos/random-intents';
import { pause, waitUntil } from './support-chaos/wait-until';

const SEED = 3_141_592;
const CONSOLES = 5;
const ROUNDS = 60;
const ROUND_MS = 60;

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

describe('convergence', () => {
  it('brings five partitioned consoles back to the server state', async () => {
    const started = performance.now();
    const random = seededRandom(SEED);
    const central = await startChaosCentral({ requests: 30 });
    cleanups.push(() => central.close());
    const hot = central.requestIds.slice(0, 5);

    const proxies: FaultProxy[] = [];
    const consoles: ChaosConsole[] = [];
    for (let i = 0; i < CONSOLES; i++) {
      const proxy = await startFaultProxy({
        target: central.url,
        seed: SEED + i,
      });
      cleanups.push(() => proxy.close());
      proxies.push(proxy);
      const desk = await startChaosConsole({
        name: `c${i}`,
        centralUrl: proxy.url,
        user: i % 2 === 0 ? 'dana' : 'ana',
        seed: SEED + 10 + i,
        // The production interval: recovery must come from backoff and push.
        pullIntervalMs: 30_000,
      });
      cleanups.push(() => desk.close());
      consoles.push(desk);
    }

    const partitioned = proxies.map(() => false);
    let partitions = 0;
    let cityEdits = 0;
    let racedAssignments = 0;

    for (let round = 0; round < ROUNDS; round++) {
      for (const [i, proxy] of proxies.entries()) {
        if (random() < 0.15) {
          partitioned[i] = !partitioned[i];
          if (partitioned[i]) partitions++;
          proxy.setPartitioned(partitioned[i] ?? false);
        }
      }

      if (round % 10 === 5) {
        // Every console assigns the same request at once: one wins.
        const requestId = hot[Math.floor(random() * hot.length)] ?? '';
        await Promise.all(
          consoles.map(async (desk, i) => {
            const crewId = CREW_IDS[i % CREW_IDS.length] ?? '';
            try {
              await desk.handlers.assignCrew({ requestId, crewId });
              racedAssignments++;
            } catch (error) {
              if (!(error instanceof Error) || error.name !== 'IntentError')
                throw error;
            }
          }),
        );
      }

      for (const desk of consoles) {
        if (random() < 0.6) {
          await makeRandomIntent({
            handlers: desk.handlers,
            consoleId: desk.consoleId,
            random,
            requestIds: random() < 0.6 ? hot : central.requestIds,
            crewIds: CREW_IDS,
            label: desk.name,
          });
        }
      }

      if (random() < 0.2) {
        const id = central.requestIds[Math.floor(random() * 30)] ?? '';
        const current = await central.server.store.getRequest(id);
        if (current?.status === 'open') {
          await central.server.store.transaction((tx) =>
            tx.updateRequest(id, { description: `city edit ${round}` }),
          );
          cityEdits++;
        }
      }
      await pause(ROUND_MS);
    }

    for (const proxy of proxies) proxy.setPartitioned(false);
    const healedAt = performance.now();

    await waitUntil(
      () => Promise.all(consoles.map((desk) => desk.status())),
      (statuses) => statuses.every((status) => status.outboxDepth === 0),
      { timeoutMs: 30_000, what: 'every outbox to drain after the last heal' },
    );
    const drainMs = performance.now() - healedAt;

    const serverSeq = async () =>
      (await central.server.store.changeWindow()).lastSeq;
    await waitUntil(
      async () => ({
        last: await serverSeq(),
        pulled: await Promise.all(
          consoles.map(async (desk) => (await desk.status()).lastPulledSeq),
        ),
      }),
      ({ last, pulled }) => pulled.every((seq) => seq === last),
      { timeoutMs: 15_000, what: 'every console to pull the last change' },
    );
    const convergedMs = performance.now() - healedAt;

    const checksum = checksumSchema.parse(
      (
        await central.call('/staff/v2/checksum', {
          token: central.tokens.dana,
        })
      ).body,
    );
    expect(checksum.seq).toBe(await serverSeq());

    let rejectedTotal = 0;
    for (const desk of consoles) {
      expect(desk.inspect.requestDigests()).toEqual(checksum.requestBuckets);
      expect(desk.inspect.crewDigest()).toBe(checksum.crews);
      expect(desk.inspect.confirmedCount()).toBe(checksum.requestCount);

      const outcomes = await recordedOutcomes(central, desk.consoleId);
      const status = await desk.status();
      expect(outcomes.map((outcome) => outcome.seq)).toHaveLength(
        outcomes.at(-1)?.seq ?? 0,
      );
      const rejected = outcomes
        .filter((outcome) => outcome.outcome === 'rejected')
        .map((outcome) => outcome.seq);
      rejectedTotal += rejected.length;
      const conflicts = (await desk.handlers.listConflicts(undefined))
        .map((conflict) => conflict.seq)
        .sort((a, b) => a - b);
      expect(conflicts).toEqual(rejected);

      expect(status.outboxDepth).toBe(0);
      expect(desk.inspect.viewMismatches()).toEqual([]);
      expect(desk.inspect.integrity()).toBe('ok');
    }

    // The run had teeth: partitions, races that someone lost, city edits.
    expect(partitions).toBeGreaterThan(10);
    expect(racedAssignments).toBeGreaterThan(5);
    expect(rejectedTotal).toBeGreaterThan(5);
    expect(cityEdits).toBeGreaterThan(3);
    console.info('convergence', {
      partitions,
      racedAssignments,
      rejectedTotal,
      cityEdits,
      drainMs: Math.round(drainMs),
      convergedMs: Math.round(convergedMs),
      ms: Math.round(performance.now() - started),
    });
  }, 60_000);
});
