// `npm run server -- --port N --data-dir PATH [--host H] [--seed boston]`

export type ServerArgs = {
  port: number;
  dataDir: string;
  host: string;
  seed: 'boston' | null;
  csvPath: string;
  /** Simulated seconds per real second of the 2015 replay; null: none. */
  replaySpeed: number | null;
  /** How long a supervisor may undo a merge, in hours. */
  unmergeWindowHours: number;
};

export const DEFAULT_SERVER_ARGS: ServerArgs = {
  port: 8311,
  dataDir: '.streetdesk-central',
  host: '127.0.0.1',
  seed: null,
  csvPath: 'resources/seed/boston311-2015-jan-sep.csv.gz',
  replaySpeed: null,
  unmergeWindowHours: 24,
};

export const SERVER_USAGE =
  'Usage: npm run server -- [--port N] [--data-dir PATH] [--host H] ' +
  '[--seed boston] [--csv PATH] [--replay-speed N] ' +
  '[--unmerge-window-hours N]';

/** The flags, or a sentence saying which one is wrong. */
export function parseServerArgs(
  argv: readonly string[],
): { ok: true; args: ServerArgs } | { ok: false; error: string } {
  const args = { ...DEFAULT_SERVER_ARGS };

  for (let at = 0; at < argv.length; at += 2) {
    const flag = argv[at] ?? '';
    const value = argv[at + 1];
    if (value === undefined || value.startsWith('--')) {
      return { ok: false, error: `${flag} needs a value. ${SERVER_USAGE}` };
    }

    switch (flag) {
      case '--port': {
        const port = Number(value);
        if (!/^\d{1,5}$/.test(value) || port > 65_535) {
          return {
            ok: false,
            error: `--port ${value} is not a port number (0-65535; 0 picks a free one).`,
          };
        }
        args.port = port;
        break;
      }
      case '--data-dir':
        args.dataDir = value;
        break;
      case '--host':
        args.host = value;
        break;
      case '--csv':
        args.csvPath = value;
        break;
      case '--replay-speed': {
        const speed = Number(value);
        if (!Number.isFinite(speed) || speed <= 0 || speed > 100_000) {
          return {
            ok: false,
            error:
              `--replay-speed ${value} is not a speed: give simulated ` +
              'seconds per second, 1 to 100000.',
          };
        }
        args.replaySpeed = speed;
        break;
      }
      case '--unmerge-window-hours': {
        const hours = Number(value);
        if (!Number.isFinite(hours) || hours < 0 || hours > 24 * 90) {
          return {
            ok: false,
            error:
              `--unmerge-window-hours ${value} is not a window: give hours, ` +
              '0 (no undo) to 2160 (90 days).',
          };
        }
        args.unmergeWindowHours = hours;
        break;
      }
      case '--seed':
        if (value !== 'boston') {
          return {
            ok: false,
            error: `--seed ${value} is unknown; the only seed is "boston".`,
          };
        }
        args.seed = 'boston';
        break;
      default:
        return { ok: false, error: `${flag} is not a flag. ${SERVER_USAGE}` };
    }
  }

  return { ok: true, args };
}
