import { join } from 'node:path';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { importOpen311Json } from '../../../src/main/import/import-open311-json';
import { openStore, type Store } from '../../../src/main/store/store';

const GOOD = join(import.meta.dirname, '../../fixtures/open311-good.json');

const valid = {
  service_request_id: 'SR-1',
  status: 'open',
  service_name: 'Pothole',
  requested_datetime: '2015-06-01T10:00:00-04:00',
};

describe('Open311 GeoReport v2 JSON import', () => {
  let store: Store;

  beforeEach(() => {
    store = openStore(':memory:');
  });
  afterEach(() => store.close());

  it('loads a GeoReport v2 file with its fields mapped', async () => {
    const report = await importOpen311Json(store, { path: GOOD });

    expect(report).toEqual({ imported: 2, badRows: [], badRowCount: 0 });
    expect(store.getRequest('638344')).toMatchObject({
      serviceCode: '006',
      serviceName: 'Sidewalk and Curb Issues',
      status: 'closed',
      statusNotes: 'Duplicate request.',
      agencyResponsible: 'Department of Public Works',
      requestedAt: Date.parse('2010-04-19T14:37:38Z'),
      closedAt: Date.parse('2010-04-19T14:37:38Z'),
      lat: 37.762221815,
      long: -122.4651145,
      mediaUrl: 'http://city.gov.s3.amazonaws.com/requests/media/638344.jpg',
    });
    // A numeric id and string coordinates, as some servers send them.
    expect(store.getRequest('638349')).toMatchObject({
      serviceCode: 'pothole',
      status: 'open',
      slaDueAt: Date.parse('2010-04-22T06:37:38Z'),
      lat: 37.7,
      long: -122.4,
    });
  });

  it.each([
    ['an object', '{"service_requests": []}', /must be a JSON array.*object/],
    ['null', 'null', /must be a JSON array.*null/],
    ['a string', '"[]"', /must be a JSON array.*string/],
    ['not JSON', '[{"a": 1}', /is not valid JSON/],
  ])('refuses input that is %s', async (_, text, message) => {
    await expect(importOpen311Json(store, { text })).rejects.toThrow(message);
  });

  it('loads the good entries and reports each bad one by index', async () => {
    const entries = [
      valid,
      42,
      { ...valid, service_request_id: { $gt: '' } },
      { ...valid, service_request_id: 'SR-3', status: 'pending' },
      { ...valid, service_request_id: 'SR-4', requested_datetime: 1433167200 },
      { ...valid, service_request_id: 'SR-5', lat: 42.3 },
      { ...valid, service_request_id: 'SR-6', lat: 'north', long: 1 },
      {
        ...valid,
        service_request_id: 'SR-7',
        description: 'x'.repeat(200_000),
      },
      {
        ...valid,
        service_request_id: 'SR-8',
        media_url: 'javascript:alert(1)',
      },
      { ...valid, service_request_id: '../../etc/passwd' },
      { ...valid, service_request_id: 'SR-10', service_name: ['a'] },
      { ...valid, service_request_id: 'SR-11', lat: 91, long: 0 },
      { ...valid, service_request_id: 'SR-12' },
    ];

    const report = await importOpen311Json(store, {
      text: JSON.stringify(entries),
    });

    expect(report.imported).toBe(2);
    expect(store.countRequests()).toBe(2);
    expect(report.badRows).toEqual([
      { index: 1, reason: 'the entry is a number, not an object' },
      { index: 2, reason: 'service_request_id is an object, not a string' },
      { index: 3, reason: 'status must be "open" or "closed"' },
      { index: 4, reason: 'requested_datetime is a number, not a date-time' },
      { index: 5, reason: 'lat and long must both be given or both be absent' },
      { index: 6, reason: 'lat is a string, not a number' },
      {
        index: 7,
        reason: 'description is 200000 characters; the most kept is 10000',
      },
      {
        index: 8,
        reason:
          'media_url uses javascript:; only http and https links are kept',
      },
      {
        index: 9,
        reason:
          'service_request_id "../../etc/passwd" is not 1-64 letters, digits or _.:-',
      },
      { index: 10, reason: 'service_name is an array, not a string' },
      { index: 11, reason: 'latitude 91 is outside -90..90' },
    ]);
  });

  it('refuses a request updated before it was made', async () => {
    const report = await importOpen311Json(store, {
      text: JSON.stringify([
        { ...valid, updated_datetime: '2015-05-01T10:00:00-04:00' },
      ]),
    });

    expect(report.badRows).toEqual([
      { index: 0, reason: 'updated_datetime is before requested_datetime' },
    ]);
  });
});
