import { afterEach, describe, expect, it } from 'vitest';

import { requestFields } from '../../src/server/open311/open311-fields';
import {
  intentBatchResponseSchema,
  type IntentResult,
} from '../../src/shared/sync-protocol';
import {
  BASE_TIME,
  newCrew,
  newRequest,
  startCentral,
  type Central,
} from './support/central-fixture';

const HOUR = 3_600_000;
let central: Central;
afterEach(() => central.close());

/** Three reports of one pothole and an unrelated request. */
async function street(unmergeWindowMs?: number) {
  central = await startCentral({
    unmergeWindowMs,
    requests: [
      newRequest('P-1', { slaDueAt: BASE_TIME + 48 * HOUR }),
      newRequest('P-2', {
        slaDueAt: BASE_TIME + 5 * HOUR,
        description: 'Deep hole by the bus stop',
        mediaUrl: 'https://photos.example/p2.jpg',
        source: 'Citizens Connect App',
        workStatus: 'assigned',
        assignedCrewId: 'PWD-04',
      }),
      newRequest('P-3', { slaDueAt: null, description: 'Pothole again' }),
      newRequest('OTHER'),
    ],
    crews: [newCrew('PWD-04'), newCrew('PWD-07')],
  });
  await central.server.store.transaction(async (tx) => {
    await tx.insertReporter('P-3', {
      firstName: 'Rosa',
      lastName: 'Li',
      email: 'rosa@example.org',
      phone: null,
    });
    await tx.insertNote({
      noteId: 'n-p3',
      requestId: 'P-3',
      body: 'Caller says it is getting bigger',
      visibility: 'public',
      author: 'Dana Dispatch',
      createdAt: BASE_TIME - HOUR,
    });
  });
}

async function push(
  token: string,
  seq: number,
  intent: Record<string, unknown>,
): Promise<IntentResult> {
  const { body } = await central.call('/staff/v2/intents', {
    token,
    body: {
      // One console per user, as in a depot.
      consoleId: `console-${token.slice(0, 8)}`,
      intents: [{ seq, createdAt: BASE_TIME, ...intent }],
    },
  });
  return intentBatchResponseSchema.parse(body).results[0]!;
}

const mergeAll = (extra: Record<string, unknown> = {}) => ({
  type: 'merge',
  targetId: 'P-1',
  duplicateIds: ['P-2', 'P-3'],
  expectedVersions: { 'P-1': 1, 'P-2': 1, 'P-3': 1 },
  ...extra,
});

