// How StreetDesk is packaged: AppImage and deb for Linux, an NSIS installer
// for Windows, a dmg for macOS. `npm run dist` builds the app with
// electron-vite first; electron-builder then rebuilds better-sqlite3 for
// Electron, keeps it outside the asar archive (a native module cannot be
// loaded from inside it) and flips Electron's fuses.
//
// The update feed: set STREETDESK_UPDATE_URL when packaging to the city's
// own update server; electron-builder writes it into app-update.yml and
// lays out latest.yml beside the installers for that server to host.
import type { Configuration } from 'electron-builder';

/** Where a build without a city's feed points: no server answers there. */
export const PLACEHOLDER_UPDATE_URL = 'https://updates.invalid/streetdesk/';

export function updateFeedUrl(env: Record<string, string | undefined>) {
  const url = env.STREETDESK_UPDATE_URL?.trim();
  if (url === undefined || url === '') return PLACEHOLDER_UPDATE_URL;
  if (!/^https?:\/\/[^\s]+$/i.test(url)) {
    throw new Error(
      `STREETDESK_UPDATE_URL must be an http(s) address, not "${url}"; ` +
        'set it to the folder the city serves latest.yml from.',
    );
  }

  return url.endsWith('/') ? url : `${url}/`;
}

export function builderConfig(
  env: Record<string, string | undefined>,
): Configuration {
  return {
    appId: 'org.streetdesk.console',
    productName: 'StreetDesk',
    copyright: 'StreetDesk contributors',
    directories: { output: 'dist', buildResources: 'build' },

    // Only the built app and its manifest go into the archive; sources,
    // tests, benches and tool configs stay out.
    files: [
      'out/**/*',
      'package.json',
      '!src/**',
      '!tests/**',
      '!bench/**',
      '!scripts/**',
      '!docs/**',
      '!**/*.{ts,tsx,map}',
      '!**/*.test.*',
      '!{tsconfig*.json,eslint.config.mjs,vitest.config.mts}',
      '!{electron.vite.config.ts,electron-builder.config.ts}',
      '!{playwright.config.ts,.prettierrc*,README.md}',
    ],
    // The Boston basemap and the demo seed are read from
    // process.resourcesPath (see src/main/index.ts); the SLA policy is
    // bundled into the main code at build time.
    extraResources: [
      { from: 'resources/basemap', to: 'basemap' },
      { from: 'resources/seed', to: 'seed' },
    ],

    asar: true,
    asarUnpack: ['**/node_modules/better-sqlite3/**/*.node'],
    npmRebuild: true,
    nodeGypRebuild: false,
    buildDependenciesFromSource: false,

    electronFuses: {
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      enableCookieEncryption: true,
      grantFileProtocolExtraPrivileges: false,
    },

    publish: [{ provider: 'generic', url: updateFeedUrl(env) }],

    linux: {
      target: ['AppImage', 'deb'],
      category: 'Office',
      maintainer: 'StreetDesk contributors',
    },
    win: { target: ['nsis'] },
    nsis: {
      oneClick: false,
      perMachine: true,
      allowToChangeInstallationDirectory: true,
    },
    mac: { target: ['dmg'], category: 'public.app-category.productivity' },
  };
}

export default builderConfig(process.env);
