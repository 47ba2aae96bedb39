import { describe, expect, it } from 'vitest';

import { caseFeatures } from '../../../src/main/duplicates/case-features';
import { DEFAULT_STRONG_SCORE } from '../../../src/main/duplicates/duplicate-groups';
import {
  houseSpanForScore,
  OTHER_TYPE_REACH,
  placelessBurstMs,
  placeReach,
  radiusForScore,
  scorePair,
} from '../../../src/main/duplicates/duplicate-score';
import type { DupCase } from '../../../src/main/duplicates/duplicate-types';
import { DEFAULT_MIN_SCORE } from '../../../src/main/duplicates/find-candidates';
import { seededRandom } from '../../support/seeded-random';
import {
  caseAtMetres,
  DAY,
  dupCase,
  HOUR,
  MINUTE,
  ORIGIN,
  T0,
} from './dup-case';

const NOW = T0 + HOUR;
const unplaced = { lat: null, long: null };

/** The pair's score and reasons, `subject` judged against `other` at `now`. */
const judge = (subject: DupCase, other: DupCase, now = NOW) =>
  scorePair(caseFeatures(subject), caseFeatures(other), now);

const scoreOf = (subject: DupCase, other: DupCase, now = NOW) =>
  judge(subject, other, now).score;

describe('scorePair', () => {
  const subject = dupCase('S', { address: '10 Tremont St' });

  it('scores the same type at the same spot and time near 1', () => {
    const twin = dupCase('O', { address: '10 Tremont St' });
    expect(scoreOf(subject, twin)).toBeCloseTo(1, 5);
  });

  it('ranks the same type at 0 m above the same type at 200 m', () => {
    const here = dupCase('here', { address: '10 Tremont St' });
    const along = caseAtMetres('along', 200, 0, { address: '10 Tremont St' });
    const away = caseAtMetres('away', 200, 0, { address: '80 Tremont St' });

    expect(scoreOf(subject, here)).toBeGreaterThan(scoreOf(subject, away));
    // Even the same address 200 m off scores below the same spot.
    expect(scoreOf(subject, here)).toBeGreaterThan(scoreOf(subject, along));
    expect(scoreOf(subject, caseAtMetres('a', 50, 0))).toBeGreaterThan(
      scoreOf(subject, caseAtMetres('b', 150, 0)),
    );
  });

  it('ranks a related type above another type, same place and time', () => {
    const light = dupCase('S', { type: 'Street Light Outages' });
    const knockDown = dupCase('K', { type: 'Street Light Knock Downs' });
    const graffiti = dupCase('G', { type: 'Graffiti Removal' });

    const related = scoreOf(light, knockDown);
    const other = scoreOf(light, graffiti);
    expect(related).toBeGreaterThan(other);
    expect(related).toBeLessThan(scoreOf(light, { ...light, id: 'L' }));
  });

  it('keeps another type nearby below OTHER_TYPE_REACH without a shared address', () => {
    const other = { type: 'Sign Repair' };
    for (const candidate of [
      dupCase('same spot', { ...other, address: '12 Tremont St' }),
      dupCase('no address', other),
      dupCase('no place', { ...other, ...unplaced, address: '40 Tremont St' }),
    ]) {
      expect(scoreOf(subject, candidate), candidate.id).toBeLessThanOrEqual(
        OTHER_TYPE_REACH,
      );
    }
  });

  it('counts a closed request as weaker than the same one open', () => {
    const open = dupCase('O', { address: '10 Tremont St' });
    const closed = { ...open, closedAt: NOW - 2 * HOUR };
    expect(scoreOf(subject, closed)).toBeLessThan(scoreOf(subject, open));
    // Half as likely: the problem may be fixed.
    expect(scoreOf(subject, closed) / scoreOf(subject, open)).toBeCloseTo(0.5);
  });

  it('counts a request closed only after now as open', () => {
    // The evaluation replays history: a case closed tomorrow is open today.
    const open = dupCase('O', { address: '10 Tremont St' });
    const closesLater = { ...open, closedAt: NOW + DAY };
    expect(scoreOf(subject, closesLater)).toBe(scoreOf(subject, open));
  });

  it('lowers the score with time apart, to a floor of 70%', () => {
    const at = (ms: number) =>
      scoreOf(
        subject,
        dupCase('O', { address: '10 Tremont St', openedAt: T0 - ms }),
        T0 + 1,
      );

    expect(at(DAY)).toBeLessThan(at(0));
    expect(at(30 * DAY)).toBeLessThan(at(DAY));
    expect(at(365 * DAY)).toBeGreaterThanOrEqual(0.7 * at(0));
    expect(at(3 * 365 * DAY)).toBeCloseTo(at(365 * DAY), 2);
    // Earlier or later makes no difference.
    expect(
      scoreOf(
        subject,
        dupCase('O', { address: '10 Tremont St', openedAt: T0 + DAY }),
      ),
    ).toBeCloseTo(at(DAY), 10);
  });

  it('lowers the score a little when descriptions share no words', () => {
    const tagged = { ...subject, description: 'Ward 13 gang tag' };
    const sameWords = dupCase('A', {
      address: '10 Tremont St',
      description: 'gang tag ward 13',
    });
    const otherWords = dupCase('B', {
      address: '10 Tremont St',
      description: 'paint on mailbox',
    });
    const noWords = dupCase('C', { address: '10 Tremont St' });

    expect(scoreOf(tagged, sameWords)).toBeCloseTo(scoreOf(tagged, noWords));
    expect(scoreOf(tagged, otherWords)).toBeLessThan(
      scoreOf(tagged, sameWords),
    );
    // By at most 15%: words are weak evidence next to type and place.
    expect(scoreOf(tagged, otherWords)).toBeGreaterThanOrEqual(
      0.85 * scoreOf(tagged, sameWords) - 1e-9,
    );
  });

  it('places unlocated requests by house numbers on one street', () => {
    const here = { ...subject, ...unplaced };
    const nextDoor = dupCase('next', { ...unplaced, address: '12 Tremont St' });
    const blockAway = dupCase('block', {
      ...unplaced,
      address: '60 Tremont St',
    });
    const bareStreet = dupCase('street', {
      ...unplaced,
      address: 'Tremont St',
    });
    const elsewhere = dupCase('else', { ...unplaced, address: '12 Beacon St' });

    expect(scoreOf(here, nextDoor)).toBeGreaterThan(scoreOf(here, blockAway));
    expect(scoreOf(here, bareStreet)).toBeGreaterThan(0);
    expect(scoreOf(here, bareStreet)).toBeLessThan(scoreOf(here, nextDoor));
    expect(scoreOf(here, elsewhere)).toBe(0);
  });

  it('places a request with no place only by shared description words', () => {
    const park = {
      type: 'Tree in Park',
      ...unplaced,
      description: 'Park Maintenance: Franklin Park',
    };
    const a = dupCase('A', park);
    const b = dupCase('B', { ...park, lat: 42.3, long: -71.09 });
    // A day apart, so time apart cannot stand in for the place.
    const c = dupCase('C', {
      ...park,
      description: "King's Chapel",
      openedAt: T0 - DAY,
    });

    expect(scoreOf(a, b)).toBeGreaterThan(0);
    expect(scoreOf(a, c)).toBeCloseTo(0, 6);
  });

  it('places two requests with no place by minutes apart, not hours', () => {
    const comment = {
      type: 'General Comments For a Program or Policy',
      ...unplaced,
    };
    const a = dupCase('A', comment);
    const minutes = dupCase('B', { ...comment, openedAt: T0 - 5 * MINUTE });
    const hours = dupCase('C', { ...comment, openedAt: T0 - 4 * HOUR });
    const placed = dupCase('D', {
      ...comment,
      ...ORIGIN,
      openedAt: T0 - 5 * MINUTE,
    });

    expect(scoreOf(a, minutes)).toBeGreaterThan(DEFAULT_MIN_SCORE);
    expect(scoreOf(a, hours)).toBeLessThan(DEFAULT_MIN_SCORE);
    expect(scoreOf(a, hours)).toBeLessThan(scoreOf(a, minutes));
    // One side placed: time apart says nothing about where.
    expect(scoreOf(a, placed)).toBe(0);
  });

  it('keeps placelessBurstMs the longest a placeless pair can pass', () => {
    const comment = {
      type: 'General Comments For a Program or Policy',
      ...unplaced,
    };
    for (const minScore of [0.1, 0.18, 0.3]) {
      const spanMs = placelessBurstMs(minScore);
      const within = dupCase('in', {
        ...comment,
        openedAt: T0 - 0.95 * spanMs,
      });
      const beyond = dupCase('out', {
        ...comment,
        openedAt: T0 - 1.05 * spanMs,
      });
      const a = dupCase('A', comment);

      expect(scoreOf(a, within), `${minScore}`).toBeGreaterThanOrEqual(
        minScore,
      );
      expect(scoreOf(a, beyond), `${minScore}`).toBeLessThan(minScore);
    }
    expect(placelessBurstMs(0.5)).toBe(0);
  });

  describe('a burst of reports', () => {
    const at300m = (openedAt: number) =>
      caseAtMetres('O', 300, 0, { openedAt });

    it('counts one 300 m off minutes apart nearer than days apart', () => {
      const minutes = scoreOf(subject, at300m(T0 - 10 * MINUTE));
      const day = scoreOf(subject, at300m(T0 - DAY));
      const days = scoreOf(subject, at300m(T0 - 2 * DAY));

      expect(minutes).toBeGreaterThan(DEFAULT_MIN_SCORE);
      expect(days).toBeLessThan(DEFAULT_MIN_SCORE);
      // A day on, the burst is spent: only the slow time decay remains.
      expect(day / days).toBeLessThan(1.05);
      expect(minutes / day).toBeGreaterThan(1.5);
    });

    it('never makes a pair strong on time alone', () => {
      for (const metres of [60, 100, 200]) {
        const together = caseAtMetres('O', metres, 0);
        const apart = caseAtMetres('O', metres, 0, { openedAt: T0 - DAY });

        expect(scoreOf(subject, together)).toBeLessThan(DEFAULT_STRONG_SCORE);
        expect(scoreOf(subject, together)).toBeGreaterThanOrEqual(
          scoreOf(subject, apart),
        );
      }
    });

    it('searches farther only for minimums a burst can reach', () => {
      // Opened together, just past the radius for a minimum: below it.
      for (const minScore of [0.18, 0.3, 0.45, 0.6, 0.8]) {
        const radiusM = radiusForScore(minScore);
        const past = caseAtMetres('O', radiusM * 1.02, 0);

        expect(scoreOf(subject, past), `${minScore}`).toBeLessThan(minScore);
      }
      expect(radiusForScore(0.45)).toBeGreaterThan(3 * radiusForScore(0.55));
    });

    it('bounds the score by placeReach unless the address is shared', () => {
      const next = seededRandom(5);
      for (let i = 0; i < 200; i++) {
        const metres = next() * 800;
        const gapMs = next() * 2 * DAY;
        const other = caseAtMetres('O', metres, 0, {
          openedAt: T0 - gapMs,
          // Never the subject's own number, 10: not the same address.
          address: `${12 + Math.floor(next() * 40)} Tremont St`,
        });
        const { score, distanceM } = judge(subject, other);

        expect(score).toBeLessThanOrEqual(placeReach(distanceM ?? 0, gapMs));
      }
    });
  });

  it('trusts the same address over a geocode 2 km off', () => {
    const range = dupCase('S', { address: '45-49 Stoughton St' });
    const sameHouse = caseAtMetres('O', 2_000, 0, {
      address: '45 Stoughton St',
    });
    const otherHouse = caseAtMetres('X', 2_000, 0, {
      address: '145 Stoughton St',
    });

    expect(scoreOf(range, sameHouse)).toBeGreaterThan(0.8);
    expect(scoreOf(range, otherHouse)).toBeLessThan(0.1);
  });

  describe('reasons', () => {
    it('says same type, metres, same street and hours apart', () => {
      const other = caseAtMetres('O', 38, 0, {
        address: '30 Tremont St',
        openedAt: T0 - 2 * HOUR,
      });
      expect(judge(subject, other).reasons).toEqual([
        'same type',
        '40 m',
        'same street',
        '2 h apart',
      ]);
    });

    it('says same address, and minutes or days apart', () => {
      const soon = dupCase('O', {
        address: '10 Tremont Street',
        openedAt: T0 - 20 * MINUTE,
      });
      expect(judge(subject, soon).reasons).toEqual([
        'same type',
        '0 m',
        'same address',
        '20 min apart',
      ]);

      const weeks = dupCase('O', {
        address: '10 Tremont St',
        openedAt: T0 - 15 * DAY,
      });
      expect(judge(subject, weeks).reasons).toContain('15 days apart');
    });

    it('names a related or other type, and leaves out unknown distance', () => {
      const light = dupCase('S', { type: 'Street Light Outages', ...unplaced });
      const knockDown = dupCase('K', {
        type: 'Street Light Knock Downs',
        ...unplaced,
      });
      const graffiti = dupCase('G', unplaced);

      expect(judge(light, knockDown).reasons).toEqual([
        'related type: Street Light Knock Downs',
        '0 min apart',
      ]);
      expect(judge(light, graffiti).reasons[0]).toBe(
        'other type: Graffiti Removal',
      );
    });

    it('quotes shared description words and says when it closed', () => {
      const tagged = { ...subject, description: 'Ward 13 gang tag' };
      const other = dupCase('O', {
        address: '10 Tremont St',
        description: 'Gang tag, ward 13, again',
        closedAt: NOW - 3 * HOUR,
      });
      const { reasons } = judge(tagged, other);

      expect(reasons).toContain('description shares "gang tag ward 13"');
      expect(reasons.at(-1)).toBe('closed 3 h ago');
    });

    it('shows a geocode far off in kilometres', () => {
      const far = caseAtMetres('O', 2_200, 0, { address: '10 Tremont St' });
      expect(judge(subject, far).reasons.slice(1, 3)).toEqual([
        '2.2 km',
        'same address',
      ]);
    });
  });
});

