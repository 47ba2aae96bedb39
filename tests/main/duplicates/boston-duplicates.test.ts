// Duplicate finding replayed over real Boston 311 rows.
//
// tests/fixtures/boston311-duplicates.csv holds 297 rows copied verbatim
// from resources/seed/boston311-2015-jan-sep.csv.gz: the 11 duplicate /
// original pairs below, and as distractors up to 36 other cases from each
// duplicate's neighbourhood opened from 36 hours before it to 6 hours after
// (chosen with a fixed seed). Distractors closed as a duplicate of a case in
// the file were left out, so the file holds exactly these 11 pairs.
import { join } from 'node:path';

import { beforeAll, describe, expect, it } from 'vitest';

import { readBostonEvalCases } from '../../../src/main/duplicates/boston-eval-cases';
import {
  evaluateDuplicates,
  type DuplicateEvalReport,
  type PairOutcome,
} from '../../../src/main/duplicates/duplicate-eval';

const FIXTURE = join(
  __dirname,
  '..',
  '..',
  'fixtures',
  'boston311-duplicates.csv',
);

type Expected = {
  duplicateId: string;
  originalId: string;
  /** Rank among our candidates, null when not in the top 5. */
  ours: number | null;
  baseline: number | null;
  originalOpenedLater?: boolean;
};

// Pairs both methods find: the same type at the same point, the original
// still open. Each original is the only case of its type at that address,
// so it ranks first for both.
const FOUND_BY_BOTH: Expected[] = [
  // Abandoned Vehicles at 32 Harlow St, ten days apart; the original closed
  // only after the duplicate came in. Reason names the full 12-digit id.
  {
    duplicateId: '101001337278',
    originalId: '101001327607',
    ours: 1,
    baseline: 1,
  },
  // Sign Repair at Averton St & Roslindale Ave, 17 hours apart. Reason:
  // "Duplicate of Existing Case %1253710".
  {
    duplicateId: '101001254262',
    originalId: '101001253710',
    ours: 1,
    baseline: 1,
  },
  // Graffiti Removal at 15 Franklin St, Brighton, 3 minutes apart. Reason:
  // "... original case # for this graffiti tag removal is #1413896".
  {
    duplicateId: '101001413899',
    originalId: '101001413896',
    ours: 1,
    baseline: 1,
  },
];

// Pairs only our method finds, each for a reason FixMyStreet's rule (same
// type, open, within 250 m) cannot see past.
const FOUND_BY_OURS_ONLY: Expected[] = [
  // A Street Light Knock Down at Rowe St & Seymour St, 4 minutes after a
  // Street Light Outage at 153 Rowe St 34 m away: related types on one
  // street. The baseline wants exactly the same type.
  {
    duplicateId: '101001393495',
    originalId: '101001393490',
    ours: 1,
    baseline: null,
  },
  // Sidewalk Repair (Make Safe) at 50 Billings St, the day after a Sidewalk
  // Repair at the same point: related types again.
  {
    duplicateId: '101001519217',
    originalId: '101001518324',
    ours: 1,
    baseline: null,
  },
  // Street Light Outages at 45-49 Stoughton St and, 12 days before, at 45
  // Stoughton St: one house, but geocoded 2.2 km apart. The shared address
  // outweighs the distance; the baseline never looks past 250 m. The reason
  // says "CRM#1292127", a 7-digit short case id despite the "CRM".
  {
    duplicateId: '101001315141',
    originalId: '101001292127',
    ours: 1,
    baseline: null,
  },
  // New Sign Crosswalk at Bremen St & S Bremen St; the original was closed
  // two days before the duplicate came in. Closed requests stay candidates
  // for 7 days; the baseline offers open ones only.
  {
    duplicateId: '101001363215',
    originalId: '101001361000',
    ours: 1,
    baseline: null,
  },
  // Two "Park Maintenance: Franklin Park" Tree in Park reports 19 minutes
  // apart, both geocoded to the City Hall placeholder (no location) and
  // with no address: only the description words place them. No location,
  // no baseline suggestion.
  {
    duplicateId: '101001378733',
    originalId: '101001378730',
    ours: 1,
    baseline: null,
  },
];

// Pairs nobody can find, by design.
const FOUND_BY_NEITHER: Expected[] = [
  // Sign Repair / Missing Sign at Edgemere Rd & Freeman Ave, but the
  // original was closed 7.8 days before the duplicate: past the 7 days a
  // closed request stays a candidate.
  {
    duplicateId: '101001424983',
    originalId: '101001417575',
    ours: null,
    baseline: null,
  },
  // Graffiti Removal at Braintree St, Brighton, naming a tag case at Lewis
  // St, East Boston: 7.7 km apart on other streets.
  {
    duplicateId: '101001417445',
    originalId: '101001411913',
    ours: null,
    baseline: null,
  },
  // Tree Maintenance at 1506 Columbia Rd, closed as a duplicate of a report
  // at 1518 Columbia Rd opened 4 minutes later: unknowable when it came in.
  {
    duplicateId: '101001523702',
    originalId: '101001523705',
    ours: null,
    baseline: null,
    originalOpenedLater: true,
  },
];

const ALL = [...FOUND_BY_BOTH, ...FOUND_BY_OURS_ONLY, ...FOUND_BY_NEITHER];

describe('duplicate finding over real Boston rows', () => {
  let report: DuplicateEvalReport;
  let requests: number;
  let skippedCount: number;

  beforeAll(async () => {
    const read = await readBostonEvalCases(FIXTURE);
    requests = read.cases.length;
    skippedCount = read.skippedCount;
    report = evaluateDuplicates(read.cases);
  });

  it('reads every row', () => {
    expect(skippedCount).toBe(0);
    expect(report.requests).toBe(requests);
    expect(requests).toBeGreaterThan(250);
  });

  it('finds exactly the chosen pairs from the closure reasons', () => {
    const pairs = report.outcomes
      .map((o) => `${o.duplicateId}->${o.originalId}`)
      .sort();
    const chosen = ALL.map((p) => `${p.duplicateId}->${p.originalId}`).sort();

    expect(report.pairs).toBe(11);
    expect(pairs).toEqual(chosen);
    expect(report.originalOpenedLater).toBe(1);
  });

  it.each(ALL)(
    '$duplicateId -> $originalId: ours $ours, baseline $baseline',
    (expected) => {
      const outcome = report.outcomes.find(
        (o) => o.duplicateId === expected.duplicateId,
      );

      expect(outcome).toEqual<PairOutcome>({
        duplicateId: expected.duplicateId,
        originalId: expected.originalId,
        originalOpenedLater: expected.originalOpenedLater ?? false,
        ourRank: expected.ours,
        baselineRank: expected.baseline,
      });
    },
  );

  it('recalls more than FixMyStreet', () => {
    expect(report.ours.found).toBe(
      FOUND_BY_BOTH.length + FOUND_BY_OURS_ONLY.length,
    );
    expect(report.baseline.found).toBe(FOUND_BY_BOTH.length);
    expect(report.ours.recallAt5).toBeGreaterThan(
      report.baseline.recallAt5 + 0.1,
    );
  });

  it('offers most requests nothing: distractors are rarely duplicates', () => {
    expect(report.ours.noneShare).toBeGreaterThan(0.7);
    expect(report.ours.meanCandidates).toBeLessThan(0.5);
  });
});
