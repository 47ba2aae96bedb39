import { request } from 'node:http';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { staffErrorSchema } from '../../src/shared/sync-protocol';
import { startCentral, type Central } from './support/central-fixture';

let central: Central;
beforeEach(async () => {
  central = await startCentral();
});
afterEach(() => central.close());

const good = {
  seq: 1,
  createdAt: 1,
  type: 'assign',
  requestId: '101001',
  crewId: 'PWD-04',
  expectedVersion: 1,
};

const hostileBatches: [string, unknown, RegExp][] = [
  ['not an object', [1, 2, 3], /intent batch/],
  [
    'wrong type',
    { consoleId: 'c', intents: [{ ...good, expectedVersion: '1' }] },
    /intents\.0\.expectedVersion/,
  ],
  [
    'unknown field',
    { consoleId: 'c', intents: [{ ...good, admin: true }] },
    /admin/,
  ],
  [
    'unknown top field',
    { consoleId: 'c', intents: [good], sql: 'DROP' },
    /sql/,
  ],
  [
    'unknown type',
    { consoleId: 'c', intents: [{ ...good, type: 'delete' }] },
    /intents\.0\.type/,
  ],
  [
    'huge note',
    {
      consoleId: 'c',
      intents: [
        {
          seq: 1,
          createdAt: 1,
          type: 'add_note',
          requestId: '101001',
          noteId: 'n',
          body: 'x'.repeat(4001),
          visibility: 'public',
        },
      ],
    },
    /intents\.0\.body/,
  ],
  [
    'script as id',
    { consoleId: 'c', intents: [{ ...good, requestId: '<script>' }] },
    /intents\.0\.requestId/,
  ],
  ['bad console id', { consoleId: '../../etc', intents: [good] }, /consoleId/],
  ['empty batch', { consoleId: 'c', intents: [] }, /intents/],
  [
    'negative seq',
    { consoleId: 'c', intents: [{ ...good, seq: -1 }] },
    /intents\.0\.seq/,
  ],
  [
    'prototype pollution',
    JSON.parse('{"consoleId":"c","intents":[],"__proto__":{"x":1}}'),
    /intent batch/,
  ],
];

describe('hostile input', () => {
  it.each(hostileBatches)(
    'refuses a batch with %s and stores nothing',
    async (_, body, field) => {
      const before = await central.server.store.changeWindow();
      const { status, body: answer } = await central.call('/staff/v2/intents', {
        token: central.tokens.dana,
        body,
      });

      expect(status).toBe(400);
      const error = staffErrorSchema.parse(answer);
      expect(error.error).toBe('invalid_body');
      expect(error.description).toMatch(field);
      expect(await central.server.store.changeWindow()).toEqual(before);
      expect(await central.server.store.lastIntentSeq('c')).toBe(0);
    },
  );

  it('refuses malformed JSON, a wrong content type and an oversized body', async () => {
    const token = central.tokens.dana;
    const malformed = await central.call('/staff/v2/intents', {
      token,
      raw: '{"consoleId": ',
    });
    expect(malformed.status).toBe(400);
    expect(malformed.body.error).toBe('malformed_json');

    const plain = await fetch(`${central.url}/staff/v2/intents`, {
      method: 'POST',
      headers: {
        Authorization: `Bearer ${token}`,
        'Content-Type': 'text/plain',
      },
      body: '{}',
    });
    expect(plain.status).toBe(415);

    const huge = await central.call('/staff/v2/intents', {
      token,
      raw: JSON.stringify({ consoleId: 'c', pad: 'x'.repeat(3 * 1024 * 1024) }),
    });
    expect(huge.status).toBe(413);
    expect(huge.body.error).toBe('body_too_large');

    const bigSignIn = await central.call('/staff/v2/sign-in', {
      body: { username: 'ana', password: 'p'.repeat(20_000) },
    });
    expect(bigSignIn.status).toBe(413);
  });

  it('stops buffering a chunked body past the limit and still answers 413', async () => {
    const status = await new Promise<number>((resolve, reject) => {
      const req = request(`${central.url}/staff/v2/intents`, {
        method: 'POST',
        headers: {
          Authorization: `Bearer ${central.tokens.dana}`,
          'Content-Type': 'application/json',
          'Transfer-Encoding': 'chunked',
        },
      });
      req.on('response', (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on('error', reject);
      const chunk = 'x'.repeat(64 * 1024);
      const pump = (left: number) => {
        if (left === 0) return req.end();
        if (req.write(chunk)) pump(left - 1);
        else req.once('drain', () => pump(left - 1));
      };
      req.write('{"consoleId":"c","pad":"');
      pump(48);
    });

    expect(status).toBe(413);
    expect(await central.server.store.lastIntentSeq('c')).toBe(0);
  });

  it('refuses bad sign-in bodies and unknown query names', async () => {
    const extra = await central.call('/staff/v2/sign-in', {
      body: { username: 'ana', password: 'x', role: 'admin' },
    });
    expect(extra.status).toBe(400);
    expect(extra.body.description).toMatch(/role/);

    const query = await central.call('/staff/v2/snapshot?afterId=1&evil=1', {
      token: central.tokens.dana,
    });
    expect(query.status).toBe(400);
    expect(query.body.description).toMatch(/evil/);

    const twice = await central.call('/staff/v2/changes?after=1&after=2', {
      token: central.tokens.dana,
    });
    expect(twice.status).toBe(400);
    expect(twice.body.description).toMatch(/twice/);
  });

  it('answers unknown paths, versions and methods with JSON errors', async () => {
    const token = central.tokens.dana;
    expect((await central.call('/staff/v2/nothing', { token })).status).toBe(
      404,
    );
    const v5 = await central.call('/staff/v5/changes?after=0', { token });
    expect(v5.status).toBe(404);
    expect(v5.body.description).toMatch(/versions 1, 2, 3, 4,/);
    const method = await central.call('/staff/v2/changes', {
      token,
      method: 'DELETE',
    });
    expect(method.status).toBe(405);
    expect(method.body.description).toMatch(/use GET/);
    expect((await central.call('/elsewhere')).status).toBe(404);
  });

  it('refuses a new user with a bad name or weak password, storing nothing', async () => {
    for (const body of [
      {
        username: '<b>x</b>',
        name: 'X',
        role: 'admin',
        password: 'long enough pw',
      },
      { username: 'x', name: 'X', role: 'root', password: 'long enough pw' },
      { username: 'x', name: 'X', role: 'admin', password: 'short' },
    ]) {
      const { status } = await central.call('/staff/v2/users', {
        token: central.tokens.root,
        body,
      });
      expect(status).toBe(400);
    }
    expect(await central.server.store.countUsers()).toBe(3);
  });
});
