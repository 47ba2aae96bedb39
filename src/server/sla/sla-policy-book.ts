// The server's SLA policy while it runs: read by staff, applied to new
// requests, and changed entry by entry by an admin.
import {
  createBusinessCalendar,
  type BusinessCalendar,
} from './business-calendar';
import { dueAt } from './due-at';
import type { SlaPolicy, SlaPolicyEntry, SlaRule } from './sla-rule';

export type SlaPolicyBook = {
  policy(): SlaPolicy;
  /** The rule a service code gets: its entry's, else the fallback. */
  ruleFor(serviceCode: string): SlaRule;
  /** When a request of the type opened at `openedAt` is due; null: no SLA. */
  dueAt(serviceCode: string, openedAt: number): number | null;
  /** Replaces (or adds) one type's entry; returns the new entry. */
  setRule(
    serviceCode: string,
    rule: SlaRule,
    serviceName?: string,
  ): SlaPolicyEntry;
};

export function createSlaPolicyBook(initial: SlaPolicy): SlaPolicyBook {
  let policy = structuredClone(initial);
  const calendar: BusinessCalendar = createBusinessCalendar(policy.calendar);

  const ruleFor = (code: string) =>
    policy.services[code]?.rule ?? policy.fallback;

  return {
    policy: () => policy,
    ruleFor,
    dueAt: (code, openedAt) =>
      dueAt({ rule: ruleFor(code) }, openedAt, calendar),
    setRule(code, rule, serviceName) {
      const entry: SlaPolicyEntry = {
        serviceName: serviceName ?? policy.services[code]?.serviceName ?? code,
        rule,
        fit: null,
      };
      policy = { ...policy, services: { ...policy.services, [code]: entry } };
      return entry;
    },
  };
}
