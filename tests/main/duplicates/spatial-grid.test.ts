import { describe, expect, it } from 'vitest';

import { metresBetween } from '../../../src/shared/geo-distance';
import { SpatialGrid } from '../../../src/main/duplicates/spatial-grid';
import { seededRandom } from '../../support/seeded-random';
import { metresFrom, ORIGIN } from './dup-case';

type Item = { id: number; lat: number; long: number };

function scatter(count: number, spreadM: number, seed: number): Item[] {
  const next = seededRandom(seed);

  return Array.from({ length: count }, (_, id) => ({
    id,
    ...metresFrom((next() - 0.5) * spreadM, (next() - 0.5) * spreadM),
  }));
}

describe('SpatialGrid', () => {
  it('refuses cells narrower than 10 m, saying what to use', () => {
    expect(() => new SpatialGrid(5)).toThrow(/at least 10 m.*about 200/);
    expect(() => new SpatialGrid(Number.NaN)).toThrow(/at least 10 m/);
    expect(() => new SpatialGrid(10)).not.toThrow();
  });

  it.each([10, 200, 1_000])(
    'with %i m cells, finds every item within the radius',
    (cellM) => {
      const items = scatter(600, 3_000, cellM);
      const grid = new SpatialGrid<Item>(cellM);
      for (const item of items) grid.add(item.lat, item.long, item);

      const next = seededRandom(cellM + 1);
      for (let probe = 0; probe < 40; probe += 1) {
        const centre = metresFrom(
          (next() - 0.5) * 3_000,
          (next() - 0.5) * 3_000,
        );
        const radiusM = 20 + next() * 400;
        const found = new Set(grid.near(centre.lat, centre.long, radiusM));

        for (const item of items) {
          const d = metresBetween(centre.lat, centre.long, item.lat, item.long);
          if (d <= radiusM) expect(found.has(item), `${d} m`).toBe(true);
        }
      }
    },
  );

  it('reads only the cells near the point, not the whole grid', () => {
    const grid = new SpatialGrid<string>(200);
    const near = metresFrom(50, 50);
    const far = metresFrom(5_000, -5_000);
    grid.add(near.lat, near.long, 'near');
    grid.add(far.lat, far.long, 'far');

    expect([...grid.near(ORIGIN.lat, ORIGIN.long, 100)]).toEqual(['near']);
  });

  it('works south of the equator and east of Greenwich too', () => {
    const grid = new SpatialGrid<string>(200);
    const sydney = { lat: -33.8688, long: 151.2093 };
    const close = metresFrom(120, -90, sydney);
    grid.add(close.lat, close.long, 'close');

    expect([...grid.near(sydney.lat, sydney.long, 160)]).toEqual(['close']);
  });

  it('removes an item added at that point, and is empty after the last', () => {
    const grid = new SpatialGrid<string>(200);
    const a = metresFrom(10, 10);
    grid.add(a.lat, a.long, 'A');
    grid.add(a.lat, a.long, 'B');
    expect(grid.isEmpty).toBe(false);

    grid.remove(a.lat, a.long, 'A');
    expect([...grid.near(a.lat, a.long, 50)]).toEqual(['B']);

    grid.remove(a.lat, a.long, 'B');
    expect(grid.isEmpty).toBe(true);
    expect([...grid.near(a.lat, a.long, 50)]).toEqual([]);
  });

  it('keeps an item removed at another point than it was added', () => {
    const grid = new SpatialGrid<string>(200);
    const a = metresFrom(0, 0);
    const elsewhere = metresFrom(2_000, 0);
    grid.add(a.lat, a.long, 'A');
    grid.remove(elsewhere.lat, elsewhere.long, 'A');

    expect([...grid.near(a.lat, a.long, 10)]).toEqual(['A']);
  });

  it('shares its cell keys with any grid of the same cell size', () => {
    const items = scatter(300, 1_000, 7);
    const grid = new SpatialGrid<Item>(200);
    const other = new SpatialGrid<Item>(200);
    for (const item of items) grid.add(item.lat, item.long, item);

    const keys = other.keysNear(ORIGIN.lat, ORIGIN.long, 250);
    const viaKeys = grid.cellsAt(keys).flatMap((cell) => [...cell]);

    expect(new Set(viaKeys)).toEqual(
      new Set(grid.near(ORIGIN.lat, ORIGIN.long, 250)),
    );
    expect(viaKeys.length).toBeGreaterThan(0);
  });
});
