import type { Store } from '../store/store';
import type { StoredRequest } from '../store/stored-request';
import { readBostonCsv } from './boston-csv-rows';
import {
  createBadRowList,
  type BadRow,
  type ImportReport,
} from './import-report';

export type BostonCsvImportOptions = {
  /** A .csv or .csv.gz Boston 311 export. */
  path: string;
  /** Requests written per transaction. */
  batchSize?: number;
};

/**
 * Imports a Boston 311 CSV export into the store. Good rows load (an
 * existing request is replaced); bad rows are reported with their line and
 * the reason, and never stop the import. Throws only when the file cannot
 * be read or is not a Boston export at all.
 */
export async function importBostonCsv(
  store: Store,
  options: BostonCsvImportOptions,
): Promise<ImportReport<BadRow>> {
  const batchSize = options.batchSize ?? 5_000;
  const bad = createBadRowList<BadRow>();
  let batch: StoredRequest[] = [];
  let imported = 0;

  for await (const rows of readBostonCsv(options.path)) {
    for (const row of rows) {
      if (!row.ok) {
        bad.add({ line: row.line, reason: row.reason });
        continue;
      }

      batch.push(row.request);
      if (batch.length >= batchSize) {
        imported += store.upsertRequests(batch);
        batch = [];
      }
    }
  }

  imported += store.upsertRequests(batch);
  if (imported > 0) store.optimize();

  return { imported, badRows: bad.rows, badRowCount: bad.count };
}
