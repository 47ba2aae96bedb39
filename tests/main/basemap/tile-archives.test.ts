import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';

import { openMbtilesArchive } from '../../../src/main/basemap/mbtiles-archive';
import { openPmtilesArchive } from '../../../src/main/basemap/pmtiles-archive';
import {
  boundsOf,
  imageWidth,
  isTileAddress,
  TileArchiveError,
} from '../../../src/main/basemap/tile-archive';
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

function file(name: string) {
  const dir = mkdtempSync(join(tmpdir(), 'sd-tiles-'));
  dirs.push(dir);
  return join(dir, name);
}

const bytes = (text: string) => new Uint8Array(Buffer.from(text));
const vectorMetadata = {
  format: 'pbf',
  minzoom: '12',
  maxzoom: '14',
  bounds: '-71.2,42.2,-70.9,42.4',
  name: 'Boston streets',
  attribution: '<a href="https://osm.org">OSM</a>',
  json: JSON.stringify({
    vector_layers: [{ id: 'water' }, { id: 'transportation' }, { id: 'water' }],
  }),
};

describe('an MBTiles archive', () => {
  it('describes itself and serves tiles by XYZ address, gunzipped', async () => {
    const path = file('city.mbtiles');
    writeMbtiles(path, {
      metadata: vectorMetadata,
      tiles: [
        { z: 12, x: 1238, y: 1515, data: bytes('tile A') },
        { z: 13, x: 2477, y: 3030, data: bytes('tile B') },
      ],
      gzip: true,
    });
    const archive = openMbtilesArchive(path);

    expect(archive.info).toEqual({
      format: 'mvt',
      tileSize: 256,
      minzoom: 12,
      maxzoom: 14,
      bounds: [-71.2, 42.2, -70.9, 42.4],
      layers: ['water', 'transportation'],
      attribution: '<a href="https://osm.org">OSM</a>',
      name: 'Boston streets',
    });
    // Stored in TMS rows; asked for in XYZ.
    expect(Buffer.from((await archive.tile(12, 1238, 1515))!).toString()).toBe(
      'tile A',
    );
    expect(Buffer.from((await archive.tile(13, 2477, 3030))!).toString()).toBe(
      'tile B',
    );
    expect(await archive.tile(12, 1238, 2 ** 12 - 1 - 1515)).toBeNull();
    await archive.close();
  });

  it('takes its zoom range from the tiles when the metadata has none', () => {
    const path = file('raster.mbtiles');
    writeMbtiles(path, {
      metadata: { format: 'png' },
      tiles: [
        { z: 3, x: 2, y: 2, data: solidPng(1, 2, 3) },
        { z: 5, x: 9, y: 11, data: solidPng(1, 2, 3) },
      ],
    });
    const archive = openMbtilesArchive(path);

    expect(archive.info).toMatchObject({
      format: 'png',
      tileSize: 256,
      minzoom: 3,
      maxzoom: 5,
      bounds: null,
      layers: [],
    });
    void archive.close();
  });

  it('refuses files the map cannot draw, saying why', () => {
    const noMeta = file('a.mbtiles');
    new Database(noMeta).exec('CREATE TABLE tiles (x)').close();
    expect(() => openMbtilesArchive(noMeta)).toThrow(
      /not MBTiles: it has no metadata table/,
    );

    const pdf = file('b.mbtiles');
    writeMbtiles(pdf, {
      metadata: { format: 'pdf' },
      tiles: [{ z: 1, x: 0, y: 0, data: bytes('x') }],
    });
    expect(() => openMbtilesArchive(pdf)).toThrow(
      /says its tiles are "pdf"; StreetDesk draws pbf/,
    );

    const unlisted = file('c.mbtiles');
    writeMbtiles(unlisted, {
      metadata: { format: 'pbf' },
      tiles: [{ z: 1, x: 0, y: 0, data: bytes('x') }],
    });
    expect(() => openMbtilesArchive(unlisted)).toThrow(
      /does not list its vector layers/,
    );

    const empty = file('d.mbtiles');
    writeMbtiles(empty, { metadata: { format: 'png' }, tiles: [] });
    expect(() => openMbtilesArchive(empty)).toThrow(/holds no tiles/);

    const text = file('e.mbtiles');
    writeFileSync(text, 'not a database at all');
    expect(() => openMbtilesArchive(text)).toThrow(TileArchiveError);
  });
});

