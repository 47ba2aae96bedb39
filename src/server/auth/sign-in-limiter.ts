// Slows password guessing at POST sign-in: after too many wrong passwords
// for one account, or from one client address, within a window, further
// attempts are refused without checking the password until the oldest
// failure leaves the window. Kept in memory: a restart forgets it.

export type SignInLimits = {
  windowMs: number;
  /** Failures for one username (known or not) before it is held. */
  perAccount: number;
  /**
   * Failures from one client address before it is held. Higher than per
   * account: a depot's PCs may share one address behind its router.
   */
  perAddress: number;
};

export const DEFAULT_SIGN_IN_LIMITS: SignInLimits = {
  windowMs: 15 * 60 * 1000,
  perAccount: 5,
  perAddress: 20,
};

/** Tracked keys beyond this are pruned, so a flood of names stays bounded. */
const MAX_TRACKED_KEYS = 10_000;

export type SignInHold = {
  /** Whole seconds until an attempt will be checked again. */
  retryAfterSeconds: number;
  reason: string;
};

export type SignInLimiter = {
  /** Why this attempt may not be checked now, or null when it may. */
  check(username: string, address: string): SignInHold | null;
  recordFailure(username: string, address: string): void;
  /** A right password clears that account's failures. */
  recordSuccess(username: string): void;
};

export function createSignInLimiter(
  now: () => number,
  limits: SignInLimits = DEFAULT_SIGN_IN_LIMITS,
): SignInLimiter {
  const failures = new Map<string, number[]>();

  const recent = (key: string): number[] => {
    const since = now() - limits.windowMs;
    const times = (failures.get(key) ?? []).filter((time) => time > since);
    if (times.length === 0) failures.delete(key);
    else failures.set(key, times);
    return times;
  };

  const hold = (
    key: string,
    limit: number,
    reason: string,
  ): SignInHold | null => {
    const times = recent(key);
    if (times.length < limit) return null;

    // Checked again once enough failures have aged out to be under the limit.
    const freedAt = (times[times.length - limit] ?? now()) + limits.windowMs;
    return {
      retryAfterSeconds: Math.max(1, Math.ceil((freedAt - now()) / 1000)),
      reason,
    };
  };

  const prune = () => {
    if (failures.size <= MAX_TRACKED_KEYS) return;
    for (const key of [...failures.keys()]) recent(key);
    // Still too many live keys: drop the oldest-tracked ones.
    for (const key of failures.keys()) {
      if (failures.size <= MAX_TRACKED_KEYS) break;
      failures.delete(key);
    }
  };

  const minutes = Math.round(limits.windowMs / 60_000);
  return {
    check(username, address) {
      return (
        hold(
          accountKey(username),
          limits.perAccount,
          `Too many wrong passwords for ${username.slice(0, 100)} in the ` +
            `last ${minutes} minutes`,
        ) ??
        hold(
          addressKey(address),
          limits.perAddress,
          `Too many wrong passwords from this computer in the last ` +
            `${minutes} minutes`,
        )
      );
    },

    recordFailure(username, address) {
      const at = now();
      for (const key of [accountKey(username), addressKey(address)]) {
        failures.set(key, [...recent(key), at]);
      }
      prune();
    },

    recordSuccess(username) {
      // Not the address's failures: one valid account must not buy an
      // address more guesses at the others.
      failures.delete(accountKey(username));
    },
  };
}

const accountKey = (username: string) => `account:${username.toLowerCase()}`;
const addressKey = (address: string) => `address:${address}`;
