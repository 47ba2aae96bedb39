import type { SqliteDatabase } from './database';

/** Each crew's name by id, as the view shows the crews. */
export function createCrewNames(db: SqliteDatabase) {
  const select = db
    .prepare<[], [string, string]>('SELECT id, name FROM crews')
    .raw(true);

  return (): Map<string, string> => new Map(select.all());
}
