// Reliability test 2, delivery chaos: consoles reach the server through a
// fault proxy that drops, duplicates (at once and late, after newer
// requests), holds back (reorders) and cuts requests and responses, and
// cuts the server push stream. Once the faults stop, the server must hold the
// effect of every applied intent exactly once, and every outbox must drain.
import { afterEach, describe, expect, it } from 'vitest';

import { seededRandom } from '../support/seeded-random';
import { NO_FAULTS, startFaultProxy, type FaultProxy } from './fault-proxy';
import { CREW_IDS, startChaosCentral } from './support-chaos/chaos-central';
import {
  startChaosConsole,
  type ChaosConsole,
} from './support-chaos/chaos-console';
import {
  makeRandomIntent,
  type MadeIntent,
} from './support-chaos/random-intents';
import {
  startRequestCutter,
  type RequestCutter,
} from './support-chaos/request-cutter';
import {
  actualEffects,
  expectedEffects,
  readServerEffects,
} from './support-chaos/server-effects';
import { pause, waitUntil } from './support-chaos/wait-until';

const SEED = 20_260_302;
const CONSOLES = 3;
const INTENTS_PER_CONSOLE = 60;
const CHAOS = {
  dropRequest: 0.2,
  duplicate: 0.2,
  dropResponse: 0.2,
  truncateResponse: 0.2,
  maxDelayMs: 40,
  lateCopy: 0.25,
  maxResponseDelayMs: 40,
  maxStreamMs: 500,
};

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

describe('delivery chaos', () => {
  it('applies each intent once through every fault and drains the outboxes', async () => {
    const started = performance.now();
    const central = await startChaosCentral({ requests: 12 });
    cleanups.push(() => central.close());

    const links: { proxy: FaultProxy; cutter: RequestCutter }[] = [];
    const consoles: ChaosConsole[] = [];
    for (let i = 0; i < CONSOLES; i++) {
      const proxy = await startFaultProxy({
        target: central.url,
        seed: SEED + i,
      });
      const cutter = await startRequestCutter({
        target: proxy.url,
        rate: 0,
        seed: SEED + 100 + i,
      });
      cleanups.push(
        () => proxy.close(),
        () => cutter.close(),
      );
      links.push({ proxy, cutter });

      const desk = await startChaosConsole({
        name: `c${i}`,
        centralUrl: cutter.url,
        user: i === 0 ? 'ana' : 'dana',
        seed: SEED + 200 + i,
      });
      cleanups.push(() => desk.close());
      consoles.push(desk);
    }

    for (const { proxy, cutter } of links) {
      proxy.setFaults(CHAOS);
      cutter.setRate(0.25);
    }

    // Every console works the same few requests, so stale versions meet.
    const made = await Promise.all(
      consoles.map(async (desk, index) => {
        const random = seededRandom(SEED + 300 + index);
        const intents: MadeIntent[] = [];
        while (intents.length < INTENTS_PER_CONSOLE) {
          const intent = await makeRandomIntent({
            handlers: desk.handlers,
            consoleId: desk.consoleId,
            random,
            requestIds: central.requestIds,
            crewIds: CREW_IDS,
            label: desk.name,
          });
          if (intent !== null) intents.push(intent);
          await pause(Math.floor(random() * 25));
        }
        return intents;
      }),
    );

    // Let the consoles fight the faults a while before the network heals.
    await pause(2_000);
    for (const { proxy, cutter } of links) {
      proxy.setFaults(NO_FAULTS);
      cutter.setRate(0);
    }

    const lastSeq = async () =>
      (await central.server.store.changeWindow()).lastSeq;
    for (const desk of consoles) {
      await waitUntil(
        async () => ({ status: await desk.status(), last: await lastSeq() }),
        ({ status, last }) =>
          status.outboxDepth === 0 && status.lastPulledSeq === last,
        { timeoutMs: 30_000, what: `${desk.name} to drain and catch up` },
      );
    }

    const runs = consoles.map((desk, index) => ({
      consoleId: desk.consoleId,
      made: made[index] ?? [],
    }));
    const effects = await readServerEffects(
      central,
      runs.map((run) => run.consoleId),
    );

    for (const run of runs) {
      // Seqs are gap-free and the server has an outcome for every one.
      expect(run.made.map((intent) => intent.seq)).toEqual(
        Array.from({ length: INTENTS_PER_CONSOLE }, (_, i) => i + 1),
      );
      const outcomes = effects.outcomes.get(run.consoleId);
      expect(outcomes?.size).toBe(INTENTS_PER_CONSOLE);
      expect([...(outcomes?.values() ?? [])]).not.toContain('retryable');
    }

    const expected = expectedEffects(runs, effects, central.requestIds);
    const actual = actualEffects(effects);
    expect(actual.noteIds).toEqual(expected.noteIds);
    expect(actual.history).toEqual(expected.history);
    expect(actual.versions).toEqual(expected.versions);

    // Every rejection reached its console's conflicts list, and only those.
    for (const [index, desk] of consoles.entries()) {
      const rejected = [...(effects.outcomes.get(runs[index]!.consoleId) ?? [])]
        .filter(([, outcome]) => outcome === 'rejected')
        .map(([seq]) => seq)
        .sort((a, b) => a - b);
      const conflicts = (await desk.handlers.listConflicts(undefined))
        .map((conflict) => conflict.seq)
        .sort((a, b) => a - b);
      expect(conflicts).toEqual(rejected);
      expect(desk.inspect.integrity()).toBe('ok');
    }

    // The faults really happened, on both directions.
    const totals = links.reduce(
      (sum, { proxy, cutter }) => ({
        droppedRequests: sum.droppedRequests + proxy.stats.droppedRequests,
        duplicated: sum.duplicated + proxy.stats.duplicated,
        droppedResponses: sum.droppedResponses + proxy.stats.droppedResponses,
        truncated: sum.truncated + proxy.stats.truncated,
        cutRequests:
          sum.cutRequests + cutter.stats.cutMidway + cutter.stats.cutShort,
        lateCopies: sum.lateCopies + proxy.stats.lateCopies,
        delayedResponses: sum.delayedResponses + proxy.stats.delayedResponses,
        cutStreams: sum.cutStreams + proxy.stats.cutStreams,
      }),
      {
        droppedRequests: 0,
        duplicated: 0,
        droppedResponses: 0,
        truncated: 0,
        cutRequests: 0,
        lateCopies: 0,
        delayedResponses: 0,
        cutStreams: 0,
      },
    );
    for (const [fault, count] of Object.entries(totals)) {
      expect(count, fault).toBeGreaterThan(fault === 'cutStreams' ? 2 : 5);
    }
    const posts = links.reduce(
      (sum, { cutter }) => sum + cutter.stats.posts,
      0,
    );
    expect(posts).toBeGreaterThan(CONSOLES * 10);
    const applied = [...effects.outcomes.values()]
      .flatMap((bySeq) => [...bySeq.values()])
      .filter((outcome) => outcome === 'applied').length;
    console.info('delivery chaos', {
      ...totals,
      posts,
      applied,
      rejected: CONSOLES * INTENTS_PER_CONSOLE - applied,
      ms: Math.round(performance.now() - started),
    });
  }, 60_000);
});
