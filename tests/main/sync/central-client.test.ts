import { describe, expect, it } from 'vitest';

import { createCentralClient } from '../../../src/main/sync/central-client';
import { createEventStreamParser } from '../../../src/main/sync/event-stream-parser';
import { createServerClock } from '../../../src/main/sync/server-clock';
import { encodeDictionary } from '../../../src/shared/snapshot-dictionary';
import {
  rowFromRequest,
  SYNC_REQUEST_FIELDS,
} from '../../../src/shared/sync-protocol';
import { startConsole } from './engine-harness';
import { crew, request } from './fake-central';

type Scripted = { status: number; body: string };

/** A fetch that answers from a script and records what was asked. */
function scriptedFetch(answer: (url: string) => Scripted) {
  const seen: { url: string; headers: Record<string, string> }[] = [];
  const fetchLike = (input: string | URL | Request, init?: RequestInit) => {
    const url = input instanceof Request ? input.url : input.toString();
    seen.push({
      url,
      headers: (init?.headers ?? {}) as Record<string, string>,
    });
    const { status, body } = answer(url);
    return Promise.resolve(new Response(body, { status }));
  };
  return { fetch: fetchLike, seen };
}

/** An empty page of notes, history or closures, as a server with none answers. */
const noActivity = (url: string): Scripted => ({
  status: 200,
  body: JSON.stringify(
    url.includes('closures')
      ? { closures: [], nextAfterId: null, serverTime: 1 }
      : {
          [url.includes('kind=notes') ? 'notes' : 'history']: [],
          next: null,
          serverTime: 1,
        },
  ),
});

const page = (changes: unknown[], lastSeq: number, serverTime = 5_000) =>
  JSON.stringify({ changes, lastSeq, hasMore: false, serverTime });

