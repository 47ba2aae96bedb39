import { describe, expect, it } from 'vitest';

import { CaseIndex } from '../../../src/main/duplicates/case-index';
import { caseFeatures } from '../../../src/main/duplicates/case-features';
import { scorePair } from '../../../src/main/duplicates/duplicate-score';
import type { DupCase } from '../../../src/main/duplicates/duplicate-types';
import {
  findCandidates,
  type CandidateOptions,
} from '../../../src/main/duplicates/find-candidates';
import { caseAtMetres, DAY, dupCase, HOUR, MINUTE, T0 } from './dup-case';

const NOW = T0 + HOUR;
const unplaced = { lat: null, long: null };
const subject = dupCase('S', { address: '10 Tremont St Boston MA 02116' });

function indexOf(...cases: DupCase[]): CaseIndex {
  const index = new CaseIndex();
  for (const dupCase of cases) index.add(dupCase);

  return index;
}

const offered = (
  forCase: DupCase,
  cases: DupCase[],
  options: CandidateOptions = {},
  now = NOW,
) => findCandidates(forCase, indexOf(...cases), now, options);

const idsOffered = (
  forCase: DupCase,
  cases: DupCase[],
  options: CandidateOptions = {},
  now = NOW,
) => offered(forCase, cases, options, now).map((candidate) => candidate.id);

