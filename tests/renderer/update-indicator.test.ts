import { describe, expect, it } from 'vitest';

import { createAppStore } from '../../src/renderer/src/store/create-app-store';
import { updateView } from '../../src/renderer/src/update/update-text';
import { createFakeApi } from './fake-api';

const settle = async () => {
  for (let i = 0; i < 10; i++) await new Promise((r) => setTimeout(r, 0));
};

const v = '1.3.2';

describe('what the update indicator says', () => {
  it('stays quiet when there is nothing to do', () => {
    expect(updateView(null).label).toBe('');
    expect(updateView({ status: 'idle', currentVersion: v }).label).toBe('');
    expect(
      updateView({
        status: 'unavailable',
        currentVersion: v,
        message: 'Updates are managed by the desktop app.',
      }),
    ).toMatchObject({
      label: '',
      detail: 'Updates are managed by the desktop app.',
      action: null,
    });
  });

  it('shows a check, then a download with its progress in whole percent', () => {
    expect(updateView({ status: 'checking', currentVersion: v })).toMatchObject(
      { label: 'Checking for updates…', tone: 'busy', percent: null },
    );
    expect(
      updateView({
        status: 'downloading',
        currentVersion: v,
        version: '1.4.0',
        progress: {
          percent: 42.9,
          transferredBytes: 42_900_000,
          totalBytes: 100_000_000,
        },
      }),
    ).toEqual({
      label: 'Downloading update 1.4.0: 42%',
      detail: '42.9 MB of 100.0 MB',
      tone: 'busy',
      percent: 42,
      action: null,
    });
  });

  it('offers a restart only when the update is ready', () => {
    expect(
      updateView({ status: 'ready', currentVersion: v, version: '1.4.0' }),
    ).toMatchObject({
      label: 'Update 1.4.0 is ready',
      tone: 'ready',
      action: 'restart',
    });
    expect(
      updateView({ status: 'available', currentVersion: v, version: '1.4.0' })
        .action,
    ).toBeNull();
  });

  it('shows the error in words with a way to try again', () => {
    const message =
      'Update 1.4.0 does not match the checksum the update server published.';
    expect(
      updateView({
        status: 'error',
        currentVersion: v,
        version: '1.4.0',
        message,
      }),
    ).toEqual({
      label: 'Update 1.4.0 failed',
      detail: message,
      tone: 'error',
      percent: null,
      action: 'retry',
    });
    expect(
      updateView({
        status: 'error',
        currentVersion: v,
        version: null,
        message: 'Could not reach the update server.',
      }).label,
    ).toBe('Update check failed');
  });
});

describe('the update slice', () => {
  it('follows the pushed state and restarts into the version shown, only when ready', async () => {
    const api = createFakeApi([]);
    const store = createAppStore(api);
    const stop = store.getState().start();
    await settle();
    expect(store.getState().update).toEqual({
      status: 'idle',
      currentVersion: '0.0.0-test',
    });

    await store.getState().restartToUpdate();
    expect(api.calls.some((c) => c.method === 'restartToUpdate')).toBe(false);

    api.emitUpdate({ status: 'ready', currentVersion: v, version: '1.4.0' });
    expect(store.getState().update).toMatchObject({ status: 'ready' });
    await store.getState().restartToUpdate();

    expect(
      api.calls.filter((c) => c.method === 'restartToUpdate').map((c) => c.arg),
    ).toEqual([{ version: '1.4.0' }]);
    const updateErrors = store
      .getState()
      .errors.filter((error) => /update/.test(error.message));
    expect(updateErrors).toEqual([]);
    stop();
  });
});
