import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

import { afterEach, describe, expect, it } from 'vitest';

import { createLogger } from '../../../src/main/log/logger';
import { startEmbeddedCentral } from '../../../src/main/services/embedded-central';
import { sessionSchema } from '../../../src/shared/sync-protocol';

const resourcesDir = resolve(__dirname, '../../../resources');
const dirs: string[] = [];

afterEach(() => {
  for (const dir of dirs.splice(0))
    rmSync(dir, { recursive: true, force: true });
});

async function signIn(url: string, username: string, password: string) {
  const res = await fetch(`${url}/staff/v2/sign-in`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  return { status: res.status, body: await res.json() };
}

describe('the embedded demo central API', () => {
  it('seeds Boston, makes a private demo password and keeps its port across restarts', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'sd-embedded-'));
    dirs.push(dataDir);
    const logger = createLogger({ level: 'error' });

    const first = await startEmbeddedCentral({
      dataDir,
      resourcesDir,
      logger,
      replaySpeed: null,
    });
    const { password } = first.signIn;
    const session = await signIn(first.url, 'dispatch', password);
    expect(session.status).toBe(200);
    expect(sessionSchema.parse(session.body).user.role).toBe('dispatcher');
    expect(
      (await signIn(first.url, 'dispatch', 'streetdesk-demo')).status,
    ).toBe(401);
    expect(
      statSync(join(dataDir, 'central', 'demo-password')).mode & 0o777,
    ).toBe(0o600);

    const token = sessionSchema.parse(session.body).token;
    const snapshot = await fetch(`${first.url}/staff/v2/snapshot?limit=5`, {
      headers: { authorization: `Bearer ${token}` },
    });
    const page = (await snapshot.json()) as {
      requests: unknown[];
      crews: unknown[];
    };
    expect(page.requests).toHaveLength(5);
    expect(page.crews.length).toBeGreaterThan(20);
    await first.close();

    const second = await startEmbeddedCentral({
      dataDir,
      resourcesDir,
      logger,
      replaySpeed: null,
    });
    expect(second.url).toBe(first.url);
    expect(second.signIn.password).toBe(password);
    await second.close();
  });
});
