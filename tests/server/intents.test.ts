import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import {
  changesPageSchema,
  intentBatchResponseSchema,
  type Change,
  type Intent,
} from '../../src/shared/sync-protocol';
import {
  BASE_TIME,
  newRequest,
  startCentral,
  type Central,
} from './support/central-fixture';

let central: Central;
beforeEach(async () => {
  central = await startCentral();
});
afterEach(() => central.close());

type IntentBody = Record<string, unknown> & { type: Intent['type'] };

function push(
  token: string,
  consoleId: string,
  firstSeq: number,
  intents: IntentBody[],
  version = 2,
) {
  return central.call(`/staff/v${version}/intents`, {
    token,
    body: {
      consoleId,
      intents: intents.map((intent, at) => ({
        seq: firstSeq + at,
        ...(version === 2 ? { createdAt: BASE_TIME - 60_000 } : {}),
        ...intent,
      })),
    },
  });
}

async function allChanges(): Promise<Change[]> {
  const page = await central.call('/staff/v2/changes?after=0&limit=5000', {
    token: central.tokens.dana,
  });
  return changesPageSchema.parse(page.body).changes;
}

const assign = (requestId: string, crewId: string, expectedVersion: number) =>
  ({ type: 'assign', requestId, crewId, expectedVersion }) as const;

