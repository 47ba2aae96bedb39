// The server's clock as this console sees it: SLA countdowns run on the
// server's time, so a console whose own clock is wrong still counts right.
import type { ClockSample } from './central-client';

export type ServerClock = {
  /** The server's time now, by the last measured offset. */
  now(): number;
  offsetMs(): number;
  /** offset = serverTime - midpoint(send, receive). */
  sample(sample: ClockSample): void;
};

export function createServerClock(
  localNow: () => number = Date.now,
  initialOffsetMs = 0,
): ServerClock {
  let offset = initialOffsetMs;

  return {
    now: () => localNow() + offset,
    offsetMs: () => offset,
    sample({ serverTime, sentAt, receivedAt }) {
      // A reply that took minutes says little about the clock; skip it.
      if (receivedAt - sentAt > 10_000 || receivedAt < sentAt) return;
      offset = Math.round(serverTime - (sentAt + receivedAt) / 2);
    },
  };
}
