// Reliability test 4 of issue 3: three consoles each make 2,000 intents
// while the central API is out of reach, on requests that partly overlap,
// then come back one after another, in each of the six possible orders.
//
// What "the same final state each time" can mean. The protocol does not
// promise that the order of reconnection is irrelevant: assignment is
// compare-and-set, so when two consoles change the same request offline the
// first to arrive wins and the other's intent is rejected. What it promises,
// and what this test holds it to, for every order:
//   1. the server's state is exactly what applying the intents one by one,
//      in arrival order, gives (a reference model, support/dispatch-model),
//      and each intent's outcome is the model's;
//   2. whatever does not conflict (notes, requests only one console
//      touched) ends the same in all six orders, every such intent applied;
//   3. every console drains its outbox within 60 s, ends with the server's
//      data (checksum buckets and dispatch state) and lists exactly its
//      rejected intents as conflicts.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, describe, expect, it } from 'vitest';

import { createLogger } from '../../src/main/log/logger';
import {
  createConsoleServices,
  type ConsoleServices,
} from '../../src/main/services/console-services';
import { openStore } from '../../src/main/store/store';
import { IntentError } from '../../src/main/sync/intent-commands';
import { createMemorySecretStore } from '../../src/main/sync/secret-store';
import {
  createCentralServer,
  type CentralServer,
} from '../../src/server/central-server';
import type { ServiceHandlers } from '../../src/shared/contract';
import { bucketDigests, digestOf } from '../../src/shared/sync-checksum';
import type { Intent } from '../../src/shared/sync-protocol';
import { newCrew, newRequest } from '../server/support/central-fixture';
import { seededRandom } from '../support/seeded-random';
import { startFaultProxy, type FaultProxy } from './fault-proxy';
import { countConfirmedNotes, readOutbox } from './support/console-db';
import {
  applyToModel,
  cloneModel,
  type ModelOutcome,
  type ModelRequest,
  type ModelState,
} from './support/dispatch-model';

const SEED = 4_2000;
const INTENTS = 2_000;
const PASSWORD = 'correct horse battery';
const USERS = ['dana', 'eli', 'fay'];
const ORDERS = [
  [0, 1, 2],
  [0, 2, 1],
  [1, 0, 2],
  [1, 2, 0],
  [2, 0, 1],
  [2, 1, 0],
];

const id = (prefix: string, n: number) =>
  `${prefix}${String(n).padStart(3, '0')}`;
/** Every console works on these: the conflicts come from here. */
const SHARED = Array.from({ length: 8 }, (_, n) => id('S', n));
/** Requests only console i touches (with dispatch intents). */
const OWN = USERS.map((_, i) =>
  Array.from({ length: 15 }, (_, n) => id(`E${i}-`, n)),
);
const FILLER = Array.from({ length: 300 }, (_, n) => id('F', n));
const ALL_REQUESTS = [...SHARED, ...OWN.flat(), ...FILLER];
const ON_SHIFT = ['C1', 'C2', 'C3'];

const scratch = existsSync('/dev/shm') ? '/dev/shm' : tmpdir();
const root = mkdtempSync(join(scratch, 'sd-offline-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const logger = createLogger({ level: 'error' });
const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

async function until<T>(
  what: string,
  read: () => Promise<T> | T,
  ok: (value: T) => boolean,
  ms: number,
): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await read();
    if (ok(value)) return value;
    if (Date.now() > deadline) {
      throw new Error(`${what} not within ${ms} ms: ${JSON.stringify(value)}`);
    }
    await sleep(20);
  }
}

async function startServer(): Promise<CentralServer> {
  const server = await createCentralServer({
    dataDir: ':memory:',
    port: 0,
    logger,
    heartbeatMs: 500,
    users: USERS.map((userId) => ({
      userId,
      name: userId,
      role: 'dispatcher' as const,
      password: PASSWORD,
    })),
  });
  await server.store.transaction(async (tx) => {
    await tx.insertCrews([
      ...ON_SHIFT.map((crewId) => newCrew(crewId)),
      newCrew('C4', { status: 'off_shift' }),
    ]);
    await tx.insertRequests(ALL_REQUESTS.map((rid) => newRequest(rid)));
  });
  return server;
}

type Console = {
  index: number;
  dir: string;
  proxy: FaultProxy;
  services: ConsoleServices;
  handlers: ServiceHandlers;
};

