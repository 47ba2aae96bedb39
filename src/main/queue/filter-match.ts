// A queue filter as a test on index slots. Each chosen field becomes one
// check over a column; the slot passes when every check does. Values the
// index has never seen match nothing, so a filter on them keeps nothing.
import type { QueueFilter, SlaStateFilter } from '../../shared/contract';
import { AT_RISK_MAX_MS } from '../../shared/domain';
import {
  NO_SLA_DUE_KEY,
  WORK_STATUSES,
  type Dictionary,
  type OpenRequests,
} from './open-requests';
import { matchesWords, searchWords } from './search-text';

export type SlotTest = (slot: number) => boolean;

/** The codes of the chosen values, as a lookup by code; null keeps all. */
function chosenCodes(
  dictionary: Dictionary,
  values: readonly string[] | undefined,
  emptyMeansNull = false,
): { codes: Uint8Array; nullChosen: boolean } | null {
  if (!values?.length) return null;

  const codes = new Uint8Array(dictionary.values.length);
  let nullChosen = false;
  for (const value of values) {
    if (emptyMeansNull && value === '') {
      nullChosen = true;
      continue;
    }
    const code = dictionary.find(value);
    if (code !== undefined) codes[code] = 1;
  }
  return { codes, nullChosen };
}

function columnTest(
  column: Int32Array,
  chosen: { codes: Uint8Array; nullChosen: boolean },
): SlotTest {
  const { codes, nullChosen } = chosen;
  return (slot) => {
    const code = column[slot]!;
    return code < 0 ? nullChosen : codes[code] === 1;
  };
}

/** One SLA state at `now`, as slaState() in domain.ts judges it. */
function slaTest(index: OpenRequests, state: SlaStateFilter, now: number) {
  const { dueKey, atRiskFrom } = index;
  switch (state) {
    case 'no_sla':
      return (slot: number) => dueKey[slot] === NO_SLA_DUE_KEY;
    case 'breached':
      return (slot: number) => dueKey[slot]! <= now;
    case 'at_risk':
      return (slot: number) =>
        dueKey[slot]! > now &&
        dueKey[slot]! <= now + AT_RISK_MAX_MS &&
        atRiskFrom[slot]! <= now;
    case 'on_track':
      // atRiskFrom is NaN with no SLA, so those are never on track.
      return (slot: number) => dueKey[slot]! > now && atRiskFrom[slot]! > now;
  }
}

/** The filter's checks, or null when it keeps every open request. */
export function compileFilter(
  index: OpenRequests,
  filter: QueueFilter,
): SlotTest | null {
  const tests: SlotTest[] = [];

  const byCode = (
    dictionary: Dictionary,
    column: Int32Array,
    values: readonly string[] | undefined,
    emptyMeansNull = false,
  ) => {
    const chosen = chosenCodes(dictionary, values, emptyMeansNull);
    if (chosen) tests.push(columnTest(column, chosen));
  };

  byCode(index.types, index.typeCode, filter.types);
  // The empty string stands for "no neighbourhood".
  byCode(
    index.neighborhoods,
    index.neighborhoodCode,
    filter.neighborhoods,
    true,
  );
  byCode(index.queues, index.queueCode, filter.queues);
  byCode(index.departments, index.departmentCode, filter.departments);
  byCode(index.crews, index.crewCode, filter.crewIds);

  if (filter.workStatuses?.length) {
    const kept = new Uint8Array(WORK_STATUSES.length);
    for (const status of filter.workStatuses) {
      kept[WORK_STATUSES.indexOf(status)] = 1;
    }
    const { workCode } = index;
    tests.push((slot) => kept[workCode[slot]!] === 1);
  }

  if (filter.assigned !== undefined) {
    const { crewCode } = index;
    const assigned = filter.assigned;
    tests.push((slot) => crewCode[slot]! >= 0 === assigned);
  }

  const states = [...new Set(filter.slaStates ?? [])];
  if (states.length > 0 && states.length < 4 && filter.now !== undefined) {
    const now = filter.now;
    const either = states.map((state) => slaTest(index, state, now));
    tests.push((slot) => either.some((test) => test(slot)));
  }

  const words = filter.text === undefined ? [] : searchWords(filter.text);
  if (words.length > 0) {
    tests.push((slot) => matchesWords(index.searchableAt(slot), words));
  }

  if (tests.length === 0) return null;
  if (tests.length === 1) return tests[0]!;
  return (slot) => {
    for (const test of tests) if (!test(slot)) return false;
    return true;
  };
}
