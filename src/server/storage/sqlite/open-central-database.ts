import Database from 'better-sqlite3';

import { migrateCentralDatabase } from './schema-migrations';

export type CentralDatabase = Database.Database;

/**
 * Opens (or creates) the central SQLite file: WAL so reads never wait on
 * the writer's fsync, FULL so an acknowledged intent survives a power cut,
 * then brings the schema up to date.
 */
export function openCentralDatabase(
  path: string,
  busyTimeoutMs: number,
): CentralDatabase {
  const db = new Database(path);

  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    db.pragma(`busy_timeout = ${Math.max(0, Math.floor(busyTimeoutMs))}`);
    migrateCentralDatabase(db, path);
  } catch (error) {
    db.close();
    throw error;
  }

  return db;
}
