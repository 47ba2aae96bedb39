import type { z } from 'zod';

/**
 * "The intent batch is not valid: intents.0.expectedVersion: Invalid
 * input: expected number, received string. Fix it and send it again."
 */
export function describeInvalid(error: z.ZodError, what: string): string {
  const issues = error.issues.slice(0, 3).map((issue) => {
    const path = issue.path.map(String).join('.');
    return `${path === '' ? what : path}: ${issue.message}`;
  });
  const more =
    error.issues.length > 3 ? ` and ${error.issues.length - 3} more` : '';

  return (
    `The ${what} is not valid: ${issues.join('; ')}${more}. ` +
    'Fix it and send it again.'
  );
}
