// What may reach the log file from a context object: secrets never, long
// personal text (a resident's description of the problem) only in part.

const SECRET_KEY = /token|password|secret|authorization|cookie|api_?key/i;

export const REDACTED = '[redacted]';

export type RedactOptions = {
  /** Longer strings are cut to this many characters. */
  maxTextLength: number;
  /** Deeper nesting is summarised rather than written out. */
  maxDepth: number;
  /** Longer arrays keep only their first items. */
  maxArrayItems: number;
};

export const DEFAULT_REDACT_OPTIONS: RedactOptions = {
  maxTextLength: 500,
  maxDepth: 6,
  maxArrayItems: 50,
};

export function isSecretKey(key: string): boolean {
  return SECRET_KEY.test(key);
}

/** A JSON-safe copy of `value` with secrets replaced and long text cut. */
export function redact(
  value: unknown,
  options: RedactOptions = DEFAULT_REDACT_OPTIONS,
): unknown {
  return redactValue(value, options, 0, new WeakSet());
}

function redactValue(
  value: unknown,
  options: RedactOptions,
  depth: number,
  seen: WeakSet<object>,
): unknown {
  if (typeof value === 'string') return truncate(value, options.maxTextLength);
  if (typeof value === 'bigint') return value.toString();
  if (typeof value === 'function' || typeof value === 'symbol') {
    return `[${typeof value}]`;
  }
  if (value === null || typeof value !== 'object') return value;

  if (seen.has(value)) return '[circular]';
  if (depth >= options.maxDepth) return '[too deep]';
  seen.add(value);

  if (value instanceof Error) {
    return {
      name: value.name,
      message: truncate(value.message, options.maxTextLength),
      stack: value.stack,
    };
  }
  if (value instanceof Date) return value.toISOString();

  if (Array.isArray(value)) {
    const kept = value
      .slice(0, options.maxArrayItems)
      .map((item) => redactValue(item, options, depth + 1, seen));
    if (value.length > options.maxArrayItems) {
      kept.push(`[${value.length - options.maxArrayItems} more]`);
    }
    return kept;
  }

  const copy: Record<string, unknown> = {};
  for (const [key, inner] of Object.entries(value)) {
    copy[key] = isSecretKey(key)
      ? REDACTED
      : redactValue(inner, options, depth + 1, seen);
  }
  return copy;
}

function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  return `${text.slice(0, max)}… [${text.length - max} more characters]`;
}