describe('POST intents', () => {
  it('applies an assignment: new version, a request change and a history change', async () => {
    const before = await central.server.store.changeWindow();
    const { status, body } = await push(central.tokens.dana, 'console-a', 1, [
      assign('101001', 'PWD-04', 1),
    ]);

    expect(status).toBe(200);
    const answer = intentBatchResponseSchema.parse(body);
    expect(answer.results).toEqual([{ seq: 1, outcome: 'applied' }]);
    expect(answer.lastAppliedSeq).toBe(1);

    const request = await central.server.store.getRequest('101001');
    expect(request).toMatchObject({
      assignedCrewId: 'PWD-04',
      workStatus: 'assigned',
      version: 2,
    });

    const changes = (await allChanges()).filter((c) => c.seq > before.lastSeq);
    expect(changes.map((c) => c.kind)).toEqual(['request', 'history']);
    expect(changes.map((c) => c.seq)).toEqual([
      before.lastSeq + 1,
      before.lastSeq + 2,
    ]);
    const history = changes[1];
    expect(history?.kind === 'history' && history.entry).toMatchObject({
      requestId: '101001',
      actor: 'Dana Dispatch',
      consoleId: 'console-a',
      action: 'assigned',
      at: BASE_TIME - 60_000,
    });
  });

  it('acknowledges a resent intent with its first outcome and applies it once', async () => {
    const note = {
      type: 'add_note',
      requestId: '101002',
      noteId: 'note-1',
      body: 'Caller says the pole is leaning',
      visibility: 'internal',
    } as const;
    await push(central.tokens.dana, 'console-a', 1, [
      note,
      assign('101001', 'PWD-04', 1),
    ]);
    const afterFirst = await central.server.store.changeWindow();

    const again = await push(central.tokens.dana, 'console-a', 1, [
      note,
      assign('101001', 'PWD-04', 1),
    ]);

    expect(again.status).toBe(200);
    expect(intentBatchResponseSchema.parse(again.body).results).toEqual([
      { seq: 1, outcome: 'applied' },
      { seq: 2, outcome: 'applied' },
    ]);
    expect(await central.server.store.changeWindow()).toEqual(afterFirst);
    expect(await central.server.store.listNotes('101002')).toHaveLength(1);
    expect((await central.server.store.getRequest('101001'))?.version).toBe(2);
  });

  it('answers a duplicate that was rejected with the same rejection', async () => {
    const first = await push(central.tokens.dana, 'console-a', 1, [
      assign('101001', 'PWD-04', 7),
    ]);
    const again = await push(central.tokens.dana, 'console-a', 1, [
      assign('101001', 'PWD-04', 7),
    ]);

    expect(again.body.results).toEqual(first.body.results);
    expect((again.body.results as { outcome: string }[])[0]?.outcome).toBe(
      'rejected',
    );
  });

  it('refuses a gap with 409 and the expected seq, storing nothing', async () => {
    await push(central.tokens.dana, 'console-a', 1, [
      assign('101001', 'PWD-04', 1),
    ]);
    const before = await central.server.store.changeWindow();

    const gap = await push(central.tokens.dana, 'console-a', 3, [
      assign('101002', 'PWD-04', 1),
    ]);

    expect(gap.status).toBe(409);
    expect(gap.body).toMatchObject({ error: 'sequence_gap', expectedSeq: 2 });
    expect(await central.server.store.changeWindow()).toEqual(before);
    expect(await central.server.store.lastIntentSeq('console-a')).toBe(1);
  });

  it('keeps each console’s sequence separate', async () => {
    const a = await push(central.tokens.dana, 'console-a', 1, [
      assign('101001', 'PWD-04', 1),
    ]);
    const b = await push(central.tokens.ana, 'console-b', 1, [
      assign('101002', 'PWD-04', 1),
    ]);

    expect(a.body.results).toEqual([{ seq: 1, outcome: 'applied' }]);
    expect(b.body.results).toEqual([{ seq: 1, outcome: 'applied' }]);
  });

  it('rejects a stale assignment naming who changed the request, and moves on', async () => {
    await push(central.tokens.ana, 'console-b', 1, [
      assign('101001', 'PWD-04', 1),
    ]);

    const { body } = await push(central.tokens.dana, 'console-a', 1, [
      assign('101001', 'PWD-04', 1),
      assign('101002', 'PWD-04', 1),
    ]);

    const [stale, next] = intentBatchResponseSchema.parse(body).results;
    expect(stale?.outcome).toBe('rejected');
    expect(stale?.outcome === 'rejected' && stale.reason).toBe(
      'Request 101001 was assigned to crew PWD-04 by Ana Diaz at 13:59 since you ' +
        'looked; check it and assign again.',
    );
    expect(next).toEqual({ seq: 2, outcome: 'applied' });
    expect((await central.server.store.getRequest('101001'))?.version).toBe(2);
  });

  it('refuses a change built on a refused one, even if the versions match', async () => {
    // Ana assigns 101001 (now version 2). Dana, offline, had assigned it
    // too (her view then: version 2) and then unassigned it, expecting 2.
    await push(central.tokens.ana, 'console-b', 1, [
      assign('101001', 'PWD-04', 1),
    ]);

    const { body } = await push(central.tokens.dana, 'console-a', 1, [
      assign('101001', 'PWD-04', 1),
      {
        type: 'unassign',
        requestId: '101001',
        expectedVersion: 2,
        dependsOnSeq: 1,
      },
    ]);

    const [first, second] = intentBatchResponseSchema.parse(body).results;
    expect(first?.outcome).toBe('rejected');
    expect(second?.outcome === 'rejected' && second.reason).toMatch(
      /^It built on your earlier change #1, which was refused \(Request 101001/,
    );
    // Ana's crew stays: Dana never saw it, so her unassign must not remove it.
    const request = await central.server.store.getRequest('101001');
    expect(request?.assignedCrewId).toBe('PWD-04');
    expect(request?.version).toBe(2);
  });

  it('without a dependency, the version check alone decides (the hazard it closes)', async () => {
    await push(central.tokens.ana, 'console-b', 1, [
      assign('101001', 'PWD-04', 1),
    ]);

    const { body } = await push(central.tokens.dana, 'console-a', 1, [
      assign('101001', 'PWD-04', 1),
      { type: 'unassign', requestId: '101001', expectedVersion: 2 },
    ]);

    const [, second] = intentBatchResponseSchema.parse(body).results;
    expect(second?.outcome).toBe('applied');
  });

  it('says "reassigned" when the request already had a crew', async () => {
    await push(central.tokens.ana, 'console-b', 1, [
      assign('101001', 'PWD-04', 1),
      { type: 'set_crew_status', crewId: 'PWD-09', status: 'available' },
      assign('101001', 'PWD-09', 2),
    ]);
    const { body } = await push(central.tokens.dana, 'console-a', 1, [
      assign('101001', 'PWD-04', 2),
    ]);
    const [result] = intentBatchResponseSchema.parse(body).results;
    expect(result?.outcome === 'rejected' && result.reason).toMatch(
      /^Request 101001 was reassigned to crew PWD-09 by Ana Diaz/,
    );
  });

  it('rejects assigning a closed request, an unknown crew and an off-shift crew', async () => {
    const { body } = await push(central.tokens.dana, 'console-a', 1, [
      {
        type: 'set_status',
        requestId: '101003',
        status: 'closed',
        reason: 'Fixed',
        expectedVersion: 1,
      },
      assign('101003', 'PWD-04', 2),
      assign('101001', 'NOPE', 1),
      assign('101001', 'PWD-09', 1),
    ]);

    const results = intentBatchResponseSchema.parse(body).results;
    expect(results.map((r) => r.outcome)).toEqual([
      'applied',
      'rejected',
      'rejected',
      'rejected',
    ]);
    const reasons = results.map((r) =>
      r.outcome === 'rejected' ? r.reason : '',
    );
    expect(reasons[1]).toMatch(
      /Request 101003 was closed, so it cannot be changed/,
    );
    expect(reasons[2]).toMatch(/Crew NOPE does not exist/);
    expect(reasons[3]).toMatch(/Crew PWD-09 \(Crew PWD-09\) is off shift/);
    expect((await central.server.store.getRequest('101001'))?.version).toBe(1);
  });

  it('closes a request with a tombstone, and needs a reason to close or resolve', async () => {
    const before = await central.server.store.changeWindow();
    const { body } = await push(central.tokens.dana, 'console-a', 1, [
      {
        type: 'set_status',
        requestId: '101001',
        status: 'closed',
        reason: null,
        expectedVersion: 1,
      },
      {
        type: 'set_status',
        requestId: '101001',
        status: 'resolved',
        reason: '  ',
        expectedVersion: 1,
      },
      {
        type: 'set_status',
        requestId: '101001',
        status: 'closed',
        reason: 'Lamp replaced',
        expectedVersion: 1,
      },
    ]);

    const results = intentBatchResponseSchema.parse(body).results;
    expect(results.map((r) => r.outcome)).toEqual([
      'rejected',
      'rejected',
      'applied',
    ]);
    expect(results[0]?.outcome === 'rejected' && results[0].reason).toMatch(
      /^Closing request 101001 needs a reason/,
    );
    expect(results[1]?.outcome === 'rejected' && results[1].reason).toMatch(
      /^Resolving request 101001 needs a reason/,
    );

    const changes = (await allChanges()).filter((c) => c.seq > before.lastSeq);
    expect(changes[0]).toEqual({
      seq: before.lastSeq + 1,
      kind: 'request_removed',
      requestId: '101001',
      reason: 'closed',
      version: 2,
    });
    expect(await central.server.store.getRequest('101001')).toMatchObject({
      status: 'closed',
      workStatus: 'closed',
      closureReason: 'Lamp replaced',
      closedAt: BASE_TIME,
    });
  });

  it('refuses a dispatcher’s merge with a reason, applies a supervisor’s', async () => {
    const merge = {
      type: 'merge',
      targetId: '101001',
      duplicateIds: ['101002', '101003'],
      expectedVersions: { '101001': 1, '101002': 1, '101003': 1 },
    } as const;

    const refused = await push(central.tokens.dana, 'console-a', 1, [merge]);
    const [denied] = intentBatchResponseSchema.parse(refused.body).results;
    expect(denied?.outcome === 'rejected' && denied.reason).toMatch(
      /Merging requests needs a supervisor or admin/,
    );
    expect((await central.server.store.getRequest('101002'))?.status).toBe(
      'open',
    );

    const before = await central.server.store.changeWindow();
    const done = await push(central.tokens.ana, 'console-b', 1, [merge]);
    expect(done.body.results).toEqual([{ seq: 1, outcome: 'applied' }]);

    const changes = (await allChanges()).filter((c) => c.seq > before.lastSeq);
    const tombstones = changes.filter((c) => c.kind === 'request_removed');
    expect(tombstones).toEqual([
      expect.objectContaining({
        requestId: '101002',
        reason: 'merged',
        version: 2,
      }),
      expect.objectContaining({
        requestId: '101003',
        reason: 'merged',
        version: 2,
      }),
    ]);
    for (const id of ['101001', '101002', '101003']) {
      const history = await central.server.store.listHistory(id);
      expect(history.at(-1)?.action).toBe(
        id === '101001' ? 'merged' : 'merged_into',
      );
    }
    expect(await central.server.store.getRequest('101002')).toMatchObject({
      mergedInto: '101001',
      status: 'closed',
    });
    expect((await central.server.store.getRequest('101001'))?.version).toBe(2);
  });

  it('rejects a merge when any version is stale or missing', async () => {
    await push(central.tokens.dana, 'console-a', 1, [
      assign('101003', 'PWD-04', 1),
    ]);
    const { body } = await push(central.tokens.ana, 'console-b', 1, [
      {
        type: 'merge',
        targetId: '101001',
        duplicateIds: ['101003'],
        expectedVersions: { '101001': 1, '101003': 1 },
      },
      {
        type: 'merge',
        targetId: '101001',
        duplicateIds: ['101002'],
        expectedVersions: { '101001': 1 },
      },
    ]);
    const results = intentBatchResponseSchema.parse(body).results;
    expect(results.map((r) => r.outcome)).toEqual(['rejected', 'rejected']);
    expect(results[0]?.outcome === 'rejected' && results[0].reason).toMatch(
      /Request 101003 was assigned to crew PWD-04 by Dana Dispatch/,
    );
    expect(results[1]?.outcome === 'rejected' && results[1].reason).toMatch(
      /does not say which version of request 101002/,
    );
    expect((await central.server.store.getRequest('101003'))?.status).toBe(
      'open',
    );
  });

  it('accepts a v1 intent and dates its history at arrival', async () => {
    central.clock.now = BASE_TIME + 5_000;
    const { status, body } = await push(
      central.tokens.dana,
      'console-old',
      1,
      [assign('101002', 'PWD-04', 1)],
      1,
    );

    expect(status).toBe(200);
    expect(body.results).toEqual([{ seq: 1, outcome: 'applied' }]);
    const [entry] = await central.server.store.listHistory('101002');
    expect(entry?.at).toBe(BASE_TIME + 5_000);
  });

  it('refuses a v1 intent that carries createdAt, and v2 without it', async () => {
    const v1 = await central.call('/staff/v1/intents', {
      token: central.tokens.dana,
      body: {
        consoleId: 'c',
        intents: [{ seq: 1, createdAt: 1, ...assign('101001', 'PWD-04', 1) }],
      },
    });
    const v2 = await push(
      central.tokens.dana,
      'c',
      1,
      [assign('101001', 'PWD-04', 1)],
      1,
    );
    const v2Missing = await central.call('/staff/v2/intents', {
      token: central.tokens.dana,
      body: {
        consoleId: 'c',
        intents: [{ seq: 1, ...assign('101001', 'PWD-04', 1) }],
      },
    });

    expect(v1.status).toBe(400);
    expect(v1.body.description).toMatch(
      /createdAt is not part of protocol version 1/,
    );
    expect(v2.status).toBe(200);
    expect(v2Missing.status).toBe(400);
    expect(v2Missing.body.description).toMatch(/intents\.0\.createdAt/);
  });

  it('applies crew status changes with a crew change and a new version', async () => {
    const { body } = await push(central.tokens.dana, 'console-a', 1, [
      { type: 'set_crew_status', crewId: 'PWD-04', status: 'en_route' },
    ]);
    expect(body.results).toEqual([{ seq: 1, outcome: 'applied' }]);
    const crew = await central.server.store.getCrew('PWD-04');
    expect(crew).toMatchObject({ status: 'en_route', version: 2 });
    const last = (await allChanges()).at(-1);
    expect(last?.kind === 'crew' && last.crew).toEqual(crew);
  });

  it('stores script in a note as plain text', async () => {
    const body = '<script>alert(1)</script> & "quotes"';
    await push(central.tokens.dana, 'console-a', 1, [
      {
        type: 'add_note',
        requestId: '101001',
        noteId: 'n-x',
        body,
        visibility: 'public',
      },
    ]);
    const [note] = await central.server.store.listNotes('101001');
    expect(note?.body).toBe(body);
  });

  it('recognises a resent note under a new seq and refuses a reused note id', async () => {
    const note = {
      type: 'add_note',
      requestId: '101001',
      noteId: 'n-1',
      body: 'first',
      visibility: 'internal',
    } as const;
    const { body } = await push(central.tokens.dana, 'console-a', 1, [
      note,
      note,
      { ...note, body: 'something else' },
    ]);
    expect(
      (body.results as { outcome: string }[]).map((r) => r.outcome),
    ).toEqual(['applied', 'applied', 'rejected']);
    expect(await central.server.store.listNotes('101001')).toHaveLength(1);
  });

  it('refuses a batch whose seqs are not one apart', async () => {
    const { status, body } = await central.call('/staff/v2/intents', {
      token: central.tokens.dana,
      body: {
        consoleId: 'c',
        intents: [
          { seq: 1, createdAt: 1, ...assign('101001', 'PWD-04', 1) },
          { seq: 3, createdAt: 1, ...assign('101002', 'PWD-04', 1) },
        ],
      },
    });
    expect(status).toBe(400);
    expect(body.description).toMatch(
      /intents\[1\]\.seq is 3 but follows seq 1/,
    );
    expect(await central.server.store.lastIntentSeq('c')).toBe(0);
  });

  it('keeps request versions and the feed consistent under concurrent consoles', async () => {
    const ids = Array.from({ length: 10 }, (_, at) => `20${at}`);
    await central.server.store.transaction((tx) =>
      tx.insertRequests(ids.map((id) => newRequest(id))),
    );
    const before = await central.server.store.changeWindow();

    // Ten consoles all try to assign all ten requests, seeing version 1.
    const answers = await Promise.all(
      Array.from({ length: 10 }, (_, c) =>
        push(
          central.tokens.dana,
          `race-${c}`,
          1,
          ids.map((id) => assign(id, 'PWD-04', 1)),
        ),
      ),
    );

    const applied = answers.flatMap((a) =>
      (a.body.results as { outcome: string }[]).filter(
        (r) => r.outcome === 'applied',
      ),
    );
    expect(applied).toHaveLength(ids.length);
    const changes = (await allChanges()).filter((c) => c.seq > before.lastSeq);
    expect(changes).toHaveLength(ids.length * 2);
    changes.forEach((change, at) =>
      expect(change.seq).toBe(before.lastSeq + 1 + at),
    );
  });
});
