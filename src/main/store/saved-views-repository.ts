import {
  MAX_SAVED_VIEWS,
  queueSortSchema,
  savedFilterSchema,
  type SavedView,
} from '../../shared/contract';
import type { SqliteDatabase } from './database';

export type SavedViewsRepository = {
  listSavedViews(): SavedView[];
  /** Creates or replaces the view of that name. */
  saveView(view: Omit<SavedView, 'savedAt'>, savedAt: number): SavedView[];
  deleteView(name: string): boolean;
};

type SavedViewRecord = {
  name: string;
  filter: string;
  sort: string;
  saved_at: number;
};

function toSavedView(record: SavedViewRecord): SavedView | null {
  // A view written by another version that no longer parses is skipped
  // rather than breaking the whole list.
  const filter = savedFilterSchema.safeParse(JSON.parse(record.filter));
  const sort = queueSortSchema.safeParse(JSON.parse(record.sort));
  if (!filter.success || !sort.success) return null;

  return {
    name: record.name,
    filter: filter.data,
    sort: sort.data,
    savedAt: record.saved_at,
  };
}

export function createSavedViewsRepository(
  db: SqliteDatabase,
): SavedViewsRepository {
  const selectAll = db.prepare<[], SavedViewRecord>(
    'SELECT name, filter, sort, saved_at FROM saved_views ORDER BY name',
  );
  const countOthers = db
    .prepare<[string], number>(
      'SELECT count(*) FROM saved_views WHERE name <> ?',
    )
    .pluck();
  const upsert = db.prepare<[string, string, string, number]>(
    `INSERT INTO saved_views (name, filter, sort, saved_at) VALUES (?, ?, ?, ?)
     ON CONFLICT (name) DO UPDATE SET filter = excluded.filter,
       sort = excluded.sort, saved_at = excluded.saved_at`,
  );
  const remove = db.prepare<[string]>('DELETE FROM saved_views WHERE name = ?');

  const listSavedViews = () =>
    selectAll.all().flatMap((record) => toSavedView(record) ?? []);

  const saveView = db.transaction(
    (view: Omit<SavedView, 'savedAt'>, savedAt: number) => {
      if ((countOthers.get(view.name) ?? 0) >= MAX_SAVED_VIEWS) {
        throw new Error(
          `StreetDesk keeps at most ${MAX_SAVED_VIEWS} saved views; delete ` +
            `one before saving "${view.name}".`,
        );
      }
      upsert.run(
        view.name,
        JSON.stringify(view.filter),
        JSON.stringify(view.sort),
        savedAt,
      );

      return listSavedViews();
    },
  );

  return {
    listSavedViews,
    saveView: (view, savedAt) => saveView(view, savedAt),
    deleteView: (name) => remove.run(name).changes > 0,
  };
}
