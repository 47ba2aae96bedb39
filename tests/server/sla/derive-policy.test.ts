// The fixture holds 25 real rows of the City of Boston 311 export (2015),
// via johnsliao/bostonservicemap (MIT).
import { resolve } from 'node:path';

import { describe, expect, it } from 'vitest';

import { BOSTON_BUSINESS_CALENDAR } from '../../../src/server/sla/boston-business-calendar';
import { derivePolicyFromBostonCsv } from '../../../src/server/sla/derive-from-boston-csv';
import { deriveEntry } from '../../../src/server/sla/derive-policy';
import {
  formatSlaPolicy,
  parseSlaPolicy,
} from '../../../src/server/sla/sla-policy-file';

const fixture = resolve(__dirname, 'boston-sla-sample.csv');

describe('deriving the SLA policy from Boston rows', () => {
  it('finds 10 business days for street lights and 30 calendar days for rodents', async () => {
    const { policy, badRows } = await derivePolicyFromBostonCsv(
      fixture,
      'test',
    );

    expect(badRows).toBe(0);
    expect(policy.services['street-light-outages']).toEqual({
      serviceName: 'Street Light Outages',
      rule: { kind: 'business-days', days: 10 },
      fit: { cases: 9, withDueTime: 9, reproduced: 1 },
    });
    expect(policy.services['rodent-activity']?.rule).toEqual({
      kind: 'calendar-days',
      days: 30,
    });
    expect(policy.services['rodent-activity']?.fit?.reproduced).toBe(1);
  });

  it('gives types without due times no SLA', async () => {
    const { policy } = await derivePolicyFromBostonCsv(fixture, 'test');

    expect(policy.services.notification?.rule).toEqual({ kind: 'none' });
    expect(policy.services['public-works-general-request']).toEqual({
      serviceName: 'Public Works General Request',
      rule: { kind: 'none' },
      fit: { cases: 4, withDueTime: 0, reproduced: 1 },
    });
    expect(policy.fallback).toEqual({ kind: 'none' });
  });

  it('writes a file that reads back as the same policy, codes sorted', async () => {
    const { policy } = await derivePolicyFromBostonCsv(fixture, 'test');
    const text = formatSlaPolicy(policy);

    expect(parseSlaPolicy(JSON.parse(text), 'the test file')).toEqual(policy);
    const parsed = JSON.parse(text) as { services: object };
    const codes = Object.keys(parsed.services);
    expect(codes).toEqual([...codes].sort());
  });

  it('prefers the window most cases fit, and says how many it misses', () => {
    const opened = Date.parse('2015-03-02T10:00:00-05:00');
    const cases = [0, 1, 2].map((n) => ({
      serviceCode: 'x',
      serviceName: 'X',
      requestedAt: opened + n * 60_000,
      slaDueAt: Date.parse('2015-03-04T10:00:00-05:00') + n * 60_000,
    }));
    cases.push({ ...cases[0]!, slaDueAt: opened + 5 * 3_600_000 });

    const entry = deriveEntry('X', cases, BOSTON_BUSINESS_CALENDAR);
    expect(entry.rule).toEqual({ kind: 'business-days', days: 2 });
    expect(entry.fit).toEqual({ cases: 4, withDueTime: 4, reproduced: 0.75 });
  });
});
