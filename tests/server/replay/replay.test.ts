import { resolve } from 'node:path';

import { describe, expect, it } from 'vitest';

import { readBostonCsv } from '../../../src/main/import/boston-csv-rows';
import type { StoredRequest } from '../../../src/main/store/stored-request';
import {
  createReplayer,
  type ReplayPorts,
} from '../../../src/server/replay/replayer';
import {
  buildReplaySchedule,
  openAtAnchor,
  type ReplayedRequest,
} from '../../../src/server/replay/replay-schedule';
import { syncRequestSchema } from '../../../src/shared/sync-protocol';
import { fakeTime } from './fake-time';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const ANCHOR = Date.parse('2015-06-01T12:00:00-04:00');
const REAL_START = Date.parse('2026-05-01T09:00:00-04:00');

function row(
  id: string,
  requestedAt: number,
  closedAt: number | null,
  extra: Partial<StoredRequest> = {},
): StoredRequest {
  return {
    serviceRequestId: id,
    serviceCode: 'street-light-outages',
    serviceName: 'Street Light Outages',
    description: `case ${id}`,
    status: closedAt === null ? 'open' : 'closed',
    statusNotes: null,
    agencyResponsible: 'PWDx',
    requestedAt,
    updatedAt: closedAt,
    slaDueAt: null,
    closedAt,
    address: null,
    zipcode: null,
    lat: 42.35,
    long: -71.06,
    mediaUrl: null,
    queue: 'PWDx_Street Light Outages',
    department: 'PWDx',
    neighborhood: 'South End',
    source: 'Constituent Call',
    closureReason: closedAt === null ? null : `fixed ${id}`,
    ...extra,
  };
}

const ROWS = [
  row('closed-before', ANCHOR - 2 * DAY, ANCHOR - DAY),
  row('open-at-anchor', ANCHOR - DAY, ANCHOR + 2 * HOUR, {
    slaDueAt: ANCHOR + DAY,
  }),
  row('still-open', ANCHOR - 3 * HOUR, null),
  row('opens-later', ANCHOR + HOUR, ANCHOR + 5 * HOUR, {
    slaDueAt: ANCHOR + HOUR + 3 * DAY,
  }),
  row('opens-never-closes', ANCHOR + 30 * MINUTE, null),
  row('instant', ANCHOR + 3 * HOUR, ANCHOR + 3 * HOUR),
];

type Call =
  | { kind: 'open'; request: ReplayedRequest; now: number }
  | { kind: 'close'; id: string; reason: string; now: number };

function recordingPorts(closable = (_id: string) => true) {
  const calls: Call[] = [];
  const ports: ReplayPorts = {
    openRequest: async (request, now) => {
      await Promise.resolve();
      calls.push({ kind: 'open', request, now });
    },
    closeRequest: (id, reason, now) => {
      calls.push({ kind: 'close', id, reason, now });
      return closable(id);
    },
  };
  const names = () =>
    calls.map((c) =>
      c.kind === 'open'
        ? `open ${c.request.serviceRequestId}`
        : `close ${c.id}`,
    );

  return { calls, ports, names };
}

