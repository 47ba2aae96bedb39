import { describe, expect, it } from 'vitest';

import { parseLatestYml } from '../../../src/main/update/latest-yml';
import { compareVersions } from '../../../src/main/update/version-order';

describe("reading a feed's latest.yml", () => {
  it('reads the version and every file with its sha512 and size', () => {
    const release = parseLatestYml(
      [
        'version: 1.4.0',
        'files:',
        '  - url: StreetDesk-Setup-1.4.0.exe',
        '    sha512: AAAA==',
        '    size: 1200',
        '    isAdminRightsRequired: true',
        '  - url: StreetDesk 1.4.0.exe',
        "    sha512: 'BBBB=='",
        '    size: 1300',
        'path: StreetDesk-Setup-1.4.0.exe',
        'sha512: AAAA==',
        "releaseDate: '2026-12-01T09:00:00.000Z'",
      ].join('\r\n'),
    );

    expect(release).toEqual({
      version: '1.4.0',
      releaseDate: '2026-12-01T09:00:00.000Z',
      files: [
        { url: 'StreetDesk-Setup-1.4.0.exe', sha512: 'AAAA==', size: 1200 },
        { url: 'StreetDesk 1.4.0.exe', sha512: 'BBBB==', size: 1300 },
      ],
    });
  });

  it('falls back to the top-level path of older feeds', () => {
    expect(
      parseLatestYml('version: 1.0.1\npath: a.AppImage\nsha512: CCCC==\n')
        .files,
    ).toEqual([{ url: 'a.AppImage', sha512: 'CCCC==', size: null }]);
  });

  it('refuses a feed with no version or no checksummed file', () => {
    expect(() => parseLatestYml('files:\n  - url: a\n')).toThrow(/no version/);
    expect(() => parseLatestYml('version: 1.0.1\npath: a.AppImage\n')).toThrow(
      /names no file with a sha512/,
    );
  });
});

describe('ordering versions', () => {
  it('compares numerically and puts prereleases first', () => {
    expect(compareVersions('1.10.0', '1.9.9')).toBeGreaterThan(0);
    expect(compareVersions('1.4.0', '1.4.0')).toBe(0);
    expect(compareVersions('1.4.0-beta.2', '1.4.0')).toBeLessThan(0);
    expect(compareVersions('1.4.0-beta.10', '1.4.0-beta.2')).toBeGreaterThan(0);
    expect(compareVersions('v2.0.0', '1.99.99')).toBeGreaterThan(0);
    expect(() => compareVersions('latest', '1.0.0')).toThrow(/not a version/);
  });
});
