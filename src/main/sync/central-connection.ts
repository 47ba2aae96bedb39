// The console's link to a central API: its URL and sign-in (settings), and
// the sync engine that runs while both are set.
import type {
  ConsoleSettings,
  SignedInUser,
  SyncStatus,
} from '../../shared/contract';
import type { Logger } from '../log/logger';
import type { SyncStore } from '../store/sync-store';
import { createCentralClient, type CentralClient } from './central-client';
import { createServerClock, type ServerClock } from './server-clock';
import type { SecretStore } from './secret-store';
import {
  createSyncEngine,
  type SyncEngine,
  type SyncEngineOptions,
} from './sync-engine';

export type CentralConnectionOptions = {
  sync: SyncStore;
  secrets: SecretStore;
  logger: Logger;
  fetch?: typeof fetch;
  now?: () => number;
  /** Engine settings and event callbacks (everything but what is wired here). */
  engine?: Partial<
    Omit<
      SyncEngineOptions,
      'sync' | 'client' | 'logger' | 'signedInAs' | 'clock'
    >
  >;
};

/** The settings the connection keeps: the server and who is signed in. */
export type CentralSettings = Pick<
  ConsoleSettings,
  'centralUrl' | 'signedInAs'
>;

export type CentralConnection = {
  settings(): CentralSettings;
  saveSettings(centralUrl: string | null): Promise<CentralSettings>;
  signIn(username: string, password: string): Promise<CentralSettings>;
  signOut(): Promise<CentralSettings>;
  /** True when a URL and a session are set, so the server holds the data. */
  configured(): boolean;
  /** Starts the engine if configured; idempotent. */
  start(): void;
  stop(): Promise<void>;
  engine(): SyncEngine | null;
  clock: ServerClock;
  status(): SyncStatus;
};

function readUser(text: string | null): SignedInUser | null {
  if (text === null) return null;
  try {
    return JSON.parse(text) as SignedInUser;
  } catch {
    return null;
  }
}

export function createCentralConnection(
  options: CentralConnectionOptions,
): CentralConnection {
  const { sync, secrets } = options;
  const logger = options.logger.child('central');
  const now = options.now ?? Date.now;
  const clock = createServerClock(
    now,
    sync.state.getNumber('clock_offset_ms', 0),
  );
  let engine: SyncEngine | null = null;

  const url = () => sync.state.get('server_url');
  const user = () => readUser(sync.state.get('signed_in_as'));
  const settings = (): CentralSettings => ({
    centralUrl: url(),
    signedInAs: user(),
  });

  const clientFor = (baseUrl: string): CentralClient =>
    createCentralClient({
      baseUrl,
      token: () => secrets.get(),
      fetch: options.fetch,
      now,
      onClockSample: (sample) => clock.sample(sample),
    });

  const configured = () => url() !== null && secrets.get() !== null;

  const start = () => {
    const baseUrl = url();
    if (engine !== null || baseUrl === null || secrets.get() === null) return;

    engine = createSyncEngine({
      ...options.engine,
      sync,
      client: clientFor(baseUrl),
      logger: options.logger,
      signedInAs: user,
      now,
      clock,
    });
    engine.start();
    logger.info('sync started', { server: baseUrl });
  };

  const stop = async () => {
    const running = engine;
    engine = null;
    await running?.stop();
  };

  const idleStatus = (): SyncStatus => {
    const oldest = sync.outbox.oldestPendingAt();
    const lastSyncAt = sync.state.getNumber('last_sync_at', -1);
    return {
      online: false,
      outboxDepth: sync.outbox.outboxDepth(),
      oldestPendingAgeMs:
        oldest === null ? null : Math.max(0, clock.now() - oldest),
      lastPulledSeq: sync.state.getNumber('last_pulled_seq', 0),
      lastSyncAt: lastSyncAt < 0 ? null : lastSyncAt,
      initialSync: {
        done: sync.state.get('last_pulled_seq') !== null,
        loaded: 0,
        total: null,
      },
      serverClockOffsetMs: clock.offsetMs(),
      lastError:
        url() === null
          ? null
          : secrets.get() === null
            ? 'Not signed in to the central API; sign in to sync.'
            : null,
      signedInAs: user(),
    };
  };

  return {
    settings,
    async saveSettings(centralUrl) {
      const normalised =
        centralUrl === null ? null : centralUrl.replace(/\/+$/, '');
      if (normalised === url()) return settings();

      const waiting = sync.outbox.outboxDepth();
      if (waiting > 0 && url() !== null) {
        throw new Error(
          `${waiting} intents are still waiting to reach ${url()}; ` +
            'reconnect to it and let them send before changing the server.',
        );
      }

      await stop();
      secrets.set(null);
      sync.state.set('signed_in_as', null);
      sync.state.set('server_url', normalised);
      // Another server's feed positions mean nothing here: start over.
      sync.state.set('last_pulled_seq', null);
      logger.info('central API address changed', { server: normalised });
      return settings();
    },

    async signIn(username, password) {
      const baseUrl = url();
      if (baseUrl === null) {
        throw new Error(
          'Set the central API address in Settings before signing in.',
        );
      }

      const session = await clientFor(baseUrl).signIn(username, password);
      secrets.set(session.token);
      sync.state.set('signed_in_as', JSON.stringify(session.user));
      logger.info('signed in to the central API', {
        user: session.user.userId,
        role: session.user.role,
      });
      start();
      return settings();
    },

    async signOut() {
      await stop();
      secrets.set(null);
      sync.state.set('signed_in_as', null);
      logger.info('signed out of the central API');
      return settings();
    },

    configured,
    start,
    stop,
    engine: () => engine,
    clock,
    status: () => engine?.status() ?? idleStatus(),
  };
}
