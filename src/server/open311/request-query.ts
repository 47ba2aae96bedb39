// GET requests: the query string, checked, as an Open311RequestQuery.
import { parseIsoDateTime } from '../../main/import/iso-time';
import { Open311Error, quote } from './open311-error';
import type { Open311RequestQuery } from './open311-ports';

export const MAX_PAGE_SIZE = 1000;
export const DEFAULT_WINDOW_MS = 90 * 24 * 60 * 60 * 1000;
const MAX_IDS = 1000;
const MAX_CODES = 200;
const MAX_PAGE = 1_000_000;

const ID = /^[A-Za-z0-9_.:-]{1,64}$/;

const KNOWN = [
  'service_request_id',
  'service_code',
  'start_date',
  'end_date',
  'status',
  'updated_after',
  'page',
  'page_size',
  'jurisdiction_id',
  'api_key',
] as const;

type Known = (typeof KNOWN)[number];

const isKnown = (name: string): name is Known =>
  (KNOWN as readonly string[]).includes(name);

/** One value per known parameter; an empty value counts as not given. */
function collect(params: URLSearchParams, problems: string[]) {
  const values = new Map<Known, string>();

  for (const [name, value] of params) {
    if (!isKnown(name)) {
      problems.push(
        `${quote(name)} is not a parameter of GET requests; use ${KNOWN.join(', ')}`,
      );
    } else if (values.has(name)) {
      problems.push(`${name} is given twice; give it once, comma-separated`);
    } else if (value.trim() !== '') {
      values.set(name, value.trim());
    }
  }

  return values;
}

function list(text: string | undefined): string[] | null {
  if (text === undefined) return null;
  const items = text
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== '');

  return [...new Set(items)];
}

function date(
  values: Map<Known, string>,
  name: Known,
  problems: string[],
): number | null {
  const text = values.get(name);
  if (text === undefined) return null;

  const ms = parseIsoDateTime(text);
  if (ms === null) {
    problems.push(
      `${name} ${quote(text)} is not an ISO 8601 date-time with a zone ` +
        '(like 2015-01-31T08:30:00-05:00)',
    );
  }

  return ms;
}

function integer(
  values: Map<Known, string>,
  name: Known,
  fallback: number,
  max: number,
  problems: string[],
): number {
  const text = values.get(name);
  if (text === undefined) return fallback;

  if (!/^\d{1,9}$/.test(text) || Number(text) < 1 || Number(text) > max) {
    problems.push(`${name} ${quote(text)} is not a whole number 1-${max}`);
    return fallback;
  }

  return Number(text);
}

function ids(values: Map<Known, string>, problems: string[]) {
  const items = list(values.get('service_request_id'));
  if (items === null) return null;

  const bad = items.filter((item) => !ID.test(item));
  if (bad.length > 0) {
    problems.push(
      `service_request_id ${quote(bad[0]!)} is not an id ` +
        '(1-64 letters, digits or _.:-)',
    );
  }
  if (items.length > MAX_IDS) {
    problems.push(
      `service_request_id lists ${items.length} ids; ask for at most ${MAX_IDS}`,
    );
  }

  return items;
}

function serviceCodes(values: Map<Known, string>, problems: string[]) {
  const items = list(values.get('service_code'));
  if (items === null) return null;

  if (items.length > MAX_CODES || items.some((code) => code.length > 200)) {
    problems.push(
      `service_code must list at most ${MAX_CODES} codes of at most 200 ` +
        'characters; GET services.json lists the codes',
    );
  }

  return items;
}

function statuses(values: Map<Known, string>, problems: string[]) {
  const items = list(values.get('status'));
  if (items === null) return null;

  const bad = items.find((item) => item !== 'open' && item !== 'closed');
  if (bad !== undefined) {
    problems.push(`status ${quote(bad)} is not open or closed`);
    return null;
  }

  return items as ('open' | 'closed')[];
}

/**
 * The query of GET requests, or an Open311Error (400) naming every bad
 * parameter. With no dates and no updated_after, the window is the last
 * 90 days, as GeoReport v2 says; given only an end_date, it is the 90
 * days before it.
 */
export function parseRequestQuery(
  params: URLSearchParams,
  now: number,
): Open311RequestQuery {
  const problems: string[] = [];
  const values = collect(params, problems);

  const query: Open311RequestQuery = {
    ids: ids(values, problems),
    serviceCodes: serviceCodes(values, problems),
    statuses: statuses(values, problems),
    requestedFrom: date(values, 'start_date', problems),
    requestedTo: date(values, 'end_date', problems),
    updatedAfter: date(values, 'updated_after', problems),
    offset: 0,
    limit: integer(values, 'page_size', MAX_PAGE_SIZE, MAX_PAGE_SIZE, problems),
  };
  const page = integer(values, 'page', 1, MAX_PAGE, problems);
  query.offset = (page - 1) * query.limit;

  const { requestedFrom: from, requestedTo: to } = query;
  if (from !== null && to !== null && to < from) {
    problems.push('end_date is before start_date; swap them');
  }

  if (problems.length > 0) throw new Open311Error(400, problems);

  if (query.ids === null && from === null && query.updatedAfter === null) {
    query.requestedFrom = (to ?? now) - DEFAULT_WINDOW_MS;
  }

  return query;
}
