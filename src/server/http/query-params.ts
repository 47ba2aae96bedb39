import { z } from 'zod';

import { describeInvalid } from './describe-invalid';

/** A whole number written in decimal, within bounds. */
export const wholeNumber = (min: number, max: number) =>
  z
    .string()
    .regex(/^\d{1,16}$/, 'expected a whole number')
    .transform(Number)
    .pipe(z.number().int().min(min).max(max));

export type QueryResult<T> =
  { ok: true; value: T } | { ok: false; description: string };

/** Parses the query string with a strict schema: unknown or repeated names fail. */
export function parseQuery<T>(url: URL, schema: z.ZodType<T>): QueryResult<T> {
  // No prototype: `__proto__` must land as a key the strict check refuses.
  const raw: Record<string, string> = Object.create(null) as Record<
    string,
    string
  >;

  for (const [name, value] of url.searchParams) {
    if (Object.hasOwn(raw, name)) {
      return {
        ok: false,
        description: `The query names ${name.slice(0, 40)} twice; give it once.`,
      };
    }
    raw[name] = value;
  }

  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    return { ok: false, description: describeInvalid(parsed.error, 'query') };
  }

  return { ok: true, value: parsed.data };
}