describe('findCandidates', () => {
  it('reads no more than maxVisits cases', () => {
    // Ten reports at the subject's spot, every one a strong candidate.
    const same = Array.from({ length: 10 }, (_, i) =>
      dupCase(`same${i}`, { openedAt: T0 - (i + 1) * MINUTE }),
    );

    expect(idsOffered(subject, same)).toHaveLength(5);
    expect(idsOffered(subject, same, { maxVisits: 3 })).toHaveLength(3);
    expect(idsOffered(subject, same, { maxVisits: 0 })).toEqual([]);
  });

  it('never offers the request itself', () => {
    const twin = dupCase('twin', { address: '10 Tremont St' });
    expect(idsOffered(subject, [subject, twin])).toEqual(['twin']);
  });

  it('offers at most `limit`, 5 by default, best first', () => {
    // The same report made 1..7 hours before: older is weaker.
    const reports = Array.from({ length: 7 }, (_, at) =>
      dupCase(`R${at + 1}`, {
        address: '10 Tremont St',
        openedAt: T0 - (at + 1) * HOUR,
      }),
    );

    const all = offered(subject, reports);
    expect(all.map((c) => c.id)).toEqual(['R1', 'R2', 'R3', 'R4', 'R5']);
    for (let at = 1; at < all.length; at += 1) {
      expect(all[at]!.score).toBeLessThanOrEqual(all[at - 1]!.score);
    }
    expect(idsOffered(subject, reports, { limit: 2 })).toEqual(['R1', 'R2']);
  });

  it('leaves out pairs scoring under minScore, and only those', () => {
    const strong = dupCase('strong', { address: '10 Tremont St' });
    const weak = caseAtMetres('weak', 150, 0);
    const weakScore = scorePair(
      caseFeatures(subject),
      caseFeatures(weak),
      NOW,
    ).score;

    expect(idsOffered(subject, [strong, weak])).toEqual(['strong', 'weak']);
    expect(
      idsOffered(subject, [strong, weak], { minScore: weakScore - 0.001 }),
    ).toEqual(['strong', 'weak']);
    expect(
      idsOffered(subject, [strong, weak], { minScore: weakScore + 0.001 }),
    ).toEqual(['strong']);
  });

  it('reports the score, distance and reasons of each candidate', () => {
    const other = caseAtMetres('O', 38, 0, {
      address: '30 Tremont St',
      openedAt: T0 - 2 * HOUR,
    });
    const [candidate] = offered(subject, [other]);
    const expected = scorePair(caseFeatures(subject), caseFeatures(other), NOW);

    expect(candidate?.score).toBeCloseTo(expected.score, 10);
    expect(candidate?.distanceM).toBeCloseTo(38, 0);
    expect(candidate?.reasons).toEqual([
      'same type',
      '40 m',
      'same street',
      '2 h apart',
    ]);
    expect(
      offered(subject, [other], { withReasons: false })[0]?.reasons,
    ).toEqual([]);
  });

  it('leaves out requests opened after the subject unless includeLater', () => {
    const earlier = dupCase('earlier', { openedAt: T0 - 10 * MINUTE });
    const later = dupCase('later', { openedAt: T0 + 10 * MINUTE });
    const atNow = dupCase('at now', { openedAt: NOW });
    const future = dupCase('future', { openedAt: NOW + MINUTE });
    const cases = [earlier, later, atNow, future];

    expect(idsOffered(subject, cases)).toEqual(['earlier']);
    // Never what was opened at or after `now`: nobody knew of it yet.
    expect(idsOffered(subject, cases, { includeLater: true }).sort()).toEqual([
      'earlier',
      'later',
    ]);
  });

  it('leaves out requests closed longer than closedWithinMs ago', () => {
    const closedSixDays = dupCase('six', {
      address: '10 Tremont St',
      openedAt: T0 - 7 * DAY,
      closedAt: NOW - 6 * DAY,
    });
    const closedEightDays = dupCase('eight', {
      address: '10 Tremont St',
      openedAt: T0 - 9 * DAY,
      closedAt: NOW - 8 * DAY,
    });
    const cases = [closedSixDays, closedEightDays];

    const found = offered(subject, cases);
    expect(found.map((c) => c.id)).toEqual(['six']);
    expect(found[0]?.reasons).toContain('closed 6 days ago');
    expect(idsOffered(subject, cases, { closedWithinMs: DAY })).toEqual([]);
    expect(
      idsOffered(subject, cases, { closedWithinMs: 10 * DAY }).sort(),
    ).toEqual(['eight', 'six']);
  });

  describe('the same address geocoded 2 km off', () => {
    // Boston case 101001315141 (45-49 Stoughton St) and its original
    // 101001292127 (45 Stoughton St) were geocoded 2.2 km apart.
    const range = dupCase('S', {
      type: 'Street Light Outages',
      address: '45-49 Stoughton St Dorchester MA 02125',
    });
    const sameHouse = caseAtMetres('same house', 2_200, 0, {
      type: 'Street Light Outages',
      address: '45 Stoughton St Dorchester MA 02125',
      openedAt: T0 - 12 * DAY,
    });
    const otherHouse = caseAtMetres('other house', 2_200, 0, {
      type: 'Street Light Outages',
      address: '145 Stoughton St Dorchester MA 02125',
      openedAt: T0 - 12 * DAY,
    });

    it('is still offered, saying why', () => {
      const found = offered(range, [sameHouse, otherHouse]);
      expect(found.map((c) => c.id)).toEqual(['same house']);
      expect(found[0]?.reasons).toEqual(
        expect.arrayContaining(['2.2 km', 'same address']),
      );
    });

    it('is offered at the strong score that flags duplicates too', () => {
      expect(
        idsOffered(range, [sameHouse, otherHouse], { minScore: 0.6 }),
      ).toEqual(['same house']);
    });
  });

  describe('requests without a location', () => {
    it('finds a located request a few doors along for an unlocated one', () => {
      // Boston case 101001244450 (18 Foster St, no location) duplicates
      // 101001242348 (20-26 Foster St, located).
      const unlocated = dupCase('S', {
        ...unplaced,
        type: 'Abandoned Vehicles',
        address: '18 Foster St Brighton MA 02135',
      });
      const located = dupCase('located', {
        type: 'Abandoned Vehicles',
        address: '20-26 Foster St Brighton MA 02135',
        openedAt: T0 - 3 * DAY,
      });
      const farAlong = dupCase('far along', {
        type: 'Abandoned Vehicles',
        address: '400 Foster St Brighton MA 02135',
        openedAt: T0 - 3 * DAY,
      });

      expect(idsOffered(unlocated, [located, farAlong])).toEqual(['located']);
      expect(
        idsOffered(unlocated, [located, farAlong], { minScore: 0.6 }),
      ).toEqual(['located']);
    });

    it('finds an unlocated request next door for a located one', () => {
      const nextDoor = dupCase('next door', {
        ...unplaced,
        address: '12 Tremont St',
      });

      expect(idsOffered(subject, [nextDoor])).toEqual(['next door']);
      expect(idsOffered(subject, [nextDoor], { minScore: 0.6 })).toEqual([
        'next door',
      ]);
    });

    it('places a request with no place by shared description words', () => {
      // Boston cases 101001378733 and 101001378730: two "Park Maintenance:
      // Franklin Park" reports with neither location nor address.
      const park = { type: 'Tree in Park', description: 'Franklin Park' };
      const placeless = dupCase('S', {
        ...unplaced,
        ...park,
        description: 'Park Maintenance: Franklin Park',
      });
      const located = caseAtMetres('located', 500, 500, {
        ...park,
        openedAt: T0 - 20 * MINUTE,
      });
      const elsewhere = caseAtMetres('elsewhere', 500, 500, {
        ...park,
        description: 'Ringer Park',
        openedAt: T0 - 20 * MINUTE,
      });

      expect(idsOffered(placeless, [located, elsewhere])).toEqual(['located']);
      // Words alone place a pair only so well: never at the flag level.
      expect(
        idsOffered(placeless, [located, elsewhere], { minScore: 0.6 }),
      ).toEqual([]);
      // And the other way round: a located request finds the placeless one.
      expect(
        idsOffered({ ...located, openedAt: T0 + 10 * MINUTE }, [placeless]),
      ).toEqual(['S']);
    });
  });

  describe('types', () => {
    it('offers a related type nearby', () => {
      // Boston case 101001393495 (a knock-down at Rowe St & Seymour St) and
      // its original 101001393490 (an outage at 153 Rowe St), 34 m apart.
      const knockDown = dupCase('S', {
        type: 'Street Light Knock Downs',
        address: 'INTERSECTION of Rowe St & Seymour St Roslindale MA',
      });
      const outage = caseAtMetres('outage', 34, 0, {
        type: 'Street Light Outages',
        address: '153 Rowe St Roslindale MA 02131',
        openedAt: T0 - 4 * MINUTE,
      });

      const [candidate] = offered(knockDown, [outage]);
      expect(candidate?.id).toBe('outage');
      expect(candidate?.reasons).toEqual([
        'related type: Street Light Outages',
        '30 m',
        'same street',
        '4 min apart',
      ]);
    });

    it('offers another type nearby only under a low minimum score', () => {
      const sign = caseAtMetres('sign', 30, 0, { type: 'Sign Repair' });

      expect(idsOffered(subject, [sign])).toEqual([]);
      expect(idsOffered(subject, [sign], { minScore: 0.1 })).toEqual(['sign']);
    });

    it('offers another type at the same spot within days, not weeks', () => {
      // A wrecked car reported where graffiti was reported two hours
      // before: a call taker may have picked either type.
      const graffiti = dupCase('graffiti', {
        address: subject.address,
        openedAt: T0 - 2 * HOUR,
      });
      const car = { ...subject, type: 'Abandoned Vehicles' };
      expect(idsOffered(car, [graffiti])).toEqual(['graffiti']);

      // Three weeks on, the time apart sinks it.
      const old = { ...graffiti, id: 'old', openedAt: T0 - 21 * DAY };
      expect(idsOffered(car, [old])).toEqual([]);
    });

    it('finds a request by the type its description names', () => {
      // Re-typed by staff: the reporter's choice stays in the description.
      const retyped = caseAtMetres('retyped', 20, 0, {
        type: 'Sign Repair',
        description: 'Abandoned Bicycle',
      });
      const car = dupCase('S', { type: 'Abandoned Vehicles' });

      expect(idsOffered(car, [retyped])).toEqual(['retyped']);
    });
  });

  it('looks no farther than maxRadiusM for located requests', () => {
    const far = caseAtMetres('far', 300, 0);
    const options = { minScore: 0.1 };

    expect(idsOffered(subject, [far], options)).toEqual(['far']);
    expect(idsOffered(subject, [far], { ...options, maxRadiusM: 250 })).toEqual(
      [],
    );
  });

  it('puts the newer of two equally strong candidates first', () => {
    const here = { ...subject, ...unplaced };
    const before = dupCase('before', {
      ...unplaced,
      address: '10 Tremont St',
      openedAt: T0 - HOUR,
    });
    const after = dupCase('after', {
      ...unplaced,
      address: '10 Tremont St',
      openedAt: T0 + HOUR,
    });

    const found = offered(
      here,
      [before, after],
      { includeLater: true },
      T0 + 2 * HOUR,
    );
    expect(found.map((c) => c.id)).toEqual(['after', 'before']);
    expect(found[0]?.score).toBe(found[1]?.score);
  });

  it('offers a report 300 m off minutes before, not days before', () => {
    const minutes = caseAtMetres('minutes', 300, 0, {
      openedAt: T0 - 10 * MINUTE,
    });
    const days = caseAtMetres('days', 0, 300, { openedAt: T0 - 2 * DAY });

    expect(idsOffered(subject, [minutes, days])).toEqual(['minutes']);
  });

  it('reaches past maxRadiusM along its own street only', () => {
    const sameStreet = caseAtMetres('same street', 500, 0, {
      address: '180 Tremont St',
      openedAt: T0 - 2 * MINUTE,
    });
    const otherStreet = caseAtMetres('other street', 0, 500, {
      address: '5 Beacon St',
      openedAt: T0 - 2 * MINUTE,
    });

    expect(idsOffered(subject, [sameStreet, otherStreet])).toEqual([
      'same street',
    ]);
  });

  it('offers a request with no place another minutes before', () => {
    const comment = {
      type: 'General Comments For a Program or Policy',
      ...unplaced,
    };
    const caller = dupCase('S', comment);
    const again = dupCase('again', { ...comment, openedAt: T0 - 5 * MINUTE });
    const morning = dupCase('morning', { ...comment, openedAt: T0 - 5 * HOUR });
    const otherType = dupCase('other type', {
      ...comment,
      type: 'Call Log',
      openedAt: T0 - 5 * MINUTE,
    });

    expect(idsOffered(caller, [again, morning, otherType])).toEqual(['again']);
    expect(
      idsOffered(dupCase('S', { ...comment, openedAt: T0 - 10 * MINUTE }), [
        again,
      ]),
    ).toEqual([]);
    expect(
      idsOffered(
        dupCase('S', { ...comment, openedAt: T0 - 10 * MINUTE }),
        [again],
        { includeLater: true },
      ),
    ).toEqual(['again']);
  });

  it('cuts between equal candidates by id, whatever order they were read', () => {
    const twins = ['b', 'a', 'c'].map((id) =>
      dupCase(id, { address: '10 Tremont St', openedAt: T0 - HOUR }),
    );
    const options = { limit: 2 };

    expect(idsOffered(subject, twins, options)).toEqual(['a', 'b']);
    expect(idsOffered(subject, [...twins].reverse(), options)).toEqual([
      'a',
      'b',
    ]);
  });

  it('answers the same for a subject taken from the index as for a copy', () => {
    const cases = [
      subject,
      dupCase('twin', { address: '10 Tremont St', openedAt: T0 - HOUR }),
      caseAtMetres('near', 60, 0, { openedAt: T0 - DAY }),
      dupCase('unlocated', { ...unplaced, address: '14 Tremont St' }),
    ];
    const index = indexOf(...cases);
    const fromIndex = index.get('S')!;

    expect(findCandidates(fromIndex, index, NOW)).toEqual(
      findCandidates({ ...subject }, index, NOW),
    );
    expect(findCandidates(fromIndex, index, NOW)).toHaveLength(3);
  });
});
