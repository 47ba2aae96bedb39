import { describe, expect, it } from 'vitest';

import { choosePagePlan, pageIndex } from '../../../src/main/store/queue-plan';

describe('queue page plan', () => {
  it('walks the sort index when the filter keeps most requests', () => {
    expect(choosePagePlan(90_000, 100_000, 80_000, 100)).toBe(
      'walk-sort-index',
    );
    expect(choosePagePlan(20_000, 100_000, 0, 100)).toBe('walk-sort-index');
  });

  it('sorts the matches when the filter keeps few requests', () => {
    expect(choosePagePlan(40, 100_000, 0, 100)).toBe('sort-matches');
    expect(choosePagePlan(0, 100_000, 0, 100)).toBe('sort-matches');
  });

  it('uses the filter index that narrows the search when sorting matches', () => {
    expect(pageIndex('sort-matches', 'due', { types: ['Sign'] })).toBe(
      'requests_open_by_type',
    );
    expect(pageIndex('sort-matches', 'age', { neighborhoods: [''] })).toBe(
      'requests_open_by_neighborhood',
    );
    expect(pageIndex('walk-sort-index', 'age', { types: ['Sign'] })).toBe(
      'requests_open_by_age',
    );
  });
});
