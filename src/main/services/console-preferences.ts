// The console's own preferences (basemap, SLA alert choices), kept in the
// store's settings table beside the central API address. A basemap file is
// checked on the disk before it is saved: it must exist, start with the
// bytes its kind of file starts with, and open as a tileset the map draws.
import { open } from 'node:fs/promises';

import {
  basemapSourceSchema,
  DEFAULT_BASEMAP,
  DEFAULT_NOTIFICATIONS,
  notificationPrefsSchema,
  type BasemapSource,
  type NotificationPrefs,
} from '../../shared/console-preferences';
import { openTileArchive } from '../basemap/basemap-service';
import { TileArchiveError } from '../basemap/tile-archive';
import type { SyncStateRepository } from '../store/sync-state-repository';

/** PMTiles v3 begins "PMTiles" and the version byte 3. */
const PMTILES_MAGIC = Buffer.from([...Buffer.from('PMTiles'), 3]);
/** MBTiles is an SQLite database. */
const SQLITE_MAGIC = Buffer.from('SQLite format 3\0', 'latin1');

export class PreferenceError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PreferenceError';
  }
}

async function firstBytes(path: string, count: number): Promise<Buffer> {
  let handle;
  try {
    handle = await open(path, 'r');
  } catch (error) {
    const code = (error as { code?: string }).code;
    throw new PreferenceError(
      code === 'ENOENT'
        ? `There is no file at ${path}; check the path and try again.`
        : `StreetDesk cannot read ${path} (${code ?? 'unknown error'}).`,
    );
  }
  try {
    const stat = await handle.stat();
    if (!stat.isFile()) {
      throw new PreferenceError(`${path} is a folder, not a map file.`);
    }
    const buffer = Buffer.alloc(count);
    const { bytesRead } = await handle.read(buffer, 0, count, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

/** Throws a PreferenceError saying what is wrong with a basemap file. */
export async function checkBasemapSource(source: BasemapSource) {
  if (source.kind === 'bundled' || source.kind === 'style-url') return;

  const magic = source.kind === 'pmtiles' ? PMTILES_MAGIC : SQLITE_MAGIC;
  const head = await firstBytes(source.path, magic.length);
  if (!head.equals(magic)) {
    const what =
      source.kind === 'pmtiles' ? 'a PMTiles (version 3)' : 'an MBTiles';
    throw new PreferenceError(`${source.path} is not ${what} file.`);
  }

  // Then what the map needs from it: a tile format it draws, its layers.
  try {
    await (await openTileArchive(source)).close();
  } catch (error) {
    throw new PreferenceError(
      error instanceof TileArchiveError ? error.message : String(error),
    );
  }
}

function readJson<T>(
  text: string | null,
  parse: (value: unknown) => { success: boolean; data?: T },
  fallback: T,
): T {
  if (text === null) return fallback;
  try {
    const result = parse(JSON.parse(text));
    return result.success ? (result.data as T) : fallback;
  } catch {
    return fallback;
  }
}

export type ConsolePreferences = {
  basemap(): BasemapSource;
  notifications(): NotificationPrefs;
  saveBasemap(source: BasemapSource): Promise<void>;
  saveNotifications(prefs: NotificationPrefs): void;
  /** Whether the person finished (or set aside) the first-run setup. */
  setupDone(): boolean;
  finishSetup(): void;
};

export function createConsolePreferences(
  state: Pick<SyncStateRepository, 'get' | 'set'>,
): ConsolePreferences {
  return {
    basemap: () =>
      readJson(
        state.get('basemap_source'),
        (value) => basemapSourceSchema.safeParse(value),
        DEFAULT_BASEMAP,
      ),
    notifications: () =>
      readJson(
        state.get('notification_prefs'),
        (value) => notificationPrefsSchema.safeParse(value),
        DEFAULT_NOTIFICATIONS,
      ),
    async saveBasemap(source) {
      await checkBasemapSource(source);
      state.set(
        'basemap_source',
        source.kind === 'bundled' ? null : JSON.stringify(source),
      );
    },
    saveNotifications(prefs) {
      state.set('notification_prefs', JSON.stringify(prefs));
    },
    setupDone: () => state.get('setup_done') !== null,
    finishSetup() {
      state.set('setup_done', '1');
    },
  };
}

/** Whether an SLA alert gets through the person's preferences. */
export function alertWanted(
  prefs: NotificationPrefs,
  state: 'at_risk' | 'breached',
): boolean {
  if (!prefs.slaAlerts) return false;

  return prefs.slaAlertLevel === 'at_risk' || state === 'breached';
}
