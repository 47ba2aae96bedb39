// Items bucketed by a grid of roughly square cells, so "what is near this
// point" reads a handful of cells instead of every item.
import { boxAround } from '../../shared/geo-distance';

const METRES_PER_DEGREE_LAT = 111_195;

/** Past this latitude cells would get too wide in degrees; 311 stops well short. */
const MIN_COS_LAT = 0.01;

const BOX_SLACK = 1.01;

/**
 * One small integer per cell: V8 hashes those far faster than larger
 * numbers or "row:col" strings, and a search looks up dozens of cells.
 * Rows and columns wrap every 2^15 cells, so cells at least 2^15 * MIN_CELL_M
 * (327 km) apart share a key: a city never spans that, and callers check
 * the distance of what a cell holds anyway.
 */
const WRAP = 2 ** 15;

export const MIN_CELL_M = 10;

function cellKey(row: number, col: number): number {
  return (row & (WRAP - 1)) * WRAP + (col & (WRAP - 1));
}

export class SpatialGrid<T> {
  private readonly cells = new Map<number, Set<T>>();
  private readonly cellLat: number;

  constructor(cellMetres: number) {
    if (!(cellMetres >= MIN_CELL_M)) {
      throw new Error(
        `A grid cell must be at least ${MIN_CELL_M} m wide, not ${cellMetres}; use about 200.`,
      );
    }
    this.cellLat = cellMetres / METRES_PER_DEGREE_LAT;
  }

  get isEmpty(): boolean {
    return this.cells.size === 0;
  }

  add(lat: number, long: number, item: T): void {
    const key = this.keyOf(lat, long);
    const cell = this.cells.get(key) ?? new Set<T>();
    cell.add(item);
    this.cells.set(key, cell);
  }

  /** Removes an item added at this exact point. */
  remove(lat: number, long: number, item: T): void {
    const key = this.keyOf(lat, long);
    const cell = this.cells.get(key);
    if (!cell) return;

    cell.delete(item);
    if (cell.size === 0) this.cells.delete(key);
  }

  /**
   * Every item in a cell that touches the box around the point; a superset
   * of those within `metres`, which the caller checks by distance.
   */
  *near(lat: number, long: number, metres: number): Generator<T> {
    for (const cell of this.cellsNear(lat, long, metres)) yield* cell;
  }

  /** The cells `near` reads, for callers that iterate them directly. */
  cellsNear(
    lat: number,
    long: number,
    metres: number,
    into: ReadonlySet<T>[] = [],
  ): ReadonlySet<T>[] {
    return this.cellsAt(this.keysNear(lat, long, metres), into);
  }

  /**
   * The keys of the cells `near` reads. Grids with cells of one size share
   * them, so a search over many grids works them out once.
   */
  keysNear(lat: number, long: number, metres: number): number[] {
    // A little slack: the box is exact at the centre's latitude only.
    const box = boxAround(lat, long, metres * BOX_SLACK + 1);
    const firstRow = this.rowOf(box.south);
    const lastRow = this.rowOf(box.north);
    const keys: number[] = [];

    for (let row = firstRow; row <= lastRow; row++) {
      const width = this.cellLongFor(row);
      const lastCol = Math.floor(box.east / width);

      for (let col = Math.floor(box.west / width); col <= lastCol; col++) {
        keys.push(cellKey(row, col));
      }
    }

    return keys;
  }

  /** The non-empty cells among `keys` (from keysNear), added to `into`. */
  cellsAt(
    keys: readonly number[],
    into: ReadonlySet<T>[] = [],
  ): ReadonlySet<T>[] {
    for (const key of keys) {
      const cell = this.cells.get(key);
      if (cell) into.push(cell);
    }

    return into;
  }

  private rowOf(lat: number): number {
    return Math.floor(lat / this.cellLat);
  }

  /** Cells in a row are as wide in metres as they are tall. */
  private cellLongFor(row: number): number {
    const middle = ((row + 0.5) * this.cellLat * Math.PI) / 180;

    return this.cellLat / Math.max(Math.cos(middle), MIN_COS_LAT);
  }

  private keyOf(lat: number, long: number): number {
    const row = this.rowOf(lat);

    return cellKey(row, Math.floor(long / this.cellLongFor(row)));
  }
}
