// The evaluation's figures as benchmark lines: one metric per object, as
// `npm run bench` and `npm run eval:duplicates` print them.
import type { DuplicateEvalReport, MethodFigures } from './duplicate-eval';

export type EvalMetric = {
  metric: string;
  value: number;
  unit: string;
  [key: string]: unknown;
};

const round = (value: number) => Number(value.toFixed(4));

function perRequest(prefix: string, figures: MethodFigures): EvalMetric[] {
  return [
    {
      metric: `${prefix}.mean`,
      value: round(figures.meanCandidates),
      unit: 'candidates',
    },
    {
      metric: `${prefix}.none_share`,
      value: round(figures.noneShare),
      unit: 'ratio',
    },
  ];
}

function findable(
  metric: string,
  found: number,
  report: DuplicateEvalReport,
): EvalMetric {
  const pairs = report.pairs - report.originalOpenedLater;

  return {
    metric,
    value: round(pairs === 0 ? 0 : found / pairs),
    unit: 'ratio',
    duplicates: pairs,
    found,
  };
}

export function evalMetrics(
  report: DuplicateEvalReport,
  file: string,
): EvalMetric[] {
  const common = {
    duplicates: report.pairs,
    originalOpenedLater: report.originalOpenedLater,
    requests: report.requests,
    file,
  };

  return [
    {
      metric: 'duplicates.recall_at_5',
      value: round(report.ours.recallAt5),
      unit: 'ratio',
      ...common,
      found: report.ours.found,
      goal: `>= baseline + 0.10 (${round(report.baseline.recallAt5 + 0.1)})`,
    },
    {
      metric: 'duplicates.baseline_recall_at_5',
      value: round(report.baseline.recallAt5),
      unit: 'ratio',
      ...common,
      found: report.baseline.found,
      method: 'FixMyStreet: same type, open, within 250 m, nearest first',
    },
    // Pairs whose original was opened after the duplicate cannot be found
    // by any method at the moment the duplicate was opened; both methods
    // over the rest, for comparison.
    findable('duplicates.findable_recall_at_5', report.ours.found, report),
    findable(
      'duplicates.baseline_findable_recall_at_5',
      report.baseline.found,
      report,
    ),
    ...perRequest('duplicates.candidates_per_request', report.ours),
    ...perRequest(
      'duplicates.baseline_candidates_per_request',
      report.baseline,
    ),
  ];
}
