// A tile archive on this computer (MBTiles or PMTiles) that the app serves
// to its own map, so a city can use its own basemap without a tile server.
import type { TilesetInfo } from '../../shared/basemap-view';

export type TileArchive = {
  info: TilesetInfo;
  /** The tile's bytes, uncompressed; null where the archive has none. */
  tile(z: number, x: number, y: number): Promise<Uint8Array | null>;
  close(): Promise<void>;
};

/** Says what is wrong with an archive, naming the file. */
export class TileArchiveError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TileArchiveError';
  }
}

/** Deepest zoom a tile address may have: 2^30 tiles a side is plenty. */
export const MAX_ZOOM = 30;

/** Whether z/x/y names a tile that can exist. */
export function isTileAddress(z: number, x: number, y: number): boolean {
  if (![z, x, y].every(Number.isSafeInteger)) return false;
  if (z < 0 || z > MAX_ZOOM) return false;
  const side = 2 ** z;

  return x >= 0 && x < side && y >= 0 && y < side;
}

/** West, south, east, north, when they make a box on the globe. */
export function boundsOf(
  values: readonly number[],
): [number, number, number, number] | null {
  if (values.length !== 4 || !values.every(Number.isFinite)) return null;
  const [west, south, east, north] = values as [number, number, number, number];
  const inRange = west >= -180 && east <= 180 && south >= -90 && north <= 90;

  return inRange && west < east && south < north
    ? [west, south, east, north]
    : null;
}

/** The `id` of each entry of a TileJSON `vector_layers` list. */
export function layerIds(vectorLayers: unknown): string[] {
  if (!Array.isArray(vectorLayers)) return [];
  const ids: string[] = [];
  for (const layer of vectorLayers) {
    const id: unknown = (layer as { id?: unknown } | null)?.id;
    if (typeof id === 'string' && id.length > 0 && id.length <= 200) {
      ids.push(id);
    }
  }

  return [...new Set(ids)];
}

/** A short text from metadata, or null; never markup to interpret. */
export function textOf(value: unknown, max = 500): string | null {
  if (typeof value !== 'string') return null;
  const text = value.trim();

  return text === '' ? null : text.slice(0, max);
}

/**
 * The pixel width of an image tile, read from its header (PNG, JPEG or
 * WebP); null when the bytes do not say. Raster tiles are 256 or 512
 * pixels a side, and the map must know which to place them right.
 */
export function imageWidth(bytes: Uint8Array): number | null {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const ascii = (at: number, text: string) =>
    bytes.length >= at + text.length &&
    [...text].every((char, i) => bytes[at + i] === char.charCodeAt(0));

  if (ascii(1, 'PNG') && ascii(12, 'IHDR')) return view.getUint32(16);

  if (bytes[0] === 0xff && bytes[1] === 0xd8) {
    // JPEG: walk the segments to the frame header (SOF0 to SOF3).
    let at = 2;
    while (at + 9 < bytes.length && bytes[at] === 0xff) {
      const marker = bytes[at + 1]!;
      if (marker >= 0xc0 && marker <= 0xc3) return view.getUint16(at + 7);
      at += 2 + view.getUint16(at + 2);
    }
    return null;
  }

  if (ascii(0, 'RIFF') && ascii(8, 'WEBP') && bytes.length >= 30) {
    if (ascii(12, 'VP8 ')) return view.getUint16(26, true) & 0x3fff;
    if (ascii(12, 'VP8L')) return (view.getUint16(21, true) & 0x3fff) + 1;
    if (ascii(12, 'VP8X')) {
      return (view.getUint32(24, true) & 0xffffff) + 1;
    }
  }
  return null;
}

/** 512 for tiles that wide, 256 for every other (the usual size). */
export function rasterTileSize(sample: Uint8Array | null): 256 | 512 {
  return sample !== null && imageWidth(sample) === 512 ? 512 : 256;
}
