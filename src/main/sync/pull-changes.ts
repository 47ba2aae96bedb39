// Pulls the change feed after the last seq this console holds, refusing any
// page that is not gap-free, and reloads from snapshot pages on a reset.
import type { Change } from '../../shared/sync-protocol';
import type { SyncStore } from '../store/sync-store';
import type { CentralClient } from './central-client';
import { CentralError } from './central-error';

export type PullOptions = {
  sync: SyncStore;
  client: CentralClient;
  limit: number;
  /** Reloads everything from snapshot pages (the reset path). */
  reload: () => Promise<void>;
  onChanged: (changed: number) => void;
  /** Pull no further than this seq (to compare with a checksum taken at it). */
  upTo?: number;
};

export type PullResult = { changes: number; caughtUp: boolean };

/** Resets in a row before giving up: a server that keeps asking is broken. */
const MAX_RESETS = 2;

/** Throws unless `changes` are exactly after+1, after+2, ... */
export function checkGapFree(after: number, changes: readonly Change[]): void {
  changes.forEach((change, index) => {
    if (change.seq !== after + 1 + index) {
      throw new CentralError(
        'malformed',
        `The central API sent a changes page after ${after} with seq ` +
          `${change.seq} where ${after + 1 + index} was due; the page was ` +
          'refused and local data kept. It will be pulled again.',
      );
    }
  });
}

export async function pullChanges(options: PullOptions): Promise<PullResult> {
  const { sync, client } = options;
  let total = 0;
  let resets = 0;

  const upTo = options.upTo ?? Infinity;
  for (;;) {
    const after = sync.state.getNumber('last_pulled_seq', 0);
    if (after >= upTo) return { changes: total, caughtUp: false };
    const answer = await client.changes(
      after,
      Math.min(options.limit, upTo - after),
    );

    if (answer.kind === 'reset') {
      resets += 1;
      if (resets > MAX_RESETS) {
        throw new CentralError(
          'refused',
          'The central API keeps asking this console to reload everything; ' +
            'sync stopped to avoid a loop. Check the server.',
        );
      }
      await options.reload();
      continue;
    }

    const { page } = answer;
    checkGapFree(after, page.changes);
    const last = page.changes.at(-1);
    if (last === undefined) {
      if (page.hasMore) {
        throw new CentralError(
          'malformed',
          `The central API said more changes follow ${after} but sent none; ` +
            'local data was kept.',
        );
      }
      return { changes: total, caughtUp: page.lastSeq <= after };
    }

    const counts = sync.confirmed.applyChanges(page.changes, last.seq);
    total += page.changes.length;
    if (counts.requests > 0) options.onChanged(counts.requests);

    if (!page.hasMore)
      return { changes: total, caughtUp: page.lastSeq <= last.seq };
  }
}

export type ReloadOptions = {
  sync: SyncStore;
  client: CentralClient;
  limit: number;
  /** Pages loaded so far, against the server's count when it gave one. */
  onProgress: (loaded: number, total: number | null) => void;
};

/**
 * Reloads confirmed state from snapshot pages; the view is rebuilt once at
 * the end, so until then the user keeps what they had. Returns the count.
 */
export async function reloadFromSnapshot(
  options: ReloadOptions,
): Promise<number> {
  const { sync, client } = options;
  let afterId: string | null = null;
  let seq = Infinity;
  let loaded = 0;
  let first = true;
  let total: number | null = null;

  sync.confirmed.beginSnapshot();
  let next = client.snapshot(null, options.limit);
  do {
    const page = await next;
    afterId = nextAfter(afterId, page.nextAfterId);
    // The server reads the next page while this one is written here.
    if (afterId !== null) next = client.snapshot(afterId, options.limit);

    if (first) {
      sync.confirmed.replaceCrews(page.crews);
      total = page.openTotal ?? null;
    }
    first = false;
    sync.confirmed.loadSnapshotPage(page.rows);
    // Each page is at least as new as its seq: pull after the oldest.
    seq = Math.min(seq, page.seq);
    loaded += page.rows.length;
    // Requests opened meanwhile can take the count past the total.
    options.onProgress(loaded, total === null ? null : Math.max(total, loaded));
  } while (afterId !== null);

  await loadActivity(options);
  sync.confirmed.finishSnapshot(seq);
  return loaded;
}

/**
 * The open requests' notes and history: the feed after the snapshot's seq
 * brings what is written later, but not what was written before. Read
 * after the request pages, so each page is at least as new as that seq;
 * what the feed then brings again is stored once.
 */
async function loadActivity(options: ReloadOptions): Promise<void> {
  const { sync, client, limit } = options;
  // The three are independent: asked for side by side.
  await Promise.all([
    eachPosition(
      (after) => client.notes(after, limit),
      (page) => sync.confirmed.loadActivity(page.notes, []),
    ),
    eachPosition(
      (after) => client.history(after, limit),
      (page) => sync.confirmed.loadActivity([], page.history),
    ),
    // The SLA view's week: what closed before this snapshot.
    (async () => {
      for (let afterId: string | null = null; ;) {
        const page = await client.closures(afterId, limit);
        sync.confirmed.loadClosures(page.closures);
        if (page.nextAfterId === null) return;
        afterId = nextAfter(afterId, page.nextAfterId);
      }
    })(),
  ]);
}

/** Reads pages from position 0 until one says no more, storing each. */
async function eachPosition<P extends { next: number | null }>(
  read: (after: number) => Promise<P>,
  keep: (page: P) => void,
): Promise<void> {
  for (let after = 0; ;) {
    const page = await read(after);
    keep(page);
    if (page.next === null) return;
    after = nextPosition(after, page.next);
  }
}

/** A server that pages activity backwards or in place is refused. */
function nextPosition(previous: number, next: number): number {
  if (next <= previous) {
    throw new CentralError(
      'malformed',
      `The central API's notes or history did not move past ${previous}; ` +
        'local data was kept.',
    );
  }
  return next;
}

/** The next snapshot cursor; a server that does not move forward is refused. */
export function nextAfter(
  previous: string | null,
  next: string | null,
): string | null {
  if (next !== null && next === previous) {
    throw new CentralError(
      'malformed',
      `The central API's snapshot did not move past ${previous}; ` +
        'local data was kept.',
    );
  }
  return next;
}
