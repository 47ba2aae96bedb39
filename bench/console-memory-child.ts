// The entry of a console's own process in the sync benchmark (forked by
// sync.bench.ts): every console service, as the app's main process holds
// them, syncs from the central API from empty; then the process reports its
// memory, as is and after a full garbage collection.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

import { createLogger } from '../src/main/log/logger';
import { createConsoleServices } from '../src/main/services/console-services';

export type MemoryChildConfig = {
  url: string;
  username: string;
  password: string;
  rows: number;
};

export type MemoryReport = {
  rssMb: number;
  rssAfterGcMb: number;
  heapUsedAfterGcMb: number;
  syncSeconds: number;
};

const mb = (bytes: number) => Math.round(bytes / 1024 / 1024);

async function main(config: MemoryChildConfig): Promise<MemoryReport> {
  const dataDir = mkdtempSync(join(tmpdir(), 'sd-console-memory-'));
  const services = await createConsoleServices({
    dataDir,
    resourcesDir: resolve('resources'),
    mode: 'browser',
    logger: createLogger({ level: 'error' }),
    version: 'bench',
    seedDemo: false,
    central: {
      url: config.url,
      signIn: { username: config.username, password: config.password },
    },
  });
  try {
    const started = performance.now();
    for (;;) {
      const status = await services.handlers.getSyncStatus(undefined);
      if (status.initialSync.done) break;
      if (performance.now() - started > 120_000) {
        throw new Error(`the console did not sync: ${status.lastError}`);
      }
      await new Promise((done) => setTimeout(done, 50));
    }
    const syncSeconds = (performance.now() - started) / 1000;
    const open = await services.handlers.listQueue({
      filter: {},
      sort: 'due',
      offset: 0,
      limit: 1,
    });
    if (open.total !== config.rows) {
      throw new Error(`the console holds ${open.total} of ${config.rows}`);
    }
    // The duplicate watch checks what arrived in slices: let it settle.
    await new Promise((done) => setTimeout(done, 3_000));

    const rssMb = mb(process.memoryUsage().rss);
    const gc = (globalThis as { gc?: () => void }).gc;
    if (gc === undefined) throw new Error('run with --expose-gc');
    gc();
    const after = process.memoryUsage();
    return {
      rssMb,
      rssAfterGcMb: mb(after.rss),
      heapUsedAfterGcMb: mb(after.heapUsed),
      syncSeconds,
    };
  } finally {
    services.close();
    await new Promise((done) => setTimeout(done, 200));
    rmSync(dataDir, { recursive: true, force: true });
  }
}

const config = JSON.parse(process.argv[2] ?? '{}') as MemoryChildConfig;
main(config).then(
  (report) => {
    process.send?.(report);
    process.exit(0);
  },
  (error: unknown) => {
    process.stderr.write(`${String(error)}\n`);
    process.exit(1);
  },
);
