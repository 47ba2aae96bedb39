// What the crash-point test and its console worker agree on: the worker's
// settings and which seeded requests each run may act on.

export type WorkerConfig = {
  dataDir: string;
  url: string;
  signIn: { username: string; password: string };
  /** Which run this is; it picks the requests the run may dispatch. */
  run: number;
  seed: number;
  /** Record nothing; drain the outbox and exit cleanly. */
  final: boolean;
};

const requestId = (n: number) => `R${String(n).padStart(5, '0')}`;

/** Requests the worker assigns or sets the status of. */
export const DISPATCH_REQUESTS = Array.from({ length: 40 }, (_, n) =>
  requestId(n),
);

/** Requests the worker adds notes to. */
export const NOTE_REQUESTS = Array.from({ length: 40 }, (_, n) =>
  requestId(40 + n),
);

/** Requests only the server's "city" changes; they make pull traffic. */
export const CITY_REQUESTS = Array.from({ length: 40 }, (_, n) =>
  requestId(80 + n),
);

export const seededRequestId = requestId;

/**
 * The three requests run `run` may dispatch, each at most once. A console
 * learns the version its own applied intent made only by pulling, so an
 * action on a request whose earlier intent was acknowledged but not yet
 * pulled carries a stale version and is rightly refused. Rotating the
 * requests (each comes back 13 runs later) and acting only after this run's
 * first pull keeps every dispatch intent of the worker valid, so any
 * rejection the test sees is a bug.
 */
export function dispatchRequestsForRun(run: number): string[] {
  const count = DISPATCH_REQUESTS.length;
  return [0, 1, 2].map(
    (offset) => DISPATCH_REQUESTS[(run * 3 + offset) % count] ?? '',
  );
}
