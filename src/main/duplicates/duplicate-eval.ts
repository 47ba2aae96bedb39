// Replays a city's history to measure duplicate finding: every request is
// offered candidates at the moment it was opened, knowing only what had
// been opened before; a duplicate counts as found when the original its
// closure reason names is among the top 5.
import { CaseIndex } from './case-index';
import { namedOriginal } from './closure-reason';
import type { DupCandidate, DupCase } from './duplicate-types';
import { findCandidates, type CandidateOptions } from './find-candidates';
import { baselineCandidates } from './fixmystreet-baseline';

export type EvalCase = { dupCase: DupCase; closureReason: string | null };

/** How one duplicate/original pair fared: ranks are 1-based, null if not offered. */
export type PairOutcome = {
  duplicateId: string;
  originalId: string;
  /** The original was opened at or after the duplicate: nobody can find it. */
  originalOpenedLater: boolean;
  ourRank: number | null;
  baselineRank: number | null;
};

export type MethodFigures = {
  found: number;
  recallAt5: number;
  /** Candidates offered per replayed request. */
  meanCandidates: number;
  /** Share of replayed requests offered no candidate at all. */
  noneShare: number;
};

export type DuplicateEvalReport = {
  requests: number;
  pairs: number;
  originalOpenedLater: number;
  ours: MethodFigures;
  baseline: MethodFigures;
  outcomes: PairOutcome[];
};

const TOP = 5;

type Tally = { offered: number; none: number };

function rankOf(candidates: DupCandidate[], id: string): number | null {
  const at = candidates.findIndex((candidate) => candidate.id === id);

  return at < 0 || at >= TOP ? null : at + 1;
}

function figures(
  found: number,
  pairs: number,
  tally: Tally,
  requests: number,
): MethodFigures {
  return {
    found,
    recallAt5: pairs === 0 ? 0 : found / pairs,
    meanCandidates: requests === 0 ? 0 : tally.offered / requests,
    noneShare: requests === 0 ? 0 : tally.none / requests,
  };
}

function originals(cases: EvalCase[]): Map<string, DupCase> {
  const byId = new Map(cases.map(({ dupCase }) => [dupCase.id, dupCase]));
  const named = new Map<string, DupCase>();

  for (const { dupCase, closureReason } of cases) {
    const id = namedOriginal(dupCase.id, closureReason, (other) =>
      byId.has(other),
    );
    const original = id === null ? undefined : byId.get(id);
    if (original) named.set(dupCase.id, original);
  }

  return named;
}

/**
 * Replays `cases` in the order they were opened and scores our candidates
 * and FixMyStreet's against the originals named in closure reasons. Ids
 * must be unique.
 */
export function evaluateDuplicates(
  cases: EvalCase[],
  options: CandidateOptions = {},
): DuplicateEvalReport {
  const named = originals(cases);
  const byOpening = cases
    .map(({ dupCase }) => dupCase)
    .sort((a, b) => a.openedAt - b.openedAt);

  // Closed long enough ago to be of no use: dropped as the replay passes.
  const closedWithinMs = options.closedWithinMs ?? 7 * 24 * 3_600_000;
  const byClosing = byOpening
    .filter((dupCase) => dupCase.closedAt !== null)
    .sort((a, b) => (a.closedAt ?? 0) - (b.closedAt ?? 0));
  let nextToExpire = 0;

  const index = new CaseIndex();
  const outcomes: PairOutcome[] = [];
  const ours: Tally = { offered: 0, none: 0 };
  const baseline: Tally = { offered: 0, none: 0 };

  for (let at = 0; at < byOpening.length;) {
    const now = (byOpening[at] as DupCase).openedAt;

    for (; nextToExpire < byClosing.length; nextToExpire++) {
      const closing = byClosing[nextToExpire] as DupCase;
      if ((closing.closedAt ?? 0) >= now - closedWithinMs) break;
      index.remove(closing.id);
    }

    // Requests opened in the same second do not see each other.
    let end = at;
    while (byOpening[end]?.openedAt === now) end++;
    const openedNow = byOpening.slice(at, end);

    for (const dupCase of openedNow) {
      // What was known when it was opened: not yet closed.
      const subject = { ...dupCase, closedAt: null };
      const offered = findCandidates(subject, index, now, options);
      const offeredByBaseline = baselineCandidates(subject, index, now);

      ours.offered += offered.length;
      ours.none += offered.length === 0 ? 1 : 0;
      baseline.offered += offeredByBaseline.length;
      baseline.none += offeredByBaseline.length === 0 ? 1 : 0;

      const original = named.get(dupCase.id);
      if (original) {
        outcomes.push({
          duplicateId: dupCase.id,
          originalId: original.id,
          originalOpenedLater: original.openedAt >= dupCase.openedAt,
          ourRank: rankOf(offered, original.id),
          baselineRank: rankOf(offeredByBaseline, original.id),
        });
      }
    }

    for (const dupCase of openedNow) index.add(dupCase);
    at = end;
  }

  const pairs = outcomes.length;
  const ourFound = outcomes.filter((o) => o.ourRank !== null).length;
  const baseFound = outcomes.filter((o) => o.baselineRank !== null).length;

  return {
    requests: byOpening.length,
    pairs,
    originalOpenedLater: outcomes.filter((o) => o.originalOpenedLater).length,
    ours: figures(ourFound, pairs, ours, byOpening.length),
    baseline: figures(baseFound, pairs, baseline, byOpening.length),
    outcomes,
  };
}
