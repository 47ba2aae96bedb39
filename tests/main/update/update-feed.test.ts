import { randomBytes } from 'node:crypto';
import {
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import type { UpdateState } from '../../../src/shared/update-state';
import { feedEngine } from '../../../src/main/update/feed-engine';
import { checkFeed } from '../../../src/main/update/update-feed';
import { createUpdateService } from '../../../src/main/update/update-service';
import { recordingLogger } from '../electron/recording-logger';
import {
  deadFeedUrl,
  serveFeed,
  sha512Base64,
  type LoopbackFeed,
} from './loopback-feed';

const RELEASE_FILE = 'StreetDesk-1.4.0.AppImage';

let dir: string;
let feed: LoopbackFeed | null = null;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'streetdesk-update-'));
});

afterEach(async () => {
  await feed?.close();
  feed = null;
  rmSync(dir, { recursive: true, force: true });
});

function updaterFor(feedUrl: string, currentVersion = '1.3.2') {
  const installed: string[] = [];
  const states: UpdateState[] = [];
  const service = createUpdateService({
    currentVersion,
    feedUrl,
    logger: recordingLogger(),
    firstCheckMs: null,
    intervalMs: null,
    connect: feedEngine({
      feedUrl,
      currentVersion,
      dir,
      install: (file) => installed.push(file),
    }),
  });
  service.onChange((state) => states.push(state));

  return { service, installed, states };
}

describe('the update feed on loopback', () => {
  it('finds a newer version, downloads it with progress, and waits for a restart', async () => {
    const bytes = randomBytes(256 * 1024);
    feed = await serveFeed({ version: '1.4.0', fileName: RELEASE_FILE, bytes });
    const { service, installed, states } = updaterFor(feed.url);

    const state = await service.check();

    expect(state).toEqual({
      status: 'ready',
      currentVersion: '1.3.2',
      version: '1.4.0',
    });
    const statuses = states.map((s) => s.status);
    expect(statuses.slice(0, 2)).toEqual(['checking', 'available']);
    expect(statuses).toContain('downloading');
    const last = states.filter((s) => s.status === 'downloading').at(-1);
    expect(last).toMatchObject({
      progress: {
        percent: 100,
        transferredBytes: bytes.length,
        totalBytes: bytes.length,
      },
    });

    // Nothing is installed until the person chooses to restart.
    expect(installed).toEqual([]);
    expect(service.restart('1.4.0')).toEqual({ restarting: true });
    expect(installed).toEqual([join(dir, RELEASE_FILE)]);
    expect(readFileSync(join(dir, RELEASE_FILE)).equals(bytes)).toBe(true);
  });

  it('reports no update when the feed has the same or an older version', async () => {
    const bytes = randomBytes(1024);
    feed = await serveFeed({ version: '1.3.2', fileName: RELEASE_FILE, bytes });
    const same = updaterFor(feed.url, '1.3.2');
    expect((await same.service.check()).status).toBe('not-available');

    const newer = updaterFor(feed.url, '2.0.0');
    expect((await newer.service.check()).status).toBe('not-available');
    expect(feed.requests).not.toContain(`/feed/${RELEASE_FILE}`);
  });

  it('orders a prerelease before its release', async () => {
    feed = await serveFeed({
      version: '1.4.0',
      fileName: RELEASE_FILE,
      bytes: randomBytes(16),
    });
    await expect(
      checkFeed({ feedUrl: feed.url, currentVersion: '1.4.0-beta.3' }),
    ).resolves.toMatchObject({ available: true, version: '1.4.0' });
  });

  it('refuses a download whose sha512 does not match latest.yml and never offers it', async () => {
    const bytes = randomBytes(64 * 1024);
    const tampered = Buffer.from(bytes);
    tampered[100] = (tampered[100]! + 1) % 256;
    feed = await serveFeed({
      version: '1.4.0',
      fileName: RELEASE_FILE,
      bytes: tampered,
      publishedSha512: sha512Base64(bytes),
    });
    const { service, installed, states } = updaterFor(feed.url);

    const state = await service.check();

    expect(state).toMatchObject({ status: 'error', version: '1.4.0' });
    expect(state.status === 'error' && state.message).toMatch(
      /does not match the checksum .* will not be installed/,
    );
    expect(states.some((s) => s.status === 'ready')).toBe(false);
    expect(service.restart('1.4.0')).toMatchObject({ restarting: false });
    expect(installed).toEqual([]);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('says in words when the feed cannot be reached', async () => {
    const url = await deadFeedUrl();
    const { service } = updaterFor(url);

    const state = await service.check();

    expect(state).toMatchObject({ status: 'error', version: null });
    expect(state.status === 'error' && state.message).toBe(
      `Could not reach the update server at ${url} (the connection was ` +
        'refused). Check the network connection; if it keeps failing, ask ' +
        'IT whether the update address is right.',
    );
  });

  it('says which file the server did not have', async () => {
    feed = await serveFeed({
      version: '1.4.0',
      fileName: RELEASE_FILE,
      bytes: randomBytes(16),
    });
    const { service } = updaterFor(feed.url.replace('/feed/', '/elsewhere/'));

    const state = await service.check();

    expect(state.status === 'error' && state.message).toMatch(
      /answered HTTP 404 for latest\.yml/,
    );
    expect(existsSync(join(dir, RELEASE_FILE))).toBe(false);
  });
});
