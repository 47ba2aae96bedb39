import { afterEach, describe, expect, it } from 'vitest';

import { decodeDictionary } from '../../src/shared/snapshot-dictionary';
import {
  bucketDigests,
  bucketOf,
  digestOf,
} from '../../src/shared/sync-checksum';
import {
  changesPageSchema,
  checksumSchema,
  closuresPageSchema,
  historyPageSchema,
  notesPageSchema,
  requestFromRow,
  SNAPSHOT_NEXT_HEADER,
  SNAPSHOT_TOTAL_HEADER,
  snapshotPageSchema,
  snapshotRowsPageSchema,
  SYNC_REQUEST_FIELDS,
  type SyncRequest,
} from '../../src/shared/sync-protocol';
import {
  BASE_TIME,
  newRequest,
  startCentral,
  type Central,
} from './support/central-fixture';

let central: Central | undefined;
afterEach(() => central?.close());

const ids = (count: number) =>
  Array.from({ length: count }, (_, at) => `R${String(at).padStart(4, '0')}`);

describe('GET changes', () => {
  it('pages the feed gap-free, each page bounded by the limit', async () => {
    central = await startCentral({
      requests: ids(23).map((id) => newRequest(id)),
    });
    const token = central.tokens.dana;
    const seen: number[] = [];
    let after = 0;
    let pages = 0;

    for (;;) {
      const { status, body } = await central.call(
        `/staff/v2/changes?after=${after}&limit=7`,
        { token },
      );
      expect(status).toBe(200);
      const page = changesPageSchema.parse(body);
      expect(page.changes.length).toBeLessThanOrEqual(7);
      seen.push(...page.changes.map((c) => c.seq));
      pages += 1;
      if (!page.hasMore) {
        expect(page.lastSeq).toBe(seen.at(-1));
        break;
      }
      after = page.changes.at(-1)?.seq ?? after;
    }

    // 23 requests and 2 crews were written: 25 changes, 1..25, no holes.
    expect(seen).toEqual(Array.from({ length: 25 }, (_, at) => at + 1));
    expect(pages).toBe(4);
  });

  it('refuses a limit above 5000 or below 1, and a missing after', async () => {
    central = await startCentral();
    const token = central.tokens.dana;
    for (const query of [
      'after=0&limit=5001',
      'after=0&limit=0',
      'limit=5',
      'after=-1',
      'after=1e3',
    ]) {
      const { status, body } = await central.call(
        `/staff/v2/changes?${query}`,
        { token },
      );
      expect(status, query).toBe(400);
      expect(body.error).toBe('invalid_query');
    }
  });

  it('answers 410 reset_required once the seqs asked for are no longer kept', async () => {
    central = await startCentral({
      changeRetention: 10,
      requests: ids(30).map((id) => newRequest(id)),
    });
    const token = central.tokens.dana;

    const old = await central.call('/staff/v2/changes?after=5', { token });
    expect(old.status).toBe(410);
    expect(old.body).toMatchObject({ error: 'reset_required', oldestSeq: 23 });
    expect(old.body.description).toMatch(/reload from snapshot pages/);

    const edge = await central.call('/staff/v2/changes?after=22', { token });
    expect(edge.status).toBe(200);
    expect(changesPageSchema.parse(edge.body).changes[0]?.seq).toBe(23);

    const ahead = await central.call('/staff/v2/changes?after=999', { token });
    expect(ahead.status).toBe(410);
  });
});

