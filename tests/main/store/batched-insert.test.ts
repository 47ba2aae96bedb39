import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';

import { createBatchedInsert } from '../../../src/main/store/batched-insert';

let db: Database.Database | null = null;
afterEach(() => {
  db?.close();
  db = null;
});

function openTable() {
  db = new Database(':memory:');
  db.exec('CREATE TABLE t (id TEXT PRIMARY KEY, n INTEGER, note TEXT)');
  return db;
}

const rowsOf = (count: number) =>
  Array.from({ length: count }, (_, at) => [`id-${at}`, at, null]);

describe('a batched insert', () => {
  it.each([0, 1, 49, 50, 51, 123])(
    'stores all %i rows exactly as given',
    (count) => {
      const table = openTable();
      const insert = createBatchedInsert(table, 'INSERT INTO t', 3);

      insert(rowsOf(count));

      const stored = table
        .prepare('SELECT id, n, note FROM t ORDER BY n')
        .raw(true)
        .all();
      expect(stored).toEqual(rowsOf(count));
    },
  );

  it('keeps the later of two rows with one key, as row by row would', () => {
    const table = openTable();
    const insert = createBatchedInsert(table, 'INSERT OR REPLACE INTO t', 3);
    const rows = rowsOf(60);
    rows[55] = ['id-3', 300, 'later'];

    insert(rows);

    expect(
      table.prepare('SELECT n, note FROM t WHERE id = ?').get('id-3'),
    ).toEqual({ n: 300, note: 'later' });
    expect(table.prepare('SELECT count(*) AS n FROM t').get()).toEqual({
      n: 59,
    });
  });

  it('refuses a row with the wrong number of values', () => {
    const table = openTable();
    const insert = createBatchedInsert(table, 'INSERT INTO t', 3);
    const rows = rowsOf(50);
    rows[7] = ['id-7', 7];

    expect(() => insert(rows)).toThrow(/has 2 values where 3 columns/);
  });
});
