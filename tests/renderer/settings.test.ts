import { describe, expect, it } from 'vitest';

import {
  draftOf,
  needsReload,
  sourceOf,
} from '../../src/renderer/src/settings/basemap-choice';
import { createAppStore } from '../../src/renderer/src/store/create-app-store';
import type { ConsoleSettings } from '../../src/shared/contract';
import { createFakeApi } from './fake-api';

describe('the basemap form', () => {
  it('turns the draft into the source of the chosen kind, trimmed', () => {
    const draft = {
      kind: 'pmtiles' as const,
      path: '  /srv/maps/boston.pmtiles ',
      url: 'https://left.over/style.json',
    };

    expect(sourceOf(draft)).toEqual({
      kind: 'pmtiles',
      path: '/srv/maps/boston.pmtiles',
    });
    expect(sourceOf({ ...draft, kind: 'style-url' })).toEqual({
      kind: 'style-url',
      url: 'https://left.over/style.json',
    });
    expect(sourceOf({ ...draft, kind: 'bundled' })).toEqual({
      kind: 'bundled',
    });
    expect(draftOf({ kind: 'mbtiles', path: '/m.mbtiles' })).toEqual({
      kind: 'mbtiles',
      path: '/m.mbtiles',
      url: '',
    });
  });

  it('reloads the page only for a style URL on a host not yet let in', () => {
    const style = (url: string) => ({ kind: 'style-url' as const, url });
    const file = { kind: 'pmtiles' as const, path: '/m/b.pmtiles' };

    expect(needsReload({ kind: 'bundled' }, file)).toBe(false);
    expect(needsReload(file, { kind: 'bundled' })).toBe(false);
    expect(needsReload(file, style('https://a.example/s.json'))).toBe(true);
    expect(
      needsReload(
        style('https://a.example/s.json'),
        style('https://a.example/other.json'),
      ),
    ).toBe(false);
    expect(
      needsReload(
        style('https://a.example/s.json'),
        style('https://b.example/s.json'),
      ),
    ).toBe(true);
  });
});

describe('the settings slice', () => {
  const saved: ConsoleSettings = {
    centralUrl: null,
    signedInAs: null,
    basemap: { kind: 'bundled' },
    notifications: { slaAlerts: true, slaAlertLevel: 'breach_only' },
  };

  it('keeps what the services saved, and returns the reason a save failed', async () => {
    const api = createFakeApi([]);
    api.saveSettings = (arg) => {
      api.calls.push({ method: 'saveSettings', arg });
      return Promise.resolve(saved);
    };
    const store = createAppStore(api);

    expect(
      await store.getState().saveSettings({
        notifications: { slaAlerts: true, slaAlertLevel: 'breach_only' },
      }),
    ).toBeNull();
    expect(store.getState().settings).toEqual(saved);

    api.saveSettings = () =>
      Promise.reject(new Error('There is no file at /gone.pmtiles'));
    expect(
      await store.getState().saveSettings({
        basemap: { kind: 'pmtiles', path: '/gone.pmtiles' },
      }),
    ).toBe('There is no file at /gone.pmtiles');
    expect(store.getState().settings).toEqual(saved);
  });
});
