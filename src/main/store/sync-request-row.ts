// How a SyncRequest (the wire record) maps to the columns of
// `requests_confirmed` and of the `requests` view.
import type { SyncRequest } from '../../shared/sync-protocol';

type SqlValue = string | number | null;

/**
 * Both tables' columns for a SyncRequest, in parameter order: the order of
 * SYNC_REQUEST_FIELDS, so a snapshot row is stored as it comes.
 */
export const syncRequestColumns = [
  'service_request_id',
  'service_code',
  'service_name',
  'description',
  'status',
  'status_notes',
  'agency_responsible',
  'requested_at',
  'updated_at',
  'sla_due_at',
  'closed_at',
  'address',
  'zipcode',
  'lat',
  'long',
  'media_url',
  'queue',
  'department',
  'neighborhood',
  'source',
  'closure_reason',
  'work_status',
  'assigned_crew_id',
  'merged_into',
  'version',
] as const;

export function confirmedValues(request: SyncRequest): SqlValue[] {
  return [
    request.serviceRequestId,
    request.serviceCode,
    request.serviceName,
    request.description,
    request.status,
    request.statusNotes,
    request.agencyResponsible,
    request.requestedAt,
    request.updatedAt,
    request.slaDueAt,
    request.closedAt,
    request.address,
    request.zipcode,
    request.lat,
    request.long,
    request.mediaUrl,
    request.queue,
    request.department,
    request.neighborhood,
    request.source,
    request.closureReason,
    request.workStatus,
    request.assignedCrewId,
    request.mergedInto,
    request.version,
  ];
}

/**
 * The view row's values: the confirmed ones, bent where the server sent
 * something the view's CHECKs refuse (one coordinate without the other, a
 * closing time on an open request), so one odd record cannot wedge sync.
 */
export function viewValues(request: SyncRequest): SqlValue[] {
  const values = confirmedValues(request);
  const hasLocation = request.lat !== null && request.long !== null;
  let closedAt = request.status === 'closed' ? request.closedAt : null;
  if (closedAt !== null && closedAt < request.requestedAt) {
    closedAt = request.requestedAt;
  }

  values[1] = request.serviceCode === '' ? 'unknown' : request.serviceCode;
  values[2] =
    request.serviceName === ''
      ? request.serviceCode || 'Unknown service'
      : request.serviceName;
  values[10] = closedAt;
  values[13] = hasLocation ? request.lat : null;
  values[14] = hasLocation ? request.long : null;

  return values;
}

/** A `requests_confirmed` row as better-sqlite3 returns it. */
export type ConfirmedRow = {
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
  work_status: SyncRequest['workStatus'];
  assigned_crew_id: string | null;
  merged_into: string | null;
  version: number;
};

export function fromConfirmedRow(row: ConfirmedRow): SyncRequest {
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
    workStatus: row.work_status,
    assignedCrewId: row.assigned_crew_id,
    mergedInto: row.merged_into,
    version: row.version,
  };
}
