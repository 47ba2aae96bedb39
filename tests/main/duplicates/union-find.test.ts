import { describe, expect, it } from 'vitest';

import { UnionFind } from '../../../src/main/duplicates/union-find';

describe('UnionFind', () => {
  it('leaves an id never linked in a set of its own', () => {
    const sets = new UnionFind();
    expect(sets.find('A')).toBe('A');
    sets.union('B', 'C');
    expect(sets.find('A')).toBe('A');
  });

  it('joins linked ids, and ids linked through others', () => {
    const sets = new UnionFind();
    sets.union('A', 'B');
    sets.union('C', 'D');
    expect(sets.find('A')).toBe(sets.find('B'));
    expect(sets.find('A')).not.toBe(sets.find('C'));

    sets.union('B', 'D');
    for (const id of ['B', 'C', 'D'])
      expect(sets.find(id)).toBe(sets.find('A'));
  });

  it('changes nothing when two ids are linked again', () => {
    const sets = new UnionFind();
    sets.union('A', 'B');
    const root = sets.find('A');
    sets.union('B', 'A');
    sets.union('A', 'B');
    expect(sets.find('A')).toBe(root);
    expect(sets.find('B')).toBe(root);
  });

  it('keeps long chains and many sets apart correctly', () => {
    const sets = new UnionFind();
    // Evens in one chain, odds in another, linked in awkward orders.
    for (let i = 2; i < 2_000; i += 1) sets.union(`n${i}`, `n${i - 2}`);
    for (let i = 0; i < 2_000; i += 1) {
      expect(sets.find(`n${i}`)).toBe(sets.find(`n${i % 2}`));
    }
    expect(sets.find('n0')).not.toBe(sets.find('n1'));
  });
});
