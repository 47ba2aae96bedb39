// Small, real tile archives for tests: MBTiles written with SQLite and
// PMTiles version 3 written byte by byte as the specification lays it out
// (header, root directory, metadata, tile data), plus a solid PNG tile.
import { writeFileSync } from 'node:fs';
import { deflateSync, gzipSync } from 'node:zlib';

import Database from 'better-sqlite3';
import { zxyToTileId } from 'pmtiles';

export type TestTile = { z: number; x: number; y: number; data: Uint8Array };

export function writeMbtiles(
  path: string,
  options: {
    metadata: Record<string, string>;
    tiles: TestTile[];
    gzip?: boolean;
  },
): void {
  const db = new Database(path);
  db.exec(`
    CREATE TABLE metadata (name TEXT, value TEXT);
    CREATE TABLE tiles (zoom_level INTEGER, tile_column INTEGER,
      tile_row INTEGER, tile_data BLOB);`);
  const meta = db.prepare('INSERT INTO metadata VALUES (?, ?)');
  for (const [name, value] of Object.entries(options.metadata)) {
    meta.run(name, value);
  }
  const tile = db.prepare('INSERT INTO tiles VALUES (?, ?, ?, ?)');
  for (const { z, x, y, data } of options.tiles) {
    // MBTiles rows count from the south (TMS).
    tile.run(z, x, 2 ** z - 1 - y, options.gzip ? gzipSync(data) : data);
  }
  db.close();
}

function varints(values: number[]): Buffer {
  const bytes: number[] = [];
  for (let value of values) {
    while (value >= 0x80) {
      bytes.push((value % 0x80) | 0x80);
      value = Math.floor(value / 0x80);
    }
    bytes.push(value);
  }
  return Buffer.from(bytes);
}

/** Tile types as PMTiles numbers them. */
export const PMTILES_TYPE = { mvt: 1, png: 2, jpg: 3, webp: 4, mlt: 6 };

export function writePmtiles(
  path: string,
  options: {
    tileType: number;
    tiles: TestTile[];
    metadata: Record<string, unknown>;
    bounds?: [number, number, number, number];
    /** Tiles gzip-compressed (the default) or stored as they are. */
    compressTiles?: boolean;
  },
): void {
  const GZIP = 2;
  const NONE = 1;
  const compress = options.compressTiles ?? true;
  const tiles = options.tiles
    .map((tile) => ({ ...tile, id: zxyToTileId(tile.z, tile.x, tile.y) }))
    .sort((a, b) => a.id - b.id);
  const contents = tiles.map((tile) =>
    compress ? gzipSync(tile.data) : Buffer.from(tile.data),
  );
  const offsets: number[] = [];
  let at = 0;
  for (const content of contents) {
    offsets.push(at);
    at += content.length;
  }

  const directory = gzipSync(
    Buffer.concat([
      varints([tiles.length]),
      varints(
        tiles.map((tile, i) => tile.id - (i === 0 ? 0 : tiles[i - 1]!.id)),
      ),
      varints(tiles.map(() => 1)),
      varints(contents.map((content) => content.length)),
      varints(offsets.map((offset) => offset + 1)),
    ]),
  );
  const metadata = gzipSync(JSON.stringify(options.metadata));
  const data = Buffer.concat(contents);

  const header = Buffer.alloc(127);
  header.write('PMTiles', 0, 'latin1');
  header.writeUInt8(3, 7);
  const u64 = (offset: number, value: number) =>
    header.writeBigUInt64LE(BigInt(value), offset);
  const rootAt = 127;
  const metaAt = rootAt + directory.length;
  const dataAt = metaAt + metadata.length;
  u64(8, rootAt);
  u64(16, directory.length);
  u64(24, metaAt);
  u64(32, metadata.length);
  u64(40, dataAt);
  u64(48, 0);
  u64(56, dataAt);
  u64(64, data.length);
  u64(72, tiles.length);
  u64(80, tiles.length);
  u64(88, tiles.length);
  header.writeUInt8(0, 96);
  header.writeUInt8(GZIP, 97);
  header.writeUInt8(compress ? GZIP : NONE, 98);
  header.writeUInt8(options.tileType, 99);
  const zooms = tiles.map((tile) => tile.z);
  header.writeUInt8(Math.min(...zooms), 100);
  header.writeUInt8(Math.max(...zooms), 101);
  const [west, south, east, north] = options.bounds ?? [-180, -85, 180, 85];
  header.writeInt32LE(Math.round(west * 1e7), 102);
  header.writeInt32LE(Math.round(south * 1e7), 106);
  header.writeInt32LE(Math.round(east * 1e7), 110);
  header.writeInt32LE(Math.round(north * 1e7), 114);
  header.writeUInt8(Math.min(...zooms), 118);

  writeFileSync(path, Buffer.concat([header, directory, metadata, data]));
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k += 1) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes: Buffer): number {
  let crc = 0xffffffff;
  for (const byte of bytes) crc = CRC_TABLE[(crc ^ byte) & 0xff]! ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** A PNG of one colour, 256 pixels a side unless told: a raster tile. */
export function solidPng(
  red: number,
  green: number,
  blue: number,
  size = 256,
): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr.writeUInt8(8, 8); // bit depth
  ihdr.writeUInt8(2, 9); // truecolour
  const row = Buffer.alloc(1 + size * 3);
  for (let x = 0; x < size; x += 1) row.set([red, green, blue], 1 + x * 3);
  const pixels = Buffer.concat(Array.from({ length: size }, () => row));

  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(pixels)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}
