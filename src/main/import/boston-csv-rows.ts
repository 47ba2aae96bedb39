import { requestIdSchema } from '../../shared/contract';
import type { StoredRequest } from '../store/stored-request';
import { parseCsv } from './csv-parser';
import { parseIsoDateTime } from './iso-time';
import { checkCoordinates, isCityHallPlaceholder } from './location';
import { serviceCodeFor } from './service-code';
import { readTextChunks } from './text-source';

/** Columns every Boston 311 export has and the import cannot do without. */
const REQUIRED_COLUMNS = [
  'case_enquiry_id',
  'open_dt',
  'target_dt',
  'closed_dt',
  'case_status',
  'type',
  'latitude',
  'longitude',
] as const;

/** Columns copied when present, left empty (null) when absent. */
const OPTIONAL_COLUMNS = [
  'case_title',
  'closure_reason',
  'subject',
  'reason',
  'queue',
  'department',
  'location',
  'neighborhood',
  'location_zipcode',
  'source',
] as const;

type Column =
  (typeof REQUIRED_COLUMNS)[number] | (typeof OPTIONAL_COLUMNS)[number];

type ColumnIndex = Record<Column, number>;

export type BostonRow =
  | { ok: true; line: number; request: StoredRequest }
  | { ok: false; line: number; reason: string };

function indexColumns(header: string[], path: string): ColumnIndex {
  const names = header.map((name) => name.trim().toLowerCase());
  const missing = REQUIRED_COLUMNS.filter((name) => !names.includes(name));

  if (missing.length > 0) {
    throw new Error(
      `${path} is not a Boston 311 CSV export: its header lacks ` +
        `${missing.join(', ')}. The header has: ${names.join(', ')}. ` +
        'Export the cases again with all columns.',
    );
  }

  const index = {} as ColumnIndex;
  for (const name of [...REQUIRED_COLUMNS, ...OPTIONAL_COLUMNS]) {
    index[name] = names.indexOf(name);
  }

  return index;
}

/** A date-time column: epoch ms, null when blank, or a reason. */
function dateField(
  value: string,
  column: string,
): { ok: true; ms: number | null } | { ok: false; reason: string } {
  if (value.trim() === '') return { ok: true, ms: null };

  const ms = parseIsoDateTime(value);
  if (ms === null) {
    return {
      ok: false,
      reason:
        `${column} "${value.slice(0, 40)}" is not an ISO-8601 date-time ` +
        'with a zone (like 2015-01-31T08:30:00-05:00)',
    };
  }

  return { ok: true, ms };
}

/** Maps one CSV record to a request, or says why it cannot be one. */
export function bostonRecordToRequest(
  fields: string[],
  index: ColumnIndex,
): { ok: true; request: StoredRequest } | { ok: false; reason: string } {
  const get = (column: Column) => {
    const at = index[column];
    return at < 0 ? '' : (fields[at] ?? '');
  };
  const optional = (column: Column) => {
    const value = get(column).trim();
    return value === '' ? null : value;
  };

  const id = get('case_enquiry_id').trim();
  if (id === '') return { ok: false, reason: 'case_enquiry_id is empty' };
  if (!requestIdSchema.safeParse(id).success) {
    return {
      ok: false,
      reason: `case_enquiry_id "${id.slice(0, 40)}" is not 1-64 letters, digits or _.:-`,
    };
  }

  const serviceName = get('type').trim();
  if (serviceName === '') return { ok: false, reason: 'type is empty' };

  const statusText = get('case_status').trim().toLowerCase();
  if (statusText !== 'open' && statusText !== 'closed') {
    return {
      ok: false,
      reason: `case_status "${get('case_status').slice(0, 40)}" is neither Open nor Closed`,
    };
  }

  const opened = dateField(get('open_dt'), 'open_dt');
  if (!opened.ok) return opened;
  if (opened.ms === null) return { ok: false, reason: 'open_dt is empty' };

  const due = dateField(get('target_dt'), 'target_dt');
  if (!due.ok) return due;

  const closed = dateField(get('closed_dt'), 'closed_dt');
  if (!closed.ok) return closed;
  if (closed.ms !== null && closed.ms < opened.ms) {
    return { ok: false, reason: 'closed_dt is before open_dt' };
  }
  if (statusText === 'open' && closed.ms !== null) {
    return { ok: false, reason: 'case_status is Open but closed_dt is set' };
  }

  const latText = get('latitude').trim();
  const longText = get('longitude').trim();
  let lat: number | null = null;
  let long: number | null = null;

  if (latText !== '' || longText !== '') {
    if (latText === '' || longText === '') {
      return {
        ok: false,
        reason: 'latitude and longitude must both be given or both be blank',
      };
    }

    const checked = checkCoordinates(Number(latText), Number(longText));
    if (!checked.ok) return checked;
    if (
      checked.location &&
      !isCityHallPlaceholder(checked.location.lat, checked.location.long)
    ) {
      ({ lat, long } = checked.location);
    }
  }

  const department = optional('department');

  return {
    ok: true,
    request: {
      serviceRequestId: id,
      serviceCode: serviceCodeFor(serviceName),
      serviceName,
      description: optional('case_title'),
      status: statusText,
      statusNotes: null,
      agencyResponsible: department,
      requestedAt: opened.ms,
      updatedAt: closed.ms,
      slaDueAt: due.ms,
      closedAt: closed.ms,
      address: optional('location'),
      zipcode: optional('location_zipcode'),
      lat,
      long,
      mediaUrl: null,
      queue: optional('queue'),
      department,
      neighborhood: optional('neighborhood'),
      source: optional('source'),
      closureReason: optional('closure_reason'),
      subject: optional('subject'),
      reason: optional('reason'),
    },
  };
}

/**
 * Reads a Boston 311 CSV export (plain or gzip) and yields its rows in
 * batches, each row either a request or the reason it is unusable. Throws
 * before yielding anything if the header lacks a required column.
 */
export async function* readBostonCsv(
  path: string,
): AsyncGenerator<BostonRow[]> {
  let index: ColumnIndex | null = null;
  let columnCount = 0;

  for await (const records of parseCsv(readTextChunks(path))) {
    const rows: BostonRow[] = [];

    for (const record of records) {
      if (index === null) {
        if (record.error !== null) {
          throw new Error(
            `${path}: the header row (line ${record.line}) is malformed: ` +
              `${record.error}.`,
          );
        }
        index = indexColumns(record.fields, path);
        columnCount = record.fields.length;
        continue;
      }

      const { line } = record;
      if (record.error !== null) {
        rows.push({ ok: false, line, reason: record.error });
      } else if (record.fields.length !== columnCount) {
        rows.push({
          ok: false,
          line,
          reason: `the row has ${record.fields.length} fields but the header has ${columnCount}`,
        });
      } else {
        rows.push({ line, ...bostonRecordToRequest(record.fields, index) });
      }
    }

    if (rows.length > 0) yield rows;
  }

  if (index === null) {
    throw new Error(
      `${path} is empty: a Boston 311 CSV needs a header row and cases.`,
    );
  }
}
