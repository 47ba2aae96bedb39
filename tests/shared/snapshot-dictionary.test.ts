import { describe, expect, it } from 'vitest';

import {
  decodeDictionary,
  encodeDictionary,
} from '../../src/shared/snapshot-dictionary';
import {
  rowFromRequest,
  SYNC_REQUEST_FIELDS,
  type SyncRequest,
} from '../../src/shared/sync-protocol';
import { request } from '../main/sync/fake-central';

const at = (field: (typeof SYNC_REQUEST_FIELDS)[number]) =>
  SYNC_REQUEST_FIELDS.indexOf(field);

const rows = (...requests: SyncRequest[]) => requests.map(rowFromRequest);

/** Encodes a copy, so the original rows stay to compare with. */
function encoded(original: unknown[][]) {
  const copy = original.map((row) => [...row]);
  return { dictionary: encodeDictionary(copy), rows: copy };
}

describe('snapshot page dictionaries', () => {
  it('sends each distinct value once and reads the rows back unchanged', () => {
    const original = rows(
      request('R1', { queue: 'PWDx_District 1C', neighborhood: 'Dorchester' }),
      request('R2', { queue: 'PWDx_District 1C', neighborhood: null }),
      request('R3', {
        queue: 'INFO_Mass DOT',
        neighborhood: 'Dorchester',
        assignedCrewId: 'C7',
      }),
    );
    const page = encoded(original);

    expect(page.dictionary.queue).toEqual([
      'PWDx_District 1C',
      'INFO_Mass DOT',
    ]);
    expect(page.dictionary.neighborhood).toEqual(['Dorchester']);
    expect(page.rows.map((row) => row[at('queue')])).toEqual([0, 0, 1]);
    expect(page.rows[1]![at('neighborhood')]).toBeNull();
    // Fields outside the dictionary travel as they are.
    expect(page.rows[2]![at('lat')]).toBe(original[2]![at('lat')]);

    // A page goes over the wire as JSON before it is read back.
    const wire = JSON.parse(JSON.stringify(page)) as typeof page;
    expect(decodeDictionary(wire.dictionary, wire.rows)).toBeNull();
    expect(wire.rows).toEqual(original);
  });

  it('refuses to encode a dictionary field that is not text', () => {
    const row = rowFromRequest(request('R9')) as unknown[];
    row[at('queue')] = 3;
    expect(() => encodeDictionary([row])).toThrow(/queue of R9 is number/);
  });

  it('says where a malformed dictionary or row is wrong', () => {
    const good = encoded(rows(request('R1'), request('R2')));
    const fresh = () =>
      JSON.parse(JSON.stringify(good)) as {
        dictionary: unknown;
        rows: unknown[][];
      };

    const lists = (page: { dictionary: unknown }) =>
      page.dictionary as Record<string, unknown[] | undefined>;

    const cases: [
      string,
      (page: ReturnType<typeof fresh>) => unknown,
      RegExp,
    ][] = [
      ['not an object', (p) => (p.dictionary = 'x'), /^dictionary: expected/],
      ['unknown field', (p) => (lists(p).lat = []), /dictionary\.lat: not a/],
      ['missing list', (p) => delete lists(p).status, /dictionary\.status/],
      [
        'a number in a list',
        (p) => (lists(p).serviceCode![0] = 1),
        /dictionary\.serviceCode: expected a list of at most 5000 strings/,
      ],
      [
        'too long a list',
        (p) => (lists(p).zipcode = Array<string>(5001).fill('02118')),
        /dictionary\.zipcode/,
      ],
      ['rows not a list', (p) => (p.rows = {} as never), /^rows: expected/],
      ['a short row', (p) => p.rows[1]!.pop(), /^rows\.1: expected \d+ values/],
      [
        'a position past the list',
        (p) => (p.rows[0]![at('status')] = 5),
        /rows\.0\.status: expected a position in dictionary\.status/,
      ],
      [
        'a value instead of a position',
        (p) => (p.rows[1]![at('serviceCode')] = 'pothole'),
        /rows\.1\.serviceCode/,
      ],
      [
        'a fraction',
        (p) => (p.rows[0]![at('serviceName')] = 0.5),
        /rows\.0\.serviceName/,
      ],
    ];

    for (const [what, spoil, expected] of cases) {
      const page = fresh();
      spoil(page);
      expect(decodeDictionary(page.dictionary, page.rows), what).toMatch(
        expected,
      );
    }
    const page = fresh();
    expect(decodeDictionary(page.dictionary, page.rows)).toBeNull();
  });
});
