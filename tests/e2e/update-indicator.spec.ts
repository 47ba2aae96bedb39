// The updater as the person sees it in the header: states pushed from the
// services (through the browser mode's event socket, as over IPC in the
// app) appear as words and a progress bar, and "Restart now" reaches the
// services only when the person presses it.
import { expect, test } from '@playwright/test';

import { createLogger } from '../../src/main/log/logger';
import {
  createUpdateService,
  type UpdateReport,
} from '../../src/main/update/update-service';
import { startBareConsole } from './bare-console';

test('shows a download, then a restart the person chooses', async ({
  page,
}) => {
  const logger = createLogger({ level: 'warn' });
  let report!: UpdateReport;
  let installs = 0;
  const updates = createUpdateService({
    currentVersion: '1.3.2',
    feedUrl: 'https://it.city.example/streetdesk/',
    logger,
    firstCheckMs: null,
    intervalMs: null,
    sha512OfFile: () => Promise.resolve('PUBLISHED'),
    connect: (given) => {
      report = given;
      return {
        check: () => Promise.resolve(),
        install: () => {
          installs += 1;
        },
      };
    },
  });
  const running = await startBareConsole({ updates });

  try {
    await page.goto(running.url);
    await expect(page.getByRole('banner')).toBeVisible();
    const indicator = page.getByTestId('update-indicator');
    await expect(indicator).toHaveCount(0);

    // The page subscribes to events once it has started: push until seen.
    await expect(async () => {
      report.checking();
      await expect(indicator).toHaveText('Checking for updates…', {
        timeout: 500,
      });
    }).toPass();

    report.available('1.4.0');
    report.progress({
      percent: 37.5,
      transferredBytes: 37_500_000,
      totalBytes: 100_000_000,
    });
    await expect(indicator).toContainText('Downloading update 1.4.0: 37%');
    await expect(indicator).toContainText('37.5 MB of 100.0 MB');
    const bar = page.getByRole('progressbar', {
      name: 'Downloading update 1.4.0: 37%',
    });
    await expect(bar).toHaveAttribute('value', '37');

    await report.downloaded({
      version: '1.4.0',
      file: '/cache/StreetDesk-1.4.0.AppImage',
      sha512: 'PUBLISHED',
    });
    await expect(indicator).toContainText('Update 1.4.0 is ready');
    expect(installs).toBe(0);

    await page.getByRole('button', { name: 'Restart now' }).click();
    await expect.poll(() => installs).toBe(1);
  } finally {
    await running.close();
  }
});

test('shows an update error in words, as an alert', async ({ page }) => {
  const logger = createLogger({ level: 'error' });
  let report!: UpdateReport;
  const updates = createUpdateService({
    currentVersion: '1.3.2',
    feedUrl: 'https://it.city.example/streetdesk/',
    logger,
    firstCheckMs: null,
    intervalMs: null,
    sha512OfFile: () => Promise.resolve('SOMETHING-ELSE'),
    connect: (given) => {
      report = given;
      return { check: () => Promise.resolve(), install: () => undefined };
    },
  });
  const running = await startBareConsole({ updates });

  try {
    await page.goto(running.url);
    await expect(page.getByRole('banner')).toBeVisible();

    await expect(async () => {
      report.available('1.4.0');
      await expect(page.getByTestId('update-indicator')).toBeVisible({
        timeout: 500,
      });
    }).toPass();
    // A file that does not match its published sha512: refused.
    await report.downloaded({
      version: '1.4.0',
      file: '/cache/StreetDesk-1.4.0.AppImage',
      sha512: 'PUBLISHED',
    });

    const alert = page.getByRole('alert').filter({ hasText: 'Update 1.4.0' });
    await expect(alert).toContainText('Update 1.4.0 failed');
    await expect(alert).toContainText('does not match the checksum');
    await expect(page.getByRole('button', { name: 'Restart now' })).toHaveCount(
      0,
    );
    await expect(page.getByRole('button', { name: 'Try again' })).toBeVisible();
  } finally {
    await running.close();
  }
});
