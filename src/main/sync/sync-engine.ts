// The console's sync engine: pushes pending intents, pulls the change feed,
// reloads from snapshots when told to, checks drift by checksum, and keeps
// the status the UI shows. One cycle runs at a time; triggers (a new intent,
// server push, a timer) only ask for work, and failures back off.
import type { SignedInUser, SyncStatus } from '../../shared/contract';
import {
  bucketDigests,
  CHECKSUM_BUCKETS,
  digestOf,
} from '../../shared/sync-checksum';
import {
  HEARTBEAT_MS,
  requestFromRow,
  type PushEvent,
  type SyncRequest,
} from '../../shared/sync-protocol';
import type { Logger } from '../log/logger';
import type { SyncStore } from '../store/sync-store';
import { backoffDelay } from './backoff';
import type { CentralClient } from './central-client';
import { CentralError, describeError } from './central-error';
import { pushOutbox } from './push-outbox';
import { nextAfter, pullChanges, reloadFromSnapshot } from './pull-changes';
import { createServerClock, type ServerClock } from './server-clock';

/** The most changes a checksum waits to pull before it compares. */
const CHECKSUM_CATCH_UP = 5_000;

export type SyncEngineOptions = {
  sync: SyncStore;
  client: CentralClient;
  logger: Logger;
  signedInAs: () => SignedInUser | null;
  /** The local clock; the server's is derived from it. */
  now?: () => number;
  random?: () => number;
  clock?: ServerClock;
  pullIntervalMs?: number;
  checksumIntervalMs?: number;
  pageLimit?: number;
  pushBatch?: number;
  /** Listen to server push (SSE); tests that drive cycles turn it off. */
  serverPush?: boolean;
  onRequestsChanged?: (changed: number) => void;
  onStatusChanged?: (status: SyncStatus) => void;
  onConflictsChanged?: (count: number) => void;
};

export type SyncWork = { push: boolean; pull: boolean; checksum: boolean };

export type SyncEngine = {
  start(): void;
  stop(): Promise<void>;
  /** Asks for work; it runs at once unless a cycle is running already. */
  kick(work: Partial<SyncWork>): void;
  /** Runs one cycle now and reports whether it succeeded (for tests). */
  runCycle(work?: Partial<SyncWork>): Promise<boolean>;
  /** Resolves when no cycle is running and none is wanted. */
  idle(): Promise<void>;
  status(): SyncStatus;
  clock: ServerClock;
};

const NONE: SyncWork = { push: false, pull: false, checksum: false };