describe('GET snapshot', () => {
  it('pages the open set by id, crews on the first page only, closed left out', async () => {
    const all = ids(12);
    central = await startCentral({
      requests: all.map((id, at) =>
        at === 4
          ? newRequest(id, {
              status: 'closed',
              closedAt: Date.now(),
              workStatus: 'closed',
            })
          : newRequest(id),
      ),
    });
    const token = central.tokens.dana;
    const got: SyncRequest[] = [];
    let afterId: string | null = null;
    let first = true;

    do {
      const query: string =
        afterId === null ? 'limit=5' : `limit=5&afterId=${afterId}`;
      const { body } = await central.call(`/staff/v2/snapshot?${query}`, {
        token,
      });
      const page = snapshotPageSchema.parse(body);
      expect(page.crews).toHaveLength(first ? 2 : 0);
      expect(page.seq).toBe(14);
      got.push(...page.requests);
      afterId = page.nextAfterId;
      first = false;
    } while (afterId !== null);

    expect(got.map((r) => r.serviceRequestId)).toEqual(
      all.filter((_, at) => at !== 4),
    );
  });

  it('names the next page in a header ahead of the body, and not on the last', async () => {
    central = await startCentral({
      requests: ids(12).map((id) => newRequest(id)),
    });
    const get = (query: string) =>
      fetch(`${central!.url}/staff/v2/snapshot?${query}`, {
        headers: { authorization: `Bearer ${central!.tokens.dana}` },
      });

    const first = await get('limit=5');
    const firstPage = snapshotPageSchema.parse(await first.json());
    expect(first.headers.get(SNAPSHOT_NEXT_HEADER)).toBe('R0004');
    expect(firstPage.nextAfterId).toBe('R0004');

    // Exactly a page's worth left: the last page says nothing follows.
    const last = await get('limit=7&afterId=R0004');
    const lastPage = snapshotPageSchema.parse(await last.json());
    expect(lastPage.requests.map((r) => r.serviceRequestId)).toEqual(
      ids(12).slice(5),
    );
    expect(lastPage.nextAfterId).toBeNull();
    expect(last.headers.get(SNAPSHOT_NEXT_HEADER)).toBeNull();

    const empty = await get('limit=5&afterId=R9999');
    expect(snapshotPageSchema.parse(await empty.json())).toMatchObject({
      requests: [],
      nextAfterId: null,
    });
  });

  it('filters by checksum bucket', async () => {
    const all = ids(200);
    central = await startCentral({ requests: all.map((id) => newRequest(id)) });
    const bucket = bucketOf('R0007');

    const { body } = await central.call(
      `/staff/v2/snapshot?bucket=${bucket}&limit=5000`,
      {
        token: central.tokens.dana,
      },
    );
    const page = snapshotPageSchema.parse(body);

    const expected = all.filter((id) => bucketOf(id) === bucket);
    expect(expected.length).toBeGreaterThan(0);
    expect(page.requests.map((r) => r.serviceRequestId)).toEqual(expected);
  });
});