async function startConsole(
  server: CentralServer,
  index: number,
  order: number,
): Promise<Console> {
  const dir = join(root, `order${order}-console${index}`);
  const proxy = await startFaultProxy({ target: server.url, seed: index + 1 });
  const services = await createConsoleServices({
    dataDir: dir,
    resourcesDir: dir,
    mode: 'browser',
    logger,
    version: 'long-offline',
    seedDemo: false,
    secretStore: createMemorySecretStore(),
    central: {
      url: proxy.url,
      signIn: { username: USERS[index] ?? '', password: PASSWORD },
    },
    sync: {
      pullIntervalMs: 250,
      // The engine would repair drift itself; the test must see it first.
      checksumIntervalMs: 600_000,
      // Full jitter scaled down: retries within ~1 s, never a 60 s wait.
      random: () => 0.02,
    },
  });
  return { index, dir, proxy, services, handlers: services.handlers };
}

/**
 * Console i's 2,000 offline actions, from its own seeded dice. The console
 * checks each against its local view (and refuses some); the script only
 * counts the ones it recorded. Offline, the view depends on nothing but the
 * seeded start and the console's own intents, so every order replays the
 * very same intents.
 */
async function makeOfflineIntents(c: Console): Promise<number> {
  const random = seededRandom(SEED + c.index);
  const pick = <T>(list: readonly T[]): T =>
    list[Math.floor(random() * list.length)] as T;
  const { handlers } = c;
  let recorded = 0;
  let refused = 0;

  while (recorded < INTENTS) {
    const roll = random();
    try {
      if (roll < 0.35) {
        await handlers.addNote({
          requestId: pick([...SHARED, ...(OWN[c.index] ?? [])]),
          body: `Console ${c.index} note ${recorded}`,
          visibility: 'internal',
        });
        recorded += 1;
        continue;
      }

      const shared = roll < 0.7;
      const requestId = pick(shared ? SHARED : (OWN[c.index] ?? []));
      const view = await handlers.getRequestDispatch(requestId);
      // A closed request is left alone. (The console would let the user
      // reopen it, but the server refuses every change to a closed request,
      // reopening included: that mismatch is reported, not tested here.)
      if (view === null || view.workStatus === 'closed') continue;

      const action = random();
      if (action < 0.45) {
        await handlers.assignCrew({ requestId, crewId: pick(ON_SHIFT) });
      } else if (action < 0.6) {
        await handlers.unassignCrew({ requestId });
      } else if (action < 0.99 || !shared) {
        const status = pick(['open', 'in_progress', 'resolved'] as const);
        await handlers.setRequestStatus({
          requestId,
          status,
          reason: status === 'resolved' ? 'Crew fixed it' : null,
        });
      } else {
        await handlers.setRequestStatus({
          requestId,
          status: 'closed',
          reason: 'Nothing left to do',
        });
      }
      recorded += 1;
    } catch (error) {
      if (!(error instanceof IntentError)) throw error;
      refused += 1;
    }
  }
  return refused;
}

const dispatchOf = (request: ModelRequest | null) =>
  request === null
    ? null
    : {
        version: request.version,
        status: request.status,
        workStatus: request.workStatus,
        assignedCrewId: request.assignedCrewId,
      };

/** An intent without what differs between runs (time, console id). */
function signature(intent: Intent, consoleId: string, index: number): string {
  const { createdAt: _time, ...rest } = intent;
  return JSON.stringify(rest).replaceAll(consoleId, `console${index}`);
}

type OrderResult = {
  order: number[];
  appliedAfterRejection: number;
  drainMs: number[];
  rejected: number[];
  refusedLocally: number;
  /** Final dispatch state by request id. */
  state: Map<string, ModelRequest | null>;
  /** Console-neutral notes, sorted. */
  notes: string[];
  /** Console-neutral intents by console, in seq order. */
  intents: string[][];
  /** Outcomes of console i's intents on its own requests. */
  ownOutcomes: string[][];
};

