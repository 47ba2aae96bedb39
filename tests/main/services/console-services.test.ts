import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

import { afterEach, describe, expect, it } from 'vitest';

import { createLogger } from '../../../src/main/log/logger';
import {
  createConsoleServices,
  type ConsoleServices,
} from '../../../src/main/services/console-services';
import { slaState } from '../../../src/shared/domain';

const resourcesDir = resolve(__dirname, '../../../resources');
const opened: { dir: string; services: ConsoleServices }[] = [];

async function start(
  options: { seedDemo?: boolean; now?: number; opened?: string[] } = {},
) {
  const dir = mkdtempSync(join(tmpdir(), 'sd-services-'));
  const services = await createConsoleServices({
    dataDir: join(dir, 'nested', 'data'),
    resourcesDir,
    mode: 'electron',
    logger: createLogger({ level: 'error' }),
    version: '9.9.9',
    seedDemo: options.seedDemo,
    now: () => options.now ?? Date.now(),
    openExternal: (url) => {
      options.opened?.push(url);
      return Promise.resolve();
    },
  });
  opened.push({ dir, services });
  return services;
}

afterEach(() => {
  for (const { dir, services } of opened.splice(0)) {
    services.close();
    rmSync(dir, { recursive: true, force: true });
  }
});

describe('the console services', () => {
  it('seed an empty store with the Boston demo, live now', async () => {
    const now = Date.parse('2026-12-03T15:00:00Z');
    const { handlers } = await start({ now });

    const info = await handlers.getAppInfo(undefined);
    expect(info).toMatchObject({ version: '9.9.9', mode: 'electron' });
    expect(info.openRequests).toBeGreaterThan(10_000);
    expect(info.demo?.anchor2015).toMatch(/^2015-09-/);

    // Every request opened before now; some are due in the future, some past.
    const page = await handlers.listQueue({
      filter: {},
      sort: 'age',
      offset: 0,
      limit: 500,
    });
    expect(page.rows.every((row) => row.requestedAt <= now)).toBe(true);
    const states = new Set(
      page.rows.map((row) => slaState(row.requestedAt, row.slaDueAt, now)),
    );
    expect(states.has('breached')).toBe(true);
  });

  it('leave the store empty when the demo is not wanted', async () => {
    const { handlers } = await start({ seedDemo: false });

    expect(await handlers.getAppInfo(undefined)).toMatchObject({
      openRequests: 0,
      demo: null,
    });
  });

  it('open only links the URL policy allows, and the normalised URL', async () => {
    const urls: string[] = [];
    const { handlers } = await start({ seedDemo: false, opened: urls });

    expect(
      await handlers.openExternal({ url: 'https://www.boston.gov/311' }),
    ).toEqual({
      opened: true,
    });
    const refused = await handlers.openExternal({ url: 'javascript:alert(1)' });
    expect(refused.opened).toBe(false);
    expect(refused.reason).toBeTruthy();
    const lookalike = await handlers.openExternal({
      url: 'https://boston.gov.evil.example/',
    });
    expect(lookalike.opened).toBe(false);

    expect(urls).toEqual(['https://www.boston.gov/311']);
  });

  it('in browser mode, hands back an allowed link for the page to open itself', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sd-services-'));
    const services = await createConsoleServices({
      dataDir: dir,
      resourcesDir,
      mode: 'browser',
      logger: createLogger({ level: 'error' }),
      version: '9.9.9',
      seedDemo: false,
    });
    opened.push({ dir, services });

    expect(
      await services.handlers.openExternal({
        url: 'HTTPS://attachments.cityofboston.gov/a.jpg',
      }),
    ).toMatchObject({
      opened: false,
      openHere: 'https://attachments.cityofboston.gov/a.jpg',
    });
    const refused = await services.handlers.openExternal({
      url: 'https://evil.example/a.jpg',
    });
    expect(refused.opened).toBe(false);
    expect(refused.openHere).toBeUndefined();
  });
});
