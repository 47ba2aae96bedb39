// PMTiles version 3: one file of tiles addressed through its directories,
// read here in ranges from the disk by the `pmtiles` library.
import { open, type FileHandle } from 'node:fs/promises';
import { promisify } from 'node:util';
import { brotliDecompress, gunzip } from 'node:zlib';

import { Compression, PMTiles, TileType, type Source } from 'pmtiles';

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
const unbrotli = promisify(brotliDecompress);

const FORMATS: Partial<Record<TileType, TilesetInfo['format']>> = {
  [TileType.Mvt]: 'mvt',
  [TileType.Png]: 'png',
  [TileType.Jpeg]: 'jpg',
  [TileType.Webp]: 'webp',
};

const toArrayBuffer = (bytes: Uint8Array): ArrayBuffer =>
  bytes.buffer.slice(
    bytes.byteOffset,
    bytes.byteOffset + bytes.byteLength,
  ) as ArrayBuffer;

async function decompress(
  data: ArrayBuffer,
  compression: Compression,
): Promise<ArrayBuffer> {
  switch (compression) {
    case Compression.None:
    case Compression.Unknown:
      return data;
    case Compression.Gzip:
      return toArrayBuffer(await unzip(new Uint8Array(data)));
    case Compression.Brotli:
      return toArrayBuffer(await unbrotli(new Uint8Array(data)));
    default:
      throw new TileArchiveError(
        'the archive is compressed with zstd, which StreetDesk cannot read',
      );
  }
}

function fileSource(handle: FileHandle, path: string): Source {
  return {
    getKey: () => path,
    async getBytes(offset, length) {
      const buffer = Buffer.alloc(length);
      const { bytesRead } = await handle.read(buffer, 0, length, offset);
      return { data: toArrayBuffer(buffer.subarray(0, bytesRead)) };
    },
  };
}

export async function openPmtilesArchive(path: string): Promise<TileArchive> {
  let handle: FileHandle;
  try {
    handle = await open(path, 'r');
  } catch (error) {
    throw new TileArchiveError(
      `StreetDesk cannot open ${path} (${(error as Error).message}).`,
    );
  }

  try {
    const archive = new PMTiles(
      fileSource(handle, path),
      undefined,
      decompress,
    );
    const header = await archive.getHeader();
    const format = FORMATS[header.tileType];
    if (format === undefined) {
      throw new TileArchiveError(
        `${path} holds tiles of a type StreetDesk cannot draw ` +
          `(type ${header.tileType}); it draws vector, png, jpg and webp.`,
      );
    }
    const metadata = ((await archive.getMetadata()) ?? {}) as Record<
      string,
      unknown
    >;
    const layers = format === 'mvt' ? layerIds(metadata.vector_layers) : [];
    if (format === 'mvt' && layers.length === 0) {
      throw new TileArchiveError(
        `${path} does not list its vector layers (vector_layers in its ` +
          'metadata), so StreetDesk cannot tell what to draw.',
      );
    }

    // An image archive's first tile starts its data section; its header
    // gives the tile size when the tiles are stored uncompressed.
    const sample =
      format === 'mvt' || header.tileCompression !== Compression.None
        ? null
        : new Uint8Array(
            (
              await fileSource(handle, path).getBytes(
                header.tileDataOffset,
                Math.min(65_536, header.tileDataLength ?? 65_536),
              )
            ).data,
          );

    const info: TilesetInfo = {
      format,
      tileSize: rasterTileSize(sample),
      minzoom: header.minZoom,
      maxzoom: Math.max(header.minZoom, header.maxZoom),
      bounds: boundsOf([
        header.minLon,
        header.minLat,
        header.maxLon,
        header.maxLat,
      ]),
      layers,
      attribution: textOf(metadata.attribution),
      name: textOf(metadata.name, 200),
    };

    return {
      info,
      async tile(z, x, y) {
        const found = await archive.getZxy(z, x, y);
        return found === undefined ? null : new Uint8Array(found.data);
      },
      async close() {
        await handle.close();
      },
    };
  } catch (error) {
    await handle.close();
    if (error instanceof TileArchiveError) throw error;
    throw new TileArchiveError(
      `${path} could not be read as PMTiles (${(error as Error).message}).`,
    );
  }
}