describe('merging duplicates', () => {
  it('closes the duplicates onto the target and carries their reports to it', async () => {
    await street();

    const result = await push(
      central.tokens.ana,
      1,
      mergeAll({ crewId: 'PWD-04' }),
    );

    expect(result).toEqual({ seq: 1, outcome: 'applied' });
    const { store } = central.server;
    const duplicate = await store.getRequest('P-2');
    expect(duplicate).toMatchObject({
      status: 'closed',
      mergedInto: 'P-1',
      assignedCrewId: null,
    });
    expect(duplicate?.statusNotes).toContain('duplicate of request P-1');
    // The earliest due time, the chosen crew, the first photo.
    expect(await store.getRequest('P-1')).toMatchObject({
      slaDueAt: BASE_TIME + 5 * HOUR,
      assignedCrewId: 'PWD-04',
      workStatus: 'assigned',
      mediaUrl: 'https://photos.example/p2.jpg',
    });

    const notes = (await store.listNotes('P-1')).map((note) => note.body);
    expect(notes).toEqual(
      expect.arrayContaining([
        expect.stringMatching(
          /request P-2[\s\S]*Citizens Connect App[\s\S]*Deep hole by the bus stop[\s\S]*p2\.jpg/,
        ),
        expect.stringMatching(
          /request P-3[\s\S]*Reporter: Rosa Li, rosa@example\.org/,
        ),
        'From request P-3: Caller says it is getting bigger',
      ]),
    );
  });

  it('exposes the merge over Open311: closed, a note naming the parent, merged_into', async () => {
    await street();
    await push(central.tokens.ana, 1, mergeAll());

    const merged = await central.server.store.getRequest('P-2');
    const fields = requestFields(merged!);
    expect(fields).toMatchObject({
      service_request_id: 'P-2',
      status: 'closed',
      merged_into: 'P-1',
    });
    expect(fields.status_notes).toContain('P-1');
    expect(
      requestFields((await central.server.store.getRequest('P-1'))!),
    ).toMatchObject({ status: 'open', merged_into: null });
  });

  it('refuses a dispatcher, and a crew that is off shift, and writes nothing', async () => {
    await street();
    const { store } = central.server;

    const byDispatcher = await push(central.tokens.dana, 1, mergeAll());
    expect(byDispatcher.outcome === 'rejected' && byDispatcher.reason).toMatch(
      /needs a supervisor or admin/,
    );

    await central.server.store.transaction((tx) =>
      tx.updateCrew('PWD-07', { status: 'off_shift' }),
    );
    const offShift = await push(
      central.tokens.ana,
      1,
      mergeAll({ crewId: 'PWD-07' }),
    );
    expect(offShift.outcome === 'rejected' && offShift.reason).toMatch(
      /PWD-07 is off shift/,
    );
    expect((await store.getRequest('P-2'))?.status).toBe('open');
    expect((await store.getRequest('P-1'))?.version).toBe(1);
    expect(await store.latestMerge('P-1')).toBeNull();
  });
});

describe('undoing a merge', () => {
  it('reopens the duplicates as they were and puts the target back', async () => {
    await street();
    await push(central.tokens.ana, 1, mergeAll({ crewId: 'PWD-07' }));

    const undone = await push(central.tokens.ana, 2, {
      type: 'unmerge',
      targetId: 'P-1',
      duplicateIds: ['P-3', 'P-2'],
    });

    expect(undone).toEqual({ seq: 2, outcome: 'applied' });
    const { store } = central.server;
    expect(await store.getRequest('P-2')).toMatchObject({
      status: 'open',
      mergedInto: null,
      assignedCrewId: 'PWD-04',
      workStatus: 'assigned',
      closedAt: null,
    });
    expect(await store.getRequest('P-1')).toMatchObject({
      slaDueAt: BASE_TIME + 48 * HOUR,
      assignedCrewId: null,
      workStatus: 'open',
      mediaUrl: null,
    });
    const actions = (await store.listHistory('P-1')).map((e) => e.action);
    expect(actions.slice(-2)).toEqual(['merged', 'unmerged']);
    expect(await store.latestMerge('P-1')).toBeNull();
  });

  it('refuses after the window, for other duplicates, and for a dispatcher', async () => {
    await street(2 * HOUR);
    await push(central.tokens.ana, 1, mergeAll());
    const unmerge = {
      type: 'unmerge',
      targetId: 'P-1',
      duplicateIds: ['P-2', 'P-3'],
    };

    const dispatcher = await push(central.tokens.dana, 1, unmerge);
    expect(dispatcher.outcome === 'rejected' && dispatcher.reason).toMatch(
      /needs a supervisor/,
    );
    const wrong = await push(central.tokens.ana, 2, {
      ...unmerge,
      duplicateIds: ['P-2'],
    });
    expect(wrong.outcome === 'rejected' && wrong.reason).toMatch(
      /latest merged P-2, P-3/,
    );

    central.clock.now = BASE_TIME + 3 * HOUR;
    const late = await push(central.tokens.ana, 3, unmerge);
    expect(late.outcome === 'rejected' && late.reason).toMatch(
      /more than 2 h ago/,
    );
    expect((await central.server.store.getRequest('P-2'))?.status).toBe(
      'closed',
    );
  });
});
