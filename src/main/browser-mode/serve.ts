// `npm run serve`: the console in a browser. The same services as the
// Electron app run here in Node; the renderer is served on 127.0.0.1 behind
// a token made fresh for each run.
import { join, resolve } from 'node:path';

import { createLogger, isLogLevel } from '../log/logger';
import { createConsoleServices } from '../services/console-services';
import { defaultDataDir } from '../services/data-dir';
import { startEmbeddedCentral } from '../services/embedded-central';
import { startBrowserServer } from './browser-server';
import { parseServeArgs, SERVE_USAGE } from './serve-args';
import { createToken } from './token-auth';

// The bundle sits in out/main; the repository root is two folders up.
const appRoot = resolve(__dirname, '..', '..');

async function main(): Promise<void> {
  const parsed = parseServeArgs(process.argv.slice(2));
  if (!parsed.ok) {
    process.stderr.write(`${parsed.error}\n\n${SERVE_USAGE}\n`);
    process.exitCode = 2;
    return;
  }
  if (parsed.args.help) {
    process.stdout.write(`${SERVE_USAGE}\n`);
    return;
  }

  const dataDir = parsed.args.dataDir ?? defaultDataDir();
  const level = process.env.STREETDESK_LOG_LEVEL;
  const logger = createLogger({
    file: join(dataDir, 'logs', 'streetdesk.log'),
    level: isLogLevel(level) ? level : 'info',
    component: 'browser-mode',
  });

  const resourcesDir = join(appRoot, 'resources');
  const embedded =
    parsed.args.central === null
      ? await startEmbeddedCentral({
          dataDir,
          resourcesDir,
          logger,
          replaySpeed: parsed.args.replaySpeed,
        })
      : null;

  const services = await createConsoleServices({
    dataDir,
    resourcesDir,
    mode: 'browser',
    logger,
    version: process.env.npm_package_version ?? 'dev',
    central: embedded
      ? { url: embedded.url, signIn: embedded.signIn }
      : { url: parsed.args.central ?? '' },
  });

  const server = await startBrowserServer({
    handlers: services.handlers,
    events: services.events,
    rendererDir: join(appRoot, 'out', 'renderer'),
    basemapDir: join(appRoot, 'resources', 'basemap'),
    basemap: services.basemap,
    token: createToken(),
    port: parsed.args.port,
    logger,
  });

  process.stdout.write(
    `StreetDesk is running in browser mode.\n` +
      `Open this link (it holds this run's access token):\n\n  ${server.url}\n\n` +
      `Data: ${dataDir}\n` +
      (embedded
        ? `Demo central API: ${embedded.url} (accounts dispatch, super, admin; ` +
          `password in ${join(dataDir, 'central', 'demo-password')})\n`
        : `Central API: ${parsed.args.central ?? ''}\n`) +
      'Stop with Ctrl+C.\n',
  );

  const stop = () => {
    logger.info('browser mode stopping');
    void server
      .close()
      .then(() => embedded?.close())
      .finally(() => {
        services.close();
        process.exit(0);
      });
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  process.stderr.write(
    `StreetDesk could not start: ${error instanceof Error ? error.message : String(error)}\n`,
  );
  process.exitCode = 1;
});
