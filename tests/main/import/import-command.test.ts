import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

import { afterEach, describe, expect, it } from 'vitest';

import { openStore } from '../../../src/main/store/store';

const root = resolve(__dirname, '../../..');
const fixture = (name: string) => join(root, 'tests', 'fixtures', name);
let dataDir = '';

function runImport(...args: string[]) {
  const run = spawnSync(
    process.execPath,
    [
      join(root, 'node_modules/tsx/dist/cli.mjs'),
      'src/main/import/import-command.ts',
      ...args,
    ],
    { cwd: root, encoding: 'utf8', timeout: 60_000 },
  );
  return { code: run.status, out: run.stdout, err: run.stderr };
}

afterEach(() => {
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

describe('npm run import', () => {
  it('loads the good rows of each file and lists the bad ones with line and reason', () => {
    dataDir = mkdtempSync(join(tmpdir(), 'sd-import-'));

    const run = runImport(
      '--data-dir',
      dataDir,
      fixture('boston311-good.csv'),
      fixture('boston311-malformed.csv'),
      fixture('open311-good.json'),
    );

    expect(run.code).toBe(0);
    expect(run.out).toMatch(
      /boston311-good\.csv: 5 requests imported, 0 bad rows/,
    );
    expect(run.out).toMatch(
      /boston311-malformed\.csv: 3 requests imported, 7 bad rows/,
    );
    expect(run.out).toMatch(/line 4: open_dt "2015-13-02/);
    expect(run.out).toMatch(/open311-good\.json: 2 requests imported/);

    const store = openStore(join(dataDir, 'streetdesk.db'));
    expect(store.countRequests()).toBe(10);
    store.close();
  });

  it('names a file that is not an export, keeps going, and exits non-zero', () => {
    dataDir = mkdtempSync(join(tmpdir(), 'sd-import-'));

    const run = runImport(
      '--data-dir',
      dataDir,
      fixture('boston311-missing-column.csv'),
      fixture('boston311-good.csv'),
    );

    expect(run.code).toBe(1);
    expect(run.err).toMatch(
      /missing-column\.csv: not imported: .*lacks type, latitude/,
    );
    expect(run.out).toMatch(/boston311-good\.csv: 5 requests imported/);
  });

  it('explains its usage when given nothing to import', () => {
    const run = runImport();

    expect(run.code).toBe(2);
    expect(run.err).toMatch(/Name at least one file/);
    expect(run.err).toMatch(/Usage: npm run import/);
  });
});
