import type { SqliteDatabase } from './database';

/**
 * Results of read queries, kept until the database changes. A change by
 * this connection moves total_changes(); one by another connection moves
 * data_version. Either empties the cache, so a result is never stale.
 */
export function createQueryCache<T>(db: SqliteDatabase, maxEntries: number) {
  const totalChanges = db.prepare<[], number>('SELECT total_changes()').pluck();
  const entries = new Map<string, T>();
  let stamp = '';

  const currentStamp = () =>
    `${String(db.pragma('data_version', { simple: true }))}:` +
    String(totalChanges.get());

  return (key: string, compute: () => T): T => {
    const now = currentStamp();
    if (now !== stamp) {
      entries.clear();
      stamp = now;
    }

    const cached = entries.get(key);
    if (cached !== undefined) return cached;

    if (entries.size >= maxEntries) {
      const oldest = entries.keys().next().value;
      if (oldest !== undefined) entries.delete(oldest);
    }
    const value = compute();
    entries.set(key, value);

    return value;
  };
}
