import { afterEach, describe, expect, it } from 'vitest';

import { backoffDelay, BACKOFF_CAP_MS } from '../../../src/main/sync/backoff';
import { bucketOf } from '../../../src/shared/sync-checksum';
import { startConsole, type Harness } from './engine-harness';
import { crew, FakeCentral, request } from './fake-central';

const consoles: Harness[] = [];
function start(
  central: FakeCentral,
  options?: Parameters<typeof startConsole>[1],
) {
  const harness = startConsole(central, options);
  consoles.push(harness);
  return harness;
}
afterEach(() => {
  for (const harness of consoles.splice(0)) harness.close();
});

function seeded(count: number) {
  const central = new FakeCentral();
  central.putCrew(crew('C1'));
  central.putCrew(crew('C2'));
  for (let i = 1; i <= count; i++) central.putRequest(request(`R${i}`));
  return central;
}

describe('backoff', () => {
  it('grows exponentially with full jitter and never passes 60 s', () => {
    expect(backoffDelay(0, () => 0.999)).toBeLessThan(500);
    expect(backoffDelay(3, () => 0.999)).toBeGreaterThan(3_900);
    expect(backoffDelay(3, () => 0.999)).toBeLessThan(4_000);
    expect(backoffDelay(3, () => 0)).toBe(0);
    for (const attempt of [7, 8, 20, 1000]) {
      expect(backoffDelay(attempt, () => 0.999999)).toBeLessThan(
        BACKOFF_CAP_MS,
      );
      expect(backoffDelay(attempt, () => 0.999999)).toBeGreaterThan(59_000);
    }
  });
});

describe('initial sync progress', () => {
  it("counts the loaded requests against the server's count of open ones", async () => {
    const central = seeded(12_000);
    const harness = start(central);
    const original = central.snapshot.bind(central);
    const seen: unknown[] = [];
    central.snapshot = (afterId, limit, bucket) => {
      seen.push(harness.engine.status().initialSync);
      return original(afterId, limit, bucket);
    };

    expect(await harness.engine.runCycle()).toBe(true);
    // Pages of 5,000: the third page is asked for once the first is in.
    expect(seen).toContainEqual({ done: false, loaded: 5_000, total: 12_000 });
    expect(harness.engine.status().initialSync).toEqual({
      done: true,
      loaded: 12_000,
      total: 12_000,
    });
  });
});

