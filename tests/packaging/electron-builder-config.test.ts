import { matchesGlob } from 'node:path';

// electron-builder's own schema check, the one `electron-builder` runs first.
import { validateConfiguration } from 'app-builder-lib/out/util/config/config.js';
import { DebugLogger } from 'builder-util';
import { describe, expect, it } from 'vitest';

import defaultConfig, {
  builderConfig,
  PLACEHOLDER_UPDATE_URL,
  updateFeedUrl,
} from '../../electron-builder.config';

/** electron-builder's `files` rule: the last pattern that matches wins. */
function packaged(patterns: string[], path: string): boolean {
  let included = false;
  for (const pattern of patterns) {
    const negated = pattern.startsWith('!');
    const glob = negated ? pattern.slice(1) : pattern;
    if (matchesGlob(path, glob)) included = !negated;
  }

  return included;
}

const config = builderConfig({
  STREETDESK_UPDATE_URL: 'https://it.city.example/streetdesk',
});

const targetsOf = (platform: { target?: unknown } | null | undefined) =>
  platform?.target as string[];

describe('the electron-builder configuration', () => {
  it("passes electron-builder's schema, which refuses unknown keys", async () => {
    await expect(
      validateConfiguration(config, new DebugLogger(false)),
    ).resolves.toBeUndefined();
    await expect(
      validateConfiguration(
        { ...config, electronFuse: {} } as typeof config,
        new DebugLogger(false),
      ),
    ).rejects.toThrow(/unknown property 'electronFuse'/);
  });

  it('builds AppImage and deb, NSIS and dmg', () => {
    expect(targetsOf(config.linux)).toEqual(['AppImage', 'deb']);
    expect(targetsOf(config.win)).toEqual(['nsis']);
    expect(targetsOf(config.mac)).toEqual(['dmg']);
  });

  it('sets the fuses that close run-as-node, NODE_OPTIONS and inspect', () => {
    expect(config.electronFuses).toMatchObject({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
    });
  });

  it('rebuilds better-sqlite3 for Electron and keeps its binary out of asar', () => {
    expect(config.asar).toBe(true);
    expect(config.npmRebuild).toBe(true);
    const unpack = config.asarUnpack as string[];
    const binary =
      'node_modules/better-sqlite3/build/Release/better_sqlite3.node';
    expect(unpack.some((glob) => matchesGlob(binary, glob))).toBe(true);
    expect(unpack.some((glob) => matchesGlob('out/main/index.js', glob))).toBe(
      false,
    );
  });

  it('publishes to a generic feed at the URL the city sets', () => {
    expect(config.publish).toEqual([
      { provider: 'generic', url: 'https://it.city.example/streetdesk/' },
    ]);
  });

  it('points at a placeholder feed when no city URL is given', () => {
    expect(updateFeedUrl({})).toBe(PLACEHOLDER_UPDATE_URL);
    expect(builderConfig({}).publish).toEqual([
      { provider: 'generic', url: PLACEHOLDER_UPDATE_URL },
    ]);
  });

  it('refuses a feed URL that is not http(s)', () => {
    expect(() =>
      updateFeedUrl({ STREETDESK_UPDATE_URL: 'file:///etc' }),
    ).toThrow(/must be an http\(s\) address/);
  });

  it('packages the built app and leaves sources and tests out', () => {
    const files = config.files as string[];
    expect(packaged(files, 'out/main/index.js')).toBe(true);
    expect(packaged(files, 'out/renderer/index.html')).toBe(true);
    expect(packaged(files, 'out/preload/index.cjs')).toBe(true);
    expect(packaged(files, 'package.json')).toBe(true);

    expect(packaged(files, 'src/main/index.ts')).toBe(false);
    expect(packaged(files, 'tests/main/electron/ipc.test.ts')).toBe(false);
    expect(packaged(files, 'bench/run.ts')).toBe(false);
    expect(packaged(files, 'out/main/index.js.map')).toBe(false);
    expect(packaged(files, 'electron-builder.config.ts')).toBe(false);
  });

  it('ships the offline basemap and demo seed as resources', () => {
    expect(config.extraResources).toEqual(
      expect.arrayContaining([
        { from: 'resources/basemap', to: 'basemap' },
        { from: 'resources/seed', to: 'seed' },
      ]),
    );
  });

  it('is what electron-builder loads by default', () => {
    expect(defaultConfig.appId).toBe(config.appId);
    expect(defaultConfig.electronFuses).toEqual(config.electronFuses);
  });
});

describe('the packaging scripts', () => {
  it('rebuild better-sqlite3 for Node after every packaging run', async () => {
    const { readFile } = await import('node:fs/promises');
    const manifest = JSON.parse(
      await readFile(new URL('../../package.json', import.meta.url), 'utf8'),
    ) as { scripts: Record<string, string> };
    const dists = Object.keys(manifest.scripts).filter((name) =>
      /^dist(:|$)/.test(name),
    );

    expect(dists.sort()).toEqual([
      'dist',
      'dist:linux',
      'dist:mac',
      'dist:win',
    ]);
    for (const name of dists) {
      expect(manifest.scripts[name]).toContain(
        'electron-builder --config electron-builder.config.ts',
      );
      expect(manifest.scripts[`post${name}`]).toBe(
        'npm rebuild better-sqlite3',
      );
    }
  });
});
