import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import { handleOpen311 } from '../../../src/server/open311/handle-open311';
import { toIsoNewYork } from '../../../src/server/open311/iso-time-out';
import {
  API_KEY,
  fakeOpen311Ports,
  NOW,
  syncRequest,
  type FakeOpen311,
} from './fake-open311-ports';
import { child, childText, parseXml } from './xml-check';

const HOUR = 60 * 60 * 1000;
const DAY = 24 * HOUR;
const SCRIPT = '<script>alert("pwned")</script>';
const SQLISH = "x'; DROP TABLE requests; --";

function seedRequests() {
  return [
    syncRequest('R-1', {
      requestedAt: NOW - DAY,
      updatedAt: NOW - HOUR,
      slaDueAt: NOW + 2 * DAY,
      description: `Light out ${SCRIPT}`,
      lat: 42.3401,
      long: -71.0712,
      address: '1 Main St',
      zipcode: '02118',
    }),
    syncRequest('R-2', {
      requestedAt: NOW - 10 * DAY,
      updatedAt: NOW - 5 * DAY,
      closedAt: NOW - 5 * DAY,
      status: 'closed',
      statusNotes: 'Fixed & done',
      serviceCode: 'pothole-repair',
      serviceName: 'Pothole Repair',
    }),
    syncRequest('R-3', { requestedAt: NOW - 100 * DAY }),
    syncRequest('R-4', {
      requestedAt: NOW - 2 * DAY,
      serviceCode: 'pothole-repair',
      serviceName: 'Pothole Repair',
      description: `bell\u0007 ${SQLISH}`,
    }),
    syncRequest('R-5', {
      requestedAt: NOW - 3 * DAY,
      status: 'closed',
      closedAt: NOW - 2 * DAY,
      updatedAt: NOW - 2 * DAY,
    }),
  ];
}

let ports: FakeOpen311;
let server: Server;
let base: string;

