// The central API as a process: `npm run server -- --port 8311 --data-dir
// PATH [--seed boston]`. Creates the demo staff accounts on first start.
import { join } from 'node:path';

import { createLogger } from '../main/log/logger';
import { DEFAULT_DEMO_PASSWORD, startDemoCentral } from './demo/demo-central';
import { parseServerArgs, SERVER_USAGE } from './server-args';

async function main(): Promise<void> {
  const parsed = parseServerArgs(process.argv.slice(2));
  if (!parsed.ok) {
    process.stderr.write(`${parsed.error}\n\n${SERVER_USAGE}\n`);
    process.exitCode = 2;
    return;
  }

  const { args } = parsed;
  const logger = createLogger({
    level: 'info',
    console: true,
    file: join(args.dataDir, 'logs', 'central.log'),
    component: 'server',
  });

  const password =
    process.env.STREETDESK_DEMO_PASSWORD ?? DEFAULT_DEMO_PASSWORD;
  if (process.env.STREETDESK_DEMO_PASSWORD === undefined) {
    logger.warn(
      'Demo accounts dispatch, super and admin get the default password ' +
        `"${DEFAULT_DEMO_PASSWORD}" when first created; set ` +
        'STREETDESK_DEMO_PASSWORD before the first start to choose another.',
    );
  }

  const central = await startDemoCentral({
    dataDir: args.dataDir,
    port: args.port,
    host: args.host,
    logger,
    csvPath: args.csvPath,
    seed: args.seed === 'boston',
    replaySpeed: args.replaySpeed,
    unmergeWindowMs: args.unmergeWindowHours * 3_600_000,
    password,
  });

  process.stdout.write(
    `StreetDesk central API at ${central.url}\n` +
      `  staff sync: ${central.url}/staff/v2/   Open311: ${central.url}/open311/v2/\n`,
  );
  if (central.open311ApiKey !== null) {
    process.stdout.write(
      `  Open311 api_key for the demo resident app (shown once): ${central.open311ApiKey}\n`,
    );
  }

  const stop = () => {
    logger.info('stopping');
    central.close().then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error('stop failed', { error: String(error) });
        process.exit(1);
      },
    );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  process.stderr.write(
    `The central API could not start: ${error instanceof Error ? error.message : String(error)}\n`,
  );
  process.exitCode = 1;
});