describe('the replay schedule', () => {
  it('lists opens and closes after the anchor in the order they happened', () => {
    const { anchor2015, events } = buildReplaySchedule(ROWS, ANCHOR);

    expect(anchor2015).toBe(ANCHOR);
    expect(
      events.map((e) => `${e.kind} ${e.request.serviceRequestId}`),
    ).toEqual([
      'open opens-never-closes',
      'open opens-later',
      'close open-at-anchor',
      'open instant',
      'close instant',
      'close opens-later',
    ]);
    expect(events.map((e) => e.at2015)).toEqual(
      [...events.map((e) => e.at2015)].sort((a, b) => a - b),
    );
  });

  it('starts from the requests open at the anchor, moved to now', () => {
    const open = openAtAnchor(ROWS, ANCHOR, REAL_START);
    const byId = new Map(open.map((r) => [r.serviceRequestId, r]));

    expect([...byId.keys()].sort()).toEqual(['open-at-anchor', 'still-open']);
    expect(byId.get('open-at-anchor')).toMatchObject({
      status: 'open',
      requestedAt: REAL_START - DAY,
      slaDueAt: REAL_START + DAY,
      closedAt: null,
      closureReason: null,
    });
  });

  it('builds from a real Boston export, each request fit for the protocol', async () => {
    const rows: StoredRequest[] = [];
    for await (const batch of readBostonCsv(
      resolve(import.meta.dirname, '../../fixtures/boston311-good.csv'),
    )) {
      for (const r of batch) if (r.ok) rows.push(r.request);
    }
    const anchor = Date.parse('2015-03-01T00:00:00-05:00');
    const { events } = buildReplaySchedule(rows, anchor);
    const server = {
      workStatus: 'open',
      assignedCrewId: null,
      mergedInto: null,
      version: 1,
    };

    expect(events.filter((e) => e.kind === 'open')).toHaveLength(rows.length);
    for (const event of events) {
      expect(
        syncRequestSchema.safeParse({ ...event.request, ...server }).success,
      ).toBe(true);
    }
  });

  it('cuts texts longer than the protocol carries', () => {
    const long = row('long', ANCHOR + 1, null, {
      description: 'x'.repeat(9000),
    });
    const [event] = buildReplaySchedule([long], ANCHOR).events;

    expect(event?.request.description).toHaveLength(4000);
  });
});

