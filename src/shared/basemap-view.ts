// What the map draws under the requests, as the services resolve the saved
// basemap choice: the bundled Boston map, a tile archive on this computer
// served by the app itself, or a style from a URL.

/** A tile archive's description, read from its metadata. */
export type TilesetInfo = {
  /** mvt: vector tiles; the rest are images. */
  format: 'mvt' | 'png' | 'jpg' | 'webp';
  minzoom: number;
  maxzoom: number;
  /** West, south, east, north in degrees, when the archive says. */
  bounds: [number, number, number, number] | null;
  /** The vector layers' names (vector tiles only), as the archive lists them. */
  layers: string[];
  /** Image tiles' width in pixels, from a sample tile (256 for vector). */
  tileSize: 256 | 512;
  /** The archive's attribution, shown as text. */
  attribution: string | null;
  name: string | null;
};

export type BasemapView =
  | { kind: 'bundled'; problem: string | null }
  | {
      kind: 'tiles';
      /** The tile URL template on the app's own origin, from the path. */
      tilesPath: string;
      info: TilesetInfo;
    }
  | { kind: 'style-url'; url: string };

/** Where the app serves the chosen archive's tiles: {z}/{x}/{y} follow. */
export const BASEMAP_TILES_PREFIX = '/basemap-tiles/';
