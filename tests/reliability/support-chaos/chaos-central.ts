// The central API for the reliability tests: the shared fixture's server
// with a pool of open requests, three crews, and optionally Open311 intake
// with an API key, plus readers for what the server ended up holding.
import type { IntentResult } from '../../../src/shared/sync-protocol';
import { createApiKey } from '../../../src/server/auth/staff-accounts';
import type { CentralServerOptions } from '../../../src/server/central-server';
import {
  handleOpen311,
  OPEN311_PREFIX,
} from '../../../src/server/open311/handle-open311';
import type {
  Open311Ports,
  Open311Service,
} from '../../../src/server/open311/open311-ports';
import { createStorePorts } from '../../../src/server/open311/store-ports';
import type { NewRequest } from '../../../src/server/storage/central-store';
import {
  newCrew,
  newRequest,
  startCentral,
  type Central,
} from '../../server/support/central-fixture';

export const CREW_IDS = ['PWD-01', 'PWD-02', 'PWD-03'];

export const requestIds = (count: number) =>
  Array.from({ length: count }, (_, i) => `R${String(i).padStart(4, '0')}`);

const SERVICES: Open311Service[] = [
  {
    serviceCode: 'street-light-outages',
    serviceName: 'Street Light Outages',
    description: null,
    type: 'realtime',
    keywords: [],
    group: 'PWDx',
    attributes: [],
  },
];

export type ChaosCentral = Central & {
  requestIds: string[];
  /** Set when started with `open311: true`. */
  open311ApiKey: string | null;
};

export async function startChaosCentral(
  options: {
    requests?: number;
    open311?: boolean;
    now?: () => number;
    serverOptions?: Partial<CentralServerOptions>;
    /** Per-request fields over the fixture's defaults. */
    overrides?: (id: string, index: number) => Partial<NewRequest>;
  } = {},
): Promise<ChaosCentral> {
  const ids = requestIds(options.requests ?? 20);
  let ports: Open311Ports | null = null;

  const central = await startCentral({
    heartbeatMs: 250,
    ...(options.now === undefined ? {} : { now: options.now }),
    ...options.serverOptions,
    requests: ids.map((id, index) =>
      newRequest(id, options.overrides?.(id, index) ?? {}),
    ),
    crews: CREW_IDS.map((id) => newCrew(id, { shiftEnd: 8.64e15 })),
    extraRoutes: options.open311
      ? [
          {
            prefix: OPEN311_PREFIX,
            handle: async (req, res, url) => {
              if (ports !== null) await handleOpen311(req, res, url, ports);
            },
          },
        ]
      : [],
  });

  const now = options.now ?? (() => central.clock.now);
  let open311ApiKey: string | null = null;
  if (options.open311) {
    const { store } = central.server;
    ports = createStorePorts({
      store,
      loadServices: () => Promise.resolve(SERVICES),
      now,
    });
    open311ApiKey = (await createApiKey(store, 'chaos test', now())).apiKey;
  }

  return { ...central, requestIds: ids, open311ApiKey };
}

/** Every outcome the server recorded for a console, by seq. */
export async function recordedOutcomes(
  central: Central,
  consoleId: string,
): Promise<IntentResult[]> {
  const { store } = central.server;
  const last = await store.lastIntentSeq(consoleId);
  const outcomes: IntentResult[] = [];
  for (let seq = 1; seq <= last; seq++) {
    const outcome = await store.intentOutcome(consoleId, seq);
    if (outcome === null) {
      throw new Error(`The server holds no outcome for ${consoleId}#${seq}.`);
    }
    outcomes.push(outcome);
  }
  return outcomes;
}
