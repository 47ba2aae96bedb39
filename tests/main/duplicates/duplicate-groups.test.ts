import { describe, expect, it } from 'vitest';

import { CaseIndex } from '../../../src/main/duplicates/case-index';
import { caseFeatures } from '../../../src/main/duplicates/case-features';
import {
  groupDuplicates,
  groupDuplicatesInSteps,
} from '../../../src/main/duplicates/duplicate-groups';
import { scorePair } from '../../../src/main/duplicates/duplicate-score';
import type { DupCase } from '../../../src/main/duplicates/duplicate-types';
import { caseAtMetres, DAY, dupCase, HOUR, metresFrom, T0 } from './dup-case';

const NOW = T0 + HOUR;

function indexOf(...cases: DupCase[]): CaseIndex {
  const index = new CaseIndex();
  for (const dupCase of cases) index.add(dupCase);

  return index;
}

/** Three reports of one tag at one address, an hour apart. */
const trio = (prefix = '') => {
  const at = { address: '10 Tremont St Boston MA 02116' };

  return [
    dupCase(`${prefix}A`, { ...at, openedAt: T0 - 3 * HOUR }),
    dupCase(`${prefix}B`, { ...at, openedAt: T0 - 2 * HOUR }),
    dupCase(`${prefix}C`, { ...at, openedAt: T0 - HOUR }),
  ] as const;
};

describe('groupDuplicates', () => {
  it('puts the group with the newest report first among equally strong ones', () => {
    // Two pairs a kilometre apart, each a minute apart: equally alike.
    const pair = (prefix: string, openedAt: number, north: number) => [
      dupCase(`${prefix}1`, { ...metresFrom(north, 0), openedAt }),
      dupCase(`${prefix}2`, {
        ...metresFrom(north, 0),
        openedAt: openedAt + 60_000,
      }),
    ];
    const older = pair('old', T0 - 10 * HOUR, 0);
    const newer = pair('new', T0 - 2 * HOUR, 1_000);

    const groups = groupDuplicates(indexOf(...older, ...newer), NOW);

    const [first, second] = groups.map((group) =>
      Math.round(group.strength * 100),
    );
    expect(first).toBe(second);
    expect(groups.map((group) => group.ids)).toEqual([
      ['new1', 'new2'],
      ['old1', 'old2'],
    ]);
  });

  it('joins three reports of one problem, oldest first', () => {
    const [a, b, c] = trio();
    // Indexed out of order: the group is ordered by opening, not by index.
    const groups = groupDuplicates(indexOf(c, a, b), NOW);

    expect(groups).toHaveLength(1);
    expect(groups[0]?.ids).toEqual(['A', 'B', 'C']);
  });

  it('links each newer request to the older ones it found', () => {
    const [a, b, c] = trio();
    const [group] = groupDuplicates(indexOf(a, b, c), NOW);

    const pairs = group?.links.map((link) => `${link.from}->${link.to}`);
    expect(pairs?.sort()).toEqual(['B->A', 'C->A', 'C->B']);
    const scores = group?.links.map((link) => link.score) ?? [];
    expect(scores).toEqual([...scores].sort((x, y) => y - x));
  });

  it('is only as strong as its weakest link', () => {
    const [a, b, c] = trio();
    const [group] = groupDuplicates(indexOf(a, b, c), NOW);
    const scores = group?.links.map((link) => link.score) ?? [];

    expect(group?.strength).toBe(Math.min(...scores));
    expect(group?.strength).toBeLessThan(Math.max(...scores));
    // The weakest pair is the two reports furthest apart in time.
    const weakest = scorePair(caseFeatures(c), caseFeatures(a), NOW).score;
    expect(group?.strength).toBeCloseTo(weakest, 10);
  });

  it('explains the strongest link in words', () => {
    const [a, b, c] = trio();
    const [group] = groupDuplicates(indexOf(a, b, c), NOW);

    expect(group?.reasons).toEqual(
      expect.arrayContaining(['same type', '0 m', 'same address']),
    );
  });

  it('leaves closed requests out of every group', () => {
    const [a, b, c] = trio();
    // The newest is closed: it would otherwise link to both older ones.
    const closedC = { ...c, closedAt: NOW - HOUR / 2 };
    const closesLaterB = { ...b, closedAt: NOW + DAY };

    const [group] = groupDuplicates(indexOf(a, closesLaterB, closedC), NOW);
    expect(group?.ids).toEqual(['A', 'B']);
  });

  it('never links to a closed request, however weak a link may be', () => {
    const [a, b, c] = trio();
    const closedA = { ...a, closedAt: NOW - HOUR / 2 };

    // A closed match scores at most half: let such links through.
    const groups = groupDuplicates(indexOf(closedA, b, c), NOW, {
      strongScore: 0.3,
    });
    expect(groups.map((group) => group.ids)).toEqual([['B', 'C']]);
  });

  it('groups only strong pairs, strongScore deciding how strong', () => {
    const a = dupCase('A', { openedAt: T0 - HOUR });
    const b = caseAtMetres('B', 150, 0);
    const index = indexOf(a, b);

    expect(groupDuplicates(index, NOW)).toEqual([]);
    expect(groupDuplicates(index, NOW, { strongScore: 0.2 })[0]?.ids).toEqual([
      'A',
      'B',
    ]);
  });

  it('keeps two problems apart, the stronger group first', () => {
    const [a, b, c] = trio();
    const elsewhere = { address: '200 Beacon St', ...metresFrom(1_500, 0) };
    const x = dupCase('X', { ...elsewhere, openedAt: T0 - 6 * DAY });
    const y = dupCase('Y', { ...elsewhere, openedAt: T0 - HOUR });

    // X and Y are six days apart: a weaker, smaller group.
    const groups = groupDuplicates(indexOf(x, a, y, b, c), NOW);
    expect(groups.map((group) => group.ids)).toEqual([
      ['A', 'B', 'C'],
      ['X', 'Y'],
    ]);
    expect(groups[0]!.strength).toBeGreaterThan(groups[1]!.strength);
  });

  it('finds nothing in an empty index', () => {
    expect(groupDuplicates(new CaseIndex(), NOW)).toEqual([]);
  });
});

