import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { importBostonCsv } from '../../../src/main/import/import-boston-csv';
import { openStore, type Store } from '../../../src/main/store/store';

const FIXTURES = join(import.meta.dirname, '../../fixtures');
const GOOD = join(FIXTURES, 'boston311-good.csv');
const MALFORMED = join(FIXTURES, 'boston311-malformed.csv');
const MISSING_COLUMN = join(FIXTURES, 'boston311-missing-column.csv');

describe('Boston 311 CSV import', () => {
  let store: Store;
  let folder: string;

  beforeEach(() => {
    store = openStore(':memory:');
    folder = mkdtempSync(join(tmpdir(), 'streetdesk-import-'));
  });
  afterEach(() => {
    store.close();
    rmSync(folder, { recursive: true, force: true });
  });

  it('loads every row of a good file with the Boston fields mapped', async () => {
    const report = await importBostonCsv(store, { path: GOOD });

    expect(report).toEqual({ imported: 5, badRows: [], badRowCount: 0 });
    expect(store.getRequest('101000000001')).toEqual({
      serviceRequestId: '101000000001',
      serviceCode: 'street-light-outages',
      serviceName: 'Street Light Outages',
      description: 'Light out',
      status: 'open',
      statusNotes: null,
      agencyResponsible: 'PWDx',
      requestedAt: Date.parse('2015-03-02T13:15:00Z'),
      updatedAt: null,
      slaDueAt: Date.parse('2015-03-05T13:15:00Z'),
      closedAt: null,
      address: '1 Main St Boston MA 02118',
      zipcode: '02118',
      lat: 42.3401,
      long: -71.0712,
      mediaUrl: null,
      queue: 'PWDx_Street Light Outages',
      department: 'PWDx',
      neighborhood: 'South End',
      source: 'Constituent Call',
      closureReason: null,
    });
  });

  it('reads quoted text, closed cases and missing SLAs', async () => {
    await importBostonCsv(store, { path: GOOD });

    const closed = store.getRequest('101000000002');
    expect(closed?.description).toBe('Sign says "No Parking", but it is gone');
    expect(closed?.closureReason).toBe('Case Closed, fixed');
    expect(closed?.status).toBe('closed');
    expect(closed?.closedAt).toBe(Date.parse('2015-03-10T13:30:00Z'));
    expect(closed?.slaDueAt).toBeNull();
    expect(store.getRequest('101000000004')?.description).toBe(
      'Two lines\nof text',
    );
  });

  it('keeps City Hall placeholder and blank coordinates as no location', async () => {
    await importBostonCsv(store, { path: GOOD });

    for (const id of ['101000000003', '101000000005']) {
      const placeholder = store.getRequest(id);
      expect(placeholder).not.toBeNull();
      expect([placeholder?.lat, placeholder?.long]).toEqual([null, null]);
    }
    expect(store.getMapPoints({}).ids).not.toContain('101000000003');
    expect(store.getRequest('101000000003')?.neighborhood).toBeNull();
  });

  it('loads the good rows of a malformed file and reports the bad ones by line', async () => {
    const report = await importBostonCsv(store, { path: MALFORMED });

    expect(report.imported).toBe(3);
    expect(report.badRowCount).toBe(7);
    expect(report.badRows.map((bad) => bad.line)).toEqual([
      3, 4, 5, 6, 7, 8, 11,
    ]);

    const reasons = Object.fromEntries(
      report.badRows.map((bad) => [bad.line, bad.reason]),
    );
    expect(reasons[3]).toMatch(/quote appears inside an unquoted field/);
    expect(reasons[4]).toMatch(
      /open_dt "2015-13-02T08:15:00-05:00" is not an ISO-8601/,
    );
    expect(reasons[5]).toMatch(/21 fields but the header has 20/);
    expect(reasons[6]).toMatch(/case_enquiry_id is empty/);
    expect(reasons[7]).toMatch(/latitude 142.34 is outside -90..90/);
    expect(reasons[8]).toMatch(/closed_dt is before open_dt/);
    expect(reasons[11]).toMatch(/target_dt "soon"/);

    expect(store.getRequest('101000000108')?.description).toBe('multi\nline');
    expect(store.getRequest('101000000110')).not.toBeNull();
    expect(store.getRequest('101000000106')).toBeNull();
  });

  it('refuses a file whose header lacks required columns, naming them', async () => {
    await expect(
      importBostonCsv(store, { path: MISSING_COLUMN }),
    ).rejects.toThrow(/header lacks type, latitude/);
    expect(store.countRequests()).toBe(0);
  });

  it('refuses an empty file', async () => {
    const empty = join(folder, 'empty.csv');
    writeFileSync(empty, '');

    await expect(importBostonCsv(store, { path: empty })).rejects.toThrow(
      /is empty/,
    );
  });

  it('reads a gzip file the same as the plain one', async () => {
    const gz = join(folder, 'cases.csv.gz');
    writeFileSync(gz, gzipSync(readFileSync(MALFORMED)));

    const report = await importBostonCsv(store, { path: gz, batchSize: 2 });

    expect(report.imported).toBe(3);
    expect(report.badRows.map((bad) => bad.line)).toEqual([
      3, 4, 5, 6, 7, 8, 11,
    ]);
  });
});