describe('radiusForScore', () => {
  it('shrinks as the minimum score grows, with no limit at 0', () => {
    expect(radiusForScore(0)).toBe(Infinity);
    expect(radiusForScore(1)).toBe(0);
    expect(radiusForScore(0.2)).toBeGreaterThan(radiusForScore(0.5));
  });

  it('is the farthest a perfect pair in all else can be and still pass', () => {
    const subject = dupCase('S', { address: '10 Tremont St' });
    for (const minScore of [0.92, 0.95, 0.98]) {
      const radius = radiusForScore(minScore);
      const inside = caseAtMetres('in', radius * 0.9, 0, {
        address: '10 Tremont St',
      });
      const outside = caseAtMetres('out', radius * 1.1, 0, {
        address: '10 Tremont St',
      });

      expect(scoreOf(subject, inside)).toBeGreaterThanOrEqual(minScore);
      expect(scoreOf(subject, outside)).toBeLessThan(minScore);
    }
  });
});

describe('houseSpanForScore', () => {
  it('is how many doors apart an unlocated pair on one street can be', () => {
    for (const minScore of [0.3, 0.45, 0.6]) {
      const span = houseSpanForScore(minScore);
      expect(span, `${minScore}`).toBeGreaterThan(0);

      const subject = dupCase('S', { ...unplaced, address: '100 Tremont St' });
      const within = dupCase('in', {
        ...unplaced,
        address: `${100 + span} Tremont St`,
      });
      const beyond = dupCase('out', {
        ...unplaced,
        address: `${100 + span + 1} Tremont St`,
      });

      expect(scoreOf(subject, within), `${minScore}`).toBeGreaterThanOrEqual(
        minScore,
      );
      expect(scoreOf(subject, beyond), `${minScore}`).toBeLessThan(minScore);
    }
  });
});
