import type { ServiceRequest } from '../../shared/domain';
import type { DupCase } from './duplicate-types';

/** A request as duplicate finding sees it. */
export function dupCaseFromRequest(request: ServiceRequest): DupCase {
  return {
    id: request.serviceRequestId,
    type: request.serviceName,
    lat: request.lat,
    long: request.long,
    address: request.address,
    description: request.description,
    openedAt: request.requestedAt,
    closedAt: request.closedAt,
  };
}
