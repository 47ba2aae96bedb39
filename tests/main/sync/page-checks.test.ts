import { describe, expect, it } from 'vitest';

import {
  checkChangesPage,
  checkSnapshotRowsPage,
  isSyncRequest,
  isSyncRequestRow,
} from '../../../src/main/sync/page-checks';
import {
  changesPageSchema,
  rowFromRequest,
  snapshotRowsPageSchema,
  SYNC_REQUEST_FIELDS,
  syncRequestRowSchema,
  syncRequestSchema,
  type SyncRequest,
} from '../../../src/shared/sync-protocol';
import { seededRandom } from '../../support/seeded-random';
import { crew, request } from './fake-central';

const next = seededRandom(3_11);
const pick = <T>(values: readonly T[]): T =>
  values[Math.floor(next() * values.length)] as T;

/** A valid request with every nullable field either null or filled. */
function randomRequest(index: number): SyncRequest {
  const maybe = <T>(value: T): T | null => (next() < 0.3 ? null : value);
  const hasPlace = next() < 0.8;

  return request(`R-${index}`, {
    description: maybe('x'.repeat(Math.floor(next() * 4000))),
    status: pick(['open', 'closed'] as const),
    statusNotes: maybe('note'),
    updatedAt: maybe(Math.floor(next() * 1e12)),
    slaDueAt: maybe(Math.floor(next() * 1e12)),
    closedAt: maybe(Math.floor(next() * 1e12)),
    lat: hasPlace ? -90 + next() * 180 : null,
    long: hasPlace ? -180 + next() * 360 : null,
    zipcode: maybe('0'.repeat(Math.floor(next() * 21))),
    workStatus: pick([
      'open',
      'assigned',
      'in_progress',
      'resolved',
      'closed',
    ] as const),
    assignedCrewId: maybe('CREW-1'),
    mergedInto: maybe('R-0'),
    version: 1 + Math.floor(next() * 1000),
  });
}

const strings = [
  '',
  'a',
  'x'.repeat(20),
  'x'.repeat(21),
  'x'.repeat(64),
  'x'.repeat(65),
  'x'.repeat(200),
  'x'.repeat(201),
  'x'.repeat(400),
  'x'.repeat(401),
  'x'.repeat(1000),
  'x'.repeat(1001),
  'x'.repeat(2048),
  'x'.repeat(2049),
  'x'.repeat(4000),
  'x'.repeat(4001),
  'has space',
  '<script>alert(1)</script>',
  'é'.repeat(200),
];
const numbers = [
  0,
  -0,
  1,
  -1,
  1.5,
  -90,
  90,
  90.0001,
  -180.5,
  180,
  Number.NaN,
  Number.POSITIVE_INFINITY,
  Number.MAX_SAFE_INTEGER,
  Number.MAX_SAFE_INTEGER + 2,
  8_640_000_000_000_000,
  8_640_000_000_000_001,
];
const others = [
  null,
  undefined,
  true,
  '1',
  [],
  {},
  'open',
  'closed',
  'in_progress',
  'OPEN',
];
const candidates: unknown[] = [...strings, ...numbers, ...others];

