import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

import { describe, expect, it } from 'vitest';

import { bundledSlaPolicy } from '../../../src/server/sla/bundled-sla-policy';
import {
  formatSlaPolicy,
  parseSlaPolicy,
} from '../../../src/server/sla/sla-policy-file';

describe('the bundled SLA policy', () => {
  it('covers the 2015 types, with the due times Boston used', () => {
    const policy = bundledSlaPolicy();

    expect(Object.keys(policy.services)).toHaveLength(157);
    expect(policy.services['street-light-outages']?.rule).toEqual({
      kind: 'business-days',
      days: 10,
    });
    expect(policy.services.notification?.rule).toEqual({ kind: 'none' });
  });

  it('is exactly what the formatter writes', () => {
    const path = resolve(__dirname, '../../../resources/sla/sla-policy.json');
    expect(formatSlaPolicy(bundledSlaPolicy())).toBe(
      readFileSync(path, 'utf8'),
    );
  });

  it('names the bad field of a broken policy and how to fix it', () => {
    const broken = structuredClone(bundledSlaPolicy()) as unknown as {
      services: Record<string, { rule: unknown }>;
    };
    broken.services['street-light-outages']!.rule = {
      kind: 'business-days',
      days: -2,
    };

    expect(() => parseSlaPolicy(broken, 'sla.json')).toThrow(
      /sla\.json is not a valid SLA policy:[\s\S]*street-light-outages[\s\S]*derive it again/,
    );
  });
});