describe('the central API client', () => {
  it('speaks /staff/v4/ with the bearer token and parses a changes page', async () => {
    const { fetch, seen } = scriptedFetch(() => ({
      status: 200,
      body: page([{ seq: 8, kind: 'request', request: request('R1') }], 8),
    }));
    const client = createCentralClient({
      baseUrl: 'http://central.test/',
      token: () => 'secret-token-abcdefghijkl',
      fetch,
    });

    const answer = await client.changes(7, 100);
    expect(answer.kind === 'page' && answer.page.changes[0]?.seq).toBe(8);
    expect(seen[0]?.url).toBe(
      'http://central.test/staff/v4/changes?after=7&limit=100',
    );
    expect(seen[0]?.headers.authorization).toBe(
      'Bearer secret-token-abcdefghijkl',
    );
  });

  it('turns 410 into a reset and 409 into the expected seq', async () => {
    const { fetch } = scriptedFetch((url) =>
      url.includes('changes')
        ? {
            status: 410,
            body: JSON.stringify({
              error: 'reset_required',
              description: 'too old',
              oldestSeq: 500,
            }),
          }
        : {
            status: 409,
            body: JSON.stringify({
              error: 'sequence_gap',
              description: 'gap',
              expectedSeq: 4,
            }),
          },
    );
    const client = createCentralClient({
      baseUrl: 'http://c',
      token: () => null,
      fetch,
    });

    expect(await client.changes(1, 10)).toEqual({
      kind: 'reset',
      oldestSeq: 500,
    });
    expect(
      await client.pushIntents({
        consoleId: 'c1',
        intents: [
          {
            seq: 9,
            createdAt: 1,
            type: 'set_crew_status',
            crewId: 'C1',
            status: 'on_site',
          },
        ],
      }),
    ).toEqual({ kind: 'gap', expectedSeq: 4 });
  });

  it('measures the clock offset from serverTime at the round trip midpoint', async () => {
    const day = 24 * 3_600_000;
    let local = 1_000_000;
    const clock = createServerClock(() => local);
    const { fetch } = scriptedFetch(() => {
      local += 40; // the reply takes 40 ms
      return { status: 200, body: page([], 0, 1_000_020 + day) };
    });
    const client = createCentralClient({
      baseUrl: 'http://c',
      token: () => null,
      fetch,
      now: () => local,
      onClockSample: (sample) => clock.sample(sample),
    });

    await client.changes(0, 10);
    expect(clock.offsetMs()).toBe(day);
    expect(clock.now()).toBe(local + day);
  });

  it('keeps local data and reports a malformed page', async () => {
    let body = page([], 0);
    const { fetch } = scriptedFetch((url) =>
      url.includes('snapshot')
        ? {
            status: 200,
            body: JSON.stringify({
              seq: 0,
              fields: SYNC_REQUEST_FIELDS,
              rows: [rowFromRequest(request('R1'))],
              crews: [crew('C1')],
              nextAfterId: null,
              serverTime: 1,
            }),
          }
        : url.includes('activity') || url.includes('closures')
          ? noActivity(url)
          : { status: 200, body },
    );
    const client = createCentralClient({
      baseUrl: 'http://c',
      token: () => 't',
      fetch,
    });
    const harness = startConsole(client);
    await harness.engine.runCycle();
    expect(harness.engine.status().lastError).toBeNull();
    expect(harness.store.countOpenRequests()).toBe(1);

    for (const bad of [
      '{"changes": [',
      JSON.stringify({
        changes: [
          {
            seq: 1,
            kind: 'request',
            request: { serviceRequestId: '<script>' },
          },
        ],
        lastSeq: 1,
        hasMore: false,
        serverTime: 1,
      }),
      JSON.stringify({
        changes: [],
        lastSeq: 'ten',
        hasMore: false,
        serverTime: 1,
      }),
    ]) {
      body = bad;
      expect(await harness.engine.runCycle()).toBe(false);
      expect(harness.engine.status().lastError).toMatch(/malformed|not JSON/);
      expect(harness.engine.status().lastError).toMatch(/local data was kept/);
      expect(harness.store.countOpenRequests()).toBe(1);
    }
    harness.close();
  });

  it('reads a dictionary page and refuses a malformed one, keeping local data', async () => {
    const rows = [rowFromRequest(request('R1', { queue: 'PWDx_District 03' }))];
    const dictionary = encodeDictionary(rows);
    let spoil = false;
    const { fetch } = scriptedFetch((url) =>
      url.includes('snapshot')
        ? {
            status: 200,
            body: JSON.stringify({
              seq: 0,
              fields: SYNC_REQUEST_FIELDS,
              dictionary: spoil
                ? {
                    ...dictionary,
                    queue: ['<script>alert(1)</script>'],
                    lat: [],
                  }
                : dictionary,
              rows,
              crews: [crew('C1')],
              nextAfterId: null,
              serverTime: 1,
            }),
          }
        : url.includes('activity') || url.includes('closures')
          ? noActivity(url)
          : { status: 200, body: page([], 0) },
    );
    const client = createCentralClient({
      baseUrl: 'http://c',
      token: () => 't',
      fetch,
    });

    const read = await client.snapshot(null, 10);
    expect(read.rows[0]![SYNC_REQUEST_FIELDS.indexOf('queue')]).toBe(
      'PWDx_District 03',
    );
    expect(read).not.toHaveProperty('dictionary');

    spoil = true;
    await expect(client.snapshot(null, 10)).rejects.toMatchObject({
      kind: 'malformed',
      message: expect.stringMatching(
        /dictionary\.lat: not a dictionary field.*local data was kept/,
      ) as unknown,
    });
    const harness = startConsole(client);
    expect(await harness.engine.runCycle()).toBe(false);
    expect(harness.engine.status().lastError).toMatch(
      /malformed snapshot page/,
    );
    expect(harness.store.countOpenRequests()).toBe(0);
    harness.close();
  });

  it('asks for the next snapshot page as soon as a header names it', async () => {
    const pages: Record<string, { ids: string[]; next: string | null }> = {
      '': { ids: ['A1', 'A2'], next: 'A2' },
      A2: { ids: ['B1', 'B2'], next: 'B2' },
      B2: { ids: ['C1'], next: null },
    };
    const asked: string[] = [];
    let releaseFirst: () => void = () => undefined;
    const firstBody = new Promise<void>((done) => (releaseFirst = done));
    const fetch = (input: string | URL | Request) => {
      const url = new URL(input instanceof Request ? input.url : input);
      const after = url.searchParams.get('afterId') ?? '';
      asked.push(after);
      const { ids, next } = pages[after]!;
      const body = JSON.stringify({
        seq: 3,
        fields: SYNC_REQUEST_FIELDS,
        rows: ids.map((id) => rowFromRequest(request(id))),
        crews: [],
        nextAfterId: next,
        serverTime: 5_000,
      });
      const headers: Record<string, string> =
        next === null ? {} : { 'StreetDesk-Next-After': next };
      if (after === '') headers['StreetDesk-Open-Total'] = '5';
      // The first page's body is held back: the second must be asked
      // for on its header alone.
      const stream = new ReadableStream<Uint8Array>({
        async start(controller) {
          if (after === '') await firstBody;
          controller.enqueue(new TextEncoder().encode(body));
          controller.close();
        },
      });
      return Promise.resolve(new Response(stream, { status: 200, headers }));
    };
    const client = createCentralClient({
      baseUrl: 'http://central.test',
      token: () => 'secret-token-abcdefghijkl',
      fetch,
    });

    const first = client.snapshot(null, 2);
    await expect.poll(() => asked).toEqual(['', 'A2', 'B2']);
    releaseFirst();
    expect((await first).rows.map((r) => r[0])).toEqual(['A1', 'A2']);
    expect((await first).openTotal).toBe(5);
    // The pages asked for ahead are handed over, not asked for again.
    const second = await client.snapshot('A2', 2);
    const third = await client.snapshot('B2', 2);
    expect(second.rows.map((r) => r[0])).toEqual(['B1', 'B2']);
    expect(third.nextAfterId).toBeNull();
    expect(second.openTotal).toBeUndefined();
    expect(asked).toEqual(['', 'A2', 'B2']);
  });

  it('reports an unreachable server as a network failure', async () => {
    const client = createCentralClient({
      baseUrl: 'http://127.0.0.1:1',
      token: () => null,
      timeoutMs: 2_000,
    });
    await expect(client.checksum()).rejects.toMatchObject({ kind: 'network' });
  });
});

describe('the event stream parser', () => {
  it('splits events across chunks and line endings, skipping comments', () => {
    const events: { event: string; data: string }[] = [];
    const parser = createEventStreamParser((event) => events.push(event));

    parser.push(': hello\r\nevent: changed\r\ndata: {"a"');
    parser.push(':1}\r');
    parser.push('\n\r\ndata: line one\ndata: line two\n\n');
    parser.push('data: unfinished');

    expect(events).toEqual([
      { event: 'changed', data: '{"a":1}', id: null },
      { event: 'message', data: 'line one\nline two', id: null },
    ]);
  });
});
