// MBTiles (an SQLite file of tiles, version 1.3): rows are addressed in
// TMS order, y counted from the south, and vector tiles are usually gzip.
import { promisify } from 'node:util';
import { gunzip } from 'node:zlib';

import Database from 'better-sqlite3';

import type { TilesetInfo } from '../../shared/basemap-view';
import {
  boundsOf,
  layerIds,
  rasterTileSize,
  textOf,
  TileArchiveError,
  type TileArchive,
} from './tile-archive';

const unzip = promisify(gunzip);

const FORMATS: Record<string, TilesetInfo['format']> = {
  pbf: 'mvt',
  mvt: 'mvt',
  png: 'png',
  jpg: 'jpg',
  jpeg: 'jpg',
  webp: 'webp',
};

const isGzip = (bytes: Uint8Array) => bytes[0] === 0x1f && bytes[1] === 0x8b;

function readInfo(db: Database.Database, path: string): TilesetInfo {
  const tables = db
    .prepare<[], string>(
      `SELECT name FROM sqlite_master
       WHERE type IN ('table', 'view') AND name IN ('tiles', 'metadata')`,
    )
    .pluck()
    .all();
  if (!tables.includes('tiles') || !tables.includes('metadata')) {
    throw new TileArchiveError(
      `${path} is an SQLite file but not MBTiles: it has no ` +
        `${tables.includes('tiles') ? 'metadata' : 'tiles'} table.`,
    );
  }

  const meta = new Map(
    db
      .prepare<[], [string, string]>('SELECT name, value FROM metadata')
      .raw(true)
      .all(),
  );
  const formatName = (meta.get('format') ?? '').trim().toLowerCase();
  const format = FORMATS[formatName];
  if (format === undefined) {
    throw new TileArchiveError(
      `${path} says its tiles are "${formatName || 'of no format'}"; ` +
        'StreetDesk draws pbf (vector), png, jpg and webp tiles.',
    );
  }

  let layers: string[] = [];
  if (format === 'mvt') {
    try {
      layers = layerIds(
        (JSON.parse(meta.get('json') ?? '{}') as { vector_layers?: unknown })
          .vector_layers,
      );
    } catch {
      layers = [];
    }
    if (layers.length === 0) {
      throw new TileArchiveError(
        `${path} does not list its vector layers (the "json" metadata), ` +
          'so StreetDesk cannot tell what to draw.',
      );
    }
  }

  const range = db
    .prepare<[], { low: number | null; high: number | null }>(
      'SELECT min(zoom_level) AS low, max(zoom_level) AS high FROM tiles',
    )
    .get();
  if (range?.low === null || range?.low === undefined) {
    throw new TileArchiveError(`${path} holds no tiles.`);
  }

  const zoom = (key: string, fallback: number) => {
    const value = Number(meta.get(key));
    return Number.isInteger(value) && value >= 0 ? value : fallback;
  };

  const sample =
    format === 'mvt'
      ? null
      : (db
          .prepare<[], Buffer>('SELECT tile_data FROM tiles LIMIT 1')
          .pluck()
          .get() ?? null);

  return {
    format,
    tileSize: rasterTileSize(sample),
    minzoom: zoom('minzoom', range.low),
    maxzoom: zoom('maxzoom', range.high ?? range.low),
    bounds: boundsOf((meta.get('bounds') ?? '').split(',').map(Number)),
    layers,
    attribution: textOf(meta.get('attribution')),
    name: textOf(meta.get('name'), 200),
  };
}

export function openMbtilesArchive(path: string): TileArchive {
  let db: Database.Database;
  try {
    db = new Database(path, { readonly: true, fileMustExist: true });
  } catch (error) {
    throw new TileArchiveError(
      `StreetDesk cannot open ${path} (${(error as Error).message}).`,
    );
  }

  try {
    const info = readInfo(db, path);
    const select = db
      .prepare<[number, number, number], Buffer>(
        `SELECT tile_data FROM tiles
         WHERE zoom_level = ? AND tile_column = ? AND tile_row = ?`,
      )
      .pluck();

    return {
      info,
      async tile(z, x, y) {
        const data = select.get(z, x, 2 ** z - 1 - y);
        if (data === undefined || data === null) return null;

        return isGzip(data) ? new Uint8Array(await unzip(data)) : data;
      },
      close() {
        db.close();
        return Promise.resolve();
      },
    };
  } catch (error) {
    db.close();
    if (error instanceof TileArchiveError) throw error;
    throw new TileArchiveError(
      `${path} could not be read as MBTiles (${(error as Error).message}).`,
    );
  }
}