describe('a PMTiles archive', () => {
  it('describes itself and serves tiles from its directory', async () => {
    const path = file('city.pmtiles');
    writePmtiles(path, {
      tileType: PMTILES_TYPE.mvt,
      tiles: [
        { z: 12, x: 1238, y: 1515, data: bytes('tile A') },
        { z: 12, x: 1239, y: 1515, data: bytes('tile B') },
        { z: 14, x: 4955, y: 6061, data: bytes('tile C') },
      ],
      metadata: {
        name: 'Boston',
        attribution: '© OpenStreetMap',
        vector_layers: [{ id: 'roads' }, { id: 'parks' }, { id: '' }, 7],
      },
      bounds: [-71.2, 42.2, -70.9, 42.4],
    });
    const archive = await openPmtilesArchive(path);

    expect(archive.info).toEqual({
      format: 'mvt',
      tileSize: 256,
      minzoom: 12,
      maxzoom: 14,
      bounds: [-71.2, 42.2, -70.9, 42.4],
      layers: ['roads', 'parks'],
      attribution: '© OpenStreetMap',
      name: 'Boston',
    });
    const text = async (z: number, x: number, y: number) => {
      const tile = await archive.tile(z, x, y);
      return tile === null ? null : Buffer.from(tile).toString();
    };
    expect(await text(12, 1239, 1515)).toBe('tile B');
    expect(await text(14, 4955, 6061)).toBe('tile C');
    expect(await text(12, 1240, 1515)).toBeNull();
    expect(await text(13, 0, 0)).toBeNull();
    await archive.close();
  });

  it('refuses tiles it cannot draw and files that are not PMTiles', async () => {
    const mlt = file('a.pmtiles');
    writePmtiles(mlt, {
      tileType: PMTILES_TYPE.mlt,
      tiles: [{ z: 0, x: 0, y: 0, data: bytes('x') }],
      metadata: {},
    });
    await expect(openPmtilesArchive(mlt)).rejects.toThrow(
      /tiles of a type StreetDesk cannot draw \(type 6\)/,
    );

    const unlisted = file('b.pmtiles');
    writePmtiles(unlisted, {
      tileType: PMTILES_TYPE.mvt,
      tiles: [{ z: 0, x: 0, y: 0, data: bytes('x') }],
      metadata: {},
    });
    await expect(openPmtilesArchive(unlisted)).rejects.toThrow(
      /does not list its vector layers/,
    );

    const garbage = file('c.pmtiles');
    writeFileSync(
      garbage,
      Buffer.concat([
        Buffer.from('PMTiles'),
        Buffer.from([3]),
        Buffer.alloc(200, 7),
      ]),
    );
    await expect(openPmtilesArchive(garbage)).rejects.toThrow(
      /could not be read as PMTiles/,
    );
    await expect(openPmtilesArchive(file('gone.pmtiles'))).rejects.toThrow(
      /cannot open/,
    );
  });
});

describe('tile addresses and bounds', () => {
  it('takes only tiles that exist at their zoom', () => {
    expect(isTileAddress(0, 0, 0)).toBe(true);
    expect(isTileAddress(3, 7, 7)).toBe(true);
    expect(isTileAddress(3, 8, 0)).toBe(false);
    expect(isTileAddress(-1, 0, 0)).toBe(false);
    expect(isTileAddress(31, 0, 0)).toBe(false);
    expect(isTileAddress(2, 1.5, 0)).toBe(false);
  });

  it('keeps only a box on the globe', () => {
    expect(boundsOf([-71, 42, -70, 43])).toEqual([-71, 42, -70, 43]);
    expect(boundsOf([-70, 42, -71, 43])).toBeNull();
    expect(boundsOf([-200, 42, -70, 43])).toBeNull();
    expect(boundsOf([Number.NaN, 42, -70, 43])).toBeNull();
    expect(boundsOf([1, 2, 3])).toBeNull();
  });
});

describe('raster tile size', () => {
  it('is read from a 512-pixel tile in either kind of archive', async () => {
    const big = solidPng(10, 20, 30, 512);
    const mb = file('hi.mbtiles');
    writeMbtiles(mb, {
      metadata: { format: 'png' },
      tiles: [{ z: 4, x: 3, y: 5, data: big }],
    });
    const mbArchive = openMbtilesArchive(mb);
    expect(mbArchive.info.tileSize).toBe(512);
    await mbArchive.close();

    const pm = file('hi.pmtiles');
    writePmtiles(pm, {
      tileType: PMTILES_TYPE.png,
      tiles: [{ z: 4, x: 3, y: 5, data: big }],
      metadata: {},
    });
    const pmArchive = await openPmtilesArchive(pm);
    // Gzipped tiles: the size is not read from them; 256 is assumed.
    expect(pmArchive.info.tileSize).toBe(256);
    await pmArchive.close();

    const plain = file('plain.pmtiles');
    writePmtiles(plain, {
      tileType: PMTILES_TYPE.png,
      tiles: [{ z: 4, x: 3, y: 5, data: big }],
      metadata: {},
      compressTiles: false,
    });
    const plainArchive = await openPmtilesArchive(plain);
    expect(plainArchive.info.tileSize).toBe(512);
    expect(Buffer.from((await plainArchive.tile(4, 3, 5))!).equals(big)).toBe(
      true,
    );
    await plainArchive.close();
  });

  it('reads the width from PNG, JPEG and WebP headers', () => {
    expect(imageWidth(solidPng(0, 0, 0, 512))).toBe(512);
    expect(imageWidth(solidPng(0, 0, 0))).toBe(256);

    // JPEG: SOI, an APP0 segment, then SOF0 with height 256, width 512.
    const jpeg = Buffer.from([
      0xff, 0xd8, 0xff, 0xe0, 0x00, 0x04, 0x00, 0x00, 0xff, 0xc0, 0x00, 0x11,
      0x08, 0x01, 0x00, 0x02, 0x00, 0x03,
    ]);
    expect(imageWidth(jpeg)).toBe(512);

    // WebP, extended (VP8X): width minus one in 24 bits at byte 24.
    const webp = Buffer.alloc(30);
    webp.write('RIFF', 0, 'latin1');
    webp.write('WEBP', 8, 'latin1');
    webp.write('VP8X', 12, 'latin1');
    webp.writeUIntLE(511, 24, 3);
    expect(imageWidth(webp)).toBe(512);

    expect(
      imageWidth(Buffer.from('not an image at all, just text')),
    ).toBeNull();
    expect(imageWidth(Buffer.from([0xff, 0xd8, 0x00]))).toBeNull();
  });
});
