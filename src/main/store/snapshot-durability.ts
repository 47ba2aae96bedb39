// The settings a snapshot reload writes under. A reload stores confirmed
// server state only, which the console can fetch again, so it may trade
// the last commits on a power cut for speed; what a user did (the outbox,
// its intents) must never be written this way.
import type { SqliteDatabase } from './database';

/** Page cache for a reload's writes, in KiB (a negative cache_size). */
const SNAPSHOT_CACHE_KIB = 64 * 1024;

/** SQLite's number for synchronous = NORMAL. */
const NORMAL = 1;

/**
 * Runs `write` (one synchronous transaction of snapshot data) with
 * synchronous = NORMAL and a large page cache, then restores the
 * connection's settings, also when `write` throws.
 *
 * Why NORMAL is safe here: in WAL mode a crash or power cut under NORMAL
 * can lose the newest commits but never corrupts the file, and a later
 * FULL commit syncs the whole WAL, so what survives is always a prefix of
 * the commits. A lost snapshot page or finish leaves `last_pulled_seq`
 * unset or older, and the console reloads or pulls again. `write` is
 * synchronous, so no intent can be recorded while NORMAL is in force.
 */
export function writeSnapshotData<T>(db: SqliteDatabase, write: () => T): T {
  const synchronous = db.pragma('synchronous', { simple: true }) as number;
  const cacheSize = db.pragma('cache_size', { simple: true }) as number;

  db.pragma(`synchronous = ${Math.min(synchronous, NORMAL)}`);
  db.pragma(`cache_size = ${-SNAPSHOT_CACHE_KIB}`);
  try {
    return write();
  } finally {
    db.pragma(`synchronous = ${synchronous}`);
    db.pragma(`cache_size = ${cacheSize}`);
  }
}
