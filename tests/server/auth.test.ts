import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { sessionSchema } from '../../src/shared/sync-protocol';
import {
  PASSWORD,
  startCentral,
  type Central,
} from './support/central-fixture';

let central: Central;
beforeEach(async () => {
  central = await startCentral();
});
afterEach(() => central.close());

describe('staff auth', () => {
  it('signs in with the right password and returns a session', async () => {
    const { status, body } = await central.call('/staff/v2/sign-in', {
      body: { username: 'ana', password: PASSWORD },
    });

    expect(status).toBe(200);
    const session = sessionSchema.parse(body);
    expect(session.user).toEqual({
      userId: 'ana',
      name: 'Ana Diaz',
      role: 'supervisor',
    });
    expect(session.expiresAt).toBeGreaterThan(central.clock.now);

    const me = await central.call('/staff/v2/me', { token: session.token });
    expect(me.status).toBe(200);
    expect(me.body.user).toEqual(session.user);
    expect(me.body.serverTime).toBe(central.clock.now);
  });

  it('names the protocol version it answered in', async () => {
    const response = await fetch(`${central.url}/staff/v1/me`, {
      headers: { Authorization: `Bearer ${central.tokens.dana}` },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('StreetDesk-Protocol')).toBe('1');
  });

  it('refuses a wrong password and an unknown user alike', async () => {
    const wrong = await central.call('/staff/v2/sign-in', {
      body: { username: 'ana', password: 'not the password' },
    });
    const unknown = await central.call('/staff/v2/sign-in', {
      body: { username: 'nobody', password: PASSWORD },
    });

    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(wrong.body).toEqual(unknown.body);
    expect(wrong.body.description).toMatch(/username or password is wrong/);
  });

  it('answers 401 on every staff endpoint without a token or with a bad one', async () => {
    const paths = [
      ['GET', '/staff/v2/me'],
      ['GET', '/staff/v2/changes?after=0'],
      ['GET', '/staff/v2/snapshot'],
      ['GET', '/staff/v2/checksum'],
      ['GET', '/staff/v2/events'],
      ['GET', '/staff/v2/users'],
      ['POST', '/staff/v2/intents'],
      ['POST', '/staff/v1/intents'],
    ] as const;

    for (const [method, path] of paths) {
      const missing = await central.call(path, { method });
      expect(missing.status, path).toBe(401);
      expect(missing.body.description).toMatch(/Sign in first/);

      const bad = await central.call(path, {
        method,
        token: 'x'.repeat(43),
      });
      expect(bad.status, path).toBe(401);
      expect(bad.body.description).toMatch(/unknown or has expired/);
    }
  });

  it('expires a session after its time', async () => {
    central.clock.now += 13 * 60 * 60 * 1000;
    const me = await central.call('/staff/v2/me', {
      token: central.tokens.dana,
    });
    expect(me.status).toBe(401);
  });

  it('lets only an admin manage accounts, saying why to others', async () => {
    const newUser = {
      username: 'sam',
      name: 'Sam Smith',
      role: 'dispatcher',
      password: 'a long enough password',
    };

    for (const who of ['dana', 'ana'] as const) {
      const refused = await central.call('/staff/v2/users', {
        token: central.tokens[who],
        body: newUser,
      });
      expect(refused.status).toBe(403);
      expect(refused.body.error).toBe('forbidden');
      expect(refused.body.description).toMatch(/needs the admin role/);
    }
    const listRefused = await central.call('/staff/v2/users', {
      token: central.tokens.dana,
    });
    expect(listRefused.status).toBe(403);

    const created = await central.call('/staff/v2/users', {
      token: central.tokens.root,
      body: newUser,
    });
    expect(created.status).toBe(201);

    const again = await central.call('/staff/v2/users', {
      token: central.tokens.root,
      body: newUser,
    });
    expect(again.status).toBe(409);

    const list = await central.call('/staff/v2/users', {
      token: central.tokens.root,
    });
    expect(
      (list.body.users as { userId: string }[]).map((u) => u.userId),
    ).toEqual(['ana', 'dana', 'root', 'sam']);

    const signIn = await central.call('/staff/v2/sign-in', {
      body: { username: 'sam', password: 'a long enough password' },
    });
    expect(signIn.status).toBe(200);
  });

  it('never writes a token or a password to the log', async () => {
    await central.call('/staff/v2/sign-in', {
      body: { username: 'ana', password: 'wrong password here' },
    });
    await central.call('/staff/v2/users', {
      token: central.tokens.root,
      body: {
        username: 'sam',
        name: 'Sam',
        role: 'admin',
        password: 'another secret pw',
      },
    });
    await central.call('/staff/v2/users', { token: central.tokens.dana });

    const log = JSON.stringify(central.lines);
    expect(central.lines.length).toBeGreaterThan(3);
    for (const secret of [
      ...Object.values(central.tokens),
      PASSWORD,
      'wrong password here',
      'another secret pw',
    ]) {
      expect(log).not.toContain(secret);
    }
  });

  it('keeps only a hash of each token in the store', async () => {
    const found = await central.server.store.findSession(
      central.tokens.dana,
      central.clock.now,
    );
    expect(found).toBeNull();
  });
});
