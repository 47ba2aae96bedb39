import type { Statement } from 'better-sqlite3';

import type { SqliteDatabase } from './database';

/**
 * Prepared statements keyed by their SQL. Queue filters make SQL of many
 * shapes (one placeholder per chosen type), so the cache is bounded and
 * drops its oldest entry when full.
 */
export function createStatementCache(db: SqliteDatabase, maxEntries = 200) {
  const statements = new Map<string, Statement>();

  return (sql: string): Statement => {
    const cached = statements.get(sql);
    if (cached !== undefined) return cached;

    if (statements.size >= maxEntries) {
      const oldest = statements.keys().next().value;
      if (oldest !== undefined) statements.delete(oldest);
    }

    const statement = db.prepare(sql);
    statements.set(sql, statement);

    return statement;
  };
}
