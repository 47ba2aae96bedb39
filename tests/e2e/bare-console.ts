// A console in browser mode with an empty store and no central API: quick
// to start, for tests of the header and settings rather than the queue.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

import { startBrowserServer } from '../../src/main/browser-mode/browser-server';
import { createToken } from '../../src/main/browser-mode/token-auth';
import { createLogger } from '../../src/main/log/logger';
import {
  createConsoleServices,
  type ConsoleServices,
} from '../../src/main/services/console-services';
import type { UpdateService } from '../../src/main/update/update-service';

const repoRoot = resolve(__dirname, '..', '..');

export type BareConsole = {
  url: string;
  services: ConsoleServices;
  dataDir: string;
  close(): Promise<void>;
};

export async function startBareConsole(
  options: { updates?: UpdateService } = {},
): Promise<BareConsole> {
  const dataDir = mkdtempSync(join(tmpdir(), 'streetdesk-e2e-bare-'));
  const logger = createLogger({ level: 'error' });
  const services = await createConsoleServices({
    dataDir,
    resourcesDir: join(repoRoot, 'resources'),
    mode: 'browser',
    logger,
    version: '1.3.2',
    seedDemo: false,
    slaAlertIntervalMs: 0,
    updates: options.updates,
  });
  const server = await startBrowserServer({
    handlers: services.handlers,
    events: services.events,
    rendererDir: join(repoRoot, 'out', 'renderer'),
    basemapDir: join(repoRoot, 'resources', 'basemap'),
    basemap: services.basemap,
    token: createToken(),
    port: 0,
    logger,
  });

  return {
    url: server.url,
    services,
    dataDir,
    async close() {
      await server.close();
      services.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
