import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import {
  electronUpdateEngine,
  publishedSha512,
} from '../../../src/main/electron/updater';
import { createUpdateService } from '../../../src/main/update/update-service';
import { FakeAutoUpdater, updaterError } from '../../fakes/electron-updater';
import { sha512Base64 } from '../update/loopback-feed';
import { recordingLogger } from './recording-logger';

const FEED = 'https://it.city.example/streetdesk/';

let dir: string;
let updater: FakeAutoUpdater;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'streetdesk-updater-'));
  updater = new FakeAutoUpdater();
});

afterEach(() => rmSync(dir, { recursive: true, force: true }));

function start() {
  return createUpdateService({
    currentVersion: '1.3.2',
    feedUrl: FEED,
    logger: recordingLogger(),
    firstCheckMs: null,
    intervalMs: null,
    connect: electronUpdateEngine(
      updater.asAutoUpdater(),
      FEED,
      recordingLogger(),
    ),
  });
}

/** A downloaded installer on disk and the update info that describes it. */
function downloaded(contents: string, published = contents) {
  const file = join(dir, 'StreetDesk-1.4.0.AppImage');
  writeFileSync(file, contents);
  const sha512 = sha512Base64(Buffer.from(published));

  return {
    version: '1.4.0',
    files: [{ url: 'StreetDesk-1.4.0.AppImage', sha512, size: 10 }],
    sha512,
    path: 'StreetDesk-1.4.0.AppImage',
    releaseDate: '2026-12-01T09:00:00.000Z',
    downloadedFile: file,
  };
}

const settled = () => new Promise((resolve) => setTimeout(resolve, 20));

describe('the electron-updater wrapper', () => {
  it("points autoUpdater at the city's generic feed and never installs on quit", () => {
    start();

    expect(updater.feeds).toEqual([{ provider: 'generic', url: FEED }]);
    expect(updater.autoDownload).toBe(true);
    expect(updater.autoInstallOnAppQuit).toBe(false);
    expect(updater.allowDowngrade).toBe(false);
  });

  it('follows autoUpdater from checking to ready, and installs only on restart', async () => {
    const service = start();
    const seen: string[] = [];
    service.onChange((state) => seen.push(state.status));

    await service.check();
    expect(updater.checks).toBe(1);
    updater.emit('checking-for-update');
    updater.emit('update-available', { version: '1.4.0' });
    updater.emit('download-progress', {
      percent: 42.5,
      transferred: 425,
      total: 1000,
      delta: 25,
      bytesPerSecond: 100,
    });
    expect(service.state()).toEqual({
      status: 'downloading',
      currentVersion: '1.3.2',
      version: '1.4.0',
      progress: { percent: 42.5, transferredBytes: 425, totalBytes: 1000 },
    });

    updater.emit('update-downloaded', downloaded('the new one'));
    await settled();

    expect(service.state()).toMatchObject({
      status: 'ready',
      version: '1.4.0',
    });
    expect(seen).toEqual(['checking', 'available', 'downloading', 'ready']);
    expect(updater.installs).toEqual([]);

    expect(service.restart('1.4.0')).toEqual({ restarting: true });
    expect(updater.installs).toEqual([
      { isSilent: false, isForceRunAfter: true },
    ]);
  });

  it('reports no update when autoUpdater finds none', () => {
    const service = start();
    updater.emit('checking-for-update');
    updater.emit('update-not-available', { version: '1.3.2' });

    expect(service.state().status).toBe('not-available');
  });

  it("turns electron-updater's checksum error into words and installs nothing", () => {
    const service = start();
    updater.emit('update-available', { version: '1.4.0' });
    updater.emit(
      'error',
      updaterError(
        'sha512 checksum mismatch, expected abc, got def',
        'ERR_CHECKSUM_MISMATCH',
      ),
    );

    const state = service.state();
    expect(state).toMatchObject({ status: 'error', version: '1.4.0' });
    expect(state.status === 'error' && state.message).toMatch(
      /^Update 1\.4\.0 does not match the checksum/,
    );
    expect(service.restart('1.4.0').restarting).toBe(false);
    expect(updater.installs).toEqual([]);
  });

  it('refuses a downloaded file that was changed after electron-updater checked it', async () => {
    const service = start();
    updater.emit('update-available', { version: '1.4.0' });
    updater.emit('update-downloaded', downloaded('swapped', 'the new one'));
    await settled();

    expect(service.state().status).toBe('error');
    expect(service.restart('1.4.0').restarting).toBe(false);
    expect(updater.installs).toEqual([]);
  });

  it('says in words when the feed cannot be reached', async () => {
    const service = start();
    const offline = updaterError('net::ERR_CONNECTION_REFUSED', 'ECONNREFUSED');
    updater.checkOutcome = () => {
      updater.emit('error', offline);
      return Promise.reject(offline);
    };

    const state = await service.check();

    expect(state.status === 'error' && state.message).toMatch(
      /^Could not reach the update server at https:\/\/it\.city\.example\/streetdesk\/ \(the connection was refused\)/,
    );
  });
});

describe('publishedSha512', () => {
  it('picks the sha512 of the file that was downloaded', () => {
    const info = {
      version: '1.4.0',
      files: [
        { url: 'StreetDesk-1.4.0.deb', sha512: 'DEB' },
        { url: 'StreetDesk%201.4.0.AppImage', sha512: 'APPIMAGE' },
      ],
    };

    expect(publishedSha512(info, '/cache/StreetDesk 1.4.0.AppImage')).toBe(
      'APPIMAGE',
    );
    expect(publishedSha512({ version: '1.4.0' }, '/cache/x')).toBeNull();
  });
});
