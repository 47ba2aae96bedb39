// The demo's own central API, started beside the console on loopback: the
// console syncs with it exactly as it would with the city's server. It
// keeps its port and a generated demo password in the data folder, so a
// restart finds the same server and the console's sync position holds.
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import {
  startDemoCentral,
  type DemoCentral,
} from '../../server/demo/demo-central';
import type { CentralStore } from '../../server/storage/central-store';
import type { Logger } from '../log/logger';
import { DEMO_SEED_FILE } from './console-services';

export type EmbeddedCentral = {
  url: string;
  /** The demo dispatcher the console signs in as. */
  signIn: { username: string; password: string };
  /** The central store itself, for tests that check what the server holds. */
  store: CentralStore;
  close(): Promise<void>;
};

export async function startEmbeddedCentral(options: {
  dataDir: string;
  resourcesDir: string;
  logger: Logger;
  replaySpeed: number | null;
}): Promise<EmbeddedCentral> {
  const dir = join(options.dataDir, 'central');
  mkdirSync(dir, { recursive: true });
  const password = keptSecret(join(dir, 'demo-password'));
  const portFile = join(dir, 'port');

  const start = (port: number) =>
    startDemoCentral({
      dataDir: dir,
      port,
      logger: options.logger,
      csvPath: join(options.resourcesDir, DEMO_SEED_FILE),
      seed: true,
      replaySpeed: options.replaySpeed,
      password,
    });

  let central: DemoCentral;
  const saved = existsSync(portFile)
    ? Number(readFileSync(portFile, 'utf8'))
    : 0;
  try {
    central = await start(Number.isInteger(saved) ? saved : 0);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw error;
    options.logger.warn('the demo central port is taken; using a new one', {
      port: saved,
    });
    central = await start(0);
  }
  writeFileSync(portFile, String(central.server.port));

  return {
    url: central.url,
    signIn: { username: 'dispatch', password },
    store: central.server.store,
    close: () => central.close(),
  };
}

/** A random secret made once and kept in a file only this user can read. */
function keptSecret(path: string): string {
  if (existsSync(path)) return readFileSync(path, 'utf8').trim();

  const secret = randomBytes(18).toString('base64url');
  writeFileSync(path, secret, { mode: 0o600 });
  return secret;
}
