import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import { defaultDataDir } from '../../../src/main/services/data-dir';

describe('the default data folder', () => {
  it('is the folder Electron names userData, on each platform', () => {
    expect(defaultDataDir({}, 'linux', '/home/ana')).toBe(
      join('/home/ana', '.config', 'StreetDesk'),
    );
    expect(
      defaultDataDir({ XDG_CONFIG_HOME: '/cfg' }, 'linux', '/home/ana'),
    ).toBe(join('/cfg', 'StreetDesk'));
    expect(defaultDataDir({}, 'darwin', '/Users/ana')).toBe(
      join('/Users/ana', 'Library', 'Application Support', 'StreetDesk'),
    );
    expect(
      defaultDataDir(
        { APPDATA: 'C:/Users/ana/AppData/Roaming' },
        'win32',
        'C:/Users/ana',
      ),
    ).toBe(join('C:/Users/ana/AppData/Roaming', 'StreetDesk'));
  });
});
