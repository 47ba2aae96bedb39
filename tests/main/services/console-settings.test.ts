import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';

import { createLogger } from '../../../src/main/log/logger';
import { alertWanted } from '../../../src/main/services/console-preferences';
import { createConsoleServices } from '../../../src/main/services/console-services';
import {
  BROWSER_MODE_UPDATES,
  createUpdateService,
  type UpdateReport,
} from '../../../src/main/update/update-service';
import type { UpdateState } from '../../../src/shared/update-state';
import {
  PMTILES_TYPE,
  solidPng,
  writeMbtiles,
  writePmtiles,
} from '../../support/tile-archives';

const resourcesDir = resolve(__dirname, '../../../resources');
const cleanups: (() => void)[] = [];

afterEach(() => {
  for (const cleanup of cleanups.splice(0).reverse()) cleanup();
});

function folder() {
  const dir = mkdtempSync(join(tmpdir(), 'sd-settings-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

async function open(
  dataDir: string,
  extra: Partial<Parameters<typeof createConsoleServices>[0]> = {},
) {
  const services = await createConsoleServices({
    dataDir,
    resourcesDir,
    mode: 'browser',
    logger: createLogger({ level: 'error' }),
    version: '1.3.2',
    seedDemo: false,
    slaAlertIntervalMs: 0,
    ...extra,
  });
  cleanups.push(() => services.close());
  return services;
}

describe('basemap and notification settings', () => {
  it('starts on the bundled Boston map with every SLA alert on', async () => {
    const { handlers } = await open(folder());

    expect(await handlers.getSettings(undefined)).toEqual({
      centralUrl: null,
      signedInAs: null,
      basemap: { kind: 'bundled' },
      notifications: { slaAlerts: true, slaAlertLevel: 'at_risk' },
      setupDone: false,
    });
  });

  it('keeps the first-run guide closed once finished, across restarts', async () => {
    const dir = folder();
    const first = await open(dir);
    expect((await first.handlers.getSettings(undefined)).setupDone).toBe(false);
    expect((await first.handlers.finishSetup(undefined)).setupDone).toBe(true);
    cleanups.pop()?.();

    const again = await open(dir);
    expect((await again.handlers.getSettings(undefined)).setupDone).toBe(true);
  });

  it('keeps a real PMTiles or MBTiles file and the alert choices across restarts', async () => {
    const dir = folder();
    const pmtiles = join(dir, 'boston.pmtiles');
    writePmtiles(pmtiles, {
      tileType: PMTILES_TYPE.png,
      tiles: [{ z: 12, x: 1238, y: 1515, data: solidPng(9, 9, 9) }],
      metadata: { name: 'Boston aerial' },
    });
    const mbtiles = join(dir, 'boston.mbtiles');
    writeMbtiles(mbtiles, {
      metadata: { format: 'png' },
      tiles: [{ z: 12, x: 1238, y: 1515, data: solidPng(9, 9, 9) }],
    });

    const first = await open(join(dir, 'data'));
    await first.handlers.saveSettings({
      basemap: { kind: 'mbtiles', path: mbtiles },
    });
    const saved = await first.handlers.saveSettings({
      basemap: { kind: 'pmtiles', path: pmtiles },
      notifications: { slaAlerts: true, slaAlertLevel: 'breach_only' },
    });
    expect(saved.basemap).toEqual({ kind: 'pmtiles', path: pmtiles });
    // Close it, as quitting would, before opening the same folder again.
    cleanups.pop()?.();

    const again = await open(join(dir, 'data'));
    expect(await again.handlers.getSettings(undefined)).toMatchObject({
      basemap: { kind: 'pmtiles', path: pmtiles },
      notifications: { slaAlerts: true, slaAlertLevel: 'breach_only' },
    });
    // The map is told to draw the archive, served on the app's origin.
    expect(await again.handlers.getBasemap(undefined)).toMatchObject({
      kind: 'tiles',
      tilesPath: '/basemap-tiles/{z}/{x}/{y}',
      info: { format: 'png', name: 'Boston aerial', minzoom: 12 },
    });
    expect(
      (await again.basemap.serveTile('/basemap-tiles/12/1238/1515')).status,
    ).toBe(200);
  });

  it('refuses an archive the map cannot draw, saying why', async () => {
    const dir = folder();
    const sqlite = join(dir, 'plain.mbtiles');
    new Database(sqlite).exec('CREATE TABLE tiles (x)').close();
    const vector = join(dir, 'vector.mbtiles');
    writeMbtiles(vector, {
      metadata: { format: 'pbf' },
      tiles: [{ z: 1, x: 0, y: 0, data: Buffer.from('x') }],
    });
    const { handlers } = await open(join(dir, 'data'));

    await expect(
      handlers.saveSettings({ basemap: { kind: 'mbtiles', path: sqlite } }),
    ).rejects.toThrow(/not MBTiles: it has no metadata table/);
    await expect(
      handlers.saveSettings({ basemap: { kind: 'mbtiles', path: vector } }),
    ).rejects.toThrow(/does not list its vector layers/);
    expect((await handlers.getSettings(undefined)).basemap).toEqual({
      kind: 'bundled',
    });
    expect(await handlers.getBasemap(undefined)).toEqual({
      kind: 'bundled',
      problem: null,
    });
  });

  it('refuses a missing file, or one that is not what its name says, and saves nothing', async () => {
    const dir = folder();
    const fake = join(dir, 'fake.pmtiles');
    writeFileSync(fake, '<html>not a map</html>');
    mkdirSync(join(dir, 'folder.mbtiles'));
    const { handlers } = await open(join(dir, 'data'));

    await expect(
      handlers.saveSettings({
        basemap: { kind: 'pmtiles', path: join(dir, 'gone.pmtiles') },
      }),
    ).rejects.toThrow(/^There is no file at .*gone\.pmtiles/);
    await expect(
      handlers.saveSettings({
        centralUrl: 'https://311.city.example',
        basemap: { kind: 'pmtiles', path: fake },
      }),
    ).rejects.toThrow('is not a PMTiles (version 3) file.');
    await expect(
      handlers.saveSettings({
        basemap: { kind: 'mbtiles', path: join(dir, 'folder.mbtiles') },
      }),
    ).rejects.toThrow(/is a folder, not a map file/);

    expect(await handlers.getSettings(undefined)).toMatchObject({
      centralUrl: null,
      basemap: { kind: 'bundled' },
    });
  });

  it('stores a style URL and goes back to the bundled map', async () => {
    const { handlers } = await open(folder());
    const url = 'https://tiles.city.example/style.json';

    expect(
      (await handlers.saveSettings({ basemap: { kind: 'style-url', url } }))
        .basemap,
    ).toEqual({ kind: 'style-url', url });
    expect(
      (await handlers.saveSettings({ basemap: { kind: 'bundled' } })).basemap,
    ).toEqual({ kind: 'bundled' });
  });

  it('lets through only the SLA alerts the person asked for', () => {
    const all = { slaAlerts: true, slaAlertLevel: 'at_risk' } as const;
    const breaches = { slaAlerts: true, slaAlertLevel: 'breach_only' } as const;
    const off = { slaAlerts: false, slaAlertLevel: 'at_risk' } as const;

    expect(alertWanted(all, 'at_risk')).toBe(true);
    expect(alertWanted(breaches, 'at_risk')).toBe(false);
    expect(alertWanted(breaches, 'breached')).toBe(true);
    expect(alertWanted(off, 'breached')).toBe(false);
  });
});

describe('updates behind the contract', () => {
  it('in browser mode says the desktop app manages them and restarts nothing', async () => {
    const { handlers } = await open(folder());

    expect(await handlers.checkForUpdates(undefined)).toEqual({
      status: 'unavailable',
      currentVersion: '1.3.2',
      message: BROWSER_MODE_UPDATES,
    });
    expect(await handlers.restartToUpdate({ version: '1.4.0' })).toEqual({
      restarting: false,
      reason: BROWSER_MODE_UPDATES,
    });
  });

  it("pushes every change of the updater's state as the updateState event", async () => {
    let report!: UpdateReport;
    const updates = createUpdateService({
      currentVersion: '1.3.2',
      feedUrl: 'https://it.city.example/sd/',
      logger: createLogger({ level: 'error' }),
      firstCheckMs: null,
      intervalMs: null,
      connect: (given) => {
        report = given;
        return { check: () => Promise.resolve(), install: () => undefined };
      },
    });
    const { handlers, events } = await open(folder(), { updates });
    const pushed: UpdateState[] = [];
    events.on('updateState', (state) => pushed.push(state));

    report.checking();
    report.available('1.4.0');

    expect(pushed.map((state) => state.status)).toEqual([
      'checking',
      'available',
    ]);
    expect(await handlers.getUpdateState(undefined)).toMatchObject({
      status: 'available',
      version: '1.4.0',
    });
  });
});

describe('SLA alerts and the alert settings', () => {
  it('raises only the alerts the person asked for', async () => {
    let clock = Date.now();
    const { handlers, events } = await open(folder(), {
      seedDemo: true,
      now: () => clock,
      slaAlertIntervalMs: 10,
    });
    const alerts: { requestId: string | null; state: string }[] = [];
    events.on('slaAlert', ({ requestId, state }) =>
      alerts.push({ requestId, state }),
    );
    const page = await handlers.listQueue({
      filter: { slaStates: ['on_track'], now: clock },
      sort: 'due',
      offset: 0,
      limit: 2,
    });
    const [first, second] = page.rows;
    for (const row of [first!, second!]) {
      await handlers.watchRequest({
        requestId: row.serviceRequestId,
        watched: true,
      });
    }
    const tick = () => new Promise((resolve) => setTimeout(resolve, 60));
    await tick();

    await handlers.saveSettings({
      notifications: { slaAlerts: false, slaAlertLevel: 'at_risk' },
    });
    clock = first!.slaDueAt! + 1;
    await tick();
    expect(alerts).toEqual([]);

    await handlers.saveSettings({
      notifications: { slaAlerts: true, slaAlertLevel: 'breach_only' },
    });
    clock = second!.slaDueAt! + 1;
    await tick();
    expect(alerts).toEqual([
      { requestId: second!.serviceRequestId, state: 'breached' },
    ]);
  }, 30_000);
});
