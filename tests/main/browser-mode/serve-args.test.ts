import { describe, expect, it } from 'vitest';

import { parseServeArgs } from '../../../src/main/browser-mode/serve-args';

describe('browser mode flags', () => {
  it('defaults to a free port, the embedded demo and real-time replay', () => {
    expect(parseServeArgs([])).toEqual({
      ok: true,
      args: {
        port: 0,
        dataDir: null,
        central: null,
        replaySpeed: 1,
        help: false,
      },
    });
  });

  it('reads every flag', () => {
    const parsed = parseServeArgs([
      '--port',
      '5199',
      '--data-dir',
      '/tmp/sd',
      '--central',
      'https://311.city.example',
      '--replay-speed',
      '0',
    ]);

    expect(parsed).toEqual({
      ok: true,
      args: {
        port: 5199,
        dataDir: '/tmp/sd',
        central: 'https://311.city.example',
        replaySpeed: null,
        help: false,
      },
    });
  });

  it.each([
    [['--port', '99999'], /--port needs a number/],
    [['--port'], /--port needs a number/],
    [['--data-dir'], /--data-dir needs a folder/],
    [['--central', 'ftp://x'], /--central needs the API address/],
    [['--central', 'javascript:alert(1)'], /--central needs the API address/],
    [['--replay-speed', '-1'], /--replay-speed needs a number/],
    [['--replay-speed', 'fast'], /--replay-speed needs a number/],
    [['--token', 'x'], /Unknown option "--token"/],
  ])('refuses %j, saying why', (argv, reason) => {
    const parsed = parseServeArgs(argv);

    expect(parsed.ok).toBe(false);
    expect(!parsed.ok && parsed.error).toMatch(reason);
  });
});
