// Reliability test 6, bad input: seeded hostile requests to the staff API
// and to Open311 intake each get a 4xx whose description says what was
// wrong, and store nothing; a console handed a malformed pull page keeps
// its data, says why in its sync status, and recovers once pages are sane.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { staffErrorSchema } from '../../src/shared/sync-protocol';
import { seededRandom } from '../support/seeded-random';
import {
  startChaosCentral,
  type ChaosCentral,
} from './support-chaos/chaos-central';
import { startChaosConsole } from './support-chaos/chaos-console';
import {
  hostileJsonPosts,
  validIntentBatch,
  type HostileRequest,
} from './support-chaos/hostile-requests';
import { startPageRewriter } from './support-chaos/page-rewriter';
import { waitUntil } from './support-chaos/wait-until';
import { PASSWORD } from '../server/support/central-fixture';

const SEED = 6_060_606;
let central: ChaosCentral;

beforeAll(async () => {
  central = await startChaosCentral({ requests: 5, open311: true });
});
afterAll(() => central.close());

/** Everything a refused request must leave as it was. */
async function storedState(consoleIds: string[]) {
  const { store } = central.server;
  return {
    window: await store.changeWindow(),
    requests: await store.countRequests(),
    users: (await store.listUsers()).length,
    notes: (await store.listNotes('R0000')).length,
    intents: await Promise.all(consoleIds.map((id) => store.lastIntentSeq(id))),
  };
}

async function send(request: HostileRequest) {
  const headers: Record<string, string> = {};
  if (request.token !== null) {
    headers.authorization = `Bearer ${central.tokens[request.token]}`;
  }
  if (request.contentType !== null) {
    headers['content-type'] = request.contentType;
  }
  const response = await fetch(`${central.url}${request.path}`, {
    method: request.method,
    headers,
    body: request.body ?? undefined,
  });
  return { status: response.status, text: await response.text() };
}

function staffCases(): HostileRequest[] {
  const random = seededRandom(SEED);
  const intents = (version: 1 | 2) =>
    hostileJsonPosts({
      path: `/staff/v${version}/intents`,
      token: 'dana',
      make: (index) => {
        const batch = validIntentBatch(`fuzz-v${version}-${index}`);
        const [intent] = batch.intents as Record<string, unknown>[];
        if (version === 1 && intent) delete intent.createdAt;
        return batch;
      },
      count: 90,
      random,
      maxBytes: 2 * 1024 * 1024,
      idKeys: /Id$|^type$|^visibility$/,
    });
  const signIns = hostileJsonPosts({
    path: '/staff/v2/sign-in',
    token: null,
    make: () => ({ username: 'dana', password: PASSWORD }),
    count: 30,
    random,
    maxBytes: 16 * 1024,
    idKeys: /^$/,
  });
  const users = hostileJsonPosts({
    path: '/staff/v2/users',
    token: 'root',
    make: (index) => ({
      username: `fuzz${index}`,
      name: 'Fuzz Tester',
      role: 'dispatcher',
      password: 'long enough password',
    }),
    count: 30,
    random,
    maxBytes: 16 * 1024,
    idKeys: /^username$|^role$/,
  });

  const get = (
    path: string,
    status: number,
    says: RegExp,
    token: HostileRequest['token'] = 'dana',
  ): HostileRequest => ({
    name: `GET ${path}`,
    method: 'GET',
    path,
    token,
    contentType: null,
    body: null,
    status,
    says,
  });
  const reads = [
    get('/staff/v2/changes?after=abc', 400, /after/),
    get('/staff/v2/changes?after=-1', 400, /after/),
    get('/staff/v2/changes?after=1e3', 400, /after/),
    get('/staff/v2/changes', 400, /after/),
    get('/staff/v2/changes?after=0&limit=0', 400, /limit/),
    get('/staff/v2/changes?after=0&limit=99999', 400, /limit/),
    get('/staff/v2/changes?after=0&after=1', 400, /after/),
    get(
      `/staff/v2/snapshot?afterId=${encodeURIComponent('<script>')}`,
      400,
      /afterId/,
    ),
    get('/staff/v2/snapshot?bucket=64', 400, /bucket/),
    get('/staff/v2/checksum?x=1', 400, /x/),
    get('/staff/v4/activity?kind=script', 400, /kind/),
    get('/staff/v4/activity?kind=notes&after=1e9x', 400, /after/),
    get('/staff/v4/activity?kind=history&limit=5001', 400, /limit/),
    get(
      `/staff/v4/closures?afterId=${encodeURIComponent('"><svg onload=1>')}`,
      400,
      /afterId/,
    ),
    get('/staff/v4/closures?limit=-5', 400, /limit/),
    get('/staff/v4/closures', 401, /[Ss]ign in/, null),
    get('/staff/v2/changes?after=0', 401, /[Ss]ign in/, null),
    get('/staff/v2/users', 403, /admin/),
    get('/staff/v9/changes?after=0', 404, /version/),
    get('/staff/v2/..%2f..%2fetc%2fpasswd', 404, /staff endpoint/),
  ];
  const forbidden: HostileRequest = {
    name: 'dispatcher creating a user',
    method: 'POST',
    path: '/staff/v2/users',
    token: 'dana',
    contentType: 'application/json',
    body: Buffer.from(
      JSON.stringify({
        username: 'sneaky',
        name: 'Sneaky',
        role: 'admin',
        password: 'long enough password',
      }),
    ),
    status: 403,
    says: /admin/,
  };
  const badToken: HostileRequest = {
    ...intents(2)[0]!,
    name: 'a made-up token',
    token: null,
    status: 401,
    says: /[Ss]ign in/,
  };

  return [
    ...intents(2),
    ...intents(1),
    ...signIns,
    ...users,
    ...reads,
    forbidden,
    badToken,
  ];
}

