import { defineConfig } from '@playwright/test';

import { CHROMIUM_ARGS, CHROMIUM_PATH } from './tests/e2e/chromium';

// End-to-end tests drive the built renderer in browser mode, in Debian's
// Chromium. The Electron smoke test runs where an Electron binary exists.
export default defineConfig({
  timeout: 60_000,
  expect: { timeout: 15_000 },
  fullyParallel: false,
  workers: 1,
  forbidOnly: Boolean(process.env.CI),
  reporter: [
    ['list'],
    ['html', { open: 'never', outputFolder: 'test-results/report' }],
  ],
  outputDir: 'test-results/artifacts',
  projects: [
    {
      name: 'browser-mode',
      testDir: 'tests/e2e',
      use: {
        viewport: { width: 1440, height: 900 },
        launchOptions: { executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS },
        screenshot: 'only-on-failure',
        trace: 'retain-on-failure',
      },
    },
    { name: 'electron', testDir: 'tests/electron' },
  ],
});