describe('the hand-written page checks', () => {
  it('agree with the zod schema on every field of valid and broken requests', () => {
    let valid = 0;
    let invalid = 0;
    for (let index = 0; index < 40; index += 1) {
      const base = randomRequest(index);
      expect(isSyncRequest(base)).toBe(true);

      for (const field of Object.keys(base)) {
        for (const value of candidates) {
          const mutated: Record<string, unknown> = { ...base, [field]: value };
          const expected = syncRequestSchema.safeParse(mutated).success;
          expect(
            { field, value, verdict: isSyncRequest(mutated) },
            `field ${field}`,
          ).toEqual({ field, value, verdict: expected });
          if (expected) valid += 1;
          else invalid += 1;
        }
      }
    }
    // Both verdicts were exercised, many times each.
    expect(valid).toBeGreaterThan(1000);
    expect(invalid).toBeGreaterThan(1000);
  });

  it('agree with the zod schema on every position of valid and broken rows', () => {
    let invalid = 0;
    for (let index = 0; index < 20; index += 1) {
      const base = rowFromRequest(randomRequest(index));
      expect(isSyncRequestRow(base)).toBe(true);
      expect(syncRequestRowSchema.parse(base)).toEqual(base);

      for (let at = 0; at < base.length; at += 1) {
        for (const value of candidates) {
          const mutated: unknown[] = [...base];
          mutated[at] = value;
          const expected = syncRequestRowSchema.safeParse(mutated).success;
          expect(
            { at, value, verdict: isSyncRequestRow(mutated) },
            `field ${SYNC_REQUEST_FIELDS[at]}`,
          ).toEqual({ at, value, verdict: expected });
          if (!expected) invalid += 1;
        }
      }
    }
    expect(invalid).toBeGreaterThan(1000);

    const row = rowFromRequest(randomRequest(1));
    for (const shape of [
      row.slice(1),
      [...row, null],
      randomRequest(1),
      null,
      'R-1',
    ]) {
      expect(isSyncRequestRow(shape)).toBe(false);
      expect(syncRequestRowSchema.safeParse(shape).success).toBe(false);
    }
  });

  it('word a bad row by the field it holds', () => {
    const row: unknown[] = rowFromRequest(randomRequest(3));
    row[SYNC_REQUEST_FIELDS.indexOf('lat')] = 91;
    const page = snapshotRowsPageSchema.safeParse({
      seq: 1,
      fields: SYNC_REQUEST_FIELDS,
      rows: [rowFromRequest(randomRequest(2)), row],
      crews: [],
      nextAfterId: null,
      serverTime: 1,
    });

    expect(page.success).toBe(false);
    expect(page.error?.issues[0]?.path).toEqual(['rows', 1, 'lat']);
  });

  it('refuse missing, unknown and prototype-named keys as zod does', () => {
    const base = randomRequest(1);
    const shapes: unknown[] = [
      Object.fromEntries(
        Object.entries(base).filter(([key]) => key !== 'version'),
      ),
      { ...base, extra: 1 },
      JSON.parse(`{"__proto__": {"x": 1}, ${JSON.stringify(base).slice(1)}`),
      [base],
      null,
      'R-1',
    ];
    for (const shape of shapes) {
      expect(isSyncRequest(shape)).toBe(
        syncRequestSchema.safeParse(shape).success,
      );
      expect(isSyncRequest(shape)).toBe(false);
    }
  });

  it('take the keys in any order, but refuse a swapped or repeated name', () => {
    const base = randomRequest(2);
    const entries = Object.entries(base);
    const reversed = Object.fromEntries([...entries].reverse());
    const swapped = Object.fromEntries(
      entries.map(([key, value]) =>
        key === 'queue' ? ['queues', value] : [key, value],
      ),
    );
    // The same number of keys, one name twice and `version` missing.
    const repeated = JSON.parse(
      JSON.stringify(base).replace('"version":', '"queue":'),
    ) as unknown;

    expect(isSyncRequest(reversed)).toBe(true);
    for (const shape of [swapped, repeated]) {
      expect(syncRequestSchema.safeParse(shape).success).toBe(false);
      expect(isSyncRequest(shape)).toBe(false);
    }
  });

  it('vouch for a valid snapshot page and leave every broken one to zod', () => {
    const page = {
      seq: 7,
      fields: [...SYNC_REQUEST_FIELDS],
      rows: Array.from({ length: 50 }, (_, at) =>
        rowFromRequest(randomRequest(at)),
      ),
      crews: [crew('CREW-1')],
      nextAfterId: 'R-49',
      serverTime: 1_700_000_000_000,
    };
    const wire = JSON.parse(JSON.stringify(page)) as unknown;
    expect(checkSnapshotRowsPage(wire)).toEqual(page);
    expect(snapshotRowsPageSchema.parse(wire)).toEqual(page);

    const badRow: unknown[] = [...page.rows[0]!];
    badRow[SYNC_REQUEST_FIELDS.indexOf('lat')] = 91;
    const broken: unknown[] = [
      { ...page, seq: -1 },
      { ...page, nextAfterId: 'bad id' },
      { ...page, serverTime: 1.5 },
      { ...page, extra: true },
      { ...page, rows: [...page.rows, badRow] },
      { ...page, rows: [...page.rows, randomRequest(1)] },
      { ...page, fields: [...page.fields].reverse() },
      { ...page, fields: page.fields.slice(1) },
      { ...page, fields: undefined },
      { ...page, crews: [{ ...crew('CREW-1'), status: 'asleep' }] },
      { ...page, rows: Array.from({ length: 5001 }, () => page.rows[0]) },
      { ...page, rows: 'none' },
    ];
    for (const body of broken) {
      expect(checkSnapshotRowsPage(body)).toBeNull();
      expect(snapshotRowsPageSchema.safeParse(body).success).toBe(false);
    }
  });

  it('vouch for a valid changes page of every kind and refuse a bad one', () => {
    const page = {
      changes: [
        { seq: 1, kind: 'request', request: randomRequest(1) },
        {
          seq: 2,
          kind: 'request_removed',
          requestId: 'R-1',
          reason: 'closed',
          version: 3,
        },
        { seq: 3, kind: 'crew', crew: crew('CREW-2') },
      ],
      lastSeq: 3,
      hasMore: false,
      serverTime: 5,
    };
    expect(checkChangesPage(page)).toEqual(page);
    expect(changesPageSchema.safeParse(page).success).toBe(true);

    const broken: unknown[] = [
      { ...page, hasMore: 'no' },
      { ...page, changes: [{ ...page.changes[0], seq: 0 }] },
      { ...page, changes: [{ ...page.changes[0], extra: 1 }] },
      { ...page, changes: [{ ...page.changes[1], reason: 'lost' }] },
      {
        ...page,
        changes: [
          {
            seq: 1,
            kind: 'request',
            request: { ...randomRequest(2), version: 0 },
          },
        ],
      },
    ];
    for (const body of broken) {
      expect(checkChangesPage(body)).toBeNull();
      expect(changesPageSchema.safeParse(body).success).toBe(false);
    }
  });
});
