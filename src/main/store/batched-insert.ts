// Bulk inserts with many rows per statement. Each call into SQLite costs
// about as much as binding a dozen values, so a snapshot page of 5,000
// requests written 50 rows a call spends noticeably less time crossing
// from JavaScript into SQLite than one written row by row.
import type { SqliteDatabase } from './database';

type SqlValue = string | number | null;

/** Rows per statement; 50 rows of 25 columns stay far below SQLite's limit. */
const ROWS_PER_CALL = 50;

const valuesList = (rows: number, columns: number) => {
  const row = `(${new Array<string>(columns).fill('?').join(', ')})`;
  return new Array<string>(rows).fill(row).join(', ');
};

/**
 * Prepares `${head} VALUES ...` for `columns` values a row and returns a
 * function that inserts rows in their order, as if one by one (so with
 * INSERT OR REPLACE a later duplicate still wins). Run it inside a
 * transaction.
 */
export function createBatchedInsert(
  db: SqliteDatabase,
  head: string,
  columns: number,
): (rows: readonly (readonly SqlValue[])[]) => void {
  const many = db.prepare(
    `${head} VALUES ${valuesList(ROWS_PER_CALL, columns)}`,
  );
  const one = db.prepare(`${head} VALUES ${valuesList(1, columns)}`);
  const params = new Array<SqlValue>(ROWS_PER_CALL * columns);

  return (rows) => {
    let at = 0;
    for (; at + ROWS_PER_CALL <= rows.length; at += ROWS_PER_CALL) {
      for (let row = 0; row < ROWS_PER_CALL; row += 1) {
        const values = rows[at + row] ?? [];
        if (values.length !== columns) {
          throw new Error(
            `A bulk insert row has ${values.length} values where ` +
              `${columns} columns are due; the rows were not stored.`,
          );
        }
        for (let column = 0; column < columns; column += 1) {
          params[row * columns + column] = values[column] ?? null;
        }
      }
      many.run(params);
    }
    for (; at < rows.length; at += 1) one.run(rows[at]);
  };
}
