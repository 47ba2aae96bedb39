import type { SqliteDatabase } from './database';
import { createRequestsAndMeta } from './migrations/001-requests-and-meta';
import { addQueueSortKeys } from './migrations/002-queue-sort-keys';
import { createDispatchTables } from './migrations/003-dispatch-tables';
import { createSyncTables } from './migrations/004-sync-tables';
import { addQueueFiltersAndSearch } from './migrations/005-queue-filters-and-search';
import { createSlaOutcomes } from './migrations/006-sla-outcomes';
import { makeRequestsAView } from './migrations/007-requests-view';
import { createWatchedRequests } from './migrations/008-watched-requests';
import { createClosedCases } from './migrations/009-closed-cases';

/**
 * The schema's history, oldest first. Migration n (1-based) takes a
 * database from `user_version` n - 1 to n. Never edit a released
 * migration: add a new one.
 */
export const migrations: readonly string[] = [
  createRequestsAndMeta,
  addQueueSortKeys,
  createDispatchTables,
  createSyncTables,
  addQueueFiltersAndSearch,
  createSlaOutcomes,
  makeRequestsAView,
  createWatchedRequests,
  createClosedCases,
];

export const latestSchemaVersion = migrations.length;

export function schemaVersionOf(db: SqliteDatabase): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/**
 * Applies the migrations the database has not seen yet, each in its own
 * transaction, so a crash leaves it at a known version. Refuses a database
 * written by a newer StreetDesk rather than guessing at its schema.
 */
export function applyMigrations(
  db: SqliteDatabase,
  path: string,
  upTo: number = latestSchemaVersion,
): void {
  const current = schemaVersionOf(db);

  if (current > latestSchemaVersion) {
    throw new Error(
      `The database at ${path} has schema version ${current}, but this ` +
        `StreetDesk knows only versions up to ${latestSchemaVersion}. It was ` +
        'written by a newer StreetDesk: update the app, or move the file ' +
        'aside to start with an empty store.',
    );
  }

  for (let version = current + 1; version <= upTo; version += 1) {
    const sql = migrations[version - 1];
    if (sql === undefined) break;

    db.transaction(() => {
      db.exec(sql);
      db.pragma(`user_version = ${version}`);
    })();
  }
}
