// The main process's levelled logger: one JSON object per line in
// <userData>/logs/streetdesk.log, secrets redacted, optionally echoed to
// stderr. Plain Node, shared by the Electron app and browser mode.
import { DEFAULT_REDACT_OPTIONS, redact, type RedactOptions } from './redact';
import { openRotatingFile, type RotatingFile } from './rotating-file';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

export type LogContext = Record<string, unknown>;

export type Logger = {
  debug(message: string, context?: LogContext): void;
  info(message: string, context?: LogContext): void;
  warn(message: string, context?: LogContext): void;
  error(message: string, context?: LogContext): void;
  /** A logger writing to the same place, its lines tagged with `component`. */
  child(component: string): Logger;
};

export type LoggerOptions = {
  file?: string;
  level: LogLevel;
  component?: string;
  console?: boolean;
  /** Roll the file over past this size; 5 MB unless told. */
  maxBytes?: number;
  /** Rolled-over files to keep; 3 unless told. */
  keepFiles?: number;
  maxTextLength?: number;
  now?: () => Date;
};

export type LogLine = {
  time: string;
  level: LogLevel;
  component: string;
  message: string;
  context?: unknown;
};

const LEVEL_RANK: Record<LogLevel, number> = {
  debug: 10,
  info: 20,
  warn: 30,
  error: 40,
};

export function isLogLevel(value: unknown): value is LogLevel {
  return typeof value === 'string' && Object.hasOwn(LEVEL_RANK, value);
}

type Sink = (line: LogLine) => void;

export function createLogger(options: LoggerOptions): Logger {
  const redactOptions: RedactOptions = {
    ...DEFAULT_REDACT_OPTIONS,
    maxTextLength:
      options.maxTextLength ?? DEFAULT_REDACT_OPTIONS.maxTextLength,
  };
  const sink = createSink(options);

  return makeLogger(
    sink,
    LEVEL_RANK[options.level],
    options.component ?? 'main',
    redactOptions,
    options.now ?? (() => new Date()),
  );
}

function makeLogger(
  sink: Sink,
  minRank: number,
  component: string,
  redactOptions: RedactOptions,
  now: () => Date,
): Logger {
  const write = (level: LogLevel, message: string, context?: LogContext) => {
    if (LEVEL_RANK[level] < minRank) return;

    const line: LogLine = {
      time: now().toISOString(),
      level,
      component,
      message: String(message),
    };
    if (context !== undefined) line.context = redact(context, redactOptions);
    sink(line);
  };

  return {
    debug: (message, context) => write('debug', message, context),
    info: (message, context) => write('info', message, context),
    warn: (message, context) => write('warn', message, context),
    error: (message, context) => write('error', message, context),
    child: (name) =>
      makeLogger(sink, minRank, `${component}/${name}`, redactOptions, now),
  };
}

function createSink(options: LoggerOptions): Sink {
  let file: RotatingFile | null = null;
  let fileBroken = false;

  if (options.file !== undefined) {
    file = openRotatingFile({
      path: options.file,
      maxBytes: options.maxBytes ?? 5 * 1024 * 1024,
      keep: options.keepFiles ?? 3,
    });
  }

  return (line) => {
    const text = `${JSON.stringify(line)}\n`;

    if (file !== null && !fileBroken) {
      // Logging must never take the app down: a full disk or a deleted
      // folder is reported once on stderr and the file is given up.
      try {
        file.append(text);
      } catch (error) {
        fileBroken = true;
        const reason = error instanceof Error ? error.message : String(error);
        process.stderr.write(
          `StreetDesk could not write its log file ${file.path} (${reason}); ` +
            'logging continues on stderr. Check the disk space and folder rights.\n',
        );
      }
    }
    if (options.console === true || fileBroken) process.stderr.write(text);
  };
}
