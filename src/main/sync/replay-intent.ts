// What a pending intent does to the local view before the server confirms
// it. The server stays the judge: a rejected intent's effect disappears
// when the view is rebuilt from confirmed state without it.
import type { Crew, Intent, SyncRequest } from '../../shared/sync-protocol';

export type IntentTargets = { requests: string[]; crews: string[] };

export function intentTargets(intent: Intent): IntentTargets {
  switch (intent.type) {
    case 'merge':
    case 'unmerge':
      return {
        requests: [intent.targetId, ...intent.duplicateIds],
        crews: [],
      };
    case 'set_crew_status':
      return { requests: [], crews: [intent.crewId] };
    case 'void':
      return { requests: [], crews: [] };
    default:
      return { requests: [intent.requestId], crews: [] };
  }
}

/**
 * The request as the user expects it once the intent is applied. Every
 * intent but a note raises the version by one, as the server does when it
 * applies it, so a second action on the same request carries the version
 * the server will hold by then.
 */
export function replayOnRequest(
  request: SyncRequest,
  intent: Intent,
): SyncRequest {
  const next = { ...request, version: request.version + 1 };

  switch (intent.type) {
    case 'assign':
      next.assignedCrewId = intent.crewId;
      if (next.workStatus !== 'in_progress') next.workStatus = 'assigned';
      return next;
    case 'unassign':
      next.assignedCrewId = null;
      if (next.workStatus === 'assigned') next.workStatus = 'open';
      return next;
    case 'set_status':
      next.workStatus = intent.status;
      if (intent.status === 'closed') {
        next.status = 'closed';
        next.closedAt = intent.createdAt;
        next.closureReason = intent.reason;
      } else {
        next.status = 'open';
        next.closedAt = null;
      }
      return next;
    case 'merge':
      if (request.serviceRequestId === intent.targetId) {
        if (intent.crewId === undefined) return next;
        next.assignedCrewId = intent.crewId;
        if (intent.crewId === null && next.workStatus === 'assigned') {
          next.workStatus = 'open';
        }
        if (intent.crewId !== null && next.workStatus === 'open') {
          next.workStatus = 'assigned';
        }
        return next;
      }
      next.mergedInto = intent.targetId;
      next.status = 'closed';
      next.workStatus = 'closed';
      next.closedAt = intent.createdAt;
      next.closureReason = `Merged into ${intent.targetId}`;
      return next;
    case 'unmerge':
      // The duplicates come back through the change feed once the server
      // has reopened them; the target is marked pending until then.
      return next;
    default:
      return request;
  }
}

export function replayOnCrew(crew: Crew, intent: Intent): Crew {
  if (intent.type !== 'set_crew_status') return crew;

  return { ...crew, status: intent.status, version: crew.version + 1 };
}
