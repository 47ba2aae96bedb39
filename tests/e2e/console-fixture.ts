// Each end-to-end test gets a console of its own: a fresh data folder, the
// embedded demo central API seeded with Boston, a console that has finished
// its initial sync from it, browser mode on a free port, and a page that has
// traded the printed token for its cookie. Console errors fail the test.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

import { test as base, expect, type Page } from '@playwright/test';

import {
  startBrowserServer,
  type BrowserServer,
} from '../../src/main/browser-mode/browser-server';
import { createToken } from '../../src/main/browser-mode/token-auth';
import { createLogger } from '../../src/main/log/logger';
import { startFaultProxy, type FaultProxy } from '../reliability/fault-proxy';
import {
  createConsoleServices,
  type ConsoleServices,
} from '../../src/main/services/console-services';
import {
  startEmbeddedCentral,
  type EmbeddedCentral,
} from '../../src/main/services/embedded-central';

const repoRoot = resolve(__dirname, '..', '..');

export type RunningConsole = {
  server: BrowserServer;
  services: ConsoleServices;
  central: EmbeddedCentral;
  /** Between the console and the central API: partition it to go offline. */
  network: FaultProxy;
  dataDir: string;
};

type Fixtures = {
  /** The demo account the console signs in as. */
  consoleUser: 'dispatch' | 'super';
  /** How often the services look for SLA alerts; test.use() to hurry them. */
  slaAlertIntervalMs: number;
  runningConsole: RunningConsole;
  consolePage: Page;
  pageErrors: string[];
};

export const test = base.extend<Fixtures>({
  consoleUser: ['dispatch', { option: true }],
  slaAlertIntervalMs: [30_000, { option: true }],

  runningConsole: async ({ consoleUser, slaAlertIntervalMs }, use) => {
    const dataDir = mkdtempSync(join(tmpdir(), 'streetdesk-e2e-'));
    const logger = createLogger({
      file: join(dataDir, 'streetdesk.log'),
      level: 'warn',
    });
    const resourcesDir = join(repoRoot, 'resources');
    // No replay: the city stays still while a test looks at it.
    const central = await startEmbeddedCentral({
      dataDir,
      resourcesDir,
      logger,
      replaySpeed: null,
    });
    const network = await startFaultProxy({ target: central.url });
    const services = await createConsoleServices({
      dataDir,
      resourcesDir,
      mode: 'browser',
      logger,
      version: 'e2e',
      slaAlertIntervalMs,
      central: {
        url: network.url,
        signIn: { username: consoleUser, password: central.signIn.password },
      },
    });
    await expect
      .poll(
        async () =>
          (await services.handlers.getSyncStatus(undefined)).initialSync.done,
        { timeout: 30_000 },
      )
      .toBe(true);
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

    await use({ server, services, central, network, dataDir });

    await server.close();
    services.close();
    await network.close();
    await central.close();
    rmSync(dataDir, { recursive: true, force: true });
  },

  pageErrors: async ({ page }, use) => {
    const errors: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(message.text());
    });
    page.on('pageerror', (error) => errors.push(error.message));

    await use(errors);

    expect(errors, 'the page logged errors').toEqual([]);
  },

  consolePage: async ({ page, runningConsole, pageErrors }, use) => {
    void pageErrors;
    await page.goto(runningConsole.server.url);
    await expect(page.getByTestId('queue-row').first()).toBeVisible();

    await use(page);
  },
});

export { expect };
