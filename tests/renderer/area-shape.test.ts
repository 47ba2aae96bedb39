import { describe, expect, it } from 'vitest';

import {
  addsToLasso,
  boxCorners,
  ringOf,
  thinned,
  wasClick,
  type Screen,
} from '../../src/renderer/src/map/area-shape';

/** The corners as a set, whatever their order. */
const cornerSet = (corners: Screen[]) =>
  new Set(corners.map(([x, y]) => `${x},${y}`));

describe('the box of a Shift-drag', () => {
  it('has the drag start and end as opposite corners, and the other two across', () => {
    expect(boxCorners([10, 20], [110, 70])).toEqual([
      [10, 20],
      [110, 20],
      [110, 70],
      [10, 70],
    ]);
  });

  it('is the same rectangle whichever way the drag goes', () => {
    const rectangle = cornerSet(boxCorners([10, 20], [110, 70]));

    expect(cornerSet(boxCorners([110, 70], [10, 20]))).toEqual(rectangle);
    expect(cornerSet(boxCorners([110, 20], [10, 70]))).toEqual(rectangle);
    expect(cornerSet(boxCorners([10, 70], [110, 20]))).toEqual(rectangle);
  });

  it('is a click under 3 pixels each way, a pick from 3 pixels either way', () => {
    const box = (end: Screen) => wasClick('box', [50, 50], end, []);

    expect(box([52, 48])).toBe(true);
    expect(box([53, 50])).toBe(false);
    expect(box([50, 47])).toBe(false);
  });
});

describe('the lasso', () => {
  it('takes a corner only once the pointer has moved 4 pixels', () => {
    expect(addsToLasso([0, 0], [3, 2])).toBe(false);
    expect(addsToLasso([0, 0], [4, 0])).toBe(true);
  });

  it('is a click with fewer than three corners', () => {
    const two: Screen[] = [
      [0, 0],
      [9, 9],
    ];

    expect(wasClick('lasso', [0, 0], [9, 9], two)).toBe(true);
    expect(wasClick('lasso', [0, 0], [9, 0], [...two, [9, 0]])).toBe(false);
  });

  it('is thinned to 400 corners, in order, from the first', () => {
    const long = Array.from({ length: 1000 }, (_, i): Screen => [i, 0]);
    const thin = thinned(long);

    expect(thin).toHaveLength(400);
    expect(thin[0]).toEqual([0, 0]);
    expect(thin.map(([x]) => x)).toEqual(
      [...thin.map(([x]) => x)].sort((a, b) => a - b),
    );
    expect(thinned(long.slice(0, 400))).toHaveLength(400);
  });
});

describe('the shape handed to the services', () => {
  it('is its corners as [long, lat], kept on the globe', () => {
    const unproject = ([x, y]: Screen) => ({ lng: x - 200, lat: 100 - y });

    expect(
      ringOf(
        [
          [10, 20],
          [500, 300],
        ],
        unproject,
      ),
    ).toEqual([
      [-180, 80],
      [180, -90],
    ]);
  });
});
