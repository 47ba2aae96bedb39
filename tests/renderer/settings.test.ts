import { describe, expect, it } from 'vitest';

import {
  draftOf,
  needsReload,
  sourceOf,
} from '../../src/renderer/src/settings/basemap-choice';
import { setupSteps } from '../../src/renderer/src/settings/setup-steps';
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
    setupDone: false,
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

  it('makes the map base from what the services say, and falls back to the bundled map', async () => {
    const api = createFakeApi([]);
    api.getBasemap = () =>
      Promise.resolve({
        kind: 'tiles',
        tilesPath: '/basemap-tiles/{z}/{x}/{y}',
        info: {
          format: 'png',
          minzoom: 10,
          maxzoom: 16,
          bounds: null,
          layers: [],
          tileSize: 256,
          attribution: null,
          name: 'Aerial',
        },
      });
    const store = createAppStore(api);

    await store.getState().loadMapBase();
    expect(store.getState().mapBase).toMatchObject({
      bounds: null,
      problem: null,
      styles: { light: { name: 'Aerial' }, dark: { name: 'Aerial' } },
    });

    api.getBasemap = () => Promise.reject(new Error('the services are gone'));
    await store.getState().loadMapBase();
    expect(store.getState().mapBase?.styles.dark.name).toBe('StreetDesk dark');
    expect(store.getState().mapBase?.problem).toBeNull();
    expect(store.getState().errors.at(-1)?.message).toMatch(
      /read the basemap choice/,
    );
  });

  it('closes the setup guide through the services and keeps what they say', async () => {
    const api = createFakeApi([]);
    api.finishSetup = () => {
      api.calls.push({ method: 'finishSetup', arg: undefined });
      return Promise.resolve({ ...saved, setupDone: true });
    };
    const store = createAppStore(api);

    expect(await store.getState().finishSetup()).toBeNull();
    expect(store.getState().settings?.setupDone).toBe(true);
    expect(api.calls.map((call) => call.method)).toEqual(['finishSetup']);
  });
});

describe('the first-run setup guide', () => {
  const fresh: ConsoleSettings = {
    centralUrl: null,
    signedInAs: null,
    basemap: { kind: 'bundled' },
    notifications: { slaAlerts: true, slaAlertLevel: 'at_risk' },
    setupDone: false,
  };

  it('says what is left on a new console, in order', () => {
    const steps = setupSteps(fresh);

    expect(steps.map((step) => [step.title, step.done])).toEqual([
      ["Connect to the city's central API", false],
      ['Sign in', false],
      ['Choose the map', true],
      ['Choose SLA alerts', true],
    ]);
    expect(steps[0]?.state).toMatch(/^Not connected\./);
    expect(steps[2]?.state).toMatch(/bundled Boston map/);
    expect(steps[3]?.state).toMatch(/at risk and when it breaches/);
  });

  it('says what was chosen once it is', () => {
    const steps = setupSteps({
      ...fresh,
      centralUrl: 'https://311.city.example',
      signedInAs: { userId: 'ana', name: 'Ana Ruiz', role: 'dispatcher' },
      basemap: { kind: 'mbtiles', path: '/srv/maps/city.mbtiles' },
      notifications: { slaAlerts: false, slaAlertLevel: 'at_risk' },
    });

    expect(steps.every((step) => step.done)).toBe(true);
    expect(steps[0]?.state).toBe('Connected to https://311.city.example.');
    expect(steps[1]?.state).toBe('Signed in as Ana Ruiz (dispatcher).');
    expect(steps[2]?.state).toMatch(
      /an MBTiles file \(\/srv\/maps\/city\.mbtiles\)/,
    );
    expect(steps[3]?.state).toMatch(/^Off: no SLA alerts\./);
  });
});