describe('GET snapshot in protocol 3', () => {
  it('sends each request as a row holding exactly what a v2 object holds', async () => {
    // Values that a JSON writer could get wrong: numbers needing all 17
    // digits, quotes, backslashes, control characters, markup, non-Latin
    // text, nulls everywhere a null may be.
    const awkward = [
      newRequest('R0000', {
        lat: 42.359120000000004,
        long: -71.05867199999999,
        description: 'say "hi" \\ then\n\ttab \u0001 <script>x()</script>',
        address: '1 Ça Été Rd, 東京',
      }),
      newRequest('R0001', {
        lat: null,
        long: null,
        description: null,
        address: null,
        zipcode: null,
        slaDueAt: null,
        queue: null,
        department: null,
        neighborhood: null,
        source: null,
        agencyResponsible: null,
      }),
      newRequest('R0002', { lat: -90, long: 180, statusNotes: '' }),
    ];
    central = await startCentral({ requests: awkward });
    const token = central.tokens.dana;

    const v2 = snapshotPageSchema.parse(
      (await central.call('/staff/v2/snapshot?limit=10', { token })).body,
    );
    const v3body = (
      await central.call('/staff/v3/snapshot?limit=10', { token })
    ).body;
    const v3 = snapshotRowsPageSchema.parse(v3body);

    expect(v3body.requests).toBeUndefined();
    expect(v3.fields).toEqual(SYNC_REQUEST_FIELDS);
    expect(v3.rows).toHaveLength(3);
    expect(v3.rows.map(requestFromRow)).toEqual(v2.requests);
    expect(v3.rows[0]![SYNC_REQUEST_FIELDS.indexOf('lat')]).toBe(
      42.359120000000004,
    );
    expect(v3.crews).toEqual(v2.crews);
    expect(v3.seq).toBe(v2.seq);
  });

  it('sends v4 pages through a dictionary that reads back as the v3 rows', async () => {
    const queues = ['PWDx_District 1C', 'PWDx_District 03', null];
    central = await startCentral({
      requests: ids(30).map((id, at) =>
        newRequest(id, {
          queue: queues[at % 3]!,
          neighborhood: at % 2 === 0 ? 'Dorchester' : 'Roxbury',
        }),
      ),
    });
    const token = central.tokens.dana;
    const v3 = await central.call('/staff/v3/snapshot?limit=20', { token });
    const v4 = await central.call('/staff/v4/snapshot?limit=20', { token });
    const v4body = v4.body as { dictionary: Record<string, unknown[]> };

    expect(v4body.dictionary.queue).toEqual(queues.slice(0, 2));
    expect(v4body.dictionary.neighborhood).toEqual(['Dorchester', 'Roxbury']);
    expect(decodeDictionary(v4body.dictionary, v4.body.rows)).toBeNull();
    const decoded = { ...v4.body } as Record<string, unknown>;
    delete decoded.dictionary;
    // serverTime is the moment each page was built.
    expect({ ...decoded, serverTime: 0 }).toEqual({
      ...v3.body,
      serverTime: 0,
    });
    expect(v4.headers.get(SNAPSHOT_NEXT_HEADER)).toBe(
      v3.headers.get(SNAPSHOT_NEXT_HEADER),
    );
    expect(v4.headers.get(SNAPSHOT_NEXT_HEADER)).toBe('R0019');
    // A whole snapshot's first page counts the open set; later ones do not.
    expect(v4.headers.get(SNAPSHOT_TOTAL_HEADER)).toBe('30');
    const second = await central.call(
      '/staff/v4/snapshot?limit=20&afterId=R0019',
      { token },
    );
    expect(second.headers.get(SNAPSHOT_TOTAL_HEADER)).toBeNull();
    const bucket = await central.call('/staff/v4/snapshot?bucket=3', {
      token,
    });
    expect(bucket.headers.get(SNAPSHOT_TOTAL_HEADER)).toBeNull();
  });

  it('pages rows by id and by bucket in v3 and v4 as v2 pages requests', async () => {
    const all = ids(200);
    central = await startCentral({ requests: all.map((id) => newRequest(id)) });
    const token = central.tokens.dana;
    const bucket = bucketOf('R0007');

    for (const version of [3, 4]) {
      const got: string[] = [];
      let afterId: string | null = null;
      do {
        const query: string =
          `bucket=${bucket}&limit=3` +
          (afterId === null ? '' : `&afterId=${afterId}`);
        const { body } = await central.call(
          `/staff/v${version}/snapshot?${query}`,
          { token },
        );
        if (version === 4) {
          expect(decodeDictionary(body.dictionary, body.rows)).toBeNull();
          delete body.dictionary;
        }
        const page = snapshotRowsPageSchema.parse(body);
        got.push(...page.rows.map((row) => row[0]));
        afterId = page.nextAfterId;
      } while (afterId !== null);

      expect(got, `v${version}`).toEqual(
        all.filter((id) => bucketOf(id) === bucket),
      );
    }
  });
});

describe('GET activity', () => {
  it('pages the notes and history of open requests only, oldest first', async () => {
    central = await startCentral({
      requests: [
        newRequest('R0001'),
        newRequest('R0002', {
          status: 'closed',
          closedAt: Date.now(),
          workStatus: 'closed',
        }),
      ],
    });
    await central.server.store.transaction(async (tx) => {
      for (let n = 0; n < 5; n += 1) {
        for (const requestId of ['R0001', 'R0002']) {
          await tx.insertNote({
            noteId: `N${n}-${requestId}`,
            requestId,
            body: `note ${n}`,
            visibility: 'internal',
            author: 'Dana',
            createdAt: 1_000 + n,
          });
          await tx.insertHistory({
            requestId,
            at: 1_000 + n,
            actor: 'Dana',
            consoleId: null,
            action: 'note_added',
            detail: { n },
          });
        }
      }
    });
    const token = central.tokens.dana;

    const notes: string[] = [];
    let after = 0;
    let pages = 0;
    do {
      const { status, body } = await central.call(
        `/staff/v4/activity?kind=notes&after=${after}&limit=2`,
        { token },
      );
      expect(status).toBe(200);
      const page = notesPageSchema.parse(body);
      expect(page.notes.length).toBeLessThanOrEqual(2);
      notes.push(...page.notes.map((note) => note.noteId));
      after = page.next ?? 0;
      pages += 1;
    } while (after !== 0);
    expect(notes).toEqual([0, 1, 2, 3, 4].map((n) => `N${n}-R0001`));
    expect(pages).toBeGreaterThanOrEqual(3);

    const history = historyPageSchema.parse(
      (await central.call('/staff/v4/activity?kind=history', { token })).body,
    );
    expect(history.history.map((entry) => entry.detail)).toEqual(
      [0, 1, 2, 3, 4].map((n) => ({ n })),
    );
    expect(new Set(history.history.map((e) => e.requestId))).toEqual(
      new Set(['R0001']),
    );
    expect(history.next).toBeNull();
  });

  it('says what was wrong with a bad query, and needs a token', async () => {
    central = await startCentral({});
    const token = central.tokens.dana;
    for (const [query, said] of [
      ['kind=photos', /kind/],
      ['', /kind/],
      ['kind=notes&after=-1', /after/],
      ['kind=notes&limit=5001', /limit/],
      ['kind=notes&extra=1', /extra/],
    ] as const) {
      const answer = await central.call(`/staff/v4/activity?${query}`, {
        token,
      });
      expect(answer.status, query).toBe(400);
      expect(answer.body.description, query).toMatch(said);
    }
    expect((await central.call('/staff/v4/activity?kind=notes')).status).toBe(
      401,
    );
  });
});

