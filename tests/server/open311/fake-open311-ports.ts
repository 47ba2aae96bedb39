import type {
  Open311NewRequest,
  Open311Ports,
  Open311Service,
} from '../../../src/server/open311/open311-ports';
import { pageOfRequests } from '../../../src/server/open311/request-query-memory';
import type { SyncRequest } from '../../../src/shared/sync-protocol';

export const NOW = Date.parse('2026-05-01T12:00:00-04:00');
const DAY = 24 * 60 * 60 * 1000;

export function syncRequest(
  id: string,
  fields: Partial<SyncRequest> = {},
): SyncRequest {
  return {
    serviceRequestId: id,
    serviceCode: 'street-light-outages',
    serviceName: 'Street Light Outages',
    description: null,
    status: 'open',
    statusNotes: null,
    agencyResponsible: 'PWDx',
    requestedAt: NOW - DAY,
    updatedAt: null,
    slaDueAt: null,
    closedAt: null,
    address: null,
    zipcode: null,
    lat: null,
    long: null,
    mediaUrl: null,
    queue: 'PWDx_Street Light Outages',
    department: 'PWDx',
    neighborhood: null,
    source: null,
    closureReason: null,
    workStatus: 'open',
    assignedCrewId: null,
    mergedInto: null,
    version: 1,
    ...fields,
  };
}

export const SERVICES: Open311Service[] = [
  {
    serviceCode: 'street-light-outages',
    serviceName: 'Street Light Outages',
    description: 'Street Lights, Public Works Department',
    type: 'realtime',
    keywords: ['Street Lights'],
    group: 'Public Works Department',
    attributes: [],
  },
  {
    serviceCode: 'pothole-repair',
    serviceName: 'Pothole Repair',
    description: null,
    type: 'realtime',
    keywords: ['Highway Maintenance', 'Roads'],
    group: 'Public Works Department',
    attributes: [
      {
        variable: true,
        code: 'SIZE',
        datatype: 'singlevaluelist',
        required: true,
        datatypeDescription: null,
        order: 2,
        description: 'How big is the pothole?',
        values: [
          { key: 'small', name: 'Smaller than a plate' },
          { key: 'large', name: 'Larger than a plate' },
        ],
      },
      {
        variable: true,
        code: 'LANES',
        datatype: 'multivaluelist',
        required: false,
        datatypeDescription: null,
        order: 1,
        description: 'Which lanes?',
        values: [
          { key: 'left', name: 'Left' },
          { key: 'right', name: 'Right' },
        ],
      },
    ],
  },
];

export const API_KEY = 'resident-app-key-123';

export type FakeOpen311 = Open311Ports & {
  requests: Map<string, SyncRequest>;
  created: { input: Open311NewRequest; owner: string }[];
  errors: string[];
  failNext: string | null;
};

export function fakeOpen311Ports(requests: SyncRequest[]): FakeOpen311 {
  const fake: FakeOpen311 = {
    requests: new Map(requests.map((r) => [r.serviceRequestId, r])),
    created: [],
    errors: [],
    failNext: null,
    jurisdictionId: 'boston.gov',
    now: () => NOW,
    listServices: () => SERVICES,
    getService: (code) =>
      SERVICES.find((service) => service.serviceCode === code) ?? null,
    findRequests: async (query) => {
      if (fake.failNext !== null) {
        const message = fake.failNext;
        fake.failNext = null;
        throw new Error(message);
      }
      await Promise.resolve();
      return pageOfRequests(fake.requests.values(), query);
    },
    getRequest: (id) => fake.requests.get(id) ?? null,
    checkApiKey: (key) => (key === API_KEY ? { owner: 'resident-app' } : null),
    createRequest: (input, owner) => {
      fake.created.push({ input, owner });
      const service = SERVICES.find(
        (s) => s.serviceCode === input.serviceCode,
      )!;
      const request = syncRequest(`OP-${fake.created.length}`, {
        serviceCode: service.serviceCode,
        serviceName: service.serviceName,
        description: input.description,
        requestedAt: input.receivedAt,
        address: input.addressString,
        lat: input.lat,
        long: input.long,
        mediaUrl: input.mediaUrl,
      });
      fake.requests.set(request.serviceRequestId, request);
      return request;
    },
    reportError: (error, context) => {
      fake.errors.push(`${context}: ${String(error)}`);
    },
  };

  return fake;
}
