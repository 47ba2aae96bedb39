// Per-type SLA defaults from a city's past requests: for each service
// type, the rule that gives back the most recorded due times within an
// hour. Candidates are the most common elapsed windows, counted both in
// calendar hours and in business hours.
import type { BusinessCalendar } from './business-calendar';
import { businessTimeBetween } from './business-time';
import { dueAt } from './due-at';
import { newYorkWallClockMs } from './local-date';
import type { SlaPolicyEntry, SlaRule } from './sla-rule';

/** One past request: when it was opened, and when it was due, if ever. */
export type SlaCase = {
  serviceCode: string;
  serviceName: string;
  requestedAt: number;
  slaDueAt: number | null;
};

const HOUR_MS = 3_600_000;
const TOLERANCE_MS = HOUR_MS;
/** Modes tried per kind of window. */
const CANDIDATES_PER_KIND = 3;

type TypeCases = { serviceName: string; cases: SlaCase[] };

function groupByType(cases: Iterable<SlaCase>): Map<string, TypeCases> {
  const types = new Map<string, TypeCases>();
  for (const one of cases) {
    let group = types.get(one.serviceCode);
    if (group === undefined) {
      group = { serviceName: one.serviceName, cases: [] };
      types.set(one.serviceCode, group);
    }
    group.cases.push(one);
  }

  return types;
}

/** The most common values, most common first; ties go to the smaller. */
function modes(values: number[], count: number): number[] {
  const tally = new Map<number, number>();
  for (const value of values) tally.set(value, (tally.get(value) ?? 0) + 1);

  return [...tally]
    .sort((a, b) => b[1] - a[1] || a[0] - b[0])
    .slice(0, count)
    .map(([value]) => value);
}

function candidateRules(
  dueCases: SlaCase[],
  calendar: BusinessCalendar,
): SlaRule[] {
  const calendarHours: number[] = [];
  const wallClockHours: number[] = [];
  const businessHours: number[] = [];
  for (const { requestedAt, slaDueAt } of dueCases) {
    if (slaDueAt === null || slaDueAt < requestedAt) continue;
    calendarHours.push(Math.round((slaDueAt - requestedAt) / HOUR_MS));
    const wallClock =
      newYorkWallClockMs(slaDueAt) - newYorkWallClockMs(requestedAt);
    wallClockHours.push(Math.round(wallClock / HOUR_MS));
    const business = businessTimeBetween(calendar, requestedAt, slaDueAt);
    // Quarter hours: Boston's business day is 8.5 hours long.
    businessHours.push(Math.round((business / HOUR_MS) * 4) / 4);
  }

  const dayHours = calendar.dayLengthMs / HOUR_MS;
  const business = modes(businessHours, CANDIDATES_PER_KIND)
    .filter((hours) => hours > 0)
    .map((hours): SlaRule => {
      const days = hours / dayHours;
      return Number.isInteger(days)
        ? { kind: 'business-days', days }
        : { kind: 'business-hours', hours };
    });
  // Whole days on the wall clock first: Boston's calendar SLAs are days.
  const calendarDays = modes(wallClockHours, CANDIDATES_PER_KIND)
    .filter((hours) => hours > 0 && hours % 24 === 0)
    .map((hours): SlaRule => ({ kind: 'calendar-days', days: hours / 24 }));
  const calendarRules = modes(calendarHours, CANDIDATES_PER_KIND)
    .filter((hours) => hours > 0)
    .map((hours): SlaRule => ({ kind: 'calendar-hours', hours }));

  return [...business, ...calendarDays, ...calendarRules];
}

/** Cases whose recorded due time the rule gives back within an hour. */
function reproducedBy(
  rule: SlaRule,
  dueCases: SlaCase[],
  calendar: BusinessCalendar,
): number {
  let reproduced = 0;
  for (const one of dueCases) {
    const due = dueAt({ rule }, one.requestedAt, calendar);
    if (
      due !== null &&
      one.slaDueAt !== null &&
      Math.abs(due - one.slaDueAt) <= TOLERANCE_MS
    ) {
      reproduced += 1;
    }
  }

  return reproduced;
}

function share(part: number, whole: number): number {
  return whole === 0 ? 0 : Math.round((part / whole) * 1000) / 1000;
}

/**
 * The rule for one type. A type whose cases mostly carry no due time has
 * none; otherwise the candidate that reproduces the most wins (the first
 * listed on a tie: business windows, then calendar days, then hours).
 */
export function deriveEntry(
  serviceName: string,
  cases: SlaCase[],
  calendar: BusinessCalendar,
): SlaPolicyEntry {
  const dueCases = cases.filter((one) => one.slaDueAt !== null);
  const blank = cases.length - dueCases.length;
  const fit = (reproduced: number) => ({
    cases: cases.length,
    withDueTime: dueCases.length,
    reproduced: share(reproduced, cases.length),
  });

  if (dueCases.length * 2 <= cases.length) {
    return { serviceName, rule: { kind: 'none' }, fit: fit(blank) };
  }

  let best: { rule: SlaRule; reproduced: number } = {
    rule: { kind: 'none' },
    reproduced: 0,
  };
  for (const rule of candidateRules(dueCases, calendar)) {
    const reproduced = reproducedBy(rule, dueCases, calendar);
    if (reproduced > best.reproduced) best = { rule, reproduced };
  }

  if (best.rule.kind === 'none') {
    return { serviceName, rule: best.rule, fit: fit(blank) };
  }
  return { serviceName, rule: best.rule, fit: fit(best.reproduced) };
}

/** Entries for every type in `cases`, by service code, codes sorted. */
export function derivePolicyEntries(
  cases: Iterable<SlaCase>,
  calendar: BusinessCalendar,
): Record<string, SlaPolicyEntry> {
  const entries: Record<string, SlaPolicyEntry> = {};
  const types = [...groupByType(cases)].sort(([a], [b]) =>
    a < b ? -1 : a > b ? 1 : 0,
  );
  for (const [code, { serviceName, cases: typeCases }] of types) {
    entries[code] = deriveEntry(serviceName, typeCases, calendar);
  }

  return entries;
}
