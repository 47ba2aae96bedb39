import { requestIdSchema } from '../../shared/contract';
import type { StoredRequest } from '../store/stored-request';
import { parseIsoDateTime } from './iso-time';
import { checkCoordinates } from './location';
import { serviceCodeFor } from './service-code';

/** Longest text kept per field; longer is refused, not cut silently. */
const MAX_CHARS = {
  service_name: 200,
  service_code: 64,
  description: 10_000,
  status_notes: 10_000,
  agency_responsible: 200,
  service_notice: 2_000,
  address: 500,
  address_id: 200,
  zipcode: 20,
  media_url: 2_048,
} as const;

type TextField = keyof typeof MAX_CHARS;

class EntryProblem extends Error {}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return 'an object';
  return typeof value === 'string' ? 'a string' : `a ${typeof value}`;
}

function optionalText(entry: Record<string, unknown>, field: TextField) {
  const value = entry[field];
  if (value === undefined || value === null) return null;
  if (typeof value !== 'string') {
    throw new EntryProblem(`${field} is ${describe(value)}, not a string`);
  }
  if (value.length > MAX_CHARS[field]) {
    throw new EntryProblem(
      `${field} is ${value.length} characters; the most kept is ${MAX_CHARS[field]}`,
    );
  }

  const trimmed = value.trim();
  return trimmed === '' ? null : trimmed;
}

function optionalTime(entry: Record<string, unknown>, field: string) {
  const value = entry[field];
  if (value === undefined || value === null || value === '') return null;
  if (typeof value !== 'string') {
    throw new EntryProblem(`${field} is ${describe(value)}, not a date-time`);
  }

  const ms = parseIsoDateTime(value);
  if (ms === null) {
    throw new EntryProblem(
      `${field} "${value.slice(0, 40)}" is not an ISO-8601 date-time ` +
        'with a zone (like 2015-01-31T08:30:00-05:00)',
    );
  }

  return ms;
}

function optionalCoordinate(entry: Record<string, unknown>, field: string) {
  const value = entry[field];
  if (value === undefined || value === null || value === '') return null;
  if (typeof value === 'number') return value;
  if (typeof value === 'string' && /^\s*-?\d+(\.\d+)?\s*$/.test(value)) {
    return Number(value);
  }

  throw new EntryProblem(`${field} is ${describe(value)}, not a number`);
}

function requestId(value: unknown): string {
  const id =
    typeof value === 'number' && Number.isSafeInteger(value)
      ? String(value)
      : value;
  if (id === undefined || id === null || id === '') {
    throw new EntryProblem('service_request_id is missing');
  }
  if (typeof id !== 'string') {
    throw new EntryProblem(
      `service_request_id is ${describe(id)}, not a string`,
    );
  }
  if (!requestIdSchema.safeParse(id.trim()).success) {
    throw new EntryProblem(
      `service_request_id "${id.slice(0, 40)}" is not 1-64 letters, digits or _.:-`,
    );
  }

  return id.trim();
}

function mediaUrl(entry: Record<string, unknown>): string | null {
  const text = optionalText(entry, 'media_url');
  if (text === null) return null;

  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new EntryProblem('media_url is not a URL');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new EntryProblem(
      `media_url uses ${url.protocol}; only http and https links are kept`,
    );
  }

  return url.href;
}

function toRequest(value: unknown): StoredRequest {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new EntryProblem(`the entry is ${describe(value)}, not an object`);
  }
  const entry = value as Record<string, unknown>;

  const serviceRequestId = requestId(entry.service_request_id);

  const status =
    typeof entry.status === 'string' ? entry.status.toLowerCase() : null;
  if (status !== 'open' && status !== 'closed') {
    throw new EntryProblem('status must be "open" or "closed"');
  }

  const serviceName =
    optionalText(entry, 'service_name') ?? optionalText(entry, 'service_code');
  if (serviceName === null) {
    throw new EntryProblem('service_name and service_code are both missing');
  }

  const requestedAt = optionalTime(entry, 'requested_datetime');
  if (requestedAt === null) {
    throw new EntryProblem('requested_datetime is missing');
  }
  const updatedAt = optionalTime(entry, 'updated_datetime');
  if (updatedAt !== null && updatedAt < requestedAt) {
    throw new EntryProblem('updated_datetime is before requested_datetime');
  }

  const lat = optionalCoordinate(entry, 'lat');
  const long = optionalCoordinate(entry, 'long');
  if ((lat === null) !== (long === null)) {
    throw new EntryProblem('lat and long must both be given or both be absent');
  }
  if (lat !== null && long !== null) {
    const checked = checkCoordinates(lat, long);
    if (!checked.ok) throw new EntryProblem(checked.reason);
  }

  const agency = optionalText(entry, 'agency_responsible');

  return {
    serviceRequestId,
    serviceCode:
      optionalText(entry, 'service_code') ?? serviceCodeFor(serviceName),
    serviceName,
    description: optionalText(entry, 'description'),
    status,
    statusNotes: optionalText(entry, 'status_notes'),
    agencyResponsible: agency,
    requestedAt,
    updatedAt,
    slaDueAt: optionalTime(entry, 'expected_datetime'),
    // GeoReport v2 has no close time: the last update is the best known.
    closedAt: status === 'closed' ? updatedAt : null,
    address: optionalText(entry, 'address'),
    zipcode: optionalText(entry, 'zipcode'),
    lat,
    long,
    mediaUrl: mediaUrl(entry),
    queue: null,
    department: agency,
    neighborhood: null,
    source: null,
    closureReason: null,
    serviceNotice: optionalText(entry, 'service_notice'),
    addressId: optionalText(entry, 'address_id'),
  };
}

/** One GeoReport v2 request object as a request, or why it is unusable. */
export function open311EntryToRequest(
  value: unknown,
): { ok: true; request: StoredRequest } | { ok: false; reason: string } {
  try {
    return { ok: true, request: toRequest(value) };
  } catch (error) {
    if (error instanceof EntryProblem)
      return { ok: false, reason: error.message };
    throw error;
  }
}
