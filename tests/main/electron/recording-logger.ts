import type {
  LogContext,
  Logger,
  LogLevel,
} from '../../../src/main/log/logger';

export type RecordedLine = {
  level: LogLevel;
  component: string;
  message: string;
  context?: LogContext;
};

/** A Logger that keeps its lines in memory, for assertions. */
export function recordingLogger(
  lines: RecordedLine[] = [],
  component = 'test',
): Logger & { lines: RecordedLine[] } {
  const write = (level: LogLevel) => (message: string, context?: LogContext) =>
    lines.push({ level, component, message, context });

  return {
    lines,
    debug: write('debug'),
    info: write('info'),
    warn: write('warn'),
    error: write('error'),
    child: (name) => recordingLogger(lines, `${component}/${name}`),
  };
}
