// How a SyncRequest maps to and from a `requests` row.
import { bucketOf } from '../../../shared/sync-checksum';
import {
  syncRequestSchema,
  type SyncRequest,
} from '../../../shared/sync-protocol';
import { InvalidRecordError } from '../central-store';

/** The columns holding the wire fields, in SYNC_REQUEST_FIELDS order. */
export const wireColumnList = `service_request_id, service_code,
  service_name, description, status, status_notes, agency_responsible,
  requested_at, updated_at, sla_due_at, closed_at, address, zipcode, lat,
  long, media_url, queue, department, neighborhood, source, closure_reason,
  work_status, assigned_crew_id, merged_into, version`;

export const requestColumnList = `${wireColumnList}, bucket, record`;

export const requestPlaceholders = Array.from({ length: 27 }, () => '?').join(
  ', ',
);

/** Parameters for `requestColumnList`, in order; `json` is the request encoded. */
export function requestValues(
  request: SyncRequest,
  json: string,
): (string | number | null)[] {
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
    bucketOf(request.serviceRequestId),
    json,
  ];
}

/**
 * Exactly the wire fields, in one order, checked against the protocol
 * schema: a record the consoles would refuse must never reach the feed,
 * where it would stop every console's pull at that page.
 */
export function wireRequest(request: SyncRequest): SyncRequest {
  const picked: SyncRequest = {
    serviceRequestId: request.serviceRequestId,
    serviceCode: request.serviceCode,
    serviceName: request.serviceName,
    description: request.description,
    status: request.status,
    statusNotes: request.statusNotes,
    agencyResponsible: request.agencyResponsible,
    requestedAt: request.requestedAt,
    updatedAt: request.updatedAt,
    slaDueAt: request.slaDueAt,
    closedAt: request.closedAt,
    address: request.address,
    zipcode: request.zipcode,
    lat: request.lat,
    long: request.long,
    mediaUrl: request.mediaUrl,
    queue: request.queue,
    department: request.department,
    neighborhood: request.neighborhood,
    source: request.source,
    closureReason: request.closureReason,
    workStatus: request.workStatus,
    assignedCrewId: request.assignedCrewId,
    mergedInto: request.mergedInto,
    version: request.version,
  };

  const checked = syncRequestSchema.safeParse(picked);
  if (!checked.success) {
    const issue = checked.error.issues[0];
    throw new InvalidRecordError(
      `Request ${String(request.serviceRequestId).slice(0, 64)} cannot be ` +
        `stored: ${issue?.path.join('.') ?? 'a field'} ${issue?.message ?? 'is invalid'}. ` +
        'Fix the record before writing it.',
    );
  }

  return picked;
}
