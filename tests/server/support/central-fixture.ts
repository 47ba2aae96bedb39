// An in-process central server on a free loopback port, with three staff
// accounts, a few open requests and two crews, for tests over real HTTP.
import {
  createCentralServer,
  type CentralServer,
  type CentralServerOptions,
} from '../../../src/server/central-server';
import type {
  NewCrew,
  NewRequest,
} from '../../../src/server/storage/central-store';
import type { Role } from '../../../src/shared/sync-protocol';
import {
  recordingLogger,
  type RecordedLine,
} from '../../main/electron/recording-logger';

export const PASSWORD = 'correct horse battery';

export const STAFF: { userId: string; name: string; role: Role }[] = [
  { userId: 'dana', name: 'Dana Dispatch', role: 'dispatcher' },
  { userId: 'ana', name: 'Ana Diaz', role: 'supervisor' },
  { userId: 'root', name: 'Ada Admin', role: 'admin' },
];

export const BASE_TIME = Date.UTC(2026, 2, 2, 19, 0, 0);

export function newRequest(
  id: string,
  overrides: Partial<NewRequest> = {},
): NewRequest {
  return {
    serviceRequestId: id,
    serviceCode: 'STRLGHT',
    serviceName: 'Street Light Outages',
    description: 'Light out on the corner',
    status: 'open',
    statusNotes: null,
    agencyResponsible: 'PWDx',
    requestedAt: BASE_TIME - 3_600_000,
    updatedAt: null,
    slaDueAt: BASE_TIME + 86_400_000,
    closedAt: null,
    address: '1 Main St',
    zipcode: '02118',
    lat: 42.34,
    long: -71.07,
    mediaUrl: null,
    queue: 'PWDx_District 04: Allston/Brighton',
    department: 'PWDx',
    neighborhood: 'South End',
    source: 'Constituent Call',
    closureReason: null,
    workStatus: 'open',
    assignedCrewId: null,
    mergedInto: null,
    ...overrides,
  };
}

export function newCrew(id: string, overrides: Partial<NewCrew> = {}): NewCrew {
  return {
    crewId: id,
    name: `Crew ${id}`,
    depot: 'Frontage Rd',
    depotLat: 42.34,
    depotLong: -71.06,
    lastLat: null,
    lastLong: null,
    status: 'available',
    queues: ['PWDx_District 04: Allston/Brighton'],
    shiftStart: BASE_TIME - 3_600_000,
    shiftEnd: BASE_TIME + 7 * 3_600_000,
    ...overrides,
  };
}

export type Central = {
  server: CentralServer;
  url: string;
  lines: RecordedLine[];
  tokens: Record<'dana' | 'ana' | 'root', string>;
  clock: { now: number };
  call(
    path: string,
    init?: {
      method?: string;
      token?: string | null;
      body?: unknown;
      raw?: string;
    },
  ): Promise<{
    status: number;
    headers: Headers;
    body: Record<string, unknown>;
  }>;
  close(): Promise<void>;
};

export async function startCentral(
  options: Partial<CentralServerOptions> & {
    requests?: NewRequest[];
    crews?: NewCrew[];
  } = {},
): Promise<Central> {
  const lines: RecordedLine[] = [];
  const clock = { now: BASE_TIME };
  const { requests, crews, ...serverOptions } = options;

  const server = await createCentralServer({
    dataDir: ':memory:',
    port: 0,
    logger: recordingLogger(lines),
    now: () => clock.now,
    users: STAFF.map((user) => ({ ...user, password: PASSWORD })),
    ...serverOptions,
  });

  await server.store.transaction(async (tx) => {
    await tx.insertRequests(
      requests ?? ['101001', '101002', '101003'].map((id) => newRequest(id)),
    );
    await tx.insertCrews(
      crews ?? [newCrew('PWD-04'), newCrew('PWD-09', { status: 'off_shift' })],
    );
  });

  const call: Central['call'] = async (path, init = {}) => {
    const headers: Record<string, string> = {};
    if (init.token !== undefined && init.token !== null) {
      headers.Authorization = `Bearer ${init.token}`;
    }
    let body: string | undefined;
    if (init.raw !== undefined || init.body !== undefined) {
      headers['Content-Type'] = 'application/json';
      body = init.raw ?? JSON.stringify(init.body);
    }
    const response = await fetch(`${server.url}${path}`, {
      method: init.method ?? (body === undefined ? 'GET' : 'POST'),
      headers,
      body,
    });
    const text = await response.text();
    return {
      status: response.status,
      headers: response.headers,
      body: text === '' ? {} : (JSON.parse(text) as Record<string, unknown>),
    };
  };

  const tokens = {} as Central['tokens'];
  for (const user of ['dana', 'ana', 'root'] as const) {
    const signed = await call('/staff/v2/sign-in', {
      body: { username: user, password: PASSWORD },
    });
    tokens[user] = String(signed.body.token);
  }

  return {
    server,
    url: server.url,
    lines,
    tokens,
    clock,
    call,
    close: () => server.close(),
  };
}
