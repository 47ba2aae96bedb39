import type { ServiceRequest } from '../../shared/domain';

/**
 * A request as an importer or sync hands it to the store: the domain
 * fields plus the city's and Open311's extras that the console keeps but
 * does not show yet. The extras are optional; absent means unknown (null).
 */
export type StoredRequest = ServiceRequest & {
  subject?: string | null;
  reason?: string | null;
  serviceNotice?: string | null;
  addressId?: string | null;
};

/** The `requests` columns an upsert writes, in parameter order. */
export const requestColumns = [
  'service_request_id',
  'service_code',
  'service_name',
  'description',
  'status',
  'status_notes',
  'agency_responsible',
  'service_notice',
  'requested_at',
  'updated_at',
  'sla_due_at',
  'closed_at',
  'address',
  'address_id',
  'zipcode',
  'lat',
  'long',
  'media_url',
  'queue',
  'department',
  'neighborhood',
  'source',
  'subject',
  'reason',
  'closure_reason',
] as const;

type SqlValue = string | number | null;

/** The upsert's parameters for one request, in `requestColumns` order. */
export function toRowValues(request: StoredRequest): SqlValue[] {
  return [
    request.serviceRequestId,
    request.serviceCode,
    request.serviceName,
    request.description,
    request.status,
    request.statusNotes,
    request.agencyResponsible,
    request.serviceNotice ?? null,
    request.requestedAt,
    request.updatedAt,
    request.slaDueAt,
    request.closedAt,
    request.address,
    request.addressId ?? null,
    request.zipcode,
    request.lat,
    request.long,
    request.mediaUrl,
    request.queue,
    request.department,
    request.neighborhood,
    request.source,
    request.subject ?? null,
    request.reason ?? null,
    request.closureReason,
  ];
}

/** A `requests` row as better-sqlite3 returns it. */
export type RequestRow = {
  service_request_id: string;
  service_code: string;
  service_name: string;
  description: string | null;
  status: 'open' | 'closed';
  status_notes: string | null;
  agency_responsible: string | null;
  requested_at: number;
  updated_at: number | null;
  sla_due_at: number | null;
  closed_at: number | null;
  address: string | null;
  zipcode: string | null;
  lat: number | null;
  long: number | null;
  media_url: string | null;
  queue: string | null;
  department: string | null;
  neighborhood: string | null;
  source: string | null;
  closure_reason: string | null;
};

export function fromRow(row: RequestRow): ServiceRequest {
  return {
    serviceRequestId: row.service_request_id,
    serviceCode: row.service_code,
    serviceName: row.service_name,
    description: row.description,
    status: row.status,
    statusNotes: row.status_notes,
    agencyResponsible: row.agency_responsible,
    requestedAt: row.requested_at,
    updatedAt: row.updated_at,
    slaDueAt: row.sla_due_at,
    closedAt: row.closed_at,
    address: row.address,
    zipcode: row.zipcode,
    lat: row.lat,
    long: row.long,
    mediaUrl: row.media_url,
    queue: row.queue,
    department: row.department,
    neighborhood: row.neighborhood,
    source: row.source,
    closureReason: row.closure_reason,
  };
}