describe('groupDuplicatesInSteps', () => {
  it('pauses between steps and finds the same groups', async () => {
    // 2,001 lone reports a kilometre apart, and one trio: 40 steps of 50.
    const cases: DupCase[] = [...trio()];
    for (let i = 0; i < 2_001; i += 1) {
      const row = Math.floor(i / 50);
      const col = i % 50;
      cases.push(
        dupCase(`lone${i}`, {
          ...metresFrom(5_000 + row * 1_000, col * 1_000),
          openedAt: T0 - (i % 24) * HOUR,
        }),
      );
    }
    const index = indexOf(...cases);

    let pauses = 0;
    const groups = await groupDuplicatesInSteps(
      index,
      NOW,
      () => {
        pauses += 1;
        return Promise.resolve();
      },
      // Every step ends past a slice of no time at all.
      { sliceMs: 0 },
    );

    expect(pauses).toBe(40);
    expect(groups).toEqual(groupDuplicates(index, NOW));
    expect(groups.map((group) => group.ids)).toEqual([['A', 'B', 'C']]);

    // Within a long slice, no pause at all.
    pauses = 0;
    await groupDuplicatesInSteps(
      index,
      NOW,
      () => {
        pauses += 1;
        return Promise.resolve();
      },
      { sliceMs: 60_000 },
    );
    expect(pauses).toBe(0);
  });

  it('does not pause for fewer requests than a step', async () => {
    let pauses = 0;
    const groups = await groupDuplicatesInSteps(indexOf(...trio()), NOW, () => {
      pauses += 1;
      return Promise.resolve();
    });

    expect(pauses).toBe(0);
    expect(groups[0]?.ids).toEqual(['A', 'B', 'C']);
  });
});
