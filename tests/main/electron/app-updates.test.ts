import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import {
  createAppUpdates,
  DEVELOPMENT_RUN_UPDATES,
  type AppUpdatesOptions,
} from '../../../src/main/electron/app-updates';
import { FakeAutoUpdater } from '../../fakes/electron-updater';
import { recordingLogger } from './recording-logger';

let userData: string;
let updater: FakeAutoUpdater;
let loads: number;

beforeEach(() => {
  userData = mkdtempSync(join(tmpdir(), 'sd-app-updates-'));
  updater = new FakeAutoUpdater();
  loads = 0;
});

afterEach(() => rmSync(userData, { recursive: true, force: true }));

const options = (
  overrides: Partial<AppUpdatesOptions> = {},
): AppUpdatesOptions => ({
  isPackaged: true,
  version: '1.3.2',
  userData,
  resourcesPath: join(userData, 'no-resources'),
  argv: [],
  env: {},
  logger: recordingLogger(),
  loadAutoUpdater: () => {
    loads += 1;
    return Promise.resolve(updater.asAutoUpdater());
  },
  ...overrides,
});

describe('choosing how the app updates', () => {
  it('leaves a development run alone and never loads electron-updater', async () => {
    const updates = await createAppUpdates(options({ isPackaged: false }));

    expect(updates.state()).toMatchObject({
      status: 'unavailable',
      message: DEVELOPMENT_RUN_UPDATES,
    });
    expect(loads).toBe(0);
  });

  it('follows the policy file IT put in the user-data folder', async () => {
    writeFileSync(
      join(userData, 'update-policy.json'),
      JSON.stringify({ feedUrl: 'https://it.city.example/streetdesk/' }),
    );

    const updates = await createAppUpdates(
      options({ env: { STREETDESK_UPDATE_URL: 'https://other.example/' } }),
    );
    updates.stop();

    expect(updates.state().status).toBe('idle');
    expect(updater.feeds).toEqual([
      { provider: 'generic', url: 'https://it.city.example/streetdesk/' },
    ]);
  });

  it('says updates are off when no feed is set, without loading electron-updater', async () => {
    const updates = await createAppUpdates(options());

    expect(updates.state()).toMatchObject({ status: 'unavailable' });
    expect(loads).toBe(0);
  });
});
