// The sync bookkeeping: one key/value table (`sync_state`).
import { randomUUID } from 'node:crypto';

import type { SqliteDatabase } from './database';

export type SyncStateKey =
  | 'console_id'
  | 'next_intent_seq'
  | 'last_pulled_seq'
  | 'last_sync_at'
  | 'clock_offset_ms'
  | 'server_url'
  | 'signed_in_as'
  /** The console's chosen basemap, as JSON (console-preferences.ts). */
  | 'basemap_source'
  /** SLA alert preferences, as JSON. */
  | 'notification_prefs'
  /** Set once the person finished the first-run setup guide. */
  | 'setup_done';

export type SyncStateRepository = {
  get(key: SyncStateKey): string | null;
  set(key: SyncStateKey, value: string | null): void;
  getNumber(key: SyncStateKey, fallback: number): number;
  setNumber(key: SyncStateKey, value: number): void;
  /** This console's id, made once and kept. */
  consoleId(): string;
};

export function createSyncStateRepository(
  db: SqliteDatabase,
): SyncStateRepository {
  const select = db
    .prepare<[string], string>('SELECT value FROM sync_state WHERE key = ?')
    .pluck();
  const upsert = db.prepare<[string, string]>(
    `INSERT INTO sync_state (key, value) VALUES (?, ?)
     ON CONFLICT (key) DO UPDATE SET value = excluded.value`,
  );
  const remove = db.prepare<[string]>('DELETE FROM sync_state WHERE key = ?');

  const get = (key: SyncStateKey) => select.get(key) ?? null;
  const set = (key: SyncStateKey, value: string | null) => {
    if (value === null) remove.run(key);
    else upsert.run(key, value);
  };
  const makeConsoleId = db.transaction(() => {
    const existing = get('console_id');
    if (existing !== null) return existing;

    const id = randomUUID();
    set('console_id', id);
    return id;
  });

  return {
    get,
    set,
    getNumber(key, fallback) {
      const value = Number(get(key));
      return get(key) === null || !Number.isFinite(value) ? fallback : value;
    },
    setNumber: (key, value) => set(key, String(value)),
    consoleId: () => makeConsoleId(),
  };
}
