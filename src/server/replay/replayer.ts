// Plays a replay schedule into "now": simulated 2015 time runs from the
// anchor at `speed` times real time, and each event is handed to the store
// when its moment comes, in order.
import type {
  ReplayedRequest,
  ReplayEvent,
  ReplaySchedule,
} from './replay-schedule';

type Awaitable<T> = T | Promise<T>;

export type ReplayPorts = {
  /** Stores a new open request (and puts it on the change feed). */
  openRequest(request: ReplayedRequest, now: number): Awaitable<void>;
  /**
   * Closes a request as the city did; false when it is not open any more
   * (staff closed or merged it first, or it is unknown): the close is skipped.
   */
  closeRequest(id: string, reason: string, now: number): Awaitable<boolean>;
};

export type TimerHandle = unknown;

export type ReplayerOptions = {
  schedule: ReplaySchedule;
  /** Simulated seconds per real second: 1 is real time, 60 an hour a minute. */
  speed: number;
  /** The real time (epoch ms) at which simulated time was the anchor. */
  startedAt: number;
  clock: () => number;
  ports: ReplayPorts;
  setTimer?: (fire: () => void, ms: number) => TimerHandle;
  clearTimer?: (handle: TimerHandle) => void;
  /** Events fired before yielding to other work; catching up can be long. */
  maxEventsPerTick?: number;
  onError?: (error: unknown, event: ReplayEvent) => void;
};

export type ReplayStatus = {
  total: number;
  eventsFired: number;
  opened: number;
  closed: number;
  closesSkipped: number;
  failures: number;
  simulated2015: number;
  nextAt2015: number | null;
  /** The real time the next event is due, epoch ms. */
  nextAtMs: number | null;
  done: boolean;
  stopped: boolean;
};

export type Replayer = { status(): ReplayStatus; stop(): void };

/** Timers longer than this re-check the clock, so a sleeping host catches up. */
const MAX_WAIT_MS = 60_000;

const DEFAULT_CLOSE_REASON = 'Case closed';

/** The request as it arrives now, keeping its original SLA window. */
function arriving(request: ReplayedRequest, now: number): ReplayedRequest {
  const window =
    request.slaDueAt === null ? null : request.slaDueAt - request.requestedAt;

  return {
    ...request,
    status: 'open',
    requestedAt: now,
    updatedAt: now,
    slaDueAt: window === null ? null : now + window,
    closedAt: null,
    closureReason: null,
  };
}

/** Starts replaying at once; stop() ends it. */
export function createReplayer(options: ReplayerOptions): Replayer {
  const { schedule, speed, startedAt, clock, ports } = options;
  if (!Number.isFinite(speed) || speed <= 0) {
    throw new Error(
      `The replay speed ${speed} is not a positive number; use 1 for real time`,
    );
  }

  const setTimer =
    options.setTimer ?? ((fire, ms) => setTimeout(fire, ms).unref());
  const clearTimer =
    options.clearTimer ??
    ((handle) => clearTimeout(handle as ReturnType<typeof setTimeout>));
  const maxPerTick = options.maxEventsPerTick ?? 500;
  const { events, anchor2015 } = schedule;

  const counts = { opened: 0, closed: 0, closesSkipped: 0, failures: 0 };
  let index = 0;
  let timer: { handle: TimerHandle } | null = null;
  let running = false;
  let stopped = false;

  const simulated = (now: number) => anchor2015 + (now - startedAt) * speed;
  const realTimeOf = (at2015: number) =>
    startedAt + (at2015 - anchor2015) / speed;

  async function fire(event: ReplayEvent, now: number) {
    if (event.kind === 'open') {
      await ports.openRequest(arriving(event.request, now), now);
      counts.opened += 1;
      return;
    }

    const reason = event.request.closureReason ?? DEFAULT_CLOSE_REASON;
    const closed = await ports.closeRequest(
      event.request.serviceRequestId,
      reason,
      now,
    );
    if (closed) counts.closed += 1;
    else counts.closesSkipped += 1;
  }

  function scheduleNext() {
    const next = events[index];
    if (stopped || running || timer !== null || next === undefined) return;

    const wait = Math.ceil(realTimeOf(next.at2015) - clock());
    timer = {
      handle: setTimer(tick, Math.min(Math.max(wait, 0), MAX_WAIT_MS)),
    };
  }

  async function run() {
    let fired = 0;

    while (!stopped && fired < maxPerTick) {
      const event = events[index];
      const now = clock();
      if (event === undefined || event.at2015 > simulated(now)) break;

      index += 1;
      fired += 1;
      try {
        await fire(event, now);
      } catch (error) {
        counts.failures += 1;
        options.onError?.(error, event);
      }
    }
  }

  function tick() {
    timer = null;
    if (stopped || running) return;

    running = true;
    void run().finally(() => {
      running = false;
      scheduleNext();
    });
  }

  scheduleNext();

  return {
    status() {
      const next = events[index];

      return {
        total: events.length,
        eventsFired: index,
        ...counts,
        simulated2015: simulated(clock()),
        nextAt2015: next?.at2015 ?? null,
        nextAtMs: next === undefined ? null : realTimeOf(next.at2015),
        done: next === undefined,
        stopped,
      };
    },
    stop() {
      stopped = true;
      if (timer !== null) clearTimer(timer.handle);
      timer = null;
    },
  };
}
