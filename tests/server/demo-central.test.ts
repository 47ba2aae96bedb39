import { resolve } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createLogger } from '../../src/main/log/logger';
import {
  startDemoCentral,
  type DemoCentral,
} from '../../src/server/demo/demo-central';
import {
  changesPageSchema,
  sessionSchema,
} from '../../src/shared/sync-protocol';

const csvPath = resolve(
  __dirname,
  '../../resources/seed/boston311-2015-jan-sep.csv.gz',
);
let central: DemoCentral;
let token: string;

beforeAll(async () => {
  central = await startDemoCentral({
    dataDir: ':memory:',
    port: 0,
    logger: createLogger({ level: 'error' }),
    csvPath,
    seed: true,
    replaySpeed: null,
    password: 'a-test-password',
  });
  const res = await fetch(`${central.url}/staff/v2/sign-in`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'super', password: 'a-test-password' }),
  });
  token = sessionSchema.parse(await res.json()).token;
}, 30_000);

afterAll(() => central.close());

const staff = async (path: string) => {
  const res = await fetch(`${central.url}/staff/v2/${path}`, {
    headers: { authorization: `Bearer ${token}` },
  });
  return res.json();
};

describe('the demo central API', () => {
  it('takes a resident report over Open311 and puts it on the staff change feed', async () => {
    expect(central.open311ApiKey).toMatch(/.{20,}/);
    const before = changesPageSchema.parse(
      await staff('changes?after=0&limit=1'),
    ).lastSeq;

    const form = new URLSearchParams({
      api_key: central.open311ApiKey ?? '',
      service_code: 'street-light-outages',
      lat: '42.3497',
      long: '-71.0783',
      description: 'Light out <script>alert(1)</script> on the corner',
    });
    const posted = await fetch(`${central.url}/open311/v2/requests.json`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: form,
    });
    expect(posted.status).toBe(201);
    const [created] = (await posted.json()) as { service_request_id: string }[];
    const id = created?.service_request_id ?? '';

    const feed = changesPageSchema.parse(
      await staff(`changes?after=${before}&limit=10`),
    );
    const change = feed.changes.find(
      (each) => each.kind === 'request' && each.request.serviceRequestId === id,
    );
    expect(change?.kind === 'request' && change.request.description).toContain(
      '<script>',
    );
    expect(change?.kind === 'request' && change.request.source).toBe(
      'Open311: demo resident app',
    );

    const xml = await fetch(`${central.url}/open311/v2/requests/${id}.xml`);
    const text = await xml.text();
    expect(text).toContain(`<service_request_id>${id}</service_request_id>`);
    expect(text).toContain('&lt;script&gt;');
    expect(text).not.toContain('<script>');
  });

  it('refuses a report without a valid api_key, storing nothing', async () => {
    const before = changesPageSchema.parse(
      await staff('changes?after=0&limit=1'),
    ).lastSeq;

    const posted = await fetch(`${central.url}/open311/v2/requests.json`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        api_key: 'wrong',
        service_code: 'street-light-outages',
        lat: '42.35',
        long: '-71.06',
      }),
    });

    expect(posted.status).toBe(403);
    const after = changesPageSchema.parse(
      await staff('changes?after=0&limit=1'),
    ).lastSeq;
    expect(after).toBe(before);
  });

  it('lists the city services from the Boston data', async () => {
    const res = await fetch(`${central.url}/open311/v2/services.json`);
    const services = (await res.json()) as { service_code: string }[];

    expect(services.length).toBeGreaterThan(100);
    expect(services.map((s) => s.service_code)).toContain(
      'street-light-outages',
    );
  });
});
