import type { ServiceRequest } from '../../shared/domain';
import type { SqliteDatabase } from './database';
import {
  fromRow,
  requestColumns,
  toRowValues,
  type RequestRow,
  type StoredRequest,
} from './stored-request';

export type RequestsRepository = {
  getRequest(id: string): ServiceRequest | null;
  countOpenRequests(): number;
  countRequests(): number;
  upsertRequests(rows: readonly StoredRequest[]): number;
};

const updatedColumns = requestColumns
  .filter((column) => column !== 'service_request_id')
  .map((column) => `${column} = excluded.${column}`)
  .join(', ');

// A changed request gets a new version so that sync can tell edits apart.
const upsertSql = `
  INSERT INTO requests (${requestColumns.join(', ')})
  VALUES (${requestColumns.map(() => '?').join(', ')})
  ON CONFLICT (service_request_id) DO UPDATE SET
    ${updatedColumns}, version = requests.version + 1`;

export function createRequestsRepository(
  db: SqliteDatabase,
): RequestsRepository {
  const selectOne = db.prepare<[string], RequestRow>(
    'SELECT * FROM requests WHERE service_request_id = ?',
  );
  const countOpen = db
    .prepare<[], number>("SELECT count(*) FROM requests WHERE status = 'open'")
    .pluck();
  const countAll = db
    .prepare<[], number>('SELECT count(*) FROM requests')
    .pluck();
  const upsert = db.prepare(upsertSql);

  const upsertAll = db.transaction((rows: readonly StoredRequest[]) => {
    for (const request of rows) {
      try {
        upsert.run(toRowValues(request));
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        throw new Error(
          `Request ${request.serviceRequestId} could not be stored ` +
            `(${reason}); nothing from this batch was saved. Fix or drop ` +
            'that request and import again.',
          { cause: error },
        );
      }
    }

    return rows.length;
  });

  return {
    getRequest(id) {
      const row = selectOne.get(id);

      return row === undefined ? null : fromRow(row);
    },
    countOpenRequests: () => countOpen.get() ?? 0,
    countRequests: () => countAll.get() ?? 0,
    upsertRequests: (rows) => (rows.length === 0 ? 0 : upsertAll(rows)),
  };
}
