import { afterEach, describe, expect, it } from 'vitest';

import {
  createSignInLimiter,
  DEFAULT_SIGN_IN_LIMITS,
} from '../../src/server/auth/sign-in-limiter';
import {
  PASSWORD,
  startCentral,
  type Central,
} from './support/central-fixture';

const MINUTE = 60_000;

describe('the sign-in limiter', () => {
  const limiter = () => {
    const clock = { now: 0 };
    return { clock, limiter: createSignInLimiter(() => clock.now) };
  };

  it('holds an account after 5 failures in 15 minutes, until the oldest ages out', () => {
    const { clock, limiter: limits } = limiter();
    for (let i = 0; i < 5; i += 1) {
      expect(limits.check('ana', '10.0.0.1')).toBeNull();
      limits.recordFailure('ana', '10.0.0.1');
      clock.now += MINUTE;
    }

    // Five failures at minutes 0-4; now minute 5.
    const hold = limits.check('ana', '10.0.0.2');
    expect(hold?.retryAfterSeconds).toBe(10 * 60);
    expect(hold?.reason).toBe(
      'Too many wrong passwords for ana in the last 15 minutes',
    );
    expect(limits.check('ANA', '10.0.0.3')).not.toBeNull();
    expect(limits.check('dana', '10.0.0.3')).toBeNull();

    clock.now = 15 * MINUTE + 1;
    expect(limits.check('ana', '10.0.0.1')).toBeNull();
  });

  it('forgets an account’s failures after a right password', () => {
    const { limiter: limits } = limiter();
    for (let i = 0; i < 4; i += 1) limits.recordFailure('ana', '10.0.0.1');
    limits.recordSuccess('ana');
    for (let i = 0; i < 4; i += 1) limits.recordFailure('ana', '10.0.0.1');

    expect(limits.check('ana', '10.0.0.1')).toBeNull();
  });

  it('holds an address guessing many accounts, and a success elsewhere does not free it', () => {
    const { limiter: limits } = limiter();
    for (let i = 0; i < DEFAULT_SIGN_IN_LIMITS.perAddress; i += 1) {
      limits.recordFailure(`user${i}`, '10.0.0.9');
    }
    limits.recordSuccess('user0');

    expect(limits.check('someone-new', '10.0.0.9')?.reason).toBe(
      'Too many wrong passwords from this computer in the last 15 minutes',
    );
    expect(limits.check('someone-new', '10.0.0.8')).toBeNull();
  });
});

describe('POST sign-in under the limit', () => {
  let central: Central;
  afterEach(() => central.close());

  const signIn = (password: string, username = 'ana') =>
    central.call('/staff/v2/sign-in', { body: { username, password } });

  it('answers 429 with Retry-After and the reason after 5 wrong passwords, even for the right one', async () => {
    central = await startCentral();
    for (let i = 0; i < 5; i += 1) {
      expect((await signIn(`wrong ${i}`)).status).toBe(401);
    }

    const response = await fetch(`${central.url}/staff/v2/sign-in`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ username: 'ana', password: PASSWORD }),
    });
    const body = (await response.json()) as Record<string, unknown>;

    expect(response.status).toBe(429);
    expect(response.headers.get('retry-after')).toBe('900');
    expect(body).toEqual({
      error: 'too_many_attempts',
      description:
        'Too many wrong passwords for ana in the last 15 minutes; the ' +
        'password was not checked. Try again in 15 minutes, or ask an ' +
        'administrator to set a new password.',
      retryAfterSeconds: 900,
    });
    expect(
      central.lines.some((line) => line.message.includes('sign-in held')),
    ).toBe(true);

    // Other accounts are not held by one account's failures.
    expect((await signIn(PASSWORD, 'dana')).status).toBe(200);

    central.clock.now += 15 * MINUTE;
    expect((await signIn(PASSWORD)).status).toBe(200);
  });

  it('starts counting again after a right password', async () => {
    central = await startCentral();
    for (let i = 0; i < 4; i += 1) await signIn(`wrong ${i}`);
    expect((await signIn(PASSWORD)).status).toBe(200);
    for (let i = 0; i < 4; i += 1) await signIn(`wrong again ${i}`);

    expect((await signIn(PASSWORD)).status).toBe(200);
  });

  it('holds a client address that guesses across accounts', async () => {
    central = await startCentral({
      signInLimits: { windowMs: 15 * MINUTE, perAccount: 5, perAddress: 3 },
    });
    for (const username of ['nobody', 'ana', 'dana']) {
      expect((await signIn('wrong', username)).status).toBe(401);
    }

    const held = await signIn(PASSWORD, 'root');
    expect(held.status).toBe(429);
    expect(held.body.description).toMatch(
      /^Too many wrong passwords from this computer/,
    );
  });
});
