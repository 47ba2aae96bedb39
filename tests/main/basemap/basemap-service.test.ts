import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterEach, describe, expect, it } from 'vitest';

import { createBasemapService } from '../../../src/main/basemap/basemap-service';
import { createLogger } from '../../../src/main/log/logger';
import type { BasemapSource } from '../../../src/shared/console-preferences';
import {
  PMTILES_TYPE,
  solidPng,
  writeMbtiles,
  writePmtiles,
} from '../../support/tile-archives';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0))
    rmSync(dir, { recursive: true, force: true });
});

function folder() {
  const dir = mkdtempSync(join(tmpdir(), 'sd-basemap-'));
  dirs.push(dir);
  return dir;
}

function serviceFor(initial: BasemapSource) {
  let source = initial;
  const service = createBasemapService({
    source: () => source,
    logger: createLogger({ level: 'error' }),
  });
  return {
    service,
    choose: async (next: BasemapSource) => {
      source = next;
      await service.changed();
    },
  };
}

const red = solidPng(200, 0, 0);

describe('the chosen basemap', () => {
  it('serves a PMTiles archive on the app origin and says how to draw it', async () => {
    const path = join(folder(), 'city.pmtiles');
    writePmtiles(path, {
      tileType: PMTILES_TYPE.png,
      tiles: [{ z: 11, x: 619, y: 757, data: red }],
      metadata: { attribution: 'City GIS' },
      bounds: [-71.2, 42.2, -70.9, 42.4],
    });
    const { service } = serviceFor({ kind: 'pmtiles', path });

    expect(await service.view()).toEqual({
      kind: 'tiles',
      tilesPath: '/basemap-tiles/{z}/{x}/{y}',
      info: expect.objectContaining({
        format: 'png',
        minzoom: 11,
        maxzoom: 11,
        attribution: 'City GIS',
      }) as unknown,
    });
    const tile = await service.serveTile('/basemap-tiles/11/619/757');
    expect(tile).toMatchObject({ status: 200, contentType: 'image/png' });
    expect(Buffer.from((tile as { body: Uint8Array }).body).equals(red)).toBe(
      true,
    );
    // An extension is allowed; a tile the archive lacks is empty.
    expect(
      (await service.serveTile('/basemap-tiles/11/619/757.png')).status,
    ).toBe(200);
    expect((await service.serveTile('/basemap-tiles/11/620/757')).status).toBe(
      204,
    );
    // Outside its zoom range: empty, without a lookup.
    expect((await service.serveTile('/basemap-tiles/15/0/0')).status).toBe(204);
    await service.close();
  });

  it('refuses tile addresses that cannot exist or do not parse', async () => {
    const path = join(folder(), 'city.mbtiles');
    writeMbtiles(path, {
      metadata: { format: 'png' },
      tiles: [{ z: 2, x: 1, y: 1, data: red }],
    });
    const { service } = serviceFor({ kind: 'mbtiles', path });

    for (const bad of [
      '/basemap-tiles/2/4/0',
      '/basemap-tiles/2/1',
      '/basemap-tiles/../../etc/passwd',
      '/basemap-tiles/2/1/1/extra',
      '/basemap-tiles/99/0/0',
      '/basemap-tiles/-1/0/0',
    ]) {
      expect((await service.serveTile(bad)).status, bad).toBe(400);
    }
    expect((await service.serveTile('/basemap-tiles/2/1/1')).status).toBe(200);
    await service.close();
  });

  it('falls back to the bundled map, saying why, when the file went bad', async () => {
    const path = join(folder(), 'gone.mbtiles');
    const { service } = serviceFor({ kind: 'mbtiles', path });

    const view = await service.view();
    expect(view.kind).toBe('bundled');
    expect(view.kind === 'bundled' ? view.problem : '').toMatch(
      /cannot open .*gone\.mbtiles/,
    );
    expect((await service.serveTile('/basemap-tiles/1/0/0')).status).toBe(404);

    // The file comes back (a network drive reconnects): the next look
    // draws it, with no change of choice.
    writeMbtiles(path, {
      metadata: { format: 'png' },
      tiles: [{ z: 1, x: 0, y: 0, data: red }],
    });
    expect(await service.view()).toMatchObject({ kind: 'tiles' });
    expect((await service.serveTile('/basemap-tiles/1/0/0')).status).toBe(200);
    await service.close();
  });

  it('opens a new choice once it changes, and serves nothing for the bundled map', async () => {
    const dir = folder();
    const first = join(dir, 'a.mbtiles');
    const second = join(dir, 'b.mbtiles');
    writeMbtiles(first, {
      metadata: { format: 'png', name: 'first' },
      tiles: [{ z: 1, x: 0, y: 0, data: red }],
    });
    writeMbtiles(second, {
      metadata: { format: 'jpg', name: 'second' },
      tiles: [{ z: 1, x: 0, y: 0, data: red }],
    });
    const { service, choose } = serviceFor({ kind: 'mbtiles', path: first });

    expect(await service.view()).toMatchObject({ info: { name: 'first' } });
    await choose({ kind: 'mbtiles', path: second });
    expect(await service.view()).toMatchObject({ info: { name: 'second' } });
    expect(await service.serveTile('/basemap-tiles/1/0/0')).toMatchObject({
      contentType: 'image/jpeg',
    });

    await choose({ kind: 'bundled' });
    expect(await service.view()).toEqual({ kind: 'bundled', problem: null });
    expect((await service.serveTile('/basemap-tiles/1/0/0')).status).toBe(404);
  });

  it('lets only a style URL origin through the content security policy', async () => {
    const { service, choose } = serviceFor({ kind: 'bundled' });
    expect(service.connectOrigins()).toEqual([]);

    await choose({
      kind: 'style-url',
      url: 'https://tiles.city.example:8443/styles/light.json?key=1',
    });
    expect(service.connectOrigins()).toEqual([
      'https://tiles.city.example:8443',
    ]);
    expect(await service.view()).toEqual({
      kind: 'style-url',
      url: 'https://tiles.city.example:8443/styles/light.json?key=1',
    });
  });
});
