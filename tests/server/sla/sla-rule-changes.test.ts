// An admin's SLA rule change is kept by the central store: a restart keeps
// it, and a saved rule that no longer reads leaves the bundled rule.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterEach, describe, expect, it } from 'vitest';

import { createCentralServer } from '../../../src/server/central-server';
import {
  recordingLogger,
  type RecordedLine,
} from '../../main/electron/recording-logger';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0))
    rmSync(dir, { recursive: true, force: true });
});

const PASSWORD = 'correct horse battery';
const opened = Date.parse('2015-01-05T10:00:00-05:00');

async function start(dataDir: string, lines: RecordedLine[], first: boolean) {
  return createCentralServer({
    dataDir,
    port: 0,
    logger: recordingLogger(lines),
    users: first
      ? [
          {
            userId: 'root',
            name: 'Ada Admin',
            role: 'admin',
            password: PASSWORD,
          },
        ]
      : [],
  });
}

async function signIn(url: string): Promise<string> {
  const answer = await fetch(`${url}/staff/v3/sign-in`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ username: 'root', password: PASSWORD }),
  });
  return ((await answer.json()) as { token: string }).token;
}

describe('SLA rule changes', () => {
  it('outlive a restart of the central API', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sd-sla-rules-'));
    dirs.push(dir);
    const lines: RecordedLine[] = [];

    const first = await start(dir, lines, true);
    const bundledDue = first.slaPolicy.dueAt('street-light-outages', opened);
    const token = await signIn(first.url);
    const put = await fetch(`${first.url}/staff/v3/sla-policy`, {
      method: 'PUT',
      headers: {
        Authorization: `Bearer ${token}`,
        'Content-Type': 'application/json',
      },
      body: JSON.stringify({
        serviceCode: 'street-light-outages',
        rule: { kind: 'calendar-hours', hours: 48 },
      }),
    });
    expect(put.status).toBe(200);
    await first.close();

    const again = await start(dir, lines, false);
    try {
      expect(
        again.slaPolicy.policy().services['street-light-outages'],
      ).toMatchObject({
        serviceName: 'Street Light Outages',
        rule: { kind: 'calendar-hours', hours: 48 },
      });
      expect(again.slaPolicy.dueAt('street-light-outages', opened)).toBe(
        opened + 48 * 3_600_000,
      );
      expect(bundledDue).not.toBe(opened + 48 * 3_600_000);
      expect(
        lines.some((line) => line.message === 'SLA rule changes restored'),
      ).toBe(true);
    } finally {
      await again.close();
    }
  });

  it('leave the bundled rule where a saved one no longer reads', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sd-sla-rules-'));
    dirs.push(dir);
    const lines: RecordedLine[] = [];

    const first = await start(dir, lines, true);
    const bundled = first.slaPolicy.policy().services['street-light-outages'];
    await first.store.transaction(async (tx) => {
      await tx.saveSlaRuleChange({
        serviceCode: 'street-light-outages',
        serviceName: 'Street Light Outages',
        rule: JSON.stringify({ kind: 'calendar-hours', hours: -1 }),
        changedBy: 'root',
        changedAt: 1,
      });
    });
    await first.close();

    const again = await start(dir, lines, false);
    try {
      expect(
        again.slaPolicy.policy().services['street-light-outages']?.rule,
      ).toEqual(bundled?.rule);
      expect(
        lines.some(
          (line) =>
            line.message ===
            'a saved SLA rule no longer reads; the bundled one stays',
        ),
      ).toBe(true);
    } finally {
      await again.close();
    }
  });
});