beforeAll(async () => {
  server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    void handleOpen311(req, res, url, ports).then((handled) => {
      if (!handled) {
        res.writeHead(418);
        res.end('not open311');
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
});

beforeEach(() => {
  ports = fakeOpen311Ports(seedRequests());
});

type Answer = { status: number; headers: Headers; text: string };

async function get(path: string, method = 'GET'): Promise<Answer> {
  const response = await fetch(base + path, { method });
  return {
    status: response.status,
    headers: response.headers,
    text: await response.text(),
  };
}

async function post(
  path: string,
  form: string | Record<string, string>,
  contentType = 'application/x-www-form-urlencoded',
): Promise<Answer> {
  const body =
    typeof form === 'string' ? form : new URLSearchParams(form).toString();
  const response = await fetch(base + path, {
    method: 'POST',
    headers: { 'Content-Type': contentType },
    body,
  });
  return {
    status: response.status,
    headers: response.headers,
    text: await response.text(),
  };
}

type Json = Record<string, unknown>;
const json = (answer: Answer) => JSON.parse(answer.text) as Json[];
const ids = (answer: Answer) =>
  json(answer).map((r) => r.service_request_id as string);

function expectErrors(answer: Answer, status: number, pattern: RegExp) {
  expect(answer.status).toBe(status);
  const errors = json(answer);
  expect(errors.length).toBeGreaterThan(0);
  expect(errors.every((e) => e.code === status)).toBe(true);
  expect(errors.map((e) => e.description).join(' | ')).toMatch(pattern);
}

const validPost = {
  api_key: API_KEY,
  service_code: 'street-light-outages',
  lat: '42.3501',
  long: '-71.0601',
  description: 'The light at the corner is out',
};

describe('GET services', () => {
  it('lists every service with the spec fields, as JSON', async () => {
    const answer = await get('/open311/v2/services.json');
    const services = json(answer);

    expect(answer.status).toBe(200);
    expect(answer.headers.get('content-type')).toMatch(/application\/json/);
    expect(services.map((s) => s.service_code)).toEqual([
      'street-light-outages',
      'pothole-repair',
    ]);
    expect(services[1]).toEqual({
      service_code: 'pothole-repair',
      service_name: 'Pothole Repair',
      description: null,
      metadata: true,
      type: 'realtime',
      keywords: 'Highway Maintenance,Roads',
      group: 'Public Works Department',
    });
    expect(services[0]!.metadata).toBe(false);
  });

  it('lists the same services as well-formed XML', async () => {
    const answer = await get('/open311/v2/services.xml');
    const root = parseXml(answer.text);

    expect(answer.headers.get('content-type')).toMatch(/text\/xml/);
    expect(root.name).toBe('services');
    expect(root.children.map((s) => childText(s, 'service_code'))).toEqual([
      'street-light-outages',
      'pothole-repair',
    ]);
    expect(childText(root.children[0]!, 'metadata')).toBe('false');
  });
});

describe('GET services/{code}', () => {
  it('gives the attributes of a service, sorted by order', async () => {
    const answer = await get('/open311/v2/services/pothole-repair.json');
    const definition = JSON.parse(answer.text) as {
      service_code: string;
      attributes: Json[];
    };

    expect(answer.status).toBe(200);
    expect(definition.service_code).toBe('pothole-repair');
    expect(definition.attributes.map((a) => a.code)).toEqual(['LANES', 'SIZE']);
    expect(definition.attributes[1]).toMatchObject({
      datatype: 'singlevaluelist',
      required: true,
      values: [
        { key: 'small', name: 'Smaller than a plate' },
        { key: 'large', name: 'Larger than a plate' },
      ],
    });
  });

  it('gives the definition as XML with nested values', async () => {
    const answer = await get('/open311/v2/services/pothole-repair.xml');
    const root = parseXml(answer.text);
    const size = child(root, 'attributes').children[1]!;

    expect(root.name).toBe('service_definition');
    expect(childText(size, 'code')).toBe('SIZE');
    expect(
      child(size, 'values').children.map((v) => childText(v, 'key')),
    ).toEqual(['small', 'large']);
  });

  it('is a 404 for a service without attributes and for an unknown one', async () => {
    expectErrors(
      await get('/open311/v2/services/street-light-outages.json'),
      404,
      /no service definition/,
    );
    expectErrors(
      await get('/open311/v2/services/no-such-thing.json'),
      404,
      /"no-such-thing" is not a service/,
    );
  });

  it('answers an XML client with XML errors, script escaped', async () => {
    const answer = await get(
      `/open311/v2/services/${encodeURIComponent(SCRIPT)}.xml`,
    );
    const root = parseXml(answer.text);

    expect(answer.status).toBe(404);
    expect(answer.text).not.toContain('<script>');
    expect(root.name).toBe('errors');
    expect(childText(child(root, 'error'), 'code')).toBe('404');
    expect(childText(child(root, 'error'), 'description')).toContain(
      '<script>',
    );
  });
});

describe('GET requests', () => {
  it('defaults to the last 90 days, newest first, with spec fields', async () => {
    const answer = await get('/open311/v2/requests.json');
    const first = json(answer)[0]!;

    expect(answer.status).toBe(200);
    expect(ids(answer)).toEqual(['R-1', 'R-4', 'R-5', 'R-2']);
    expect(answer.headers.get('x-total-count')).toBe('4');
    expect(first).toEqual({
      service_request_id: 'R-1',
      status: 'open',
      status_notes: null,
      service_name: 'Street Light Outages',
      service_code: 'street-light-outages',
      description: `Light out ${SCRIPT}`,
      agency_responsible: 'PWDx',
      service_notice: null,
      requested_datetime: '2026-04-30T12:00:00-04:00',
      updated_datetime: '2026-05-01T11:00:00-04:00',
      expected_datetime: '2026-05-03T12:00:00-04:00',
      address: '1 Main St',
      address_id: null,
      zipcode: '02118',
      lat: 42.3401,
      long: -71.0712,
      media_url: null,
      merged_into: null,
    });
    // Script stays data: no raw "<" reaches a page that misuses the JSON.
    expect(answer.text).not.toContain('<script>');
  });

  it('filters by service_code and status lists', async () => {
    const byCode = await get(
      '/open311/v2/requests.json?service_code=pothole-repair,unknown-code',
    );
    const closed = await get('/open311/v2/requests.json?status=closed');
    const both = await get('/open311/v2/requests.json?status=open,closed');

    expect(ids(byCode)).toEqual(['R-4', 'R-2']);
    expect(ids(closed)).toEqual(['R-5', 'R-2']);
    expect(ids(both)).toEqual(['R-1', 'R-4', 'R-5', 'R-2']);
  });

  it('filters by start_date and end_date, inclusive, any zone', async () => {
    const start = encodeURIComponent(toIsoNewYork(NOW - 3 * DAY));
    const end = encodeURIComponent(
      new Date(NOW - 2 * DAY).toISOString().replace('.000', ''),
    );
    const answer = await get(
      `/open311/v2/requests.json?start_date=${start}&end_date=${end}`,
    );
    const old = await get(
      '/open311/v2/requests.json?start_date=2025-01-01T00:00:00Z',
    );

    expect(ids(answer)).toEqual(['R-4', 'R-5']);
    expect(ids(old)).toContain('R-3');
  });

  it('takes only end_date as the 90 days before it', async () => {
    const end = encodeURIComponent(toIsoNewYork(NOW - 5 * DAY));
    const answer = await get(`/open311/v2/requests.json?end_date=${end}`);

    expect(ids(answer)).toEqual(['R-2']);
  });

  it('filters by updated_after, counting never-updated ones by requested time', async () => {
    const after = encodeURIComponent(toIsoNewYork(NOW - 2 * DAY - HOUR));
    const answer = await get(
      `/open311/v2/requests.json?updated_after=${after}`,
    );

    expect(ids(answer)).toEqual(['R-1', 'R-4', 'R-5']);
  });

  it('looks up ids across every window, ignoring the other filters', async () => {
    const answer = await get(
      '/open311/v2/requests.json?service_request_id=R-3,R-2,nope&status=open',
    );

    expect(ids(answer)).toEqual(['R-2', 'R-3']);
  });

  it('pages with page and page_size', async () => {
    const second = await get('/open311/v2/requests.json?page=2&page_size=3');
    const beyond = await get('/open311/v2/requests.json?page=9&page_size=3');

    expect(ids(second)).toEqual(['R-2']);
    expect(second.headers.get('x-total-count')).toBe('4');
    expect(ids(beyond)).toEqual([]);
  });

  it('answers XML with the same requests, well-formed even with control characters', async () => {
    const answer = await get('/open311/v2/requests.xml?page_size=2');
    const root = parseXml(answer.text);

    expect(root.name).toBe('service_requests');
    expect(
      root.children.map((r) => childText(r, 'service_request_id')),
    ).toEqual(['R-1', 'R-4']);
    expect(childText(root.children[0]!, 'description')).toBe(
      `Light out ${SCRIPT}`,
    );
    expect(childText(root.children[1]!, 'description')).toBe(`bell ${SQLISH}`);
    expect(answer.text).not.toContain('<script>');
  });

  it.each([
    ['start_date=yesterday', /start_date "yesterday" is not an ISO 8601/],
    ['end_date=2026-02-30T00:00:00Z', /end_date .* is not an ISO 8601/],
    ['start_date=2026-04-01T00:00:00', /with a zone/],
    ['status=pending', /status "pending" is not open or closed/],
    ['page_size=5000', /page_size "5000" is not a whole number 1-1000/],
    ['page=0', /page "0" is not a whole number/],
    ['page=-1', /page "-1"/],
    ['page_size=1e3', /page_size "1e3"/],
    ['sort=desc', /"sort" is not a parameter of GET requests/],
    ['status=open&status=closed', /status is given twice/],
    ['service_request_id=a%20b', /"a b" is not an id/],
    [
      'start_date=2026-04-02T00:00:00Z&end_date=2026-04-01T00:00:00Z',
      /end_date is before start_date/,
    ],
  ])('refuses %s with a 400 that says why', async (query, pattern) => {
    expectErrors(await get(`/open311/v2/requests.json?${query}`), 400, pattern);
  });

  it('reports every bad parameter at once', async () => {
    const answer = await get(
      '/open311/v2/requests.json?status=x&start_date=y&page=z',
    );

    expect(answer.status).toBe(400);
    expect(json(answer)).toHaveLength(3);
  });

  it('survives huge and hostile values, quoting them short', async () => {
    const huge = 'A'.repeat(6000);
    const answer = await get(
      `/open311/v2/requests.json?start_date=${huge}&service_code=${encodeURIComponent(SQLISH)}`,
    );

    expectErrors(answer, 400, /start_date "A{40}\.\.\."/);
    expect(answer.text.length).toBeLessThan(1000);
  });
});

describe('GET requests/{id}', () => {
  it('gives one request as a one-element list in JSON and XML', async () => {
    const asJson = await get('/open311/v2/requests/R-2.json');
    const asXml = parseXml((await get('/open311/v2/requests/R-2.xml')).text);

    expect(ids(asJson)).toEqual(['R-2']);
    expect(json(asJson)[0]!.status_notes).toBe('Fixed & done');
    expect(asXml.children).toHaveLength(1);
    expect(childText(asXml.children[0]!, 'status_notes')).toBe('Fixed & done');
    expect(childText(asXml.children[0]!, 'status')).toBe('closed');
  });

  it('is a 404 for an unknown or malformed id', async () => {
    expectErrors(
      await get('/open311/v2/requests/R-99.json'),
      404,
      /"R-99" is not a request/,
    );
    expectErrors(
      await get(`/open311/v2/requests/${encodeURIComponent("1' OR 1=1")}.json`),
      404,
      /is not a request/,
    );
    expectErrors(
      await get('/open311/v2/requests/%E0%A4%A.json'),
      400,
      /not a valid percent-encoded/,
    );
  });
});

describe('POST requests', () => {
  it('creates a request and answers with its id', async () => {
    const answer = await post('/open311/v2/requests.json', {
      ...validPost,
      account_id: 'acct-7',
      email: 'resident@example.org',
      media_url: 'https://example.org/photo.jpg',
    });

    expect(answer.status).toBe(201);
    expect(json(answer)).toEqual([
      {
        service_request_id: 'OP-1',
        service_notice: null,
        account_id: 'acct-7',
      },
    ]);
    expect(ports.created).toHaveLength(1);
    expect(ports.created[0]!.owner).toBe('resident-app');
    expect(ports.created[0]!.input).toMatchObject({
      serviceCode: 'street-light-outages',
      lat: 42.3501,
      long: -71.0601,
      email: 'resident@example.org',
      receivedAt: NOW,
    });

    const readBack = await get('/open311/v2/requests/OP-1.json');
    expect(json(readBack)[0]!.description).toBe(validPost.description);
  });

  it('answers an XML post in XML', async () => {
    const answer = await post('/open311/v2/requests.xml', {
      ...validPost,
      lat: '',
      long: '',
      address_string: '1 City Hall Sq, Boston',
    });
    const root = parseXml(answer.text);

    expect(answer.status).toBe(201);
    expect(childText(child(root, 'request'), 'service_request_id')).toBe(
      'OP-1',
    );
    expect(ports.created[0]!.input.lat).toBeNull();
  });

  it('keeps script and SQL-ish text as plain data', async () => {
    await post('/open311/v2/requests.json', {
      ...validPost,
      description: `${SCRIPT} ${SQLISH}`,
    });
    const asXml = await get('/open311/v2/requests/OP-1.xml');

    expect(ports.created[0]!.input.description).toBe(`${SCRIPT} ${SQLISH}`);
    expect(asXml.text).not.toContain('<script>');
    expect(childText(parseXml(asXml.text).children[0]!, 'description')).toBe(
      `${SCRIPT} ${SQLISH}`,
    );
  });

  it('refuses a missing or invalid api_key with a 403 and stores nothing', async () => {
    const { api_key: _key, ...withoutKey } = validPost;

    expectErrors(
      await post('/open311/v2/requests.json', withoutKey),
      403,
      /api_key is required/,
    );
    expectErrors(
      await post('/open311/v2/requests.json', {
        ...validPost,
        api_key: 'guess',
      }),
      403,
      /api_key is not valid/,
    );
    expectErrors(
      await post('/open311/v2/requests.json', {
        ...validPost,
        api_key: 'k'.repeat(5000),
      }),
      403,
      /api_key is not valid/,
    );
    expect(ports.created).toHaveLength(0);
  });

  it('checks the key before it reads the rest of the form', async () => {
    expectErrors(
      await post('/open311/v2/requests.json', { nonsense: 'x' }),
      403,
      /api_key is required/,
    );
  });

  it.each([
    [{ service_code: '' }, /service_code is required/],
    [{ service_code: 'nope' }, /service_code "nope" is not a service/],
    [{ lat: '', long: '' }, /a location is required/],
    [{ long: '' }, /lat and long go together/],
    [{ lat: '91' }, /lat "91" is not a decimal degree within -90..90/],
    [{ lat: '42.3; DROP' }, /lat "42.3; DROP" is not a decimal degree/],
    [{ description: 'd'.repeat(4001) }, /description is 4001 characters/],
    [{ description: 'nul\u0000here' }, /description contains control/],
    [{ media_url: 'javascript:alert(1)' }, /media_url .* is not an http/],
    [{ email: 'not-an-email' }, /email "not-an-email"/],
    [{ phone: '<b>555</b>' }, /phone .* is not a phone number/],
    [{ color: 'red' }, /"color" is not a field of POST requests/],
    [{ 'attribute[SIZE]': 'small' }, /attribute\[SIZE\] is not an attribute/],
    [{ jurisdiction_id: 'nyc.gov' }, /jurisdiction_id "nyc.gov" is not served/],
  ])('refuses %o with a 4xx that says why', async (change, pattern) => {
    const answer = await post('/open311/v2/requests.json', {
      ...validPost,
      ...change,
    });

    expect([400, 404]).toContain(answer.status);
    expectErrors(answer, answer.status, pattern);
    expect(ports.created).toHaveLength(0);
  });

  it('checks attributes against the service definition', async () => {
    const pothole = { ...validPost, service_code: 'pothole-repair' };
    const missing = await post('/open311/v2/requests.json', pothole);
    const wrong = await post('/open311/v2/requests.json', {
      ...pothole,
      'attribute[SIZE]': 'huge',
    });
    const good = await post(
      '/open311/v2/requests.json',
      `${new URLSearchParams({ ...pothole, 'attribute[SIZE]': 'large' }).toString()}` +
        '&attribute[LANES][]=left&attribute[LANES][]=right',
    );

    expectErrors(missing, 400, /attribute\[SIZE\] is required: How big/);
    expectErrors(wrong, 400, /"huge" is not one of small, large/);
    expect(good.status).toBe(201);
    expect(ports.created[0]!.input.attributes).toEqual({
      SIZE: 'large',
      LANES: ['left', 'right'],
    });
  });

  it('refuses a body that is not a form, or one too large', async () => {
    expectErrors(
      await post(
        '/open311/v2/requests.json',
        '{"api_key":"x"}',
        'application/json',
      ),
      400,
      /application\/x-www-form-urlencoded/,
    );
    expectErrors(
      await post('/open311/v2/requests.json', {
        ...validPost,
        description: 'x'.repeat(70_000),
      }),
      413,
      /larger than 65536 bytes/,
    );
    expect(ports.created).toHaveLength(0);
  });

  it('refuses a field given twice', async () => {
    const answer = await post(
      '/open311/v2/requests.json',
      `${new URLSearchParams(validPost).toString()}&description=again`,
    );

    expectErrors(answer, 400, /description is given twice/);
  });
});

describe('routing and failures', () => {
  it('leaves other paths to the caller', async () => {
    const answer = await get('/staff/v2/changes');

    expect(answer.status).toBe(418);
  });

  it('is a 404 naming the endpoints for an unknown path or format', async () => {
    expectErrors(
      await get('/open311/v2/discovery.json'),
      404,
      /services\.json/,
    );
    expectErrors(await get('/open311/v2/services.html'), 404, /\(or \.xml\)/);
  });

  it('refuses other methods with 405 and Allow', async () => {
    const answer = await get('/open311/v2/requests/R-1.json', 'DELETE');

    expectErrors(answer, 405, /DELETE is not allowed here; use GET, HEAD/);
    expect(answer.headers.get('allow')).toBe('GET, HEAD');
  });

  it('answers HEAD with the headers of GET and no body', async () => {
    const answer = await get('/open311/v2/requests.json', 'HEAD');

    expect(answer.status).toBe(200);
    expect(answer.headers.get('x-total-count')).toBe('4');
    expect(answer.text).toBe('');
  });

  it('answers CORS preflight', async () => {
    const answer = await get('/open311/v2/requests.json', 'OPTIONS');

    expect(answer.status).toBe(204);
    expect(answer.headers.get('access-control-allow-methods')).toContain(
      'POST',
    );
  });

  it('refuses a foreign jurisdiction_id on reads', async () => {
    expectErrors(
      await get('/open311/v2/services.json?jurisdiction_id=nyc.gov'),
      404,
      /serves boston\.gov/,
    );
    expect(
      (await get('/open311/v2/services.json?jurisdiction_id=boston.gov'))
        .status,
    ).toBe(200);
  });

  it('answers a failing store with a 500 that reveals nothing', async () => {
    ports.failNext = 'SQLITE_CORRUPT at /secret/path.db';
    const answer = await get('/open311/v2/requests.xml');

    expect(answer.status).toBe(500);
    expect(answer.text).not.toContain('secret');
    expect(childText(child(parseXml(answer.text), 'error'), 'code')).toBe(
      '500',
    );
    expect(ports.errors).toEqual([
      'GET /open311/v2/requests.xml: Error: SQLITE_CORRUPT at /secret/path.db',
    ]);
  });
});

describe('ISO times', () => {
  it('carry Boston offsets in winter and summer', () => {
    expect(toIsoNewYork(Date.parse('2015-01-31T08:30:00-05:00'))).toBe(
      '2015-01-31T08:30:00-05:00',
    );
    expect(toIsoNewYork(Date.parse('2015-07-04T23:59:59Z'))).toBe(
      '2015-07-04T19:59:59-04:00',
    );
  });
});
