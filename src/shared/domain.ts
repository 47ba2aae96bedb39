// Domain types shared by the console's main process, its renderer and the
// browser mode. Times are epoch milliseconds (UTC) everywhere.
import type { WorkStatus } from './sync-protocol';

export type RequestStatus = 'open' | 'closed';

/** Where a request stands against its SLA due time. */
export type SlaState = 'on_track' | 'at_risk' | 'breached' | 'no_sla';

/** A request is at risk when less than this share of its SLA window is left. */
export const AT_RISK_SHARE = 0.2;

/** However long the SLA, a request is at risk only in its last day. */
export const AT_RISK_MAX_MS = 24 * 60 * 60 * 1000;

/**
 * A service request as the local store holds it: the Open311 GeoReport v2
 * fields plus the city's own (queue, department, neighbourhood, SLA due).
 */
export type ServiceRequest = {
  serviceRequestId: string;
  serviceCode: string;
  serviceName: string;
  description: string | null;
  status: RequestStatus;
  statusNotes: string | null;
  agencyResponsible: string | null;
  requestedAt: number;
  updatedAt: number | null;
  /** The SLA due time (Open311 `expected_datetime`); null when none applies. */
  slaDueAt: number | null;
  closedAt: number | null;
  address: string | null;
  zipcode: string | null;
  /** Null when the request has no usable location (e.g. City Hall placeholder). */
  lat: number | null;
  long: number | null;
  mediaUrl: string | null;
  queue: string | null;
  department: string | null;
  neighborhood: string | null;
  source: string | null;
  closureReason: string | null;
};

/** One row of the dispatcher's queue: what the list shows. */
export type QueueRow = {
  serviceRequestId: string;
  serviceName: string;
  address: string | null;
  neighborhood: string | null;
  queue: string | null;
  requestedAt: number;
  slaDueAt: number | null;
  hasLocation: boolean;
  /** Where the work stands: open, assigned, in progress, resolved. */
  workStatus: WorkStatus;
  assignedCrewId: string | null;
  /** True while an intent on this request awaits the server. */
  pending: boolean;
  /** The request this one most likely duplicates, when one stands out. */
  possibleDuplicateOf?: string;
};

export function slaState(
  requestedAt: number,
  slaDueAt: number | null,
  now: number,
): SlaState {
  if (slaDueAt === null) return 'no_sla';
  if (now >= slaDueAt) return 'breached';

  const window = Math.max(slaDueAt - requestedAt, 0);
  const leadTime = Math.min(window * AT_RISK_SHARE, AT_RISK_MAX_MS);

  return slaDueAt - now <= leadTime ? 'at_risk' : 'on_track';
}
