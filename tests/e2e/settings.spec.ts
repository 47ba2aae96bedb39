// The Settings tab: a basemap file that is not there is refused in words
// and nothing changes; the SLA alert choice is saved in the store.
import { createRequire } from 'node:module';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { expect, test, type Page } from '@playwright/test';

import { startBareConsole, type BareConsole } from './bare-console';

let running: BareConsole;

test.beforeEach(async () => {
  running = await startBareConsole();
});

test.afterEach(async () => {
  await running.close();
});

const axeSource = readFileSync(
  createRequire(__filename).resolve('axe-core/axe.min.js'),
  'utf8',
);

/** Serious and critical axe findings inside the settings panel. */
async function seriousViolations(page: Page) {
  await page.evaluate(axeSource);
  return page.evaluate(async () => {
    type Axe = {
      run: (
        context: Element,
        options: object,
      ) => Promise<{ violations: { id: string; impact: string | null }[] }>;
    };
    const { axe } = window as unknown as { axe: Axe };
    const panel = document.querySelector('[data-testid="settings-panel"]')!;
    const results = await axe.run(panel, { resultTypes: ['violations'] });
    return results.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => v.id);
  });
}

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

  const real = join(running.dataDir, 'boston.pmtiles');
  writeFileSync(
    real,
    Buffer.concat([Buffer.from('PMTiles'), Buffer.from([3]), Buffer.alloc(64)]),
  );
  await panel.getByLabel('Full path of the file').fill(real);
  await panel.getByRole('button', { name: 'Save basemap' }).click();
  await expect(panel.getByText('Basemap saved.')).toBeVisible();
  await expect(panel).toContainText('still draws the bundled Boston map');

  await panel.getByRole('radio', { name: 'breaches only' }).check();
  await expect(panel.getByText('Alert settings saved.')).toBeVisible();

  const settings = await running.services.handlers.getSettings(undefined);
  expect(settings.basemap).toEqual({ kind: 'pmtiles', path: real });
  expect(settings.notifications).toEqual({
    slaAlerts: true,
    slaAlertLevel: 'breach_only',
  });
  await expect(panel).toContainText('Updates are managed by the desktop app');
  expect(await seriousViolations(page)).toEqual([]);
});
