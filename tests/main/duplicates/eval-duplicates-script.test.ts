// scripts/eval-duplicates.ts run as `npm run eval:duplicates` runs it.
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';

import { beforeAll, describe, expect, it } from 'vitest';

const ROOT = join(__dirname, '..', '..', '..');
const FIXTURES = join(ROOT, 'tests', 'fixtures');

type Run = { code: number; stdout: string; stderr: string };

async function evalDuplicates(...args: string[]): Promise<Run> {
  try {
    const { stdout, stderr } = await promisify(execFile)(
      'npx',
      ['tsx', 'scripts/eval-duplicates.ts', ...args],
      { cwd: ROOT, timeout: 60_000 },
    );

    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code?: number; stdout?: string; stderr?: string };
    if (typeof failed.code !== 'number') throw error;

    return {
      code: failed.code,
      stdout: failed.stdout ?? '',
      stderr: failed.stderr ?? '',
    };
  }
}

type Metric = { metric: string; value: number; unit: string } & Record<
  string,
  unknown
>;

describe('npm run eval:duplicates', () => {
  // Each run starts tsx afresh (about a second): start them all at once.
  let boston: Run;
  let noFile: Run;
  let notBoston: Run;
  let malformed: Run;
  beforeAll(async () => {
    [boston, noFile, notBoston, malformed] = await Promise.all([
      evalDuplicates(join(FIXTURES, 'boston311-duplicates.csv')),
      evalDuplicates(),
      evalDuplicates(join(FIXTURES, 'open311-good.json')),
      evalDuplicates(join(FIXTURES, 'boston311-malformed.csv')),
    ]);
  }, 60_000);

  it('prints one JSON metric a line for a Boston export', () => {
    const run = boston;
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('');

    const lines = run.stdout.trim().split('\n');
    const metrics = lines.map((line) => JSON.parse(line) as Metric);
    const byName = new Map(metrics.map((m) => [m.metric, m]));

    for (const m of metrics) {
      expect(typeof m.value, m.metric).toBe('number');
      expect(['ratio', 'candidates'], m.metric).toContain(m.unit);
      expect(m.skippedRows, m.metric).toBe(0);
    }

    // The fixture's 11 pairs: 8 found by us, 3 by FixMyStreet (see
    // boston-duplicates.test.ts for why).
    const ours = byName.get('duplicates.recall_at_5');
    const baseline = byName.get('duplicates.baseline_recall_at_5');
    expect(ours).toMatchObject({
      value: Number((8 / 11).toFixed(4)),
      duplicates: 11,
      found: 8,
      originalOpenedLater: 1,
      file: 'boston311-duplicates.csv',
    });
    expect(baseline).toMatchObject({
      value: Number((3 / 11).toFixed(4)),
      found: 3,
    });
    expect(byName.get('duplicates.findable_recall_at_5')).toMatchObject({
      value: 0.8,
      duplicates: 10,
    });
    expect([...byName.keys()]).toEqual(
      expect.arrayContaining([
        'duplicates.candidates_per_request.mean',
        'duplicates.baseline_candidates_per_request.none_share',
      ]),
    );
  });

  it('exits 2 and names what to pass when given no file', () => {
    const run = noFile;

    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/Boston 311 CSV export/);
    expect(run.stderr).toMatch(/npm run eval:duplicates -- \S+\.csv/);
  });

  it('exits 1 with a clear message for a file that is not a Boston export', () => {
    const run = notBoston;

    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(
      /^Could not evaluate duplicates: .*open311-good\.json is not a Boston 311 CSV export/,
    );
  });

  it('reports skipped rows on stderr and still evaluates the rest', () => {
    const run = malformed;

    expect(run.code).toBe(0);
    expect(run.stderr).toMatch(/boston311-malformed\.csv line \d+ skipped: /);
    expect(run.stderr).toMatch(/\d+ rows skipped, \d+ cases evaluated\./);
    const first = JSON.parse(run.stdout.split('\n')[0]!) as Metric;
    expect(first.metric).toBe('duplicates.recall_at_5');
    expect(first.skippedRows).toBeGreaterThan(0);
  });
});
