// A whole SLA policy from a Boston 311 CSV export: the Boston calendar,
// no SLA for unknown types, and per-type rules derived from target_dt.
import { readBostonCsv } from '../../main/import/boston-csv-rows';
import { BOSTON_CALENDAR } from './boston-calendar';
import { createBusinessCalendar } from './business-calendar';
import { derivePolicyEntries, type SlaCase } from './derive-policy';
import type { SlaPolicy } from './sla-rule';

export type DerivedPolicy = {
  policy: SlaPolicy;
  /** Rows the CSV reader could not use. */
  badRows: number;
};

export async function derivePolicyFromBostonCsv(
  csvPath: string,
  about: string,
): Promise<DerivedPolicy> {
  const cases: SlaCase[] = [];
  let badRows = 0;
  for await (const rows of readBostonCsv(csvPath)) {
    for (const row of rows) {
      if (!row.ok) {
        badRows += 1;
        continue;
      }
      const { serviceCode, serviceName, requestedAt, slaDueAt } = row.request;
      cases.push({ serviceCode, serviceName, requestedAt, slaDueAt });
    }
  }

  const calendar = createBusinessCalendar(BOSTON_CALENDAR);

  return {
    policy: {
      about,
      calendar: BOSTON_CALENDAR,
      fallback: { kind: 'none' },
      services: derivePolicyEntries(cases, calendar),
    },
    badRows,
  };
}
