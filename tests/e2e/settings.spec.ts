// The Settings tab: a basemap file that is not there is refused in words
// and nothing changes; a real archive is drawn; the SLA alert choice is
// saved in the store.
import { writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';

import { expect, test } from '@playwright/test';

import {
  PMTILES_TYPE,
  solidPng,
  writePmtiles,
  type TestTile,
} from '../support/tile-archives';
import { seriousViolations } from './axe-scan';
import { startBareConsole, type BareConsole } from './bare-console';
import { summarisePixels } from './screen-pixels';

let running: BareConsole;

test.beforeEach(async () => {
  running = await startBareConsole();
});

test.afterEach(async () => {
  await running.close();
});

test('refuses a missing basemap file and saves the SLA alert choice', async ({
  page,
}) => {
  await page.goto(running.url);
  await page.getByRole('tab', { name: 'Settings' }).click();
  const panel = page.getByTestId('settings-panel');
  await expect(panel).toBeVisible();

  await panel
    .getByRole('radio', { name: 'PMTiles file on this computer' })
    .check();
  const missing = join(running.dataDir, 'gone.pmtiles');
  await panel.getByLabel('Full path of the file').fill(missing);
  await panel.getByRole('button', { name: 'Save basemap' }).click();
  await expect(panel.getByRole('alert')).toContainText(
    `There is no file at ${missing}`,
  );

  // Only the right first bytes: refused for what the map needs.
  const hollow = join(running.dataDir, 'hollow.pmtiles');
  writeFileSync(
    hollow,
    Buffer.concat([Buffer.from('PMTiles'), Buffer.from([3]), Buffer.alloc(64)]),
  );
  await panel.getByLabel('Full path of the file').fill(hollow);
  await panel.getByRole('button', { name: 'Save basemap' }).click();
  await expect(panel.getByRole('alert')).toContainText(
    'could not be read as PMTiles',
  );

  const real = join(running.dataDir, 'boston.pmtiles');
  writeRasterArchive(real, MAGENTA);
  await panel.getByLabel('Full path of the file').fill(real);
  await panel.getByRole('button', { name: 'Save basemap' }).click();
  await expect(panel.getByText('Basemap saved.')).toBeVisible();
  await expect(page.getByTestId('basemap-problem')).toHaveCount(0);

  await panel.getByRole('radio', { name: 'breaches only' }).check();
  await expect(panel.getByText('Alert settings saved.')).toBeVisible();

  const settings = await running.services.handlers.getSettings(undefined);
  expect(settings.basemap).toEqual({ kind: 'pmtiles', path: real });
  expect(settings.notifications).toEqual({
    slaAlerts: true,
    slaAlertLevel: 'breach_only',
  });
  await expect(panel).toContainText('Updates are managed by the desktop app');
  expect(
    await seriousViolations(page, '[data-testid="settings-panel"]'),
  ).toEqual([]);
});

const MAGENTA = [200, 0, 200] as const;

/** Solid tiles over Boston at zooms 10 to 12, as PMTiles. */
function writeRasterArchive(path: string, [r, g, b]: readonly number[]) {
  const png = solidPng(r!, g!, b!);
  const tiles: TestTile[] = [];
  const tileX = (lon: number, z: number) =>
    Math.floor(((lon + 180) / 360) * 2 ** z);
  const tileY = (lat: number, z: number) => {
    const rad = (lat * Math.PI) / 180;
    return Math.floor(
      ((1 - Math.log(Math.tan(rad) + 1 / Math.cos(rad)) / Math.PI) / 2) *
        2 ** z,
    );
  };
  for (let z = 10; z <= 12; z += 1) {
    for (let x = tileX(-71.5, z); x <= tileX(-70.7, z); x += 1) {
      for (let y = tileY(42.6, z); y <= tileY(42.1, z); y += 1) {
        tiles.push({ z, x, y, data: png });
      }
    }
  }
  writePmtiles(path, {
    tileType: PMTILES_TYPE.png,
    tiles,
    metadata: { name: 'Test tiles', attribution: 'Test <b>tiles</b>' },
    bounds: [-71.5, 42.1, -70.7, 42.6],
  });
}

test('draws a chosen PMTiles archive, and says why a style URL it cannot reach is not drawn', async ({
  page,
}) => {
  const archive = join(running.dataDir, 'city.pmtiles');
  writeRasterArchive(archive, MAGENTA);
  const served: number[] = [];
  page.on('response', (response) => {
    if (response.url().includes('/basemap-tiles/')) {
      served.push(response.status());
    }
  });

  await page.goto(running.url);
  await page.getByRole('tab', { name: 'Settings' }).click();
  const panel = page.getByTestId('settings-panel');
  await panel
    .getByRole('radio', { name: 'PMTiles file on this computer' })
    .check();
  await panel.getByLabel('Full path of the file').fill(archive);
  await panel.getByRole('button', { name: 'Save basemap' }).click();
  await expect(panel.getByText('Basemap saved.')).toBeVisible();

  // The map is made again on the archive, its tiles served by the console.
  await expect
    .poll(() => served.filter((status) => status === 200).length, {
      timeout: 15_000,
    })
    .toBeGreaterThan(0);
  const map = page.getByTestId('map');
  await expect
    .poll(
      async () =>
        (await summarisePixels(page, map, ['#c800c8'])).matches['#c800c8'] ?? 0,
      { timeout: 15_000 },
    )
    .toBeGreaterThan(10_000);
  // The archive's attribution is shown as text.
  await expect(page.locator('.maplibregl-ctrl-attrib')).toContainText(
    'Test tiles',
  );
  await expect(page.locator('.maplibregl-ctrl-attrib b')).toHaveCount(0);
  await page.screenshot({
    path: test.info().outputPath('chosen-basemap.png'),
  });

  // A style from another host: saved, the page reloads so that its
  // security policy lets that host in, and the style is drawn.
  const styles = createServer((req, res) => {
    res.writeHead(200, {
      'Content-Type': 'application/json',
      'Access-Control-Allow-Origin': '*',
    });
    res.end(
      JSON.stringify({
        version: 8,
        sources: {},
        layers: [
          {
            id: 'city-background',
            type: 'background',
            paint: { 'background-color': '#00b4b4' },
          },
        ],
      }),
    );
  });
  await new Promise<void>((done) => styles.listen(0, '127.0.0.1', done));
  const styleUrl = `http://127.0.0.1:${(styles.address() as AddressInfo).port}/city.json`;
  try {
    await page.getByRole('tab', { name: 'Settings' }).click();
    await panel.getByRole('radio', { name: 'Map style URL' }).check();
    await panel.getByLabel('Style URL', { exact: true }).fill(styleUrl);
    await panel.getByRole('button', { name: 'Save basemap' }).click();
    await expect
      .poll(
        async () =>
          (await summarisePixels(page, map, ['#00b4b4'])).matches['#00b4b4'] ??
          0,
        { timeout: 15_000 },
      )
      .toBeGreaterThan(10_000);
    await expect(page.getByTestId('map-problem')).toHaveCount(0);
  } finally {
    styles.close();
  }

  // A style URL on a host that does not answer: the map says why it shows
  // the bundled map.
  await page.getByRole('tab', { name: 'Settings' }).click();
  await panel.getByRole('radio', { name: 'Map style URL' }).check();
  await panel
    .getByLabel('Style URL', { exact: true })
    .fill('http://127.0.0.1:9/styles/city.json');
  await panel.getByRole('button', { name: 'Save basemap' }).click();
  await expect(page.getByTestId('map-problem')).toContainText(
    'The map style at http://127.0.0.1:9/styles/city.json could not be used',
  );
  await expect(page.getByTestId('map-problem')).toContainText(
    'Showing the bundled Boston map.',
  );
  const settings = await running.services.handlers.getSettings(undefined);
  expect(settings.basemap).toEqual({
    kind: 'style-url',
    url: 'http://127.0.0.1:9/styles/city.json',
  });
});

test('guides a new console through its setup until the person finishes it', async ({
  page,
}) => {
  await page.goto(running.url);
  const setUp = page.getByRole('button', { name: 'Set up this console' });
  await setUp.click();

  const guide = page.getByTestId('setup-guide');
  await expect(guide).toBeVisible();
  const steps = guide.getByRole('listitem');
  await expect(steps).toHaveCount(4);
  await expect(steps.nth(0)).toContainText('Not connected');
  await expect(steps.nth(1)).toContainText('Not signed in');
  await expect(steps.nth(2)).toContainText('bundled Boston map');
  expect(
    await seriousViolations(page, '[data-testid="settings-panel"]'),
  ).toEqual([]);
  await page.screenshot({ path: test.info().outputPath('setup-guide.png') });

  // The alert choice made below shows in the guide at once.
  await page
    .getByTestId('settings-panel')
    .getByRole('radio', { name: 'breaches only' })
    .check();
  await expect(steps.nth(3)).toContainText('On, when a request breaches.');

  await guide.getByRole('button', { name: 'Finish setup for now' }).click();
  await expect(guide).toHaveCount(0);
  await expect(setUp).toHaveCount(0);

  await page.reload();
  await expect(page.getByTestId('map')).toBeVisible();
  await expect(
    page.getByRole('button', { name: 'Set up this console' }),
  ).toHaveCount(0);
  expect(
    (await running.services.handlers.getSettings(undefined)).setupDone,
  ).toBe(true);
});