async function runOrder(order: number[], orderIndex: number) {
  const server = await startServer();
  const consoles: Console[] = [];
  try {
    for (const index of [0, 1, 2]) {
      consoles.push(await startConsole(server, index, orderIndex));
    }
    for (const c of consoles) {
      await until(
        'initial sync',
        () => c.handlers.getSyncStatus(undefined),
        (s) => s.initialSync.done && s.online,
        15_000,
      );
    }

    const initial: ModelState = new Map();
    for (const rid of ALL_REQUESTS) {
      const request = await server.store.getRequest(rid);
      if (request === null) throw new Error(`seeded ${rid} is missing`);
      initial.set(rid, dispatchOf(request) as ModelRequest);
    }

    for (const c of consoles) c.proxy.setPartitioned(true);
    let refusedLocally = 0;
    for (const c of consoles) refusedLocally += await makeOfflineIntents(c);
    const outboxes = consoles.map((c) => readOutbox(c.dir));
    for (const outbox of outboxes) {
      expect(outbox.intents.map((intent) => intent.seq)).toEqual(
        Array.from({ length: INTENTS }, (_, n) => n + 1),
      );
    }
    const before = await server.store.changeWindow();

    // Reconnect one console at a time, each after the last one drained, so
    // the arrival order is exactly `order`.
    const healedAt = Date.now();
    const drainMs: number[] = [];
    for (const index of order) {
      const c = consoles[index] as Console;
      c.proxy.setPartitioned(false);
      await until(
        `console ${index} drained`,
        () => c.handlers.getSyncStatus(undefined),
        (s) => s.outboxDepth === 0,
        Math.max(1, 60_000 - (Date.now() - healedAt)),
      );
      drainMs.push(Date.now() - healedAt);
    }
    expect(before.lastSeq).toBeLessThan(
      (await server.store.changeWindow()).lastSeq,
    );

    // The reference model: the intents in arrival order.
    const model = cloneModel(initial);
    const onShift = new Set(ON_SHIFT);
    const expected: ModelOutcome[][] = [[], [], []];
    // Once the server refuses a console's change to a request, that
    // console withdraws its later changes to the request: they built on a
    // state that never came to be, and must not apply by a version match
    // that is only a coincidence. Notes do not depend on the version.
    let appliedAfterRejection = 0;
    for (const index of order) {
      const refusedOn = new Set<string>();
      for (const intent of outboxes[index]?.intents ?? []) {
        const touches = intent.type !== 'add_note' && 'requestId' in intent;
        const withdrawn = touches && refusedOn.has(intent.requestId);
        const outcome = withdrawn
          ? 'rejected'
          : applyToModel(model, onShift, intent);
        expected[index]?.push(outcome);
        if (!touches) continue;
        if (outcome === 'rejected') refusedOn.add(intent.requestId);
        else if (refusedOn.has(intent.requestId)) appliedAfterRejection += 1;
      }
    }

    const lastSeq = (await server.store.changeWindow()).lastSeq;
    const serverDigests = bucketDigests(await server.store.listOpenVersions());
    const serverCrews = digestOf(
      (await server.store.listCrews()).map((crew) => ({
        id: crew.crewId,
        version: crew.version,
      })),
    );
    const state = new Map<string, ModelRequest | null>();
    for (const rid of ALL_REQUESTS) {
      state.set(rid, dispatchOf(await server.store.getRequest(rid)));
    }

    const rejected: number[] = [];
    const ownOutcomes: string[][] = [];
    for (const c of consoles) {
      const outbox = outboxes[c.index];
      if (outbox === undefined) throw new Error('no outbox');
      await until(
        `console ${c.index} caught up`,
        () => c.handlers.getSyncStatus(undefined),
        (s) => s.lastPulledSeq === lastSeq && s.outboxDepth === 0,
        10_000,
      );

      // Each intent's outcome on the server is the model's.
      const outcomes: string[] = [];
      for (const intent of outbox.intents) {
        const result = await server.store.intentOutcome(
          outbox.consoleId,
          intent.seq,
        );
        outcomes.push(result?.outcome ?? 'missing');
      }
      expect(outcomes).toEqual(expected[c.index]);

      // Its conflicts list is exactly its rejected intents.
      const rejectedSeqs = outbox.intents
        .filter((_, at) => outcomes[at] === 'rejected')
        .map((intent) => intent.seq);
      const conflicts = await c.handlers.listConflicts(undefined);
      expect(
        conflicts.map((conflict) => conflict.seq).sort((a, b) => a - b),
      ).toEqual(rejectedSeqs);
      expect(conflicts.every((conflict) => conflict.reason.length > 10)).toBe(
        true,
      );
      rejected.push(rejectedSeqs.length);

      // Its confirmed data is the server's, bucket by bucket.
      const store = openStore(join(c.dir, 'streetdesk.db'));
      try {
        expect(
          bucketDigests(store.sync.confirmed.confirmedRequestVersions()),
        ).toEqual(serverDigests);
        expect(digestOf(store.sync.confirmed.confirmedCrewVersions())).toBe(
          serverCrews,
        );
      } finally {
        store.close();
      }

      // And what the dispatcher sees is the server's dispatch state.
      for (const rid of [...SHARED, ...(OWN[c.index] ?? [])]) {
        const view = await c.handlers.getRequestDispatch(rid);
        const server = state.get(rid);
        expect(view?.pending ?? false).toBe(false);
        if (server?.status === 'open') {
          // The contract's dispatch view leaves the open/closed status out.
          const { status: _status, ...seen } = server;
          expect(
            view && {
              version: view.version,
              workStatus: view.workStatus,
              assignedCrewId: view.assignedCrewId,
            },
            rid,
          ).toEqual(seen);
        } else {
          expect(view, `${rid} left the open set`).toBeNull();
        }
      }

      const own = new Set(OWN[c.index]);
      ownOutcomes.push(
        outbox.intents
          .map((intent, at) => ({ intent, outcome: outcomes[at] }))
          .filter(
            ({ intent }) => 'requestId' in intent && own.has(intent.requestId),
          )
          .map(({ intent, outcome }) => `${intent.seq}:${outcome}`),
      );
    }

    // The server's state is the model's, request by request.
    for (const [rid, request] of model) {
      expect(state.get(rid), rid).toEqual(request);
    }

    const notes: string[] = [];
    for (const rid of ALL_REQUESTS) {
      for (const note of await server.store.listNotes(rid)) {
        let noteId = note.noteId;
        outboxes.forEach((outbox, index) => {
          noteId = noteId.replace(outbox.consoleId, `console${index}`);
        });
        notes.push(`${noteId}|${note.requestId}|${note.body}`);
      }
    }
    // Every console holds every note, its own and the others', confirmed.
    for (const c of consoles) {
      expect(countConfirmedNotes(c.dir), `console ${c.index}`).toBe(
        notes.length,
      );
    }

    const result: OrderResult = {
      order,
      appliedAfterRejection,
      drainMs,
      rejected,
      refusedLocally,
      state,
      notes: notes.sort(),
      intents: outboxes.map((outbox, index) =>
        outbox.intents.map((intent) =>
          signature(intent, outbox.consoleId, index),
        ),
      ),
      ownOutcomes,
    };
    return result;
  } finally {
    for (const c of consoles) {
      c.services.close();
      await c.proxy.close();
    }
    // Let each console's last cycle finish before its files go.
    await sleep(100);
    await server.close();
  }
}

