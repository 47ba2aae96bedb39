import { describe, expect, it } from 'vitest';

import type { DuplicateEvalReport } from '../../../src/main/duplicates/duplicate-eval';
import { evalMetrics } from '../../../src/main/duplicates/eval-metrics';

const report: DuplicateEvalReport = {
  requests: 200,
  pairs: 10,
  originalOpenedLater: 2,
  ours: { found: 7, recallAt5: 0.7, meanCandidates: 1.123456, noneShare: 0.5 },
  baseline: { found: 5, recallAt5: 0.5, meanCandidates: 1, noneShare: 2 / 3 },
  outcomes: [],
};

const metric = (name: string, from = report) => {
  const found = evalMetrics(from, 'boston.csv').find((m) => m.metric === name);
  if (!found) throw new Error(`no metric ${name}`);

  return found;
};

describe('evalMetrics', () => {
  it('prints one line per figure, in a fixed order', () => {
    expect(evalMetrics(report, 'boston.csv').map((m) => m.metric)).toEqual([
      'duplicates.recall_at_5',
      'duplicates.baseline_recall_at_5',
      'duplicates.findable_recall_at_5',
      'duplicates.baseline_findable_recall_at_5',
      'duplicates.candidates_per_request.mean',
      'duplicates.candidates_per_request.none_share',
      'duplicates.baseline_candidates_per_request.mean',
      'duplicates.baseline_candidates_per_request.none_share',
    ]);
  });

  it('gives recall with its counts and the goal of beating the baseline', () => {
    expect(metric('duplicates.recall_at_5')).toEqual({
      metric: 'duplicates.recall_at_5',
      value: 0.7,
      unit: 'ratio',
      duplicates: 10,
      originalOpenedLater: 2,
      requests: 200,
      file: 'boston.csv',
      found: 7,
      goal: '>= baseline + 0.10 (0.6)',
    });
    expect(metric('duplicates.baseline_recall_at_5')).toMatchObject({
      value: 0.5,
      found: 5,
      duplicates: 10,
    });
  });

  it('gives findable recall over pairs whose original came first', () => {
    // 10 pairs, 2 with the original opened later: 8 findable.
    expect(metric('duplicates.findable_recall_at_5')).toMatchObject({
      value: 0.875,
      duplicates: 8,
      found: 7,
    });
    expect(metric('duplicates.baseline_findable_recall_at_5')).toMatchObject({
      value: 0.625,
      duplicates: 8,
      found: 5,
    });
  });

  it('rounds to four places', () => {
    expect(metric('duplicates.candidates_per_request.mean').value).toBe(1.1235);
    expect(
      metric('duplicates.baseline_candidates_per_request.none_share').value,
    ).toBe(0.6667);
  });

  it('reports 0, not NaN, when no pair is findable', () => {
    const none = { ...report, pairs: 2, originalOpenedLater: 2 };
    expect(metric('duplicates.findable_recall_at_5', none).value).toBe(0);
  });
});
