// What the city's own system does to requests, outside any console: new
// requests arrive (replay, Open311 POST) and cases close as the city
// closes them. Each lands in one transaction with its changes.
import type { CentralStore, NewRequest } from '../storage/central-store';

/** The actor history names for the city's own changes. */
export const CITY_ACTOR = 'City 311 system';

/** A request as the city reports it, before any dispatch state. */
export type CityRequest = Omit<
  NewRequest,
  'workStatus' | 'assignedCrewId' | 'mergedInto'
>;

/** Stores a new open request; false if one with that id exists already. */
export function openCityRequest(
  store: CentralStore,
  request: CityRequest,
): Promise<boolean> {
  return store.transaction(async (tx) => {
    if ((await tx.getRequest(request.serviceRequestId)) !== null) return false;

    await tx.insertRequests([
      {
        ...request,
        status: 'open',
        closedAt: null,
        closureReason: null,
        workStatus: 'open',
        assignedCrewId: null,
        mergedInto: null,
      },
    ]);
    return true;
  });
}

/**
 * Closes a request as the city did, with a history entry, so a dispatcher
 * whose view is stale is told who closed it. False when the request is
 * unknown or not open any more (staff closed or merged it first).
 */
export function closeCityRequest(
  store: CentralStore,
  id: string,
  reason: string,
  now: number,
): Promise<boolean> {
  return store.transaction(async (tx) => {
    const request = await tx.getRequest(id);
    if (request === null || request.status !== 'open') return false;

    await tx.updateRequest(id, {
      status: 'closed',
      workStatus: 'closed',
      closedAt: Math.max(now, request.requestedAt),
      closureReason: reason.slice(0, 1000),
      updatedAt: now,
    });
    await tx.insertHistory({
      requestId: id,
      at: now,
      actor: CITY_ACTOR,
      consoleId: null,
      action: 'status_changed',
      detail: { from: request.workStatus, to: 'closed', reason },
    });
    return true;
  });
}