describe('the replayer', () => {
  it('fires events at anchor + elapsed * speed, in order', async () => {
    const time = fakeTime(REAL_START);
    const { calls, ports, names } = recordingPorts();
    const replayer = createReplayer({
      schedule: buildReplaySchedule(ROWS, ANCHOR),
      speed: 60,
      startedAt: REAL_START,
      clock: time.clock,
      ports,
      setTimer: time.setTimer,
      clearTimer: time.clearTimer,
    });

    // At 60x, the first event (30 simulated minutes in) is 30 s away.
    expect(replayer.status().nextAtMs).toBe(REAL_START + 30_000);
    await time.advance(29_999);
    expect(calls).toHaveLength(0);

    await time.advance(1);
    expect(names()).toEqual(['open opens-never-closes']);
    expect(calls[0]!.now).toBe(REAL_START + 30_000);

    // Three simulated hours = three real minutes.
    await time.advance(3 * MINUTE - 30_000);
    expect(names()).toEqual([
      'open opens-never-closes',
      'open opens-later',
      'close open-at-anchor',
      'open instant',
      'close instant',
    ]);
    expect(replayer.status()).toMatchObject({
      eventsFired: 5,
      opened: 3,
      closed: 2,
      nextAt2015: ANCHOR + 5 * HOUR,
      nextAtMs: REAL_START + 5 * MINUTE,
      done: false,
    });

    await time.advance(2 * MINUTE);
    expect(replayer.status()).toMatchObject({ eventsFired: 6, done: true });
    expect(time.pending()).toBe(0);
  });

  it('opens a request at the real now with its original SLA window', async () => {
    const time = fakeTime(REAL_START);
    const { calls, ports } = recordingPorts();
    createReplayer({
      schedule: buildReplaySchedule(ROWS, ANCHOR),
      speed: 3600,
      startedAt: REAL_START,
      clock: time.clock,
      ports,
      setTimer: time.setTimer,
      clearTimer: time.clearTimer,
    });

    await time.advance(1000);
    const opened = calls.find(
      (c) => c.kind === 'open' && c.request.serviceRequestId === 'opens-later',
    );

    expect(opened).toBeDefined();
    if (opened?.kind !== 'open') return;
    expect(opened.now).toBe(REAL_START + 1000);
    expect(opened.request).toMatchObject({
      status: 'open',
      requestedAt: REAL_START + 1000,
      updatedAt: REAL_START + 1000,
      slaDueAt: REAL_START + 1000 + 3 * DAY,
      closedAt: null,
      closureReason: null,
    });
  });

  it('passes the real closure reason and skips closes staff already made', async () => {
    const time = fakeTime(REAL_START);
    const { calls, ports } = recordingPorts((id) => id !== 'open-at-anchor');
    const replayer = createReplayer({
      schedule: buildReplaySchedule(ROWS, ANCHOR),
      speed: 3600,
      startedAt: REAL_START,
      clock: time.clock,
      ports,
      setTimer: time.setTimer,
      clearTimer: time.clearTimer,
    });

    await time.advance(10_000);
    const closes = calls.filter((c) => c.kind === 'close');

    expect(closes.map((c) => c.kind === 'close' && c.reason)).toEqual([
      'fixed open-at-anchor',
      'fixed instant',
      'fixed opens-later',
    ]);
    expect(replayer.status()).toMatchObject({ closed: 2, closesSkipped: 1 });
  });

  it('catches up on events already due when it starts late', async () => {
    const time = fakeTime(REAL_START + 4 * HOUR);
    const { names, ports } = recordingPorts();
    createReplayer({
      schedule: buildReplaySchedule(ROWS, ANCHOR),
      speed: 1,
      startedAt: REAL_START,
      clock: time.clock,
      ports,
      setTimer: time.setTimer,
      clearTimer: time.clearTimer,
    });

    await time.advance(0);
    expect(names()).toHaveLength(5);
    await time.advance(HOUR);
    expect(names()).toHaveLength(6);
  });

  it('fires nothing after stop and leaves no timer', async () => {
    const time = fakeTime(REAL_START);
    const { calls, ports } = recordingPorts();
    const replayer = createReplayer({
      schedule: buildReplaySchedule(ROWS, ANCHOR),
      speed: 60,
      startedAt: REAL_START,
      clock: time.clock,
      ports,
      setTimer: time.setTimer,
      clearTimer: time.clearTimer,
    });

    await time.advance(31_000);
    replayer.stop();
    await time.advance(DAY);

    expect(calls).toHaveLength(1);
    expect(time.pending()).toBe(0);
    expect(replayer.status()).toMatchObject({ stopped: true, eventsFired: 1 });
  });

  it('yields between bursts and keeps order over thousands of due events', async () => {
    const many = Array.from({ length: 1200 }, (_, i) =>
      row(`r${String(i).padStart(4, '0')}`, ANCHOR + 1 + (i % 7), null),
    );
    const time = fakeTime(REAL_START + MINUTE);
    const { calls, ports } = recordingPorts();
    const ticks: number[] = [];
    createReplayer({
      schedule: buildReplaySchedule(many, ANCHOR),
      speed: 1,
      startedAt: REAL_START,
      clock: time.clock,
      ports,
      setTimer: (fire, ms) => {
        ticks.push(ms);
        return time.setTimer(fire, ms);
      },
      clearTimer: time.clearTimer,
      maxEventsPerTick: 500,
    });

    await time.advance(0);
    const times = calls.map((c) => (c.kind === 'open' ? c.request : null));

    expect(calls).toHaveLength(1200);
    expect(ticks).toEqual([0, 0, 0]);
    const order = buildReplaySchedule(many, ANCHOR).events.map(
      (e) => e.request.serviceRequestId,
    );
    expect(times.map((r) => r?.serviceRequestId)).toEqual(order);
  });

  it('counts a failing store call and goes on', async () => {
    const time = fakeTime(REAL_START);
    const errors: string[] = [];
    let opens = 0;
    const replayer = createReplayer({
      schedule: buildReplaySchedule(ROWS, ANCHOR),
      speed: 3600,
      startedAt: REAL_START,
      clock: time.clock,
      ports: {
        openRequest: () => {
          opens += 1;
          if (opens === 1) throw new Error('database is locked');
        },
        closeRequest: () => true,
      },
      setTimer: time.setTimer,
      clearTimer: time.clearTimer,
      onError: (error, event) =>
        errors.push(`${event.request.serviceRequestId}: ${String(error)}`),
    });

    await time.advance(10_000);

    expect(errors).toEqual(['opens-never-closes: Error: database is locked']);
    expect(replayer.status()).toMatchObject({
      failures: 1,
      opened: 2,
      done: true,
    });
  });

  it('refuses a speed that is not a positive number', () => {
    const base = {
      schedule: buildReplaySchedule(ROWS, ANCHOR),
      startedAt: REAL_START,
      clock: () => REAL_START,
      ports: recordingPorts().ports,
    };

    expect(() => createReplayer({ ...base, speed: 0 })).toThrow(
      /replay speed 0 is not a positive number/,
    );
    expect(() => createReplayer({ ...base, speed: Number.NaN })).toThrow();
  });
});
