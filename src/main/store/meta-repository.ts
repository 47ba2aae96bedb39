import type { SqliteDatabase } from './database';

export type MetaRepository = {
  getMeta(key: string): string | null;
  setMeta(key: string, value: string): void;
};

export function createMetaRepository(db: SqliteDatabase): MetaRepository {
  const select = db
    .prepare<[string], string>('SELECT value FROM app_meta WHERE key = ?')
    .pluck();
  const upsert = db.prepare<[string, string]>(
    `INSERT INTO app_meta (key, value) VALUES (?, ?)
     ON CONFLICT (key) DO UPDATE SET value = excluded.value`,
  );

  return {
    getMeta: (key) => select.get(key) ?? null,
    setMeta(key, value) {
      upsert.run(key, value);
    },
  };
}
