import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import {
  matchesWords,
  searchableText,
  searchWords,
} from '../../../src/main/queue/search-text';
import { openStore, type Store } from '../../../src/main/store/store';
import { request } from './random-requests';

const requests = [
  request('S-1', { address: '12 Tremont St', serviceName: 'Pothole' }),
  request('S-2', {
    address: '4 Main Street',
    serviceName: 'Graffiti Removal',
    description: 'Tags on the "AND" café wall',
  }),
  request('S-3', { address: '99 Tremont St', serviceName: 'Street Light' }),
  request('S-4', {
    address: null,
    serviceName: 'Sign Repair',
    description: 'NEAR the school, sign bent (again)',
  }),
  request('S-5', { address: '1 Tremont St', status: 'closed', closedAt: 2e12 }),
];

describe('full-text search over the queue', () => {
  let store: Store;
  const found = (text: string) =>
    store
      .listQueue({ filter: { text }, sort: 'age', offset: 0, limit: 50 })
      .rows.map((row) => row.serviceRequestId)
      .sort();

  beforeEach(() => {
    store = openStore(':memory:');
    store.upsertRequests(requests);
  });
  afterEach(() => store.close());

  it('finds words as prefixes in the address, type and description', () => {
    expect(found('tremont')).toEqual(['S-1', 'S-3']);
    expect(found('trem st')).toEqual(['S-1', 'S-3']);
    expect(found('main str')).toEqual(['S-2']);
    expect(found('graffiti')).toEqual(['S-2']);
    expect(found('school')).toEqual(['S-4']);
    // Accents and case do not matter.
    expect(found('CAFE')).toEqual(['S-2']);
  });

  it('needs every word to match', () => {
    expect(found('tremont pothole')).toEqual(['S-1']);
    expect(found('tremont graffiti')).toEqual([]);
  });

  it.each([
    '"',
    '*',
    'AND (',
    'NEAR(',
    'NEAR(sign school, 2)',
    'OR',
    'NOT tremont',
    '"tremont',
    'address: tremont',
    '^tremont',
    '+ - ( ) { } [ ]',
    "'; DROP TABLE requests; --",
    '\u0000\u202e',
  ])('treats %j as words, never as query syntax', (text) => {
    expect(() => found(text)).not.toThrow();
    expect(() => store.getMapPoints({ text })).not.toThrow();
  });

  it('reads operator words as plain words', () => {
    expect(found('and')).toEqual(['S-2']);
    expect(found('near school')).toEqual(['S-4']);
    expect(found('NOT tremont')).toEqual([]);
  });

  it('keeps every request when the text has no words', () => {
    expect(found('  "* ( ')).toEqual(['S-1', 'S-2', 'S-3', 'S-4']);
    expect(searchWords('(*)')).toEqual([]);
  });

  it('follows edits to a request', () => {
    store.upsertRequests([
      request('S-1', { address: '5 Beacon St', serviceName: 'Pothole' }),
    ]);

    expect(found('tremont')).toEqual(['S-3']);
    expect(found('beacon')).toEqual(['S-1']);
  });

  it('matches words at their start only, and caps how many are used', () => {
    const text = searchableText('4 Main Street', 'Graffiti Removal', null);
    expect(matchesWords(text, searchWords('Main "St'))).toBe(true);
    expect(matchesWords(text, searchWords('ain'))).toBe(false);
    expect(matchesWords(text, searchWords('removal main'))).toBe(true);
    expect(searchWords('a b c d e f g h i j')).toHaveLength(8);
    expect(searchWords('x'.repeat(100))[0]).toHaveLength(40);
  });
});
