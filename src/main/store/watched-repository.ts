import type { SqliteDatabase } from './database';

/** Requests the user asked to be alerted about, on this console only. */
export type WatchedRepository = {
  listWatched(): string[];
  setWatched(requestId: string, watched: boolean, at: number): boolean;
};

/** More than this many watched requests is a mistake, not a watch list. */
export const MAX_WATCHED = 500;

export function createWatchedRepository(db: SqliteDatabase): WatchedRepository {
  const list = db
    .prepare<[], string>(
      'SELECT request_id FROM watched_requests ORDER BY watched_at, request_id',
    )
    .pluck();
  const count = db
    .prepare<[], number>('SELECT count(*) FROM watched_requests')
    .pluck();
  const add = db.prepare<[string, number]>(
    `INSERT INTO watched_requests (request_id, watched_at) VALUES (?, ?)
     ON CONFLICT (request_id) DO NOTHING`,
  );
  const remove = db.prepare<[string]>(
    'DELETE FROM watched_requests WHERE request_id = ?',
  );

  const setWatched = db.transaction(
    (requestId: string, watched: boolean, at: number) => {
      if (!watched) {
        remove.run(requestId);
        return false;
      }
      if (
        (count.get() ?? 0) >= MAX_WATCHED &&
        !list.all().includes(requestId)
      ) {
        throw new Error(
          `You already watch ${MAX_WATCHED} requests; stop watching some ` +
            'before watching more.',
        );
      }
      add.run(requestId, at);
      return true;
    },
  );

  return {
    listWatched: () => list.all(),
    setWatched: (requestId, watched, at) => setWatched(requestId, watched, at),
  };
}
