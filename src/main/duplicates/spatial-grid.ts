// Items bucketed by a grid of roughly square cells, so "what is near this
// point" reads a handful of cells instead of every item.
import { boxAround } from '../dispatch/geo-distance';

const METRES_PER_DEGREE_LAT = 111_195;

/** Past this latitude cells would get too wide in degrees; 311 stops well short. */
const MIN_COS_LAT = 0.01;

const BOX_SLACK = 1.01;

/**
 * One number per cell: columns stay inside +-2^21 for any cell at least
 * MIN_CELL_M wide, so row and column never collide, and a number hashes faster
 * than a "row:col" string.
 */
const COLUMNS = 2 ** 22;

export const MIN_CELL_M = 10;

function cellKey(row: number, col: number): number {
  return row * COLUMNS + col;
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
    // A little slack: the box is exact at the centre's latitude only.
    const box = boxAround(lat, long, metres * BOX_SLACK + 1);
    const firstRow = this.rowOf(box.south);
    const lastRow = this.rowOf(box.north);

    for (let row = firstRow; row <= lastRow; row++) {
      const width = this.cellLongFor(row);
      const lastCol = Math.floor(box.east / width);

      for (let col = Math.floor(box.west / width); col <= lastCol; col++) {
        const cell = this.cells.get(cellKey(row, col));
        if (cell) into.push(cell);
      }
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
