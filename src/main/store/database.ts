import Database from 'better-sqlite3';

import { applyMigrations } from './schema-migrations';

export type SqliteDatabase = Database.Database;

/** How long a writer waits for another connection's lock before failing. */
const BUSY_TIMEOUT_MS = 5_000;

/**
 * Opens (or creates) the SQLite file at `path`, sets the durability and
 * integrity pragmas, and brings its schema up to date. ':memory:' gives a
 * throwaway database for tests.
 */
export function openDatabase(path: string): SqliteDatabase {
  const db = new Database(path);

  try {
    // WAL lets the queue be read while an import or sync writes; FULL makes
    // a committed intent survive a power cut, which the outbox relies on.
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);

    applyMigrations(db, path);
  } catch (error) {
    db.close();
    throw error;
  }

  return db;
}
