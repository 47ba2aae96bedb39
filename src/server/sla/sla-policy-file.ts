// The SLA policy as a file: read and checked, or written one service per
// line so a reviewer can read a change to it in a diff.
import { z } from 'zod';

import { slaPolicySchema, type SlaPolicy } from './sla-rule';

/** The policy in `value` (parsed JSON); throws saying what is wrong. */
export function parseSlaPolicy(value: unknown, source: string): SlaPolicy {
  const parsed = slaPolicySchema.safeParse(value);
  if (parsed.success) return parsed.data;

  throw new Error(
    `${source} is not a valid SLA policy:\n${z.prettifyError(parsed.error)}\n` +
      'Fix the file, or derive it again with scripts/derive-sla-policy.ts.',
  );
}

export function formatSlaPolicy(policy: SlaPolicy): string {
  const codes = Object.keys(policy.services).sort();
  const services = codes.map((code) => {
    const entry = JSON.stringify(policy.services[code]);
    return `    ${JSON.stringify(code)}: ${entry}`;
  });
  const holidays = policy.calendar.holidays.map(
    (holiday) => `      ${JSON.stringify(holiday)}`,
  );
  const { timeZone, dayStart, dayEnd, weekdays } = policy.calendar;

  return [
    '{',
    `  "about": ${JSON.stringify(policy.about)},`,
    '  "calendar": {',
    `    "timeZone": ${JSON.stringify(timeZone)},`,
    `    "dayStart": ${JSON.stringify(dayStart)},`,
    `    "dayEnd": ${JSON.stringify(dayEnd)},`,
    `    "weekdays": ${JSON.stringify(weekdays)},`,
    '    "holidays": [',
    holidays.join(',\n'),
    '    ]',
    '  },',
    `  "fallback": ${JSON.stringify(policy.fallback)},`,
    '  "services": {',
    services.join(',\n'),
    '  }',
    '}',
    '',
  ].join('\n');
}
