// A store in a temporary file with random requests, some given a work
// status and a crew through a second connection (imports carry none).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import Database from 'better-sqlite3';

import { openStore, type Store } from '../../../src/main/store/store';
import type { ServiceRequest } from '../../../src/shared/domain';
import type { WorkStatus } from '../../../src/shared/sync-protocol';

export const QUEUES = ['PWDx_District 04', 'BTDT_Signs', 'INFO_Mass DOT'];
export const DEPARTMENTS = ['PWDx', 'BTDT', 'INFO'];
export const CREWS = ['PWD-04-A', 'PWD-04-B', 'BTD-1'];

export type DispatchedRequest = ServiceRequest & {
  workStatus: WorkStatus;
  assignedCrewId: string | null;
};

export type FilteredStore = {
  store: Store;
  all: DispatchedRequest[];
  close(): void;
};

export function openFilteredStore(
  requests: ServiceRequest[],
  next: () => number,
): FilteredStore {
  const folder = mkdtempSync(join(tmpdir(), 'streetdesk-filters-'));
  const path = join(folder, 'store.db');
  const store = openStore(path);
  const pick = <T>(values: readonly T[]) =>
    values[Math.floor(next() * values.length)] as T;

  const all = requests.map((request, i): DispatchedRequest => {
    const crew = next() < 0.5 ? pick(CREWS) : null;
    const workStatus: WorkStatus =
      crew === null ? 'open' : pick(['assigned', 'in_progress', 'resolved']);

    return {
      ...request,
      queue: i % 11 === 0 ? null : pick(QUEUES),
      department: i % 13 === 0 ? null : pick(DEPARTMENTS),
      workStatus,
      assignedCrewId: crew,
    };
  });
  store.upsertRequests(all);

  const db = new Database(path);
  const update = db.prepare(
    `UPDATE requests_confirmed SET work_status = ?, assigned_crew_id = ?
     WHERE service_request_id = ?`,
  );
  db.transaction(() => {
    for (const r of all) {
      update.run(r.workStatus, r.assignedCrewId, r.serviceRequestId);
    }
  })();
  db.close();

  return {
    store,
    all,
    close() {
      store.close();
      rmSync(folder, { recursive: true, force: true });
    },
  };
}
