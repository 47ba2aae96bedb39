import { describe, expect, it } from 'vitest';

import {
  BROWSER_MODE_UPDATES,
  createUnavailableUpdates,
  createUpdateService,
  type UpdateReport,
} from '../../../src/main/update/update-service';
import { recordingLogger } from '../electron/recording-logger';

/** A service over an engine the test drives by hand. */
function scripted(fileSha512 = 'GOOD') {
  let report!: UpdateReport;
  let installs = 0;
  let checks = 0;
  const service = createUpdateService({
    currentVersion: '1.0.0',
    feedUrl: 'https://it.city.example/sd/',
    logger: recordingLogger(),
    firstCheckMs: null,
    intervalMs: null,
    now: () => 42,
    sha512OfFile: () => Promise.resolve(fileSha512),
    connect: (given) => {
      report = given;
      return {
        check: () => {
          checks += 1;
          return Promise.resolve();
        },
        install: () => {
          installs += 1;
        },
      };
    },
  });

  return {
    service,
    report: () => report,
    installs: () => installs,
    checks: () => checks,
  };
}

describe('the update service', () => {
  it('starts idle and records when a check found nothing', () => {
    const { service, report } = scripted();
    expect(service.state()).toEqual({
      status: 'idle',
      currentVersion: '1.0.0',
    });

    report().checking();
    report().notAvailable();

    expect(service.state()).toEqual({
      status: 'not-available',
      currentVersion: '1.0.0',
      checkedAt: 42,
    });
  });

  it('never installs unless a verified update is ready and the person restarts', async () => {
    const { service, report, installs } = scripted();

    expect(service.restart('1.1.0')).toEqual({
      restarting: false,
      reason: 'No update is ready to install yet.',
    });
    report().available('1.1.0');
    report().progress({ percent: 50, transferredBytes: 5, totalBytes: 10 });
    expect(service.restart('1.1.0').restarting).toBe(false);

    await report().downloaded({ version: '1.1.0', file: '/x', sha512: 'GOOD' });
    expect(service.state()).toMatchObject({
      status: 'ready',
      version: '1.1.0',
    });
    expect(installs()).toBe(0);

    expect(service.restart('1.2.0')).toMatchObject({ restarting: false });
    expect(service.restart('1.1.0')).toEqual({ restarting: true });
    expect(installs()).toBe(1);
  });

  it('checks the downloaded file once more and refuses one that does not match', async () => {
    const { service, report, installs } = scripted('SOMETHING-ELSE');
    report().available('1.1.0');

    await report().downloaded({ version: '1.1.0', file: '/x', sha512: 'GOOD' });

    expect(service.state()).toMatchObject({
      status: 'error',
      version: '1.1.0',
    });
    expect(service.restart('1.1.0').restarting).toBe(false);
    expect(installs()).toBe(0);
  });

  it('refuses a download that came without a checksum', async () => {
    const { service, report } = scripted();
    report().available('1.1.0');

    await report().downloaded({ version: '1.1.0', file: '/x', sha512: null });

    expect(service.state().status).toBe('error');
  });

  it('keeps progress only while a download is under way', () => {
    const { service, report } = scripted();
    report().progress({ percent: 10, transferredBytes: 1, totalBytes: 10 });
    expect(service.state().status).toBe('idle');

    report().available('1.1.0');
    report().progress({ percent: 10, transferredBytes: 1, totalBytes: 10 });
    expect(service.state()).toMatchObject({
      status: 'downloading',
      progress: { percent: 10 },
    });
  });

  it('does not check again while checking, downloading or ready', async () => {
    const { service, report, checks } = scripted();
    report().checking();
    await service.check();
    report().available('1.1.0');
    await service.check();
    expect(checks()).toBe(0);

    report().failed(new Error('boom'));
    await service.check();
    expect(checks()).toBe(1);
  });

  it('tells every listener of each change, until stopped', () => {
    const { service, report } = scripted();
    const seen: string[] = [];
    service.onChange((state) => seen.push(state.status));

    report().checking();
    report().available('1.1.0');
    service.stop();
    report().notAvailable();

    expect(seen).toEqual(['checking', 'available']);
  });
});

describe('updates where the desktop app is not running', () => {
  it('says so and never restarts anything', async () => {
    const updates = createUnavailableUpdates('1.0.0', BROWSER_MODE_UPDATES);

    expect(await updates.check()).toEqual({
      status: 'unavailable',
      currentVersion: '1.0.0',
      message: BROWSER_MODE_UPDATES,
    });
    expect(updates.restart('1.0.1')).toEqual({
      restarting: false,
      reason: BROWSER_MODE_UPDATES,
    });
  });
});
