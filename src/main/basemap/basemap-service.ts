// The basemap the person chose, made ready for the map: a tile archive is
// opened once and its tiles served on the app's own origin; a style URL's
// origin is let through the content security policy. A choice that cannot
// be used falls back to the bundled map and says why.
import {
  BASEMAP_TILES_PREFIX,
  type BasemapView,
} from '../../shared/basemap-view';
import type { BasemapSource } from '../../shared/console-preferences';
import type { Logger } from '../log/logger';
import { openMbtilesArchive } from './mbtiles-archive';
import { openPmtilesArchive } from './pmtiles-archive';
import {
  isTileAddress,
  TileArchiveError,
  type TileArchive,
} from './tile-archive';

export type TileReply =
  | { status: 200; body: Uint8Array; contentType: string }
  | { status: 204 }
  | { status: 400 | 404; reason: string };

export type BasemapService = {
  /** What the map should draw now. */
  view(): Promise<BasemapView>;
  /** Answers a GET under BASEMAP_TILES_PREFIX. */
  serveTile(pathname: string): Promise<TileReply>;
  /** Origins the renderer may fetch from beside its own (a style URL's). */
  connectOrigins(): string[];
  /** The choice changed: the next view opens what it names. */
  changed(): Promise<void>;
  close(): Promise<void>;
};

const CONTENT_TYPES = {
  mvt: 'application/vnd.mapbox-vector-tile',
  png: 'image/png',
  jpg: 'image/jpeg',
  webp: 'image/webp',
} as const;

const TILE_PATH = /^(\d{1,2})\/(\d{1,10})\/(\d{1,10})(?:\.[a-z]{3,4})?$/;

/** Opens the archive a file source names; throws TileArchiveError. */
export async function openTileArchive(
  source: Extract<BasemapSource, { path: string }>,
): Promise<TileArchive> {
  return source.kind === 'mbtiles'
    ? openMbtilesArchive(source.path)
    : openPmtilesArchive(source.path);
}

export function createBasemapService(options: {
  source: () => BasemapSource;
  logger: Logger;
}): BasemapService {
  const { logger } = options;
  // The archive for the choice it was opened for, or why it could not be.
  let opened: {
    key: string;
    archive: Promise<TileArchive | TileArchiveError>;
  } | null = null;

  const archiveFor = (source: Extract<BasemapSource, { path: string }>) => {
    const key = `${source.kind}:${source.path}`;
    if (opened?.key !== key) {
      const previous = opened;
      opened = {
        key,
        archive: openTileArchive(source).catch((error: unknown) => {
          const problem =
            error instanceof TileArchiveError
              ? error
              : new TileArchiveError(String(error));
          logger.warn('the chosen basemap cannot be used', {
            kind: source.kind,
            problem: problem.message,
          });
          return problem;
        }),
      };
      void closeOpened(previous);
    }
    return opened.archive;
  };

  const closeOpened = async (which: typeof opened) => {
    const archive = await which?.archive;
    if (archive !== undefined && !(archive instanceof TileArchiveError)) {
      await archive.close();
    }
  };

  const current = async (): Promise<TileArchive | null> => {
    const source = options.source();
    if (source.kind !== 'pmtiles' && source.kind !== 'mbtiles') return null;
    const archive = await archiveFor(source);

    return archive instanceof TileArchiveError ? null : archive;
  };

  const forget = async () => {
    const previous = opened;
    opened = null;
    await closeOpened(previous);
  };

  return {
    async view() {
      const source = options.source();
      if (source.kind === 'bundled') return { kind: 'bundled', problem: null };
      if (source.kind === 'style-url') {
        return { kind: 'style-url', url: source.url };
      }

      // A file that could not be opened is tried again at the next look:
      // a network drive may be back.
      if (opened !== null && (await opened.archive) instanceof Error) {
        opened = null;
      }
      const archive = await archiveFor(source);
      if (archive instanceof TileArchiveError) {
        return { kind: 'bundled', problem: archive.message };
      }
      return {
        kind: 'tiles',
        tilesPath: `${BASEMAP_TILES_PREFIX}{z}/{x}/{y}`,
        info: archive.info,
      };
    },

    async serveTile(pathname) {
      const match = TILE_PATH.exec(pathname.slice(BASEMAP_TILES_PREFIX.length));
      if (!pathname.startsWith(BASEMAP_TILES_PREFIX) || match === null) {
        return { status: 400, reason: 'a tile address is /z/x/y' };
      }
      const [z, x, y] = match.slice(1).map(Number) as [number, number, number];
      if (!isTileAddress(z, x, y)) {
        return { status: 400, reason: `there is no tile ${z}/${x}/${y}` };
      }

      const archive = await current();
      if (archive === null) {
        return { status: 404, reason: 'no tile archive is chosen' };
      }
      const { minzoom, maxzoom, format } = archive.info;
      if (z < minzoom || z > maxzoom) return { status: 204 };

      try {
        const body = await archive.tile(z, x, y);
        return body === null || body.length === 0
          ? { status: 204 }
          : { status: 200, body, contentType: CONTENT_TYPES[format] };
      } catch (error) {
        logger.warn('a basemap tile could not be read', {
          tile: `${z}/${x}/${y}`,
          error: String(error),
        });
        return { status: 404, reason: 'the tile could not be read' };
      }
    },

    connectOrigins() {
      const source = options.source();
      if (source.kind !== 'style-url') return [];
      try {
        return [new URL(source.url).origin];
      } catch {
        return [];
      }
    },

    changed: forget,
    close: forget,
  };
}
