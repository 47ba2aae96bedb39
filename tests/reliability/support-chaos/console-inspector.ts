// Reads a console's database from the side, read-only, as the tests' own
// witness: its confirmed server state, its view rows and its bookkeeping.
// Plain SQL on purpose, so a bug in the store's queries cannot hide itself.
import Database from 'better-sqlite3';

import {
  bucketDigests,
  digestOf,
  type Versioned,
} from '../../../src/shared/sync-checksum';
import { crewSchema } from '../../../src/shared/sync-protocol';
import {
  fromConfirmedRow,
  syncRequestColumns,
  viewValues,
  type ConfirmedRow,
} from '../../../src/main/store/sync-request-row';

export type ConsoleInspector = {
  consoleId(): string;
  confirmedVersions(): Versioned[];
  requestDigests(): string[];
  crewDigest(): string;
  confirmedCount(): number;
  /** View rows that differ from what confirmed state says they should be. */
  viewMismatches(): string[];
  integrity(): string;
  close(): void;
};

type ViewRow = Record<string, unknown> & { pending: number };

export function openConsoleInspector(path: string): ConsoleInspector {
  const db = new Database(path, { readonly: true, fileMustExist: true });

  const versions = (): Versioned[] =>
    db
      .prepare<[], Versioned>(
        'SELECT service_request_id AS id, version FROM requests_confirmed',
      )
      .all();

  return {
    consoleId() {
      const row = db
        .prepare<[], { value: string }>(
          "SELECT value FROM sync_state WHERE key = 'console_id'",
        )
        .get();
      if (row === undefined) throw new Error('The console has no id yet.');
      return row.value;
    },
    confirmedVersions: versions,
    requestDigests: () => bucketDigests(versions()),
    crewDigest() {
      const records = db
        .prepare<[], { record: string }>('SELECT record FROM crews_confirmed')
        .all();
      return digestOf(
        records.map(({ record }) => {
          const crew = crewSchema.parse(JSON.parse(record));
          return { id: crew.crewId, version: crew.version };
        }),
      );
    },
    confirmedCount: () =>
      db
        .prepare<[], number>('SELECT count(*) FROM requests_confirmed')
        .pluck()
        .get() ?? 0,
    viewMismatches() {
      const confirmed = db
        .prepare<[], ConfirmedRow>('SELECT * FROM requests_confirmed')
        .all();
      const view = new Map(
        db
          .prepare<[], ViewRow>('SELECT * FROM requests')
          .all()
          .map((row) => [String(row.service_request_id), row]),
      );

      const problems: string[] = [];
      for (const row of confirmed) {
        const id = row.service_request_id;
        const shown = view.get(id);
        view.delete(id);
        if (shown === undefined) {
          problems.push(`${id}: confirmed but not in the view`);
          continue;
        }
        const expected = viewValues(fromConfirmedRow(row));
        syncRequestColumns.forEach((column, index) => {
          if (shown[column] !== expected[index]) {
            problems.push(
              `${id}.${column}: view ${String(shown[column])}, ` +
                `confirmed ${String(expected[index])}`,
            );
          }
        });
        if (shown.pending !== 0) problems.push(`${id}: still pending`);
      }
      for (const id of view.keys()) {
        problems.push(`${id}: in the view but not confirmed`);
      }
      return problems;
    },
    integrity: () => String(db.prepare('PRAGMA integrity_check').pluck().get()),
    close: () => db.close(),
  };
}
