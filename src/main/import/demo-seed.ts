import type { Store } from '../store/store';
import type { StoredRequest } from '../store/stored-request';
import { readBostonCsv } from './boston-csv-rows';
import { createBadRowList, type BadRow } from './import-report';
import { newYorkWallClock, newYorkWallClockToEpoch } from './new-york-time';

export const DEMO_SHIFT_KEY = 'demo.shiftMs';
export const DEMO_ANCHOR_KEY = 'demo.anchor2015';

/**
 * The anchor is picked in the last full week of the data, which ends on
 * Wednesday 2015-09-30: Thursday 2015-09-24 starts that week.
 */
const ANCHOR_WEEK_START = { year: 2015, month: 9, day: 24, weekday: 4 };

export type DemoSeedOptions = {
  /** The Boston 311 export to seed from (resources/seed). */
  csvPath: string;
  /** The instant the demo treats as the present, epoch ms. */
  now: number;
};

export type DemoSeedResult = {
  status: 'seeded' | 'already-seeded' | 'store-not-empty';
  /** Requests loaded: those open at the anchor. */
  imported: number;
  /** Good rows left out because they were not open at the anchor. */
  skipped: number;
  badRows: BadRow[];
  badRowCount: number;
  /** now - anchor; null when the store holds requests but no demo. */
  shiftMs: number | null;
  /** The 2015 instant that plays "now", ISO-8601 UTC. */
  anchor2015: string | null;
};

/**
 * The 2015 instant whose New York weekday and wall-clock time match those
 * of `now`, as late in the data as possible.
 */
export function demoAnchorFor(now: number): number {
  const clock = newYorkWallClock(now);
  const daysAhead = (clock.weekday - ANCHOR_WEEK_START.weekday + 7) % 7;

  return newYorkWallClockToEpoch({
    ...clock,
    year: ANCHOR_WEEK_START.year,
    month: ANCHOR_WEEK_START.month,
    day: ANCHOR_WEEK_START.day + daysAhead,
  });
}

/** The demo's time shift recorded in the store, or null if none. */
export function getDemoShift(
  store: Store,
): { shiftMs: number; anchor2015: string } | null {
  const shift = store.getMeta(DEMO_SHIFT_KEY);
  const anchor = store.getMeta(DEMO_ANCHOR_KEY);
  if (shift === null || anchor === null) return null;

  return { shiftMs: Number(shift), anchor2015: anchor };
}

function openAt(request: StoredRequest, instant: number): boolean {
  return (
    request.requestedAt <= instant &&
    (request.closedAt === null || request.closedAt > instant)
  );
}

/** The request as it stood at the anchor, moved forward by `shiftMs`. */
function shiftedOpen(request: StoredRequest, shiftMs: number): StoredRequest {
  return {
    ...request,
    status: 'open',
    requestedAt: request.requestedAt + shiftMs,
    slaDueAt: request.slaDueAt === null ? null : request.slaDueAt + shiftMs,
    updatedAt: null,
    closedAt: null,
    closureReason: null,
  };
}

/**
 * Fills an empty store with the requests that were open at a 2015 instant
 * matching `now`'s weekday and time of day, every time shifted so those
 * requests are open now with live SLA due times. Does nothing to a store
 * that already holds requests.
 */
export async function seedDemo(
  store: Store,
  options: DemoSeedOptions,
): Promise<DemoSeedResult> {
  if (store.countRequests() > 0) {
    const demo = getDemoShift(store);

    return {
      status: demo === null ? 'store-not-empty' : 'already-seeded',
      imported: 0,
      skipped: 0,
      badRows: [],
      badRowCount: 0,
      shiftMs: demo?.shiftMs ?? null,
      anchor2015: demo?.anchor2015 ?? null,
    };
  }

  const anchor = demoAnchorFor(options.now);
  const shiftMs = options.now - anchor;
  const anchor2015 = new Date(anchor).toISOString();
  const bad = createBadRowList<BadRow>();
  const open: StoredRequest[] = [];
  let skipped = 0;

  for await (const rows of readBostonCsv(options.csvPath)) {
    for (const row of rows) {
      if (!row.ok) bad.add({ line: row.line, reason: row.reason });
      else if (openAt(row.request, anchor)) {
        open.push(shiftedOpen(row.request, shiftMs));
      } else skipped += 1;
    }
  }

  // The requests and the shift land together, so a crash cannot leave a
  // store that holds demo requests without knowing it is a demo.
  store.transaction(() => {
    store.upsertRequests(open);
    store.setMeta(DEMO_SHIFT_KEY, String(shiftMs));
    store.setMeta(DEMO_ANCHOR_KEY, anchor2015);
  });
  store.optimize();

  return {
    status: 'seeded',
    imported: open.length,
    skipped,
    badRows: bad.rows,
    badRowCount: bad.count,
    shiftMs,
    anchor2015,
  };
}
