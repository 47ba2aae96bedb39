// Duplicate finding's benchmark: candidates for one new request and the
// supervisor's full scan at 100,000 open requests, then recall on the
// 2015 seed against FixMyStreet's rule. Run through `npm run bench`.
import { readBostonEvalCases } from '../src/main/duplicates/boston-eval-cases';
import { CaseIndex } from '../src/main/duplicates/case-index';
import { evaluateDuplicates } from '../src/main/duplicates/duplicate-eval';
import { groupDuplicates } from '../src/main/duplicates/duplicate-groups';
import type { DupCase } from '../src/main/duplicates/duplicate-types';
import { evalMetrics } from '../src/main/duplicates/eval-metrics';
import { findCandidates } from '../src/main/duplicates/find-candidates';
import { dupCaseFromRequest } from '../src/main/duplicates/request-case';
import type { Emit } from './run';
import {
  percentile,
  seededRandom,
  SEED_CSV,
  syntheticRequests,
} from './synthetic-requests';

const OPEN_REQUESTS = 100_000;
const WARM_UP = 50;
const QUERIES = 1_000;
const MINUTE = 60_000;

/** A new request: a copy of a random open one, moved up to ~100 m. */
function newRequests(open: DupCase[], now: number, count: number): DupCase[] {
  const next = seededRandom(2015);

  return Array.from({ length: count }, (_, i) => {
    const base = open[Math.floor(next() * open.length)] as DupCase;
    const jitter = () => (next() - 0.5) * 0.002;

    return {
      ...base,
      id: `bench-new-${i}`,
      lat: base.lat === null ? null : base.lat + jitter(),
      long: base.long === null ? null : base.long + jitter(),
      openedAt: now,
    };
  });
}

function candidateTimes(index: CaseIndex, subjects: DupCase[], now: number) {
  const counts: number[] = [];
  const times = subjects.map((subject) => {
    const started = performance.now();
    counts.push(findCandidates(subject, index, now + MINUTE).length);
    return performance.now() - started;
  });

  return { times: times.slice(WARM_UP).sort((a, b) => a - b), counts };
}

export async function runDuplicatesBench(emit: Emit): Promise<void> {
  const open = (await syntheticRequests(OPEN_REQUESTS)).map(dupCaseFromRequest);
  const now =
    open.reduce((latest, dupCase) => Math.max(latest, dupCase.openedAt), 0) +
    MINUTE;

  const buildStarted = performance.now();
  const index = new CaseIndex();
  for (const dupCase of open) index.add(dupCase);
  emit({
    metric: 'duplicates.index_build_s',
    value: Number(((performance.now() - buildStarted) / 1000).toFixed(3)),
    unit: 's',
    openRequests: index.size,
  });

  const subjects = newRequests(open, now, WARM_UP + QUERIES);
  const { times, counts } = candidateTimes(index, subjects, now);
  emit({
    metric: 'duplicates.candidates.p95_ms',
    value: Number(percentile(times, 0.95).toFixed(3)),
    unit: 'ms',
    openRequests: index.size,
    queries: times.length,
    p50_ms: Number(percentile(times, 0.5).toFixed(3)),
    meanCandidates: Number(
      (counts.reduce((sum, n) => sum + n, 0) / counts.length).toFixed(2),
    ),
    goal: '<= 2',
  });

  const scanStarted = performance.now();
  const groups = groupDuplicates(index, now);
  emit({
    metric: 'duplicates.scan_all_s',
    value: Number(((performance.now() - scanStarted) / 1000).toFixed(3)),
    unit: 's',
    openRequests: index.size,
    groups: groups.length,
    grouped: groups.reduce((sum, group) => sum + group.ids.length, 0),
    goal: '<= 3',
  });

  const { cases, skippedCount } = await readBostonEvalCases(SEED_CSV);
  const evalStarted = performance.now();
  const report = evaluateDuplicates(cases);
  const evalSeconds = (performance.now() - evalStarted) / 1000;
  for (const metric of evalMetrics(report, 'resources/seed')) {
    emit({
      ...metric,
      skippedRows: skippedCount,
      replay_s: Number(evalSeconds.toFixed(1)),
    });
  }
}