describe('the sync engine', () => {
  it('loads an empty console from snapshot pages, then pulls changes', async () => {
    const central = seeded(12);
    const { store, engine } = start(central);
    expect(store.countOpenRequests()).toBe(0);

    expect(await engine.runCycle()).toBe(true);
    expect(store.countOpenRequests()).toBe(12);
    expect(store.sync.dispatch.listCrews().map((c) => c.crewId)).toEqual([
      'C1',
      'C2',
    ]);
    expect(engine.status()).toMatchObject({
      online: true,
      lastPulledSeq: central.lastSeq(),
      initialSync: { done: true, loaded: 12 },
      lastError: null,
    });

    central.updateRequest('R3', { status: 'closed', workStatus: 'closed' });
    central.putRequest(request('R99'));
    await engine.runCycle();
    expect(store.getRequest('R3')).toBeNull();
    expect(store.getRequest('R99')).not.toBeNull();
    expect(store.countOpenRequests()).toBe(12);
  });

  it('refuses a changes page with a hole and keeps its data', async () => {
    const central = seeded(3);
    const { store, engine } = start(central);
    await engine.runCycle();
    const before = engine.status().lastPulledSeq;

    central.updateRequest('R1', { description: 'deep' });
    central.updateRequest('R2', { description: 'deeper' });
    const [first, second] = central.feed.slice(-2);
    central.fail('changes', () => ({
      kind: 'page',
      page: {
        changes: [second],
        lastSeq: second?.seq,
        hasMore: false,
        serverTime: 1,
      },
    }));

    expect(await engine.runCycle()).toBe(false);
    expect(engine.status().lastError).toMatch(
      new RegExp(`seq ${second?.seq} where ${first?.seq} was due`),
    );
    expect(engine.status().lastPulledSeq).toBe(before);
    expect(store.getRequest('R2')?.description).toBeNull();

    expect(await engine.runCycle()).toBe(true);
    expect(store.getRequest('R2')?.description).toBe('deeper');
  });

  it('shows an intent at once; a rejected one reverts and joins the conflicts', async () => {
    const central = seeded(3);
    const { store, engine, intents } = start(central);
    await engine.runCycle();

    intents.assignCrew({ requestId: 'R1', crewId: 'C1' });
    expect(store.sync.dispatch.getDispatchView('R1')).toMatchObject({
      assignedCrewId: 'C1',
      workStatus: 'assigned',
      pending: true,
    });
    expect(engine.status().outboxDepth).toBe(1);

    // Someone else changes R2 before our assignment arrives: a stale view.
    intents.assignCrew({ requestId: 'R2', crewId: 'C2' });
    central.updateRequest('R2', { description: 'edited elsewhere' });
    intents.assignCrew({ requestId: 'R3', crewId: 'C2' });

    expect(await engine.runCycle()).toBe(true);
    expect(engine.status().outboxDepth).toBe(0);
    expect(central.applied.map((a) => a.intent.seq)).toEqual([1, 3]);
    expect(store.sync.dispatch.getDispatchView('R2')).toMatchObject({
      assignedCrewId: null,
      pending: false,
    });
    expect(store.sync.dispatch.getDispatchView('R3')?.assignedCrewId).toBe(
      'C2',
    );
    expect(store.sync.outbox.listConflicts()).toEqual([
      expect.objectContaining({
        seq: 2,
        summary: 'Assign crew C2 to request R2',
        requestIds: ['R2'],
      }),
    ]);
    expect(store.sync.outbox.listConflicts()[0]?.reason).toMatch(
      /changed by someone else/,
    );
  });

  it('tells the screen when a refusal takes a pending change off a row', async () => {
    const central = seeded(2);
    const { store, engine, intents, changed } = start(central);
    await engine.runCycle();

    intents.assignCrew({ requestId: 'R1', crewId: 'C1' });
    central.updateRequest('R1', { description: 'edited elsewhere' });
    // The edit is pulled first; the assignment is still pending on top.
    await engine.runCycle({ push: false, pull: true });
    expect(store.sync.dispatch.getDispatchView('R1')?.pending).toBe(true);
    changed.length = 0;

    expect(await engine.runCycle({ push: true, pull: false })).toBe(true);
    expect(store.sync.outbox.listConflicts()).toHaveLength(1);
    expect(store.sync.dispatch.getDispatchView('R1')?.pending).toBe(false);
    expect(changed).toEqual([1]);
  });

  it('gives a second action on one request the version the server will hold', async () => {
    const central = seeded(1);
    const { engine, intents } = start(central);
    await engine.runCycle();

    intents.assignCrew({ requestId: 'R1', crewId: 'C1' });
    intents.setRequestStatus({ requestId: 'R1', status: 'in_progress' });
    await engine.runCycle();

    expect(central.applied).toHaveLength(2);
    expect(central.requests.get('R1')).toMatchObject({
      workStatus: 'in_progress',
      assignedCrewId: 'C1',
      version: 3,
    });
  });

  it('never lets a rejected intent block the ones behind it', async () => {
    const central = seeded(2);
    const { engine, intents, store } = start(central);
    await engine.runCycle();

    intents.assignCrew({ requestId: 'R1', crewId: 'C1' });
    central.crews.delete('C1'); // the server no longer knows that crew
    intents.addNote({
      requestId: 'R2',
      body: 'Caller says it is deep',
      visibility: 'internal',
    });
    await engine.runCycle();

    expect(central.applied.map((a) => a.intent.type)).toEqual(['add_note']);
    expect(store.sync.outbox.listConflicts().map((c) => c.seq)).toEqual([1]);
    expect(engine.status().outboxDepth).toBe(0);
  });

  it('backs off on a retryable outcome and sends the intent again later', async () => {
    const central = seeded(1);
    const { engine, intents } = start(central);
    await engine.runCycle();
    let busy = true;
    central.retryable = () => busy;

    intents.assignCrew({ requestId: 'R1', crewId: 'C1' });
    expect(await engine.runCycle()).toBe(false);
    expect(engine.status()).toMatchObject({ outboxDepth: 1, online: true });
    expect(engine.status().lastError).toMatch(/database busy/);

    busy = false;
    expect(await engine.runCycle()).toBe(true);
    expect(central.applied).toHaveLength(1);
  });

  it('applies an intent once when the acknowledgement was lost', async () => {
    const central = seeded(1);
    const { engine, intents } = start(central);
    await engine.runCycle();

    intents.assignCrew({ requestId: 'R1', crewId: 'C1' });
    // The server commits the intent, then the answer is lost on the way.
    const original = central.pushIntents.bind(central);
    let lose = true;
    central.pushIntents = async (batch) => {
      const answer = await original(batch);
      if (lose) {
        lose = false;
        throw new Error('socket hang up');
      }
      return answer;
    };

    expect(await engine.runCycle()).toBe(false);
    expect(engine.status().outboxDepth).toBe(1);
    expect(await engine.runCycle()).toBe(true);
    expect(engine.status().outboxDepth).toBe(0);
    expect(central.applied).toHaveLength(1);
  });

  it('resends from the seq a 409 names', async () => {
    const central = seeded(2);
    const { engine, intents, store } = start(central);
    await engine.runCycle();
    intents.assignCrew({ requestId: 'R1', crewId: 'C1' });
    intents.assignCrew({ requestId: 'R2', crewId: 'C1' });
    await engine.runCycle();

    // The server was restored from a backup that lost intent 2.
    const consoleId = store.sync.state.consoleId();
    const record = central.consoles.get(consoleId);
    if (record) record.last = 1;
    central.updateRequest('R2', { assignedCrewId: null, workStatus: 'open' });
    await engine.runCycle();
    intents.setRequestStatus({ requestId: 'R1', status: 'in_progress' });

    expect(await engine.runCycle()).toBe(true);
    expect(
      central.calls.filter((c) => c.method === 'pushIntents').length,
    ).toBeGreaterThan(2);
    expect(central.consoles.get(consoleId)?.last).toBe(3);
  });

  it('reloads from a snapshot on 410 and ends equal to the server', async () => {
    const central = seeded(5);
    const { engine, store } = start(central);
    await engine.runCycle();

    central.updateRequest('R1', { status: 'closed', workStatus: 'closed' });
    central.putRequest(request('R6'));
    central.oldestKept = central.lastSeq(); // the console's changes are gone
    await engine.runCycle();

    expect(central.calls.filter((c) => c.method === 'snapshot').length).toBe(2);
    expect(store.getRequest('R1')).toBeNull();
    expect(store.getRequest('R6')).not.toBeNull();
    expect(engine.status().lastPulledSeq).toBe(central.lastSeq());
  });

  it('repairs drift in one checksum bucket without reloading the rest', async () => {
    const central = seeded(40);
    const { engine, store } = start(central);
    await engine.runCycle();

    // The server changed R7 without a feed entry: local data has drifted.
    const drifted = {
      ...central.requests.get('R7'),
      description: 'fixed',
      version: 9,
    };
    central.requests.set('R7', drifted as never);
    central.calls = [];

    expect(await engine.runCycle({ pull: true, checksum: true })).toBe(true);
    const snapshots = central.calls.filter((c) => c.method === 'snapshot');
    expect(snapshots.map((c) => (c.arg as { bucket?: number }).bucket)).toEqual(
      [bucketOf('R7')],
    );
    expect(store.getRequest('R7')?.description).toBe('fixed');
  });

  it("catches up to a busy server's checksum to compare, and repairs its drift", async () => {
    const central = seeded(40);
    const { engine, store } = start(central);
    await engine.runCycle();
    central.requests.set('R7', {
      ...central.requests.get('R7')!,
      description: 'fixed',
      version: 9,
    });

    // The city writes just before each checksum is read and just after:
    // the console's pull is always one change behind the checksum.
    const read = central.checksum.bind(central);
    let busy = 0;
    central.checksum = async () => {
      central.putRequest(request(`NEW${busy++}`));
      const checksum = await read();
      central.putRequest(request(`NEW${busy++}`));
      return checksum;
    };

    expect(await engine.runCycle({ pull: true, checksum: true })).toBe(true);
    expect(store.getRequest('R7')?.description).toBe('fixed');
    // It pulled to the checksum's seq and no further before comparing.
    expect(store.getRequest('NEW0')).not.toBeNull();
    expect(store.getRequest('NEW1')).toBeNull();
  });

  it('reports the network as down and up from request outcomes', async () => {
    const central = seeded(1);
    const { engine } = start(central);
    expect(engine.status().online).toBe(false);
    await engine.runCycle();
    expect(engine.status().online).toBe(true);

    central.failOffline('changes');
    expect(await engine.runCycle()).toBe(false);
    expect(engine.status()).toMatchObject({ online: false });
    expect(engine.status().lastError).toMatch(/ECONNREFUSED/);
    await engine.runCycle();
    expect(engine.status()).toMatchObject({ online: true, lastError: null });
  });

  it('refuses locally what cannot succeed, with a reason and no outbox row', async () => {
    const central = seeded(2);
    central.putCrew(crew('OFF', { name: 'Night crew', status: 'off_shift' }));
    const { engine, intents } = start(central);
    await engine.runCycle();

    expect(() =>
      intents.assignCrew({ requestId: 'R1', crewId: 'OFF' }),
    ).toThrow(/Night crew is off shift/);
    expect(() =>
      intents.assignCrew({ requestId: 'NOPE', crewId: 'C1' }),
    ).toThrow(/not in this console's queue/);
    expect(() =>
      intents.setRequestStatus({ requestId: 'R1', status: 'closed' }),
    ).toThrow(/reason is needed/);
    expect(() =>
      intents.mergeRequests({ targetId: 'R1', duplicateIds: ['R2'] }),
    ).toThrow(/needs a supervisor/);
    intents.setRequestStatus({
      requestId: 'R1',
      status: 'closed',
      reason: 'Filled',
    });
    expect(() => intents.assignCrew({ requestId: 'R1', crewId: 'C1' })).toThrow(
      'Request R1 is closed, so StreetDesk cannot be used for assigning a crew; ' +
        'if the problem is back, reopen the case in the city system.',
    );
    // Closing is final here: not even reopening goes through the console.
    expect(() =>
      intents.setRequestStatus({ requestId: 'R1', status: 'open' }),
    ).toThrow(/reopen the case in the city system/);
    expect(engine.status().outboxDepth).toBe(1);
  });
});
