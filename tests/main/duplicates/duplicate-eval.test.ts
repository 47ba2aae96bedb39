import { describe, expect, it } from 'vitest';

import {
  evaluateDuplicates,
  type EvalCase,
} from '../../../src/main/duplicates/duplicate-eval';
import type { DupCase } from '../../../src/main/duplicates/duplicate-types';
import { caseAtMetres, DAY, dupCase, HOUR, T0 } from './dup-case';

const DUPLICATE = 'Case Closed Duplicate of Existing Case';

const evalCase = (
  dupCase: DupCase,
  closureReason: string | null = null,
): EvalCase => ({ dupCase, closureReason });

const outcomeOf = (
  report: ReturnType<typeof evaluateDuplicates>,
  duplicateId: string,
) => report.outcomes.find((outcome) => outcome.duplicateId === duplicateId);

describe('evaluateDuplicates', () => {
  // One pair both methods find, one neither can (another type 3 km off), one
  // whose original was opened after the duplicate, and two duplicate
  // closures that name no usable original.
  const at = { address: '10 Tremont St Boston MA 02116' };
  const cases = [
    evalCase(
      dupCase('101001000001', { ...at, closedAt: T0 + 2 * DAY }),
      'Case Resolved tag removed',
    ),
    evalCase(
      dupCase('101001000002', {
        ...at,
        openedAt: T0 + HOUR,
        closedAt: T0 + 2 * HOUR,
      }),
      `${DUPLICATE} 101001000001`,
    ),
    evalCase(caseAtMetres('101001000003', 3_000, 0, { type: 'Sign Repair' })),
    evalCase(
      caseAtMetres('101001000004', 0, 500, { openedAt: T0 + HOUR }),
      `${DUPLICATE} Same as #1000003.`,
    ),
    evalCase(
      caseAtMetres('101001000005', 0, -900, { openedAt: T0 + 2 * HOUR }),
      `${DUPLICATE} %1000006`,
    ),
    evalCase(
      caseAtMetres('101001000006', 0, -900, { openedAt: T0 + 3 * HOUR }),
    ),
    evalCase(
      caseAtMetres('101001000007', 900, 900, { openedAt: T0 + HOUR }),
      `${DUPLICATE} 101001999999`,
    ),
    evalCase(
      caseAtMetres('101001000008', -900, 900, { openedAt: T0 + HOUR }),
      `${DUPLICATE} 1000008`,
    ),
  ];

  it('counts pairs whose named original is in the list', () => {
    const report = evaluateDuplicates(cases);

    expect(report.requests).toBe(8);
    expect(report.pairs).toBe(3);
    expect(report.outcomes.map((o) => [o.duplicateId, o.originalId])).toEqual([
      ['101001000002', '101001000001'],
      ['101001000004', '101001000003'],
      ['101001000005', '101001000006'],
    ]);
  });

  it('finds a same-type report at the same address, as both methods should', () => {
    const found = outcomeOf(evaluateDuplicates(cases), '101001000002');

    expect(found).toEqual({
      duplicateId: '101001000002',
      originalId: '101001000001',
      originalOpenedLater: false,
      ourRank: 1,
      // Open when the duplicate came in: it closed two days later.
      baselineRank: 1,
    });
  });

  it('misses another type 3 km away', () => {
    const missed = outcomeOf(evaluateDuplicates(cases), '101001000004');

    expect(missed?.ourRank).toBeNull();
    expect(missed?.baselineRank).toBeNull();
    expect(missed?.originalOpenedLater).toBe(false);
  });

  it('counts an original opened after its duplicate apart', () => {
    const report = evaluateDuplicates(cases);
    const later = outcomeOf(report, '101001000005');

    expect(later?.originalOpenedLater).toBe(true);
    expect(later?.ourRank).toBeNull();
    expect(report.originalOpenedLater).toBe(1);
  });

  it('gives recall over all pairs, for both methods', () => {
    const report = evaluateDuplicates(cases);

    expect(report.ours.found).toBe(1);
    expect(report.ours.recallAt5).toBeCloseTo(1 / 3);
    expect(report.baseline.found).toBe(1);
    expect(report.baseline.recallAt5).toBeCloseTo(1 / 3);
  });

  it('gives the same figures whatever order the cases come in', () => {
    const inOrder = evaluateDuplicates(cases);
    const reversed = evaluateDuplicates([...cases].reverse());
    const byDuplicate = (report: typeof inOrder) =>
      [...report.outcomes].sort((a, b) =>
        a.duplicateId.localeCompare(b.duplicateId),
      );

    expect(reversed.ours).toEqual(inOrder.ours);
    expect(reversed.baseline).toEqual(inOrder.baseline);
    expect(byDuplicate(reversed)).toEqual(byDuplicate(inOrder));
  });

  it('averages candidates per request and the share offered none', () => {
    const report = evaluateDuplicates([
      evalCase(dupCase('101001000001', at)),
      evalCase(dupCase('101001000002', { ...at, openedAt: T0 + HOUR })),
    ]);

    // The first has nothing before it; the second is offered the first.
    expect(report.ours.meanCandidates).toBe(0.5);
    expect(report.ours.noneShare).toBe(0.5);
    expect(report.baseline.meanCandidates).toBe(0.5);
    expect(report.pairs).toBe(0);
    expect(report.ours.recallAt5).toBe(0);
  });

  it('lets requests opened in the same millisecond not see each other', () => {
    const report = evaluateDuplicates([
      evalCase(dupCase('101001000001', at)),
      evalCase(dupCase('101001000002', at), `${DUPLICATE} 101001000001`),
    ]);

    expect(report.outcomes[0]?.originalOpenedLater).toBe(true);
    expect(report.outcomes[0]?.ourRank).toBeNull();
    expect(report.ours.meanCandidates).toBe(0);
  });

  describe('originals closed before the duplicate came in', () => {
    const original = (closedAgo: number) =>
      evalCase(
        dupCase('101001000001', {
          ...at,
          openedAt: T0 - closedAgo - DAY,
          closedAt: T0 - closedAgo,
        }),
      );
    const duplicate = evalCase(
      dupCase('101001000002', at),
      `${DUPLICATE} 101001000001`,
    );

    it('finds one closed days ago, which FixMyStreet never offers', () => {
      const report = evaluateDuplicates([original(2 * DAY), duplicate]);

      expect(report.outcomes[0]?.ourRank).toBe(1);
      expect(report.outcomes[0]?.baselineRank).toBeNull();
    });

    it('drops one closed longer than closedWithinMs ago', () => {
      const cases = [original(8 * DAY), duplicate];

      expect(evaluateDuplicates(cases).outcomes[0]?.ourRank).toBeNull();
      expect(
        evaluateDuplicates(cases, { closedWithinMs: 10 * DAY }).outcomes[0]
          ?.ourRank,
      ).toBe(1);
    });
  });

  it('reports zeros, not NaN, for no cases', () => {
    const report = evaluateDuplicates([]);

    expect(report).toEqual({
      requests: 0,
      pairs: 0,
      originalOpenedLater: 0,
      ours: { found: 0, recallAt5: 0, meanCandidates: 0, noneShare: 0 },
      baseline: { found: 0, recallAt5: 0, meanCandidates: 0, noneShare: 0 },
      outcomes: [],
    });
  });
});
