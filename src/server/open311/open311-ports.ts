// What the Open311 endpoints need from the server's storage. The routes
// depend only on these ports, so any store (SQLite now, PostgreSQL later)
// can serve them through a thin adapter.
import type { SyncRequest } from '../../shared/sync-protocol';

export type Awaitable<T> = T | Promise<T>;

/** GeoReport v2 attribute datatypes. */
export type AttributeDatatype =
  | 'string'
  | 'number'
  | 'datetime'
  | 'text'
  | 'singlevaluelist'
  | 'multivaluelist';

export type ServiceAttribute = {
  /** false: the attribute is only information for the resident. */
  variable: boolean;
  code: string;
  datatype: AttributeDatatype;
  required: boolean;
  datatypeDescription: string | null;
  order: number;
  description: string;
  /** The choices of a list attribute. */
  values: { key: string; name: string }[];
};

/** A service type residents can report, as GET services lists it. */
export type Open311Service = {
  serviceCode: string;
  serviceName: string;
  description: string | null;
  /** realtime: a request gets its id at once. */
  type: 'realtime' | 'batch' | 'blackbox';
  keywords: string[];
  group: string | null;
  /** The service definition's attributes; empty means metadata false. */
  attributes: ServiceAttribute[];
};

/**
 * GET requests, parsed. `ids`, when given, replaces every other filter (as
 * the spec says). Otherwise a request matches when every given filter does.
 * Results are newest first: requestedAt descending, then id descending.
 */
export type Open311RequestQuery = {
  ids: string[] | null;
  serviceCodes: string[] | null;
  statuses: ('open' | 'closed')[] | null;
  /** Inclusive bounds on requestedAt, epoch ms. */
  requestedFrom: number | null;
  requestedTo: number | null;
  /** updatedAt strictly after this, epoch ms (requests never updated: requestedAt). */
  updatedAfter: number | null;
  offset: number;
  limit: number;
};

export type Open311RequestPage = {
  requests: SyncRequest[];
  /** Every match, sent as X-Total-Count; null when the store cannot count. */
  total: number | null;
};

/** A request posted by a resident's app, checked and trimmed. */
export type Open311NewRequest = {
  serviceCode: string;
  lat: number | null;
  long: number | null;
  addressString: string | null;
  addressId: string | null;
  description: string | null;
  mediaUrl: string | null;
  email: string | null;
  deviceId: string | null;
  accountId: string | null;
  firstName: string | null;
  lastName: string | null;
  phone: string | null;
  /** By attribute code; a multivaluelist attribute gives several keys. */
  attributes: Record<string, string | string[]>;
  receivedAt: number;
};

export type Open311Ports = {
  listServices(): Awaitable<Open311Service[]>;
  getService(code: string): Awaitable<Open311Service | null>;
  findRequests(query: Open311RequestQuery): Awaitable<Open311RequestPage>;
  getRequest(id: string): Awaitable<SyncRequest | null>;
  /**
   * Stores a new open request and appends it to the staff change feed in
   * the same transaction; returns it as stored (with its new id).
   */
  createRequest(
    input: Open311NewRequest,
    apiKeyOwner: string,
  ): Awaitable<SyncRequest>;
  checkApiKey(key: string): Awaitable<{ owner: string } | null>;
  now(): number;
  /** When set, a jurisdiction_id other than this one is a 404. */
  jurisdictionId?: string;
  /** Told about failures of the ports themselves (answered with a 500). */
  reportError?(error: unknown, context: string): void;
};
