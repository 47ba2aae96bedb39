import type Database from 'better-sqlite3';

import { createCentralSchema } from './migrations/001-central-schema';
import { addMergesAndReporters } from './migrations/002-merges-and-reporters';
import { addSlaRuleChanges } from './migrations/003-sla-rule-changes';
import { addClosedByDue } from './migrations/004-closed-by-due';

/**
 * The central schema's history, oldest first. Migration n takes the file
 * from `user_version` n - 1 to n. Never edit a released one: add another.
 */
export const centralMigrations: readonly string[] = [
  createCentralSchema,
  addMergesAndReporters,
  addSlaRuleChanges,
  addClosedByDue,
];

export const latestCentralSchemaVersion = centralMigrations.length;

/**
 * Applies the migrations the file has not seen, each in its own
 * transaction. Refuses a file written by a newer server.
 */
export function migrateCentralDatabase(
  db: Database.Database,
  path: string,
): void {
  const current = db.pragma('user_version', { simple: true }) as number;

  if (current > latestCentralSchemaVersion) {
    throw new Error(
      `The central database at ${path} has schema version ${current}, but ` +
        `this server knows only up to ${latestCentralSchemaVersion}. Run the ` +
        'newer server that wrote it, or start with another --data-dir.',
    );
  }

  for (let version = current + 1; version <= latestCentralSchemaVersion;) {
    const sql = centralMigrations[version - 1];
    if (sql === undefined) break;

    db.transaction(() => {
      db.exec(sql);
      db.pragma(`user_version = ${version}`);
    })();
    version += 1;
  }
}
