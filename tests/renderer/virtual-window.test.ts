import { describe, expect, it } from 'vitest';

import {
  pagesFor,
  pagesToEvict,
  scrollTopToReveal,
  visibleRows,
} from '../../src/renderer/src/queue/virtual-window';

describe('visibleRows', () => {
  const base = { rowHeight: 40, viewportHeight: 600, overscan: 8 };

  it('renders the visible rows plus overscan, not the whole list', () => {
    const range = visibleRows({
      ...base,
      scrollTop: 2_000_000,
      total: 100_000,
    });

    expect(range).toEqual({ first: 49_992, last: 50_022 });
    expect(range.last - range.first + 1).toBeLessThan(40);
  });

  it('clamps at both ends of the list', () => {
    expect(visibleRows({ ...base, scrollTop: 0, total: 100_000 }).first).toBe(
      0,
    );
    expect(
      visibleRows({ ...base, scrollTop: 3_999_400, total: 100_000 }).last,
    ).toBe(99_999);
    expect(visibleRows({ ...base, scrollTop: 0, total: 5 })).toEqual({
      first: 0,
      last: 4,
    });
  });

  it('renders nothing for an empty list', () => {
    const range = visibleRows({ ...base, scrollTop: 0, total: 0 });

    expect(range.last).toBeLessThan(range.first);
    expect(pagesFor(range, 100)).toEqual([]);
  });
});

describe('pagesFor', () => {
  it('lists the pages a window spans', () => {
    expect(pagesFor({ first: 95, last: 205 }, 100)).toEqual([0, 1, 2]);
    expect(pagesFor({ first: 100, last: 199 }, 100)).toEqual([1]);
  });
});

describe('pagesToEvict', () => {
  it('drops the pages farthest from where the dispatcher looks', () => {
    expect(
      pagesToEvict([0, 1, 2, 50, 51, 99], 50, 3).sort((a, b) => a - b),
    ).toEqual([0, 1, 99]);
  });

  it('drops nothing under the limit', () => {
    expect(pagesToEvict([1, 2], 0, 5)).toEqual([]);
  });
});

describe('scrollTopToReveal', () => {
  const base = { rowHeight: 40, viewportHeight: 400 };

  it('leaves a fully visible row alone', () => {
    expect(scrollTopToReveal({ ...base, index: 5, scrollTop: 0 })).toBeNull();
  });

  it('scrolls up to a row above the view and down to one below it', () => {
    expect(scrollTopToReveal({ ...base, index: 2, scrollTop: 200 })).toBe(80);
    expect(scrollTopToReveal({ ...base, index: 10, scrollTop: 0 })).toBe(40);
  });
});
