import { readFile, stat } from 'node:fs/promises';

import type { Store } from '../store/store';
import type { StoredRequest } from '../store/stored-request';
import {
  createBadRowList,
  type BadEntry,
  type ImportReport,
} from './import-report';
import { open311EntryToRequest } from './open311-entry';

/** A GeoReport v2 JSON file is read whole; this bounds the memory used. */
export const MAX_OPEN311_JSON_BYTES = 256 * 1024 * 1024;

export type Open311JsonSource =
  { path: string; batchSize?: number } | { text: string; batchSize?: number };

async function readSource(source: Open311JsonSource): Promise<string> {
  if ('text' in source) return source.text;

  const { size } = await stat(source.path);
  if (size > MAX_OPEN311_JSON_BYTES) {
    throw new Error(
      `${source.path} is ${size} bytes; Open311 JSON imports are limited ` +
        `to ${MAX_OPEN311_JSON_BYTES} bytes. Split the export into smaller files.`,
    );
  }

  return readFile(source.path, 'utf8');
}

/**
 * Imports a GeoReport v2 JSON array of service requests. Good entries load;
 * bad ones are reported by array index with the reason. Throws when the
 * input is not JSON or not an array.
 */
export async function importOpen311Json(
  store: Store,
  source: Open311JsonSource,
): Promise<ImportReport<BadEntry>> {
  const name = 'path' in source ? source.path : 'The Open311 JSON';
  const text = await readSource(source);

  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`${name} is not valid JSON (${reason}).`, {
      cause: error,
    });
  }
  if (!Array.isArray(parsed)) {
    throw new Error(
      `${name} must be a JSON array of service requests (GeoReport v2), ` +
        `but it is ${parsed === null ? 'null' : typeof parsed}.`,
    );
  }

  const batchSize = source.batchSize ?? 5_000;
  const bad = createBadRowList<BadEntry>();
  let batch: StoredRequest[] = [];
  let imported = 0;

  for (const [index, entry] of (parsed as unknown[]).entries()) {
    const result = open311EntryToRequest(entry);
    if (!result.ok) {
      bad.add({ index, reason: result.reason });
      continue;
    }

    batch.push(result.request);
    if (batch.length >= batchSize) {
      imported += store.upsertRequests(batch);
      batch = [];
    }
  }
  imported += store.upsertRequests(batch);

  return { imported, badRows: bad.rows, badRowCount: bad.count };
}
