import { afterEach, describe, expect, it } from 'vitest';

import { openStore, type Store } from '../../../src/main/store/store';
import type {
  Change,
  HistoryEntry,
  SyncRequest,
} from '../../../src/shared/sync-protocol';
import { request } from '../sync/fake-central';

const at = (iso: string) => Date.parse(iso);
const HOUR = 3_600_000;

// Wednesday 12 March 2025, 11:00 in Boston (EDT since Sunday the 9th).
const NOW = at('2025-03-12T15:00:00Z');
const TODAY = at('2025-03-12T04:00:00Z');

let store: Store;
afterEach(() => store.close());

let seq = 0;
const changes: Change[] = [];

function open(id: string, patch: Partial<SyncRequest>) {
  changes.push({
    seq: ++seq,
    kind: 'request',
    request: request(id, { requestedAt: TODAY - 48 * HOUR, ...patch }),
  });
}

function statusChanged(id: string, to: string, when: number) {
  const entry: HistoryEntry = {
    historyId: `H-${id}-${to}`,
    requestId: id,
    at: when,
    actor: 'Ana',
    consoleId: null,
    action: 'status_changed',
    detail: { from: 'assigned', to, reason: 'done' },
  };
  changes.push({ seq: ++seq, kind: 'history', entry });
}

function closed(
  id: string,
  when: number,
  reason: 'closed' | 'merged' = 'closed',
) {
  // As the server sends it: the tombstone, then the history entry.
  changes.push({
    seq: ++seq,
    kind: 'request_removed',
    requestId: id,
    reason,
    version: 2,
  });
  statusChanged(id, 'closed', when);
}

function load() {
  store = openStore(':memory:');
  store.sync.confirmed.applyChanges(changes.splice(0), seq);
  return store.getSlaStats(NOW);
}

describe('SLA statistics', () => {
  it('counts a request closed before its due time as met, even once it left the view', () => {
    open('MET', { slaDueAt: TODAY + 10 * HOUR, queue: 'PWDx_District 04' });
    closed('MET', TODAY + 2 * HOUR);
    open('LATE', { slaDueAt: TODAY + 1 * HOUR, queue: 'PWDx_District 04' });
    closed('LATE', TODAY + 3 * HOUR);

    const stats = load();

    expect(store.getRequest('MET')).toBeNull();
    expect(stats.today.total).toEqual({
      due: 2,
      met: 1,
      breached: 1,
      pending: 0,
      onTimeRate: 0.5,
    });
    expect(stats.today.byQueue).toEqual([
      expect.objectContaining({
        name: 'PWDx_District 04',
        met: 1,
        breached: 1,
      }),
    ]);
  });

  it('tells open breaches, resolved work and work not yet due apart', () => {
    open('OVERDUE', { slaDueAt: TODAY + HOUR, workStatus: 'assigned' });
    open('RESOLVED', { slaDueAt: TODAY + 2 * HOUR, workStatus: 'resolved' });
    statusChanged('RESOLVED', 'resolved', TODAY + HOUR);
    open('LATER', { slaDueAt: TODAY + 20 * HOUR });

    const { today, breaches } = load();

    expect(today.total).toMatchObject({
      due: 3,
      met: 1,
      breached: 1,
      pending: 1,
    });
    expect(breaches.rows.map((row) => row.serviceRequestId)).toEqual([
      'OVERDUE',
    ]);
  });

  it('counts a request due exactly at Boston midnight in the day it starts', () => {
    open('AT-MIDNIGHT', { slaDueAt: TODAY });
    open('JUST-BEFORE', { slaDueAt: TODAY - 1 });

    const { today, days } = load();

    expect(today.total.due).toBe(1);
    expect(days[6]).toMatchObject({ from: TODAY, due: 1, breached: 1 });
    expect(days[5]).toMatchObject({ to: TODAY, due: 1, breached: 1 });
  });

  it('counts the week from Monday across the DST change, by type', () => {
    // Sunday 9 March, 23:30 EDT: last week. Monday 00:00 EDT: this week.
    open('SUNDAY', {
      slaDueAt: at('2025-03-10T03:30:00Z'),
      serviceName: 'Pothole',
    });
    open('MONDAY', {
      slaDueAt: at('2025-03-10T04:00:00Z'),
      serviceName: 'Pothole',
    });
    open('FRIDAY', {
      slaDueAt: at('2025-03-14T16:00:00Z'),
      serviceName: 'Graffiti Removal',
    });

    const { week, days } = load();

    expect(week.from).toBe(at('2025-03-10T04:00:00Z'));
    expect(week.total).toMatchObject({ due: 2, breached: 1, pending: 1 });
    expect(week.byType.map((row) => [row.name, row.due])).toEqual([
      ['Pothole', 1],
      ['Graffiti Removal', 1],
    ]);
    // The chart still shows Sunday, the 23-hour day.
    const sunday = days.find((day) => day.to === at('2025-03-10T04:00:00Z'));
    expect(sunday).toMatchObject({ due: 1, breached: 1 });
    expect(sunday!.to - sunday!.from).toBe(23 * HOUR);
  });

  it('leaves merged duplicates out and lists breaches most overdue first', () => {
    open('DUPLICATE', { slaDueAt: TODAY + HOUR });
    closed('DUPLICATE', TODAY + 5 * HOUR, 'merged');
    open('RECENT', { slaDueAt: NOW - HOUR });
    open('OLDEST', { slaDueAt: NOW - 30 * HOUR });
    open('NOT-YET', { slaDueAt: NOW + 1 });
    open('NO-SLA', { slaDueAt: null });

    const { today, breaches } = load();

    // RECENT and NOT-YET are due today; the merged duplicate is not counted.
    expect(today.total).toMatchObject({ due: 2, breached: 1, pending: 1 });
    expect(breaches.total).toBe(2);
    expect(breaches.rows.map((row) => row.serviceRequestId)).toEqual([
      'OLDEST',
      'RECENT',
    ]);
  });

  it('gives way to the live row when the city reopens a closed request', () => {
    open('REOPENED', { slaDueAt: TODAY + HOUR });
    closed('REOPENED', TODAY + 30 * 60_000);
    open('REOPENED', { slaDueAt: TODAY + HOUR, version: 3 });

    const { today } = load();

    expect(today.total).toMatchObject({ due: 1, met: 0, breached: 1 });
  });

  it('reports no on-time rate while nothing has an outcome', () => {
    const { today, week, breaches, days } = load();

    expect(today.total).toEqual({
      due: 0,
      met: 0,
      breached: 0,
      pending: 0,
      onTimeRate: null,
    });
    expect(week.byQueue).toEqual([]);
    expect(breaches).toEqual({ total: 0, rows: [] });
    expect(days).toHaveLength(7);
  });
});
