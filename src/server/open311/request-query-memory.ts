// The meaning of an Open311RequestQuery over requests held in memory: the
// reference a store's SQL must agree with (and what test fakes use).
import type { SyncRequest } from '../../shared/sync-protocol';
import type { Open311RequestPage, Open311RequestQuery } from './open311-ports';

export function matchesRequestQuery(
  request: SyncRequest,
  query: Open311RequestQuery,
): boolean {
  if (query.ids !== null) return query.ids.includes(request.serviceRequestId);

  if (
    query.serviceCodes !== null &&
    !query.serviceCodes.includes(request.serviceCode)
  ) {
    return false;
  }
  if (query.statuses !== null && !query.statuses.includes(request.status)) {
    return false;
  }
  if (
    query.requestedFrom !== null &&
    request.requestedAt < query.requestedFrom
  ) {
    return false;
  }
  if (query.requestedTo !== null && request.requestedAt > query.requestedTo) {
    return false;
  }

  const updatedAt = request.updatedAt ?? request.requestedAt;

  return query.updatedAfter === null || updatedAt > query.updatedAfter;
}

/** Newest first: requestedAt descending, then id descending. */
export function compareNewestFirst(a: SyncRequest, b: SyncRequest): number {
  if (a.requestedAt !== b.requestedAt) return b.requestedAt - a.requestedAt;
  if (a.serviceRequestId === b.serviceRequestId) return 0;

  return a.serviceRequestId < b.serviceRequestId ? 1 : -1;
}

export function pageOfRequests(
  requests: Iterable<SyncRequest>,
  query: Open311RequestQuery,
): Open311RequestPage {
  const matches = [...requests]
    .filter((request) => matchesRequestQuery(request, query))
    .sort(compareNewestFirst);

  return {
    requests: matches.slice(query.offset, query.offset + query.limit),
    total: matches.length,
  };
}
