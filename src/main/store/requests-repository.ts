import type { ServiceRequest } from '../../shared/domain';
import type { SqliteDatabase } from './database';
import type { OpenRequestsFeed } from './open-requests-feed';
import {
  fromRow,
  requestColumns,
  toRowValues,
  type RequestRow,
  type StoredRequest,
} from './stored-request';

export type RequestsRepository = {
  getRequest(id: string): ServiceRequest | null;
  countRequests(): number;
  upsertRequests(rows: readonly StoredRequest[]): number;
};

/** Past this many in one batch, the queue index is read again whole. */
const ONE_BY_ONE_LIMIT = 1_000;

const updatedColumns = requestColumns
  .filter((column) => column !== 'service_request_id')
  .map((column) => `${column} = excluded.${column}`)
  .join(', ');

// Imported requests are stored as confirmed state: with no central API,
// what the import says is all the console knows. A changed request gets a
// new version so that sync can tell edits apart.
const upsertSql = `
  INSERT INTO requests_confirmed (${requestColumns.join(', ')},
    work_status, version)
  VALUES (${requestColumns.map(() => '?').join(', ')}, ?, 1)
  ON CONFLICT (service_request_id) DO UPDATE SET
    ${updatedColumns}, work_status = excluded.work_status,
    version = requests_confirmed.version + 1`;

/** Why a request cannot be stored, or null if it can. */
export function invalidRequest(request: StoredRequest): string | null {
  const id = request.serviceRequestId;
  if (id.length < 1 || id.length > 64) return 'its id is not 1-64 characters';
  if (request.serviceCode === '') return 'it has no service code';
  if (request.serviceName === '') return 'it has no service name';
  if (request.status !== 'open' && request.status !== 'closed') {
    return `its status "${String(request.status)}" is not open or closed`;
  }
  if ((request.lat === null) !== (request.long === null)) {
    return 'it has one coordinate without the other';
  }
  if (request.lat !== null && (request.lat < -90 || request.lat > 90)) {
    return `its latitude ${request.lat} is outside -90..90`;
  }
  if (request.long !== null && (request.long < -180 || request.long > 180)) {
    return `its longitude ${request.long} is outside -180..180`;
  }
  if (request.closedAt !== null) {
    if (request.status === 'open') return 'it is open but has a close time';
    if (request.closedAt < request.requestedAt) {
      return 'it closed before it was opened';
    }
  }
  return null;
}

export function createRequestsRepository(
  db: SqliteDatabase,
  feed: OpenRequestsFeed,
): RequestsRepository {
  const selectOne = db.prepare<[string], RequestRow>(
    'SELECT * FROM requests WHERE service_request_id = ?',
  );
  const countAll = db
    .prepare<[], number>('SELECT count(*) FROM requests_confirmed')
    .pluck();
  const upsert = db.prepare(upsertSql);

  const upsertAll = db.transaction((rows: readonly StoredRequest[]) => {
    for (const request of rows) {
      const problem = invalidRequest(request);
      try {
        if (problem !== null) throw new Error(problem);
        upsert.run([...toRowValues(request), request.status]);
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

    if (rows.length > ONE_BY_ONE_LIMIT) feed.changedAll();
    else for (const request of rows) feed.changed(request.serviceRequestId);
    return rows.length;
  });

  return {
    getRequest(id) {
      const row = selectOne.get(id);

      return row === undefined ? null : fromRow(row);
    },
    countRequests: () => countAll.get() ?? 0,
    upsertRequests: (rows) => (rows.length === 0 ? 0 : upsertAll(rows)),
  };
}
