// The recently closed requests duplicate finding keeps as candidates,
// stored so that a restart or a reload does not forget them.
import type { DupCase } from '../duplicates/duplicate-types';
import type { SqliteDatabase } from './database';

export type ClosedCasesRepository = {
  /** Cases closed at or after `since`, oldest close first. */
  closedSince(since: number): DupCase[];
  /** Keeps (or replaces) a closed case; one without closedAt is refused. */
  keep(closed: DupCase): void;
  /** The request is open again: no longer a closed case. */
  forget(id: string): void;
  /** Drops the cases closed before `before`; returns how many. */
  forgetClosedBefore(before: number): number;
};

type ClosedCaseRow = {
  request_id: string;
  type: string;
  lat: number | null;
  long: number | null;
  address: string | null;
  description: string | null;
  opened_at: number;
  closed_at: number;
};

export function createClosedCasesRepository(
  db: SqliteDatabase,
): ClosedCasesRepository {
  const since = db.prepare<[number], ClosedCaseRow>(
    `SELECT * FROM closed_cases WHERE closed_at >= ?
     ORDER BY closed_at, request_id`,
  );
  const upsert = db.prepare<
    [
      string,
      string,
      number | null,
      number | null,
      string | null,
      string | null,
      number,
      number,
    ]
  >(
    `INSERT OR REPLACE INTO closed_cases
       (request_id, type, lat, long, address, description, opened_at,
        closed_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const remove = db.prepare<[string]>(
    'DELETE FROM closed_cases WHERE request_id = ?',
  );
  const removeBefore = db.prepare<[number]>(
    'DELETE FROM closed_cases WHERE closed_at < ?',
  );

  return {
    closedSince: (time) =>
      since.all(time).map((row) => ({
        id: row.request_id,
        type: row.type,
        lat: row.lat,
        long: row.long,
        address: row.address,
        description: row.description,
        openedAt: row.opened_at,
        closedAt: row.closed_at,
      })),
    keep(closed) {
      if (closed.closedAt === null) {
        throw new Error(
          `Request ${closed.id} is not closed: only closed requests are ` +
            'kept as closed duplicate candidates.',
        );
      }
      // A place is both coordinates or neither.
      const located = closed.lat !== null && closed.long !== null;
      upsert.run(
        closed.id,
        closed.type,
        located ? closed.lat : null,
        located ? closed.long : null,
        closed.address,
        closed.description,
        Math.round(closed.openedAt),
        Math.round(closed.closedAt),
      );
    },
    forget: (id) => void remove.run(id),
    forgetClosedBefore: (before) =>
      removeBefore.run(Math.round(before)).changes,
  };
}
