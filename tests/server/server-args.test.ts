import { describe, expect, it } from 'vitest';

import {
  DEFAULT_SERVER_ARGS,
  parseServerArgs,
} from '../../src/server/server-args';

describe('central server flags', () => {
  it('reads every flag', () => {
    const parsed = parseServerArgs([
      '--port',
      '0',
      '--data-dir',
      '/tmp/x',
      '--host',
      '0.0.0.0',
      '--seed',
      'boston',
      '--csv',
      'a.csv',
      '--replay-speed',
      '60',
      '--unmerge-window-hours',
      '6',
    ]);
    expect(parsed).toEqual({
      ok: true,
      args: {
        port: 0,
        dataDir: '/tmp/x',
        host: '0.0.0.0',
        seed: 'boston',
        csvPath: 'a.csv',
        replaySpeed: 60,
        unmergeWindowHours: 6,
      },
    });
  });

  it('uses the defaults when nothing is given', () => {
    expect(parseServerArgs([])).toEqual({
      ok: true,
      args: DEFAULT_SERVER_ARGS,
    });
  });

  it.each([
    [['--port', '70000'], /not a port number/],
    [['--port', 'abc'], /not a port number/],
    [['--port'], /needs a value/],
    [['--data-dir', '--port'], /needs a value/],
    [['--seed', 'nyc'], /only seed is "boston"/],
    [['--verbose', 'yes'], /not a flag/],
    [['--replay-speed', '0'], /not a speed/],
    [['--replay-speed', 'fast'], /not a speed/],
    [['--replay-speed', '1e9'], /not a speed/],
    [['--unmerge-window-hours', '-1'], /not a window/],
    [['--unmerge-window-hours', 'soon'], /not a window/],
  ])('refuses %j', (argv, message) => {
    const parsed = parseServerArgs(argv);
    expect(parsed.ok).toBe(false);
    expect(!parsed.ok && parsed.error).toMatch(message);
  });
});
