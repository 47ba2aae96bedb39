import { homedir } from 'node:os';
import { join } from 'node:path';

export const APP_NAME = 'StreetDesk';

/**
 * Where the console keeps its database and logs when not told otherwise:
 * the folder Electron's `userData` names on each platform, so the desktop
 * app, browser mode and the import command share one local copy.
 */
export function defaultDataDir(
  env: NodeJS.ProcessEnv = process.env,
  platform: NodeJS.Platform = process.platform,
  home: string = homedir(),
): string {
  if (platform === 'win32') {
    return join(env.APPDATA ?? join(home, 'AppData', 'Roaming'), APP_NAME);
  }
  if (platform === 'darwin') {
    return join(home, 'Library', 'Application Support', APP_NAME);
  }

  return join(env.XDG_CONFIG_HOME ?? join(home, '.config'), APP_NAME);
}
