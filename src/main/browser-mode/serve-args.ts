export type ServeArgs = {
  port: number;
  dataDir: string | null;
  /** The city's central API; null runs the embedded demo one. */
  central: string | null;
  /** The demo's 2015 replay speed; null for none. */
  replaySpeed: number | null;
  help: boolean;
};

export type ParsedServeArgs =
  { ok: true; args: ServeArgs } | { ok: false; error: string };

export const SERVE_USAGE = `Usage: npm run serve -- [--port N] [--data-dir PATH]

  --port N         port on 127.0.0.1 to listen on (default: a free one)
  --central URL    sync with this central API instead of the embedded demo
  --replay-speed N replay Boston's 2015 stream at N times real time (default 1;
                   0 for none)
  --data-dir PATH  folder for the local database and logs
                   (default: the desktop app's, e.g. ~/.config/StreetDesk)`;

/** Reads the command line of browser mode; unknown flags are errors. */
export function parseServeArgs(argv: readonly string[]): ParsedServeArgs {
  const args: ServeArgs = {
    port: 0,
    dataDir: null,
    central: null,
    replaySpeed: 1,
    help: false,
  };

  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    const value = argv[i + 1];

    if (flag === '--help' || flag === '-h') {
      args.help = true;
    } else if (flag === '--port') {
      const port = Number(value);
      if (!Number.isInteger(port) || port < 0 || port > 65535) {
        return {
          ok: false,
          error: `--port needs a number from 0 to 65535, not "${value ?? ''}".`,
        };
      }
      args.port = port;
      i++;
    } else if (flag === '--data-dir') {
      if (!value || value.startsWith('--')) {
        return { ok: false, error: '--data-dir needs a folder path.' };
      }
      args.dataDir = value;
      i++;
    } else if (flag === '--central') {
      if (!value || !/^https?:\/\/\S+$/i.test(value)) {
        return {
          ok: false,
          error:
            '--central needs the API address, like https://311.city.example.',
        };
      }
      args.central = value;
      i++;
    } else if (flag === '--replay-speed') {
      const speed = Number(value);
      if (!Number.isFinite(speed) || speed < 0 || speed > 100_000) {
        return {
          ok: false,
          error: `--replay-speed needs a number from 0 to 100000, not "${value ?? ''}".`,
        };
      }
      args.replaySpeed = speed === 0 ? null : speed;
      i++;
    } else {
      return { ok: false, error: `Unknown option "${flag}".` };
    }
  }

  return { ok: true, args };
}