export function createSyncEngine(options: SyncEngineOptions): SyncEngine {
  const { sync, client } = options;
  const logger = options.logger.child('sync');
  const now = options.now ?? Date.now;
  const random = options.random ?? Math.random;
  const pullIntervalMs = options.pullIntervalMs ?? 30_000;
  const checksumIntervalMs = options.checksumIntervalMs ?? 5 * 60_000;
  const pageLimit = options.pageLimit ?? 5000;
  const clock =
    options.clock ??
    createServerClock(now, sync.state.getNumber('clock_offset_ms', 0));

  let online = false;
  let lastError: string | null = null;
  let failures = 0;
  // A fresh start has just loaded or pulled; the first check can wait.
  let lastChecksumAt = now();
  let initialSync = {
    done: sync.state.get('last_pulled_seq') !== null,
    loaded: 0,
    total: null as number | null,
  };
  let wanted: SyncWork = { ...NONE };
  let retryWork: SyncWork = { ...NONE };
  let running: Promise<void> | null = null;
  let retryTimer: NodeJS.Timeout | null = null;
  let intervalTimer: NodeJS.Timeout | null = null;
  let stopped = true;
  let events: AbortController | null = null;
  let eventsLoop: Promise<void> | null = null;

  const status = (): SyncStatus => {
    const oldest = sync.outbox.oldestPendingAt();
    const lastSyncAt = sync.state.getNumber('last_sync_at', -1);
    return {
      online,
      outboxDepth: sync.outbox.outboxDepth(),
      oldestPendingAgeMs:
        oldest === null ? null : Math.max(0, clock.now() - oldest),
      lastPulledSeq: sync.state.getNumber('last_pulled_seq', 0),
      lastSyncAt: lastSyncAt < 0 ? null : lastSyncAt,
      initialSync: { ...initialSync },
      serverClockOffsetMs: clock.offsetMs(),
      lastError,
      signedInAs: options.signedInAs(),
    };
  };
  const publish = () => options.onStatusChanged?.(status());

  const reached = () => {
    if (!online) logger.info('the central API is reachable');
    online = true;
  };

  const failed = (error: unknown) => {
    const message = describeError(error);
    if (error instanceof CentralError && error.offline) {
      if (online)
        logger.warn('the central API is unreachable', { error: message });
      online = false;
    } else {
      // The server answered, so the network is up even though this failed.
      online = true;
      logger.warn('sync failed', { error: message });
    }
    lastError = message;
  };

  const merge = (a: SyncWork, b: Partial<SyncWork>): SyncWork => ({
    push: a.push || (b.push ?? false),
    pull: a.pull || (b.pull ?? false),
    checksum: a.checksum || (b.checksum ?? false),
  });

  /** The change feed after the last pulled seq, up to `upTo` if given. */
  const pull = (upTo?: number) =>
    pullChanges({
      sync,
      client,
      limit: pageLimit,
      reload: initialLoad,
      onChanged: (changed) => options.onRequestsChanged?.(changed),
      ...(upTo === undefined ? {} : { upTo }),
    });

  const verifyChecksum = async () => {
    const checksum = await client.checksum();
    lastChecksumAt = now();
    // A busy server has moved on since the pull: catch up to exactly the
    // checksum's seq, so the two describe the same moment.
    const behind = checksum.seq - sync.state.getNumber('last_pulled_seq', 0);
    if (behind > 0 && behind <= CHECKSUM_CATCH_UP) await pull(checksum.seq);
    if (checksum.seq !== sync.state.getNumber('last_pulled_seq', 0)) return;

    const local = bucketDigests(sync.confirmed.confirmedRequestVersions());
    const mismatched: number[] = [];
    for (let bucket = 0; bucket < CHECKSUM_BUCKETS; bucket++) {
      if (local[bucket] !== checksum.requestBuckets[bucket])
        mismatched.push(bucket);
    }

    let repaired = 0;
    for (const bucket of mismatched) {
      const requests: SyncRequest[] = [];
      let afterId: string | null = null;
      do {
        const page = await client.snapshot(afterId, pageLimit, bucket);
        for (const row of page.rows) requests.push(requestFromRow(row));
        afterId = nextAfter(afterId, page.nextAfterId);
      } while (afterId !== null);
      repaired += sync.confirmed.replaceBucket(bucket, requests);
    }

    const crews = digestOf(sync.confirmed.confirmedCrewVersions());
    if (crews !== checksum.crews) {
      const page = await client.snapshot(null, 1);
      sync.confirmed.replaceCrews(page.crews);
    }

    if (mismatched.length > 0 || crews !== checksum.crews) {
      logger.warn('the checksum found drift; resynced those parts', {
        buckets: mismatched,
        requests: repaired,
        crews: crews !== checksum.crews,
      });
      if (repaired > 0) options.onRequestsChanged?.(repaired);
    }
  };

  const cycle = async (work: SyncWork): Promise<boolean> => {
    const started = performance.now();
    try {
      let pushed = { applied: 0, rejected: 0 };
      if (work.push) {
        pushed = await pushOutbox({
          sync,
          client,
          batch: options.pushBatch ?? 200,
          now: () => clock.now(),
          logger,
        });
        if (pushed.rejected > 0) {
          options.onConflictsChanged?.(sync.outbox.listConflicts().length);
          // A refused change leaves the view's overlay: its rows show the
          // confirmed state again, no longer pending.
          options.onRequestsChanged?.(pushed.rejected);
        }
        reached();
      }

      let pulled = 0;
      let caughtUp = false;
      // An acknowledged change leaves the view's overlay; pull at once so
      // the confirmed state has it before anyone looks (or acts) again.
      if (work.pull || pushed.applied > 0) {
        if (sync.state.get('last_pulled_seq') === null) {
          await initialLoad();
        }
        const result = await pull();
        reached();
        pulled = result.changes;
        caughtUp = result.caughtUp;
        sync.state.setNumber('last_sync_at', clock.now());
        sync.state.setNumber('clock_offset_ms', clock.offsetMs());
      }

      const checksumDue = now() - lastChecksumAt >= checksumIntervalMs;
      if (caughtUp && (work.checksum || checksumDue)) await verifyChecksum();

      failures = 0;
      lastError = null;
      if (pulled > 0 || pushed.applied + pushed.rejected > 0) {
        logger.info('sync finished', {
          pushedApplied: pushed.applied,
          pushedRejected: pushed.rejected,
          pulledChanges: pulled,
          ms: Math.round(performance.now() - started),
        });
      }
      return true;
    } catch (error) {
      failed(error);
      failures += 1;
      return false;
    } finally {
      publish();
    }
  };

  const initialLoad = async () => {
    const started = performance.now();
    initialSync = { done: false, loaded: 0, total: null };
    publish();
    logger.info('sync is reloading the open requests from the server');

    const loaded = await reloadFromSnapshot({
      sync,
      client,
      limit: pageLimit,
      onProgress: (count, total) => {
        initialSync = { done: false, loaded: count, total };
        publish();
      },
    });

    initialSync = { done: true, loaded, total: loaded };
    logger.info('sync reloaded the open requests', {
      requests: loaded,
      ms: Math.round(performance.now() - started),
    });
    options.onRequestsChanged?.(loaded);
  };

  const scheduleRetry = (work: SyncWork) => {
    retryWork = merge(retryWork, work);
    if (retryTimer !== null || stopped) return;

    // An expired session does not heal by waiting: wait for a new sign-in.
    if (lastError !== null && /sign in again/.test(lastError)) return;

    const delay = backoffDelay(failures - 1, random);
    retryTimer = setTimeout(() => {
      retryTimer = null;
      const retry = retryWork;
      retryWork = { ...NONE };
      kick(retry);
    }, delay);
  };

  const drain = async () => {
    while (wanted.push || wanted.pull || wanted.checksum) {
      const work = wanted;
      wanted = { ...NONE };
      if (!(await cycle(work))) {
        scheduleRetry(work);
        return;
      }
    }
  };

  const kick = (work: Partial<SyncWork>) => {
    wanted = merge(wanted, work);
    if (running !== null || stopped) return;

    running = drain().finally(() => {
      running = null;
      // A kick from a promise continuation can land after drain's last
      // look at `wanted` but before this runs; without this it waited for
      // the next timer (30 s). After a failure the retry timer owns it.
      const more = wanted.push || wanted.pull || wanted.checksum;
      if (more && retryTimer === null && failures === 0) kick({});
    });
  };

  const listen = async () => {
    let attempt = 0;
    while (!stopped) {
      const controller = new AbortController();
      events = controller;
      let watchdog = setTimeout(() => controller.abort(), HEARTBEAT_MS * 3);
      const onEvent = (event: PushEvent) => {
        clearTimeout(watchdog);
        watchdog = setTimeout(() => controller.abort(), HEARTBEAT_MS * 3);
        attempt = 0;
        reached();
        if (event.lastSeq > sync.state.getNumber('last_pulled_seq', 0)) {
          kick({ pull: true });
        }
      };

      try {
        kick({ pull: true });
        await client.events(onEvent, controller.signal);
      } catch (error) {
        if (!stopped)
          logger.debug('the event stream closed', {
            error: describeError(error),
          });
        if (error instanceof CentralError && error.kind === 'unauthorized') {
          failed(error);
          publish();
          return;
        }
      } finally {
        clearTimeout(watchdog);
      }

      if (stopped) return;
      await sleep(backoffDelay(attempt++, random), () => stopped);
    }
  };

  return {
    start() {
      if (!stopped) return;
      stopped = false;
      intervalTimer = setInterval(
        () => kick({ push: sync.outbox.outboxDepth() > 0, pull: true }),
        pullIntervalMs,
      );
      kick({ push: true, pull: true });
      if (options.serverPush ?? true) eventsLoop = listen();
    },

    async stop() {
      stopped = true;
      if (retryTimer !== null) clearTimeout(retryTimer);
      if (intervalTimer !== null) clearInterval(intervalTimer);
      retryTimer = null;
      intervalTimer = null;
      events?.abort();
      await eventsLoop;
      await running;
    },

    kick,

    async runCycle(work = { push: true, pull: true }) {
      await running;
      return cycle(merge(NONE, work));
    },

    async idle() {
      while (running !== null) await running;
    },

    status,
    clock,
  };
}

function sleep(ms: number, cancelled: () => boolean): Promise<void> {
  return new Promise((resolve) => {
    const started = Date.now();
    const tick = () => {
      if (cancelled() || Date.now() - started >= ms) resolve();
      else setTimeout(tick, Math.min(250, ms));
    };
    tick();
  });
}
