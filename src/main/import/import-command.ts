// `npm run import -- FILE...`: loads Boston 311 CSV exports (.csv, .csv.gz)
// or Open311 GeoReport v2 JSON arrays (.json) into the console's local
// store, and reports every bad row with its line and the reason.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

import { defaultDataDir } from '../services/data-dir';
import { openStore } from '../store/store';
import { importBostonCsv } from './import-boston-csv';
import { importOpen311Json } from './import-open311-json';

const USAGE = `Usage: npm run import -- [--data-dir PATH] FILE...

  FILE             a Boston 311 export (.csv or .csv.gz) or an Open311
                   GeoReport v2 JSON array of requests (.json)
  --data-dir PATH  the console's data folder (default: ${defaultDataDir()})`;

/** Bad rows printed per file; the count covers all of them. */
const PRINTED_BAD_ROWS = 50;

type Args = { dataDir: string; files: string[] };

function parseArgs(argv: string[]): Args | string {
  const args: Args = { dataDir: defaultDataDir(), files: [] };

  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    if (arg === '--data-dir') {
      const value = argv[++i];
      if (!value) return '--data-dir needs a folder path.';
      args.dataDir = value;
    } else if (arg.startsWith('--')) {
      return `Unknown option "${arg}".`;
    } else {
      args.files.push(arg);
    }
  }

  return args.files.length > 0 ? args : 'Name at least one file to import.';
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  if (typeof args === 'string') {
    process.stderr.write(`${args}\n\n${USAGE}\n`);
    process.exitCode = 2;
    return;
  }

  mkdirSync(args.dataDir, { recursive: true });
  const store = openStore(join(args.dataDir, 'streetdesk.db'));
  try {
    for (const file of args.files) await importOne(store, file);
  } finally {
    store.close();
  }
}

async function importOne(
  store: ReturnType<typeof openStore>,
  file: string,
): Promise<void> {
  try {
    const report = file.toLowerCase().endsWith('.json')
      ? await importOpen311Json(store, { path: file })
      : await importBostonCsv(store, { path: file });
    const bad = report.badRows.map((row) =>
      'line' in row
        ? `  line ${row.line}: ${row.reason}`
        : `  entry ${row.index}: ${row.reason}`,
    );

    process.stdout.write(
      `${file}: ${report.imported} requests imported, ${report.badRowCount} bad rows skipped\n`,
    );
    if (bad.length > 0) {
      process.stdout.write(`${bad.slice(0, PRINTED_BAD_ROWS).join('\n')}\n`);
    }
    if (report.badRowCount > PRINTED_BAD_ROWS) {
      process.stdout.write(
        `  ... and ${report.badRowCount - PRINTED_BAD_ROWS} more\n`,
      );
    }
  } catch (error) {
    process.stderr.write(
      `${file}: not imported: ${error instanceof Error ? error.message : String(error)}\n`,
    );
    process.exitCode = 1;
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`The import failed: ${String(error)}\n`);
  process.exitCode = 1;
});