describe('three consoles, 2,000 offline intents each, back in every order', () => {
  it('ends in the arrival-order state, the same for what does not conflict', async () => {
    const started = performance.now();
    const results: OrderResult[] = [];
    for (const [at, order] of ORDERS.entries()) {
      const orderStarted = performance.now();
      results.push(await runOrder(order, at));
      const last = results.at(-1);
      console.info(
        JSON.stringify({
          test: 'long-offline',
          order: order.join(''),
          drainMs: last?.drainMs,
          rejected: last?.rejected,
          appliedAfterRejection: last?.appliedAfterRejection,
          ms: Math.round(performance.now() - orderStarted),
        }),
      );
    }

    const first = results[0] as OrderResult;
    const sharedStates = new Set<string>();
    for (const result of results) {
      // The same intents every time: the orders differ only in arrival.
      expect(result.intents).toEqual(first.intents);
      expect(result.refusedLocally).toBe(first.refusedLocally);

      // Within 60 s of the first reconnection.
      expect(result.drainMs.at(-1)).toBeLessThanOrEqual(60_000);

      // What no other console touched ends the same in every order...
      for (const rid of [...OWN.flat(), ...FILLER]) {
        expect(result.state.get(rid), rid).toEqual(first.state.get(rid));
      }
      expect(result.notes).toEqual(first.notes);
      expect(result.ownOutcomes).toEqual(first.ownOutcomes);
      for (const outcomes of result.ownOutcomes) {
        expect(outcomes.every((entry) => entry.endsWith(':applied'))).toBe(
          true,
        );
      }
      // ...while the shared requests saw real conflicts, all of them with
      // the consoles that came later: the first one's view was the truth.
      expect(result.rejected[result.order[0] ?? -1]).toBe(0);
      expect(result.rejected.reduce((a, b) => a + b, 0)).toBeGreaterThan(100);
      sharedStates.add(
        JSON.stringify(SHARED.map((rid) => result.state.get(rid))),
      );
    }
    expect(first.notes.length).toBe(
      first.intents.flat().filter((text) => text.includes('add_note')).length,
    );

    console.info(
      JSON.stringify({
        test: 'long-offline',
        orders: results.length,
        distinctSharedEndStates: sharedStates.size,
        notes: first.notes.length,
        refusedLocallyPerOrder: first.refusedLocally,
        totalMs: Math.round(performance.now() - started),
      }),
    );
  }, 600_000);
});
