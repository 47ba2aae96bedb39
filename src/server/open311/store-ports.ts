// The Open311 endpoints' view of the central store: services from the
// city's service list, requests from the store, and new requests written
// so that they reach every console through the staff change feed.
import { randomBytes } from 'node:crypto';

import { hashSecret } from '../auth/secret-tokens';
import type { CentralStore } from '../storage/central-store';
import { openCityRequest } from '../sync/city-events';
import type { Open311Ports, Open311Service } from './open311-ports';

export type StorePortsOptions = {
  store: CentralStore;
  /** Loaded once, on the first request that needs them. */
  loadServices: () => Promise<Open311Service[]>;
  now: () => number;
  /** The SLA due time of a new request; none when absent. */
  dueAt?: (serviceCode: string, openedAt: number) => number | null;
  /** The neighbourhood a point is in; none when absent. */
  neighborhoodAt?: (lat: number, long: number) => string | null;
  reportError?: Open311Ports['reportError'];
};

export function createStorePorts(options: StorePortsOptions): Open311Ports {
  const { store } = options;
  let services: Promise<Open311Service[]> | null = null;
  const allServices = () => (services ??= options.loadServices());
  const getService = async (code: string) =>
    (await allServices()).find((s) => s.serviceCode === code) ?? null;

  return {
    listServices: allServices,
    getService,
    findRequests: (query) => store.findRequests(query),
    getRequest: (id) => store.getRequest(id),
    checkApiKey: async (key) => {
      const record = await store.findApiKey(hashSecret(key));
      return record === null ? null : { owner: record.label };
    },
    async createRequest(input, owner) {
      const service = await getService(input.serviceCode);
      const id = `O311-${input.receivedAt.toString(36)}-${randomBytes(3).toString('hex')}`;
      const { lat, long } = input;
      const neighborhood =
        lat === null || long === null
          ? null
          : (options.neighborhoodAt?.(lat, long) ?? null);

      await openCityRequest(store, {
        serviceRequestId: id,
        serviceCode: input.serviceCode,
        serviceName: service?.serviceName ?? input.serviceCode,
        description: input.description,
        status: 'open',
        statusNotes: null,
        agencyResponsible: service?.group ?? null,
        requestedAt: input.receivedAt,
        updatedAt: null,
        slaDueAt: options.dueAt?.(input.serviceCode, input.receivedAt) ?? null,
        closedAt: null,
        address: input.addressString,
        zipcode: null,
        lat,
        long,
        mediaUrl: input.mediaUrl,
        queue: null,
        department: service?.group ?? null,
        neighborhood,
        source: `Open311: ${owner}`.slice(0, 200),
        closureReason: null,
      });

      // Kept on the server for staff (a merge carries it to the request
      // that stays open); never in Open311 answers.
      const { firstName, lastName, email, phone } = input;
      if (firstName || lastName || email || phone) {
        await store.transaction((tx) =>
          tx.insertReporter(id, { firstName, lastName, email, phone }),
        );
      }

      const stored = await store.getRequest(id);
      if (stored === null)
        throw new Error(`request ${id} vanished after it was stored`);
      return stored;
    },
    now: options.now,
    reportError: options.reportError,
  };
}
