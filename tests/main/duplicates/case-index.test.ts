import { describe, expect, it } from 'vitest';

import { addressWords } from '../../../src/main/duplicates/address-words';
import { CaseIndex } from '../../../src/main/duplicates/case-index';
import type { CaseFeatures } from '../../../src/main/duplicates/case-features';
import {
  caseAtMetres,
  dupCase,
  HOUR,
  metresFrom,
  ORIGIN,
  T0,
} from './dup-case';

const ids = (found: Iterable<CaseFeatures>) =>
  [...found].map((features) => features.dupCase.id).sort();

/** The ids in address buckets, each once: a range can fill two buckets. */
const idsIn = (buckets: Iterable<Iterable<CaseFeatures>>) =>
  [...new Set([...buckets].flatMap((bucket) => ids(bucket)))].sort();

const idsWithin = (
  index: CaseIndex,
  radiusM: number,
  problems?: string[],
  at = ORIGIN,
) =>
  index
    .within(at.lat, at.long, radiusM, problems)
    .map(({ features }) => features.dupCase.id)
    .sort();

const unplaced = { lat: null, long: null };

describe('CaseIndex', () => {
  it('refuses cells narrower than 10 m', () => {
    expect(() => new CaseIndex({ cellM: 1 })).toThrow(/at least 10 m/);
  });

  it('holds cases by id', () => {
    const index = new CaseIndex();
    index.add(dupCase('A'));
    index.add(dupCase('B', { lat: null, long: null }));

    expect(index.size).toBe(2);
    expect(index.has('A')).toBe(true);
    expect(index.get('B')?.id).toBe('B');
    expect(index.get('C')).toBeUndefined();
    expect([...index.cases()].map((c) => c.id).sort()).toEqual(['A', 'B']);
  });

  it('refuses a second add of one id and says to update', () => {
    const index = new CaseIndex();
    index.add(dupCase('101001240734'));

    expect(() => index.add(dupCase('101001240734'))).toThrow(
      /101001240734 is already in the duplicate index.*update/,
    );
    expect(index.size).toBe(1);
  });

  it('finds located cases within a radius, with their distance', () => {
    const index = new CaseIndex();
    index.add(caseAtMetres('near', 0, 90));
    index.add(caseAtMetres('edge', 140, 0));
    index.add(caseAtMetres('far', 0, 300));
    index.add(dupCase('unplaced', unplaced));

    expect(idsWithin(index, 150)).toEqual(['edge', 'near']);
    expect(idsWithin(index, 100)).toEqual(['near']);

    const [near] = index.within(ORIGIN.lat, ORIGIN.long, 100);
    expect(near?.distanceM).toBeGreaterThan(89);
    expect(near?.distanceM).toBeLessThan(91);
  });

  it('narrows by problem: the type, or a description naming one', () => {
    const index = new CaseIndex();
    index.add(caseAtMetres('graffiti', 10, 0));
    index.add(caseAtMetres('light', 20, 0, { type: 'Street Light Outages' }));
    index.add(
      caseAtMetres('retyped', 30, 0, {
        type: 'Sign Repair',
        description: 'Street Light Outages',
      }),
    );

    expect(idsWithin(index, 100, ['Street Light Outages'])).toEqual([
      'light',
      'retyped',
    ]);
    expect(idsWithin(index, 100, ['Graffiti Removal'])).toEqual(['graffiti']);
    expect(idsWithin(index, 100, ['Pothole'])).toEqual([]);
    // Filed under two problems, found once.
    expect(idsWithin(index, 100)).toEqual(['graffiti', 'light', 'retyped']);
  });

  it('moves a case on update and adds one it did not hold', () => {
    const index = new CaseIndex();
    index.add(dupCase('A', { address: '10 Tremont St' }));
    const moved = metresFrom(2_000, 0);
    index.update(dupCase('A', { ...moved, address: '99 Beacon St' }));
    index.update(dupCase('B'));

    expect(index.size).toBe(2);
    expect(idsWithin(index, 100)).toEqual(['B']);
    expect(idsWithin(index, 100, undefined, moved)).toEqual(['A']);
    expect(ids(index.onStreet('tremont st'))).toEqual([]);
    expect(ids(index.onStreet('beacon st'))).toEqual(['A']);
  });

  it('forgets a removed case in every lookup', () => {
    const index = new CaseIndex();
    index.add(
      dupCase('A', { address: '10 Tremont St', description: 'Ward 3 tag' }),
    );
    index.add(dupCase('P', { ...unplaced, description: 'Franklin Park tag' }));

    expect(index.remove('A')).toBe(true);
    expect(index.remove('P')).toBe(true);
    expect(index.remove('A')).toBe(false);

    expect(index.size).toBe(0);
    expect(idsWithin(index, 1_000)).toEqual([]);
    expect(ids(index.onStreet('tremont st'))).toEqual([]);
    expect(idsIn(index.atAddress(addressWords('10 Tremont St')))).toEqual([]);
    expect(ids(index.withWord('tag'))).toEqual([]);
    expect(ids(index.placelessWith('tag'))).toEqual([]);
  });

  it('keeps its own copy: a caller changing its object strands nothing', () => {
    const index = new CaseIndex();
    const mine = dupCase('A');
    index.add(mine);
    const moved = metresFrom(2_000, 0);
    mine.lat = moved.lat;
    mine.long = moved.long;
    mine.type = 'Pothole';

    expect(index.get('A')?.lat).toBe(ORIGIN.lat);
    index.remove('A');
    expect(idsWithin(index, 100)).toEqual([]);
    expect(idsWithin(index, 100, undefined, moved)).toEqual([]);
  });

  it('lists cases by street, and the unlocated ones apart', () => {
    const index = new CaseIndex();
    index.add(dupCase('located', { address: '10 Tremont St Boston MA' }));
    index.add(dupCase('unlocated', { ...unplaced, address: '12 Tremont St' }));
    index.add(
      dupCase('crossing', {
        ...unplaced,
        address: 'INTERSECTION of Tremont St & Boylston St',
      }),
    );
    index.add(dupCase('other', { ...unplaced, address: '10 Beacon St' }));

    expect(ids(index.onStreet('tremont st'))).toEqual([
      'crossing',
      'located',
      'unlocated',
    ]);
    expect(ids(index.unlocatedOnStreet('tremont st'))).toEqual([
      'crossing',
      'unlocated',
    ]);
    expect(ids(index.onStreet('washington st'))).toEqual([]);
  });

  it('finds the same address wherever it was geocoded, and neighbours by span', () => {
    const index = new CaseIndex();
    index.add(
      caseAtMetres('range', 2_000, 0, { address: '45-49 Stoughton St' }),
    );
    index.add(
      dupCase('next door', { ...unplaced, address: '51 Stoughton St' }),
    );
    index.add(
      dupCase('far along', { ...unplaced, address: '90 Stoughton St' }),
    );
    index.add(
      dupCase('crossing', {
        address: 'INTERSECTION of Stoughton St & Columbia Rd',
      }),
    );

    const house = addressWords('47 Stoughton St Dorchester MA 02125');
    expect(idsIn(index.atAddress(house))).toEqual(['range']);
    expect(idsIn(index.atAddress(house, 4))).toEqual(['next door', 'range']);
    expect(idsIn(index.unlocatedAtAddress(house, 4))).toEqual(['next door']);
    expect(idsIn(index.unlocatedAtAddress(house))).toEqual([]);
    // A long range is keyed by its ends: a neighbour of an end finds it.
    index.add(
      dupCase('block', { ...unplaced, address: '100-300 Stoughton St' }),
    );
    expect(
      idsIn(index.unlocatedAtAddress(addressWords('302 Stoughton St'), 4)),
    ).toEqual(['block']);
    expect(
      idsIn(index.unlocatedAtAddress(addressWords('200 Stoughton St'), 4)),
    ).toEqual([]);
    index.remove('block');
    expect(
      idsIn(index.unlocatedAtAddress(addressWords('302 Stoughton St'), 4)),
    ).toEqual([]);
    expect(
      idsIn(
        index.atAddress(
          addressWords('INTERSECTION of Columbia Rd & Stoughton St'),
        ),
      ),
    ).toEqual(['crossing']);
    // A bare street is no address.
    expect(idsIn(index.atAddress(addressWords('Stoughton St')))).toEqual([]);
  });

  it('finds placeless cases of a problem by the hour they were opened', () => {
    const index = new CaseIndex();
    const comment = {
      type: 'General Comments For a Program or Policy',
      ...unplaced,
    };
    const problems = [comment.type];
    index.add(dupCase('now', comment));
    index.add(dupCase('before', { ...comment, openedAt: T0 - 2 * HOUR }));
    index.add(dupCase('placed', { type: comment.type }));
    index.add(dupCase('on a street', { ...comment, address: '1 Circuit Dr' }));
    index.add(dupCase('other type', { ...comment, type: 'Call Log' }));

    expect(idsIn(index.placelessOpenedBetween(problems, T0, T0))).toEqual([
      'now',
    ]);
    expect(
      idsIn(index.placelessOpenedBetween(problems, T0 - 2 * HOUR, T0)),
    ).toEqual(['before', 'now']);
    expect(idsIn(index.placelessOpenedBetween(['Call Log'], T0, T0))).toEqual([
      'other type',
    ]);

    // An endless span reads every hour on file rather than every hour.
    expect(
      idsIn(index.placelessOpenedBetween(problems, -Infinity, Infinity)),
    ).toEqual(['before', 'now']);

    index.remove('now');
    expect(idsIn(index.placelessOpenedBetween(problems, T0, T0))).toEqual([]);
  });

  it('finds cases by description word, and the placeless ones apart', () => {
    const index = new CaseIndex();
    index.add(
      dupCase('located', { description: 'Park Maintenance: Franklin Park' }),
    );
    index.add(
      dupCase('placeless', {
        ...unplaced,
        type: 'Tree in Park',
        description: 'Park Maintenance: Franklin Park',
      }),
    );
    index.add(
      dupCase('on a street', {
        ...unplaced,
        address: '1 Circuit Dr',
        description: 'Franklin Park',
      }),
    );

    expect(ids(index.withWord('franklin'))).toEqual([
      'located',
      'on a street',
      'placeless',
    ]);
    expect(ids(index.placelessWith('franklin'))).toEqual(['placeless']);
    // Type words are not telling: "park" names the Tree in Park type.
    expect(ids(index.placelessWith('park'))).toEqual([]);
  });
});