describe('GET closures', () => {
  it('pages closed requests due near now, by id; not merged, open or long past', async () => {
    const DAY = 86_400_000;
    const BASE = BASE_TIME;
    const closed = (id: string, dueFromNow: number, patch = {}) =>
      newRequest(id, {
        status: 'closed',
        workStatus: 'closed',
        closedAt: BASE - DAY,
        slaDueAt: BASE + dueFromNow,
        ...patch,
      });
    central = await startCentral({
      requests: [
        closed('C1', -DAY),
        closed('C2', 2 * DAY),
        closed('C3', -7 * DAY),
        closed('C4', 0),
        closed('OLD', -9 * DAY),
        closed('LATER', 9 * DAY),
        closed('MERGED', 0, { mergedInto: 'C1' }),
        closed('NODUE', 0, { slaDueAt: null }),
        newRequest('OPEN', { slaDueAt: BASE }),
      ],
    });
    const token = central.tokens.dana;

    const got: string[] = [];
    let afterId: string | null = null;
    do {
      const query: string =
        'limit=2' + (afterId === null ? '' : `&afterId=${afterId}`);
      const { status, body } = await central.call(
        `/staff/v4/closures?${query}`,
        { token },
      );
      expect(status).toBe(200);
      const page = closuresPageSchema.parse(body);
      expect(page.closures.length).toBeLessThanOrEqual(2);
      got.push(...page.closures.map((closure) => closure.requestId));
      afterId = page.nextAfterId;
    } while (afterId !== null);

    expect(got).toEqual(['C1', 'C2', 'C3', 'C4']);
    const first = closuresPageSchema.parse(
      (await central.call('/staff/v4/closures', { token })).body,
    ).closures[0];
    expect(first).toEqual({
      requestId: 'C1',
      serviceName: first?.serviceName,
      queue: first?.queue,
      requestedAt: first?.requestedAt,
      slaDueAt: BASE - DAY,
      closedAt: BASE - DAY,
    });
    expect(
      (await central.call('/staff/v4/closures?afterId=<x>', { token })).status,
    ).toBe(400);
  });
});

describe('GET checksum', () => {
  it('equals the bucket digests of the open set, and changes with a version', async () => {
    central = await startCentral({
      requests: ids(50).map((id) => newRequest(id)),
    });
    const token = central.tokens.dana;

    const { body } = await central.call('/staff/v2/checksum', { token });
    const checksum = checksumSchema.parse(body);
    const open = ids(50).map((id) => ({ id, version: 1 }));
    expect(checksum.requestBuckets).toEqual(bucketDigests(open));
    expect(checksum.requestCount).toBe(50);
    expect(checksum.crews).toBe(
      digestOf([
        { id: 'PWD-04', version: 1 },
        { id: 'PWD-09', version: 1 },
      ]),
    );

    await central.server.store.transaction((tx) =>
      tx.updateRequest('R0003', { workStatus: 'in_progress' }),
    );
    const after = checksumSchema.parse(
      (await central.call('/staff/v2/checksum', { token })).body,
    );
    const changed = after.requestBuckets
      .map((digest, at) => (digest === checksum.requestBuckets[at] ? -1 : at))
      .filter((at) => at >= 0);
    expect(changed).toEqual([bucketOf('R0003')]);
    expect(after.seq).toBe(checksum.seq + 1);
  });
});
