// A console for the reliability tests: the real console services (store,
// sync engine, intent commands) in a fresh data folder, signed in to the
// central API through whatever URL it is given (usually a fault proxy).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

import type { SyncStatus } from '../../../src/shared/contract';
import {
  createConsoleServices,
  type ConsoleServices,
} from '../../../src/main/services/console-services';
import { createMemorySecretStore } from '../../../src/main/sync/secret-store';
import {
  recordingLogger,
  type RecordedLine,
} from '../../main/electron/recording-logger';
import { PASSWORD } from '../../server/support/central-fixture';
import {
  openConsoleInspector,
  type ConsoleInspector,
} from './console-inspector';
import { seededRandom } from '../../support/seeded-random';
import { waitUntil } from './wait-until';

export type ChaosConsole = Omit<ConsoleServices, 'close'> & {
  name: string;
  dir: string;
  lines: RecordedLine[];
  inspect: ConsoleInspector;
  consoleId: string;
  status(): Promise<SyncStatus>;
  close(): Promise<void>;
};

export async function startChaosConsole(options: {
  name: string;
  centralUrl: string;
  user?: 'dana' | 'ana' | 'root';
  seed: number;
  now?: () => number;
  /** How often the engine retries on its own, besides backoff and push. */
  pullIntervalMs?: number;
}): Promise<ChaosConsole> {
  const dir = mkdtempSync(join(tmpdir(), `sd-chaos-${options.name}-`));
  const lines: RecordedLine[] = [];
  const random = seededRandom(options.seed);

  const services = await createConsoleServices({
    dataDir: dir,
    resourcesDir: resolve(__dirname, '../../../resources'),
    mode: 'browser',
    logger: recordingLogger(lines, options.name),
    version: 'test',
    seedDemo: false,
    secretStore: createMemorySecretStore(),
    now: options.now,
    sync: {
      pullIntervalMs: options.pullIntervalMs ?? 300,
      checksumIntervalMs: 2_000,
      random,
    },
    central: {
      url: options.centralUrl,
      signIn: { username: options.user ?? 'dana', password: PASSWORD },
    },
  });

  const status = async () => services.handlers.getSyncStatus(undefined);
  const settings = await services.handlers.getSettings(undefined);
  if (settings.signedInAs === null) {
    services.close();
    throw new Error(
      `Console ${options.name} could not sign in at ${options.centralUrl}; ` +
        'start consoles before turning faults on.',
    );
  }
  await waitUntil(status, (s) => s.initialSync.done && s.online, {
    what: `${options.name}'s initial sync`,
  });

  const inspect = openConsoleInspector(join(dir, 'streetdesk.db'));
  return {
    ...services,
    name: options.name,
    dir,
    lines,
    inspect,
    consoleId: inspect.consoleId(),
    status,
    async close() {
      inspect.close();
      services.close();
      // close() lets a running cycle finish before the file closes.
      await new Promise((done) => setTimeout(done, 50));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
