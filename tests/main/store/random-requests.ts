import type { ServiceRequest } from '../../../src/shared/domain';
import { seededRandom } from '../../support/seeded-random';

export { seededRandom };

export const TYPES = ['Pothole', 'Graffiti Removal', 'Street Light', 'Sign'];
export const NEIGHBORHOODS = ['Dorchester', 'Roxbury', 'Back Bay', null];

export function request(
  id: string,
  overrides: Partial<ServiceRequest> = {},
): ServiceRequest {
  return {
    serviceRequestId: id,
    serviceCode: 'pothole',
    serviceName: 'Pothole',
    description: null,
    status: 'open',
    statusNotes: null,
    agencyResponsible: null,
    requestedAt: 1_430_000_000_000,
    updatedAt: null,
    slaDueAt: null,
    closedAt: null,
    address: '1 Main St',
    zipcode: null,
    lat: 42.33,
    long: -71.06,
    mediaUrl: null,
    queue: 'PWDx',
    department: 'PWDx',
    neighborhood: 'Dorchester',
    source: null,
    closureReason: null,
    ...overrides,
  };
}

/**
 * Requests with deliberately colliding times and due times, some closed,
 * some without SLA, neighbourhood or location, so ties exercise the order.
 */
export function randomRequests(count: number, seed: number): ServiceRequest[] {
  const next = seededRandom(seed);
  const pick = <T>(values: readonly T[]) =>
    values[Math.floor(next() * values.length)] as T;

  return Array.from({ length: count }, (_, i) => {
    const requestedAt = 1_430_000_000_000 + Math.floor(next() * 20) * 60_000;
    const closed = next() < 0.2;
    const located = next() < 0.8;

    return request(
      `R-${String(Math.floor(next() * 1e6)).padStart(6, '0')}-${i}`,
      {
        serviceName: pick(TYPES),
        neighborhood: pick(NEIGHBORHOODS),
        requestedAt,
        slaDueAt:
          next() < 0.3
            ? null
            : requestedAt + Math.floor(next() * 5) * 3_600_000,
        status: closed ? 'closed' : 'open',
        closedAt: closed ? requestedAt + 1000 : null,
        lat: located ? 42.2 + next() * 0.2 : null,
        long: located ? -71.2 + next() * 0.2 : null,
      },
    );
  });
}