describe('bad input to the staff API', () => {
  it('refuses each hostile request with a 4xx naming the problem', async () => {
    const cases = staffCases();
    const fuzzIds = cases
      .map(
        (each) =>
          /"consoleId":"(fuzz-[^"]+)"/.exec(
            each.body?.toString('latin1') ?? '',
          )?.[1],
      )
      .filter((id): id is string => id !== undefined);
    const before = await storedState(fuzzIds);
    const wrong: string[] = [];

    for (const hostile of cases) {
      const { status, text } = await send(hostile);
      let description: string;
      try {
        description = staffErrorSchema.parse(JSON.parse(text)).description;
      } catch {
        description = `(not a staff error body: ${text.slice(0, 80)})`;
      }
      if (status !== hostile.status || !hostile.says.test(description)) {
        wrong.push(
          `${hostile.name} → ${status} ${description.slice(0, 200)} ` +
            `(wanted ${hostile.status} matching ${String(hostile.says)})`,
        );
      }
      if (description.length < 20) {
        wrong.push(`${hostile.name} → too terse: ${description}`);
      }
    }

    expect(wrong).toEqual([]);
    expect(cases.length).toBeGreaterThan(250);
    const kinds = [
      /^cut-off JSON/,
      /^wrong type/,
      /^huge string/,
      /^unknown field/,
      /^script at/,
      /^nesting/,
      /^content type/,
      /^invalid UTF-8/,
      /^prototype key/,
    ];
    for (const kind of kinds) {
      const seen = cases.filter((each) => kind.test(each.name)).length;
      expect(seen, String(kind)).toBeGreaterThanOrEqual(5);
    }
    expect(await storedState(fuzzIds)).toEqual(before);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(({} as Record<string, unknown>).isAdmin).toBeUndefined();
  }, 60_000);
});

describe('input checking at the edges of the wire format', () => {
  // Invalid bytes in free text would be stored as U+FFFD, text nobody wrote.
  it('refuses a note whose text is not valid UTF-8', async () => {
    const before = await storedState(['utf8-probe']);
    const text = JSON.stringify(validIntentBatch('utf8-probe'));
    const at = text.indexOf('leaning');
    const body = Buffer.concat([
      Buffer.from(text.slice(0, at)),
      Buffer.from([0xc3, 0x28, 0xff]),
      Buffer.from(text.slice(at)),
    ]);
    const { status } = await send({
      name: 'invalid UTF-8 in a note',
      method: 'POST',
      path: '/staff/v2/intents',
      token: 'dana',
      contentType: 'application/json',
      body,
      status: 400,
      says: /UTF-8/,
    });

    expect(status).toBe(400);
    expect(await storedState(['utf8-probe'])).toEqual(before);
  });

  // A plain object would swallow `__proto__` before the strict check.
  it('refuses __proto__ as a query parameter', async () => {
    const { status } = await send({
      name: '__proto__ in the query',
      method: 'GET',
      path: '/staff/v2/changes?after=0&__proto__=1',
      token: 'dana',
      contentType: null,
      body: null,
      status: 400,
      says: /__proto__/,
    });

    expect(status).toBe(400);
  });
});

