// What `npm start` runs: build the app if the build is stale, then start it
// in Electron, or in browser mode when the Electron binary is not installed
// (offline installs skip its download). The exit code follows the child's.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const BUILD_OUTPUTS = [
  'out/main/index.js',
  'out/main/serve.js',
  'out/preload/index.cjs',
  'out/renderer/index.html',
];
const BUILD_INPUTS = ['src', 'electron.vite.config.ts', 'package.json'];

const args = process.argv.slice(2);

if (buildIsStale()) {
  process.stdout.write('Building StreetDesk (electron-vite build)...\n');
  const build = spawnSync(
    process.execPath,
    [join(ROOT, 'node_modules/electron-vite/bin/electron-vite.js'), 'build'],
    { cwd: ROOT, stdio: 'inherit' },
  );
  if (build.status !== 0) {
    process.stderr.write(
      'The build failed (see above); fix the errors and run `npm start` again.\n',
    );
    process.exit(build.status ?? 1);
  }
}

const electron = electronBinary() ?? downloadElectron();
if (electron !== null) {
  run(electron, ['.', ...args]);
} else {
  process.stdout.write(
    'The Electron binary is not installed (offline install?); ' +
      'starting browser mode instead.\n',
  );
  run(process.execPath, [join(ROOT, 'out/main/serve.js'), ...args]);
}

function run(command, commandArgs) {
  const env = { ...process.env };
  // Set by some shells and tools; it would make Electron behave as Node.
  delete env.ELECTRON_RUN_AS_NODE;

  const child = spawn(command, commandArgs, {
    cwd: ROOT,
    stdio: 'inherit',
    env,
  });
  for (const signal of ['SIGINT', 'SIGTERM']) {
    process.on(signal, () => child.kill(signal));
  }
  child.on('error', (error) => {
    process.stderr.write(`Could not start ${command}: ${error.message}\n`);
    process.exit(1);
  });
  child.on('exit', (code, signal) => {
    process.exit(code ?? (signal === null ? 1 : 128 + signalNumber(signal)));
  });
}

/**
 * npm runs no install script it was not told to trust, so the Electron
 * binary is fetched here, once, on first start. Offline it fails fast.
 */
function downloadElectron() {
  if (process.env.ELECTRON_SKIP_BINARY_DOWNLOAD) return null;

  process.stdout.write('Downloading the Electron binary (first start)...\n');
  const download = spawnSync(
    process.execPath,
    [join(ROOT, 'node_modules/electron/install.js')],
    { cwd: ROOT, stdio: ['ignore', 'inherit', 'pipe'], timeout: 300_000 },
  );
  if (download.status !== 0) return null;

  return electronBinary();
}

function signalNumber(signal) {
  return { SIGHUP: 1, SIGINT: 2, SIGKILL: 9, SIGTERM: 15 }[signal] ?? 0;
}

/**
 * The Electron executable, or null when it was never downloaded. Reads the
 * package's path.txt instead of require('electron'), which would try to
 * download the binary.
 */
function electronBinary() {
  const packageDir = join(ROOT, 'node_modules', 'electron');
  const pathFile = join(packageDir, 'path.txt');
  if (!existsSync(pathFile)) return null;

  const distDir =
    process.env.ELECTRON_OVERRIDE_DIST_PATH ?? join(packageDir, 'dist');
  const binary = join(distDir, readFileSync(pathFile, 'utf8').trim());
  return existsSync(binary) ? binary : null;
}

function buildIsStale() {
  const outputs = BUILD_OUTPUTS.map((path) => join(ROOT, path));
  if (!outputs.every((path) => existsSync(path))) return true;

  const oldestOutput = Math.min(
    ...outputs.map((path) => statSync(path).mtimeMs),
  );
  const newestInput = Math.max(
    ...BUILD_INPUTS.map((path) => newestMtime(join(ROOT, path))),
  );
  return newestInput > oldestOutput;
}

function newestMtime(path) {
  if (!existsSync(path)) return 0;
  const stats = statSync(path);
  if (!stats.isDirectory()) return stats.mtimeMs;

  let newest = stats.mtimeMs;
  for (const entry of readdirSync(path)) {
    newest = Math.max(newest, newestMtime(join(path, entry)));
  }
  return newest;
}
