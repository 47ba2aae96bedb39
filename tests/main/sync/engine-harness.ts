// A console (store + engine + intent commands) wired to a fake central API.
import { createLogger } from '../../../src/main/log/logger';
import { openStore, type Store } from '../../../src/main/store/store';
import type { CentralClient } from '../../../src/main/sync/central-client';
import { createIntentCommands } from '../../../src/main/sync/intent-commands';
import { createSyncEngine } from '../../../src/main/sync/sync-engine';
import type { SignedInUser } from '../../../src/shared/contract';

export type Harness = ReturnType<typeof startConsole>;

export function startConsole(
  client: CentralClient,
  options: {
    path?: string;
    role?: SignedInUser['role'];
    random?: () => number;
  } = {},
) {
  const store: Store = openStore(options.path ?? ':memory:');
  const user: SignedInUser = {
    userId: 'ana',
    name: 'Ana',
    role: options.role ?? 'dispatcher',
  };
  const changed: number[] = [];
  const engine = createSyncEngine({
    sync: store.sync,
    client,
    logger: createLogger({ level: 'error' }),
    signedInAs: () => user,
    serverPush: false,
    random: options.random,
    checksumIntervalMs: Infinity,
    onRequestsChanged: (count) => changed.push(count),
  });
  const intents = createIntentCommands({
    sync: store.sync,
    now: () => engine.clock.now(),
    signedInAs: () => user,
    onRecorded: () => undefined,
  });

  return { store, engine, intents, changed, close: () => store.close() };
}