describe('bad input to Open311 intake', () => {
  const form = (fields: Record<string, string>) => ({
    api_key: central.open311ApiKey ?? '',
    service_code: 'street-light-outages',
    lat: '42.3497',
    long: '-71.0783',
    description: 'Light out on the corner',
    ...fields,
  });

  const post = async (
    body: string | Buffer,
    contentType = 'application/x-www-form-urlencoded',
  ) => {
    const response = await fetch(`${central.url}/open311/v2/requests.json`, {
      method: 'POST',
      headers: { 'content-type': contentType },
      body,
    });
    return { status: response.status, text: await response.text() };
  };

  it('refuses hostile reports with 4xx errors in the Open311 format, storing nothing', async () => {
    const encode = (fields: Record<string, string>) =>
      new URLSearchParams(form(fields)).toString();
    const cases: [string, string | Buffer, number, RegExp, string?][] = [
      ['no api_key', encode({ api_key: '' }), 403, /api_key/],
      ['a wrong api_key', encode({ api_key: 'guess' }), 403, /api_key/],
      [
        'JSON instead of a form',
        JSON.stringify(form({})),
        400,
        /form-urlencoded/,
        'application/json',
      ],
      ['no content type', encode({}), 400, /form-urlencoded/, ''],
      ['a latitude that is text', encode({ lat: 'north' }), 400, /lat/],
      ['a latitude off the globe', encode({ lat: '999' }), 400, /lat/],
      [
        'a huge description',
        encode({ description: 'x'.repeat(4_001) }),
        400,
        /description/,
      ],
      [
        'a form over 64 KB',
        encode({ description: 'x'.repeat(70_000) }),
        413,
        /64|bytes/,
      ],
      [
        'an unknown service',
        encode({ service_code: 'no-such' }),
        400,
        /service_code/,
      ],
      [
        'script as the service',
        encode({ service_code: '<script>x</script>' }),
        400,
        /service_code/,
      ],
      ['an unknown field', encode({ evil_field: '1' }), 400, /evil_field/],
      [
        'control characters',
        encode({ description: 'a\u0000b' }),
        400,
        /control/,
      ],
      ['a second api_key', `${encode({})}&api_key=other`, 400, /api_key/],
      [
        'constructor as a field',
        `${encode({})}&constructor=1`,
        400,
        /constructor/,
      ],
      ['toString as a field', `${encode({})}&toString=1`, 400, /toString/],
      ['__proto__ as a field', `${encode({})}&__proto__=1`, 400, /__proto__/],
    ];

    const before = await storedState([]);
    const wrong: string[] = [];
    for (const [name, body, status, says, type] of cases) {
      const answer = await post(body, type);
      let descriptions: string;
      try {
        const errors = JSON.parse(answer.text) as {
          code: number;
          description: string;
        }[];
        descriptions = errors.map((error) => error.description).join(' | ');
        if (errors.some((error) => error.code !== answer.status)) {
          wrong.push(`${name}: error codes do not match ${answer.status}`);
        }
      } catch {
        descriptions = `(not Open311 errors: ${answer.text.slice(0, 80)})`;
      }
      if (answer.status !== status || !says.test(descriptions)) {
        wrong.push(
          `${name} → ${answer.status} ${descriptions.slice(0, 160)} ` +
            `(wanted ${status} matching ${String(says)})`,
        );
      }
    }

    expect(wrong).toEqual([]);
    expect(await storedState([])).toEqual(before);

    // The same form without the hostile part is taken: the cases above were
    // refused for what they carried, not for being forms.
    expect((await post(encode({}))).status).toBe(201);
  });
});

describe('a malformed pull page', () => {
  it('keeps the console data, reports the error, and recovers on a sane page', async () => {
    const rewriter = await startPageRewriter(central.url);
    const desk = await startChaosConsole({
      name: 'pulls',
      centralUrl: rewriter.url,
      seed: SEED,
    });

    try {
      const malformed: [string, (body: string) => string][] = [
        ['not JSON', (body) => body.slice(0, Math.floor(body.length / 2))],
        [
          'a change with a wrong type',
          (body) => body.replace(/"version":\d+/, '"version":"9"'),
        ],
        [
          'an unknown field',
          (body) => body.replace('"changes":', '"evil":1,"changes":'),
        ],
        [
          'a seq hole',
          (body) =>
            body.replace(
              /"seq":(\d+)/,
              (_, seq: string) => `"seq":${Number(seq) + 5}`,
            ),
        ],
        [
          'a script for an id',
          (body) =>
            body.replace(
              /"serviceRequestId":"[^"]+"/,
              '"serviceRequestId":"<script>"',
            ),
        ],
      ];

      for (const [index, [name, rewrite]] of malformed.entries()) {
        const kept = await desk.handlers.getRequest('R0001');
        const pulled = (await desk.status()).lastPulledSeq;
        const count = desk.inspect.confirmedCount();

        rewriter.arm('changes', rewrite);
        const description = `edited by the city ${index}`;
        await central.server.store.transaction((tx) =>
          tx.updateRequest('R0001', { description }),
        );
        const failed = await waitUntil(
          () => desk.status(),
          (s) => s.lastError !== null,
          { what: `the console to report ${name}` },
        );

        expect(failed.lastError, name).toMatch(/malformed|not JSON|seq/);
        expect(failed.lastError, name).toMatch(/local data (was )?kept|kept/);
        expect(failed.lastPulledSeq, name).toBe(pulled);
        expect(await desk.handlers.getRequest('R0001'), name).toEqual(kept);
        expect(desk.inspect.confirmedCount(), name).toBe(count);

        rewriter.disarm();
        await waitUntil(
          async () => ({
            status: await desk.status(),
            request: await desk.handlers.getRequest('R0001'),
          }),
          ({ status, request }) =>
            status.lastError === null && request?.description === description,
          { what: `the console to recover after ${name}` },
        );
      }
      expect(rewriter.rewritten()).toBeGreaterThanOrEqual(malformed.length);
      expect(desk.inspect.integrity()).toBe('ok');
    } finally {
      await desk.close();
      await rewriter.close();
    }
  }, 60_000);
});
