// Launches the built Electron app on a fresh data folder and checks that
// the window shows the queue. Skipped where the Electron binary was never
// downloaded (offline installs): browser-mode e2e covers the renderer there.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

import { _electron, expect, test } from '@playwright/test';

const ROOT = resolve(__dirname, '../..');
const MAIN_ENTRY = join(ROOT, 'out', 'main', 'index.js');

/**
 * Where the `electron` package keeps its binary, or null if it is absent.
 * Not `require('electron')`: that starts a download when the binary is
 * missing, which hangs or fails offline.
 */
function electronBinary(): string | null {
  const packageDir = join(ROOT, 'node_modules', 'electron');
  const pathFile = join(packageDir, 'path.txt');
  if (!existsSync(pathFile)) return null;

  const relative = readFileSync(pathFile, 'utf8').trim();
  const distDir =
    process.env.ELECTRON_OVERRIDE_DIST_PATH ?? join(packageDir, 'dist');
  const binary = join(distDir, relative);
  return existsSync(binary) ? binary : null;
}

const binary = electronBinary();

test.skip(
  binary === null,
  'The Electron binary is not installed (node_modules/electron/dist is ' +
    'missing, as after an offline install). Run `npx install-electron` ' +
    'with network access to run this smoke test.',
);

test('the built app opens a window that shows queue rows', async () => {
  test.skip(
    !existsSync(MAIN_ENTRY),
    `The app is not built (${MAIN_ENTRY} is missing); run \`npm run build\`.`,
  );

  const dataDir = mkdtempSync(join(tmpdir(), 'streetdesk-smoke-'));
  const app = await _electron.launch({
    executablePath: binary ?? undefined,
    args: [MAIN_ENTRY, '--no-sandbox'],
    cwd: ROOT,
    env: { ...process.env, STREETDESK_DATA_DIR: dataDir },
  });

  try {
    const page = await app.firstWindow();
    await expect(page).toHaveTitle(/StreetDesk/);
    await expect(page.getByTestId('queue-row').first()).toBeVisible({
      timeout: 60_000,
    });

    // The page sees the contract's bridge and nothing of Node.
    const bridge = await page.evaluate(() => ({
      methods: Object.keys(
        (globalThis as { streetdesk?: object }).streetdesk ?? {},
      ),
      require: typeof (globalThis as { require?: unknown }).require,
      process: typeof (globalThis as { process?: unknown }).process,
    }));
    expect(bridge.methods).toContain('listQueue');
    expect(bridge.methods).not.toContain('ipcRenderer');
    expect(bridge.require).toBe('undefined');
    expect(bridge.process).toBe('undefined');

    expect(existsSync(join(dataDir, 'logs', 'streetdesk.log'))).toBe(true);
  } finally {
    await app.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
});
