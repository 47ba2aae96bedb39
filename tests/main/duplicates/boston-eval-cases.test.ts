import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { readBostonEvalCases } from '../../../src/main/duplicates/boston-eval-cases';

const FIXTURES = join(__dirname, '..', '..', 'fixtures');
const GOOD = join(FIXTURES, 'boston311-good.csv');

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'streetdesk-dup-eval-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

/** The good fixture's header and first row, for building files. */
const [HEADER, FIRST_ROW] = readFileSync(GOOD, 'utf8').split(/\r?\n/);

describe('readBostonEvalCases', () => {
  it('reads each row as a case with its closure reason', async () => {
    const { cases, skippedCount } = await readBostonEvalCases(GOOD);

    expect(skippedCount).toBe(0);
    expect(cases.map((c) => c.dupCase.id)).toEqual([
      '101000000001',
      '101000000002',
      '101000000003',
      '101000000004',
      '101000000005',
    ]);
    expect(cases[0]).toEqual({
      dupCase: {
        id: '101000000001',
        type: 'Street Light Outages',
        lat: 42.3401,
        long: -71.0712,
        address: '1 Main St Boston MA 02118',
        description: 'Light out',
        openedAt: Date.parse('2015-03-02T08:15:00-05:00'),
        closedAt: null,
      },
      closureReason: null,
    });
    expect(cases[1]?.closureReason).toBe('Case Closed, fixed');
    expect(cases[1]?.dupCase.closedAt).toBe(
      Date.parse('2015-03-10T09:30:00-04:00'),
    );
  });

  it('gives the City Hall placeholder and blank coordinates no location', async () => {
    const { cases } = await readBostonEvalCases(GOOD);
    const byId = new Map(cases.map((c) => [c.dupCase.id, c.dupCase]));

    expect(byId.get('101000000003')).toMatchObject({ lat: null, long: null });
    expect(byId.get('101000000005')).toMatchObject({ lat: null, long: null });
  });

  it('reads a gzip export as the plain one', async () => {
    const gz = join(dir, 'export.csv.gz');
    writeFileSync(gz, gzipSync(readFileSync(GOOD)));

    expect(await readBostonEvalCases(gz)).toEqual(
      await readBostonEvalCases(GOOD),
    );
  });

  it('keeps the first of two rows with one id and says so', async () => {
    const file = join(dir, 'repeated.csv');
    const again = FIRST_ROW!.replace('Light out', 'Light out again');
    writeFileSync(file, `${HEADER}\n${FIRST_ROW}\n${again}\n`);

    const { cases, skipped, skippedCount } = await readBostonEvalCases(file);
    expect(cases.map((c) => c.dupCase.description)).toEqual(['Light out']);
    expect(skippedCount).toBe(1);
    expect(skipped[0]?.line).toBe(3);
    expect(skipped[0]?.reason).toMatch(/101000000001 appears again/);
  });

  it('lists the first 20 skipped rows and counts them all', async () => {
    const file = join(dir, 'bad.csv');
    const bad = Array.from({ length: 25 }, (_, at) =>
      FIRST_ROW!
        .replace('101000000001', `1010000001${String(at).padStart(2, '0')}`)
        .replace('2015-03-02T08:15:00-05:00', 'yesterday'),
    );
    writeFileSync(file, [HEADER, FIRST_ROW, ...bad].join('\n'));

    const { cases, skipped, skippedCount } = await readBostonEvalCases(file);
    expect(cases).toHaveLength(1);
    expect(skippedCount).toBe(25);
    expect(skipped).toHaveLength(20);
    expect(skipped[0]).toEqual({
      line: 3,
      reason: expect.stringMatching(/open_dt "yesterday"/) as unknown,
    });
  });

  it('refuses a file that is not a Boston export, saying what is missing', async () => {
    await expect(
      readBostonEvalCases(join(FIXTURES, 'boston311-missing-column.csv')),
    ).rejects.toThrow(/not a Boston 311 CSV export.*type, latitude/);
  });
});
