/** A CSV row that was not imported: its physical line and why. */
export type BadRow = { line: number; reason: string };

/** A JSON array entry that was not imported: its index and why. */
export type BadEntry = { index: number; reason: string };

/** The most bad rows an import keeps to show; the count covers them all. */
export const MAX_REPORTED_BAD_ROWS = 1000;

export type ImportReport<Bad> = {
  imported: number;
  /** The first MAX_REPORTED_BAD_ROWS problems, in file order. */
  badRows: Bad[];
  /** Every problem, including those not listed in badRows. */
  badRowCount: number;
};

export function createBadRowList<Bad>() {
  const kept: Bad[] = [];
  let count = 0;

  return {
    add(bad: Bad) {
      count += 1;
      if (kept.length < MAX_REPORTED_BAD_ROWS) kept.push(bad);
    },
    get rows() {
      return kept;
    },
    get count() {
      return count;
    },
  };
}
