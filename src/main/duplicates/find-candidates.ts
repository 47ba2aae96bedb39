// Likely duplicates of one request among the open and recently closed
// requests of the index, best first.
import { sameAddress, shareStreet } from './address-words';
import type { CaseIndex } from './case-index';
import { caseFeatures, type CaseFeatures } from './case-features';
import {
  distanceBetween,
  houseSpanForScore,
  OTHER_TYPE_REACH,
  PLACELESS_PLACE,
  pairReasons,
  pairScore,
  placelessBurstMs,
  placeReach,
  radiusForScore,
  SAME_STREET_ALONE,
  typeWeight,
} from './duplicate-score';
import type { DupCandidate, DupCase } from './duplicate-types';
import {
  requestRelation,
  typesRelatedTo,
  type TypeRelation,
} from './related-types';

export type CandidateOptions = {
  /** At most this many candidates; default 5. */
  limit?: number;
  /** Leave out weaker pairs; default DEFAULT_MIN_SCORE. */
  minScore?: number;
  /** Closed requests count for this long after closing; default 7 days. */
  closedWithinMs?: number;
  /** Never look farther than this for located requests; default 400 m. */
  maxRadiusM?: number;
  /**
   * Also offer requests opened after the subject (but before `now`), as a
   * dispatcher looking back at an older request wants. Off by default: a
   * request is checked against what came before it, and the evaluation
   * replays exactly that.
   */
  includeLater?: boolean;
  /** Explain each candidate in words; default true. */
  withReasons?: boolean;
  /** Read at most this many cases; default MAX_VISITS. */
  maxVisits?: number;
};

/**
 * Weak enough to keep a same-type report at the same address weeks later,
 * or one of another type at the same spot within about four days (its
 * weight, 0.2, times a time factor of at least 0.9); strong enough that
 * about half the requests get no candidate (45% replaying 2015 Boston)
 * and the rest few: 1.4 a request on average.
 */
export const DEFAULT_MIN_SCORE = 0.18;

const DEFAULT_LIMIT = 5;

/**
 * Cases one search reads at most. A busy block downtown takes a few
 * hundred; only thousands of reports at one spot (a placeholder address,
 * a storm) come near, and then the best of the first MAX_VISITS read
 * stand for them all, rather than a search that holds the console for
 * seconds.
 */
export const MAX_VISITS = 3_000;
const DEFAULT_CLOSED_WITHIN_MS = 7 * 24 * 3_600_000;
const DEFAULT_MAX_RADIUS_M = 400;

type Search = {
  subject: CaseFeatures;
  now: number;
  minScore: number;
  closedWithinMs: number;
  radiusM: number;
  includeLater: boolean;
  /** The problem keys of the subject's type and the types related to it. */
  problems: ReadonlySet<string>;
};

type Scored = {
  other: CaseFeatures;
  relation: TypeRelation;
  distanceM: number | null;
  score: number;
};

/** Related problems by the subject's own problem keys. */
const relatedCache = new Map<string, ReadonlySet<string>>();
const RELATED_CACHE_SIZE = 1_000;

/**
 * Every problem key (see problemKeys) a case of a related or the same
 * problem can be filed under.
 */
function relatedProblems(subject: CaseFeatures): ReadonlySet<string> {
  const keys = subject.problems;
  const cacheKey = keys.length === 1 ? keys[0]! : keys.join('\n');
  const cached = relatedCache.get(cacheKey);
  if (cached) return cached;

  const problems = new Set<string>();
  for (const key of keys) {
    problems.add(key);
    for (const related of typesRelatedTo(key)) problems.add(related);
  }

  // Descriptions vary without end: keep the cache small.
  if (relatedCache.size >= RELATED_CACHE_SIZE) relatedCache.clear();
  relatedCache.set(cacheKey, problems);

  return problems;
}

/**
 * Known before `now` (and the subject), and open or lately closed; the
 * subject itself is left out once a pair passes (fewer string compares).
 */
function isEligible(other: DupCase, search: Search): boolean {
  const { subject, now, closedWithinMs, includeLater } = search;

  if (other.openedAt >= now) return false;
  if (!includeLater && other.openedAt > subject.dupCase.openedAt) return false;

  return other.closedAt === null || other.closedAt >= now - closedWithinMs;
}

/**
 * Where to look: located requests in the grid cells around the subject,
 * of its problem or related ones unless the minimum score lets other types
 * in without a shared address;
 * on its streets, those of its problems however far along (located or
 * not), or of any problem those with no location (a grid cannot find
 * them), or only those a few doors away when a bare shared street cannot
 * reach the minimum score; the same address wherever geocoded; requests
 * that share a description word: any of them for a subject with no place
 * of its own, otherwise those with no place at all; and for a subject with
 * no place, others with none opened within the hour or so.
 */
function sources(search: Search, index: CaseIndex): Iterable<CaseFeatures>[] {
  const { subject, minScore, radiusM } = search;
  const { point, address } = subject;
  const found: Iterable<CaseFeatures>[] = [];

  // Another type without the same address cannot reach most minimums.
  const problems = minScore > OTHER_TYPE_REACH ? search.problems : undefined;
  if (point) {
    found.push(...index.cellsNear(point.lat, point.long, radiusM, problems));
  }

  if (minScore <= SAME_STREET_ALONE) {
    for (const street of address.streets) {
      if (problems) {
        // Located ones too: along its own street a search reaches past
        // the radius (see scoreOf).
        found.push(...index.onStreetWithProblem(street, problems, false));
      } else {
        found.push(
          point ? index.unlocatedOnStreet(street) : index.onStreet(street),
        );
      }
    }
    found.push(...index.atAddressOf(subject));
  } else if (point) {
    // Located neighbours come from the grid; the address adds the same
    // problem at the same address geocoded far off (no other type is
    // strong enough), and neighbours with no location.
    found.push(...index.atAddressWithProblem(subject, search.problems));
    found.push(
      ...index.unlocatedAtAddress(address, houseSpanForScore(minScore)),
    );
  } else {
    found.push(...index.atAddress(address, houseSpanForScore(minScore)));
  }

  // Description words, or for a subject with no place the time apart
  // from another such request, place a pair only so well.
  if (subject.placeless && minScore < PLACELESS_PLACE) {
    const opened = subject.dupCase.openedAt;
    const spanMs = placelessBurstMs(minScore);
    const until = search.includeLater ? opened + spanMs : opened;
    found.push(
      ...index.placelessOpenedBetween(search.problems, opened - spanMs, until),
    );
  }
  if (minScore <= PLACELESS_PLACE) {
    for (const word of subject.words) {
      found.push(
        subject.placeless ? index.withWord(word) : index.placelessWith(word),
      );
    }
  }

  return found;
}

/** The pair's score, or null when it cannot be a candidate. */
function scoreOf(other: CaseFeatures, search: Search): Scored | null {
  const { subject, now, minScore, radiusM } = search;
  if (!isEligible(other.dupCase, search)) return null;

  // The same address outweighs a distance: one of the two was geocoded
  // wrongly, as happens to a few reports in every city. Otherwise the
  // distance caps the score (placeReach), so a pair it holds below the
  // minimum is dropped before the dearer parts are worked out. Along a
  // shared street the score alone decides even past the radius: one
  // outage seen from both ends of a block is one problem filed under two
  // addresses far apart.
  const distanceM = distanceBetween(subject, other);
  if (distanceM !== null) {
    const gapMs = Math.abs(subject.dupCase.openedAt - other.dupCase.openedAt);
    const beyondRadius = distanceM > radiusM;
    const tooFar =
      placeReach(distanceM, gapMs) < minScore ||
      (beyondRadius && !shareStreet(subject.address, other.address));
    if (tooFar && !sameAddress(subject.address, other.address)) return null;
  }

  // Every other part of the score is at most 1: skip what cannot pass.
  const relation = requestRelation(subject.dupCase, other.dupCase);
  if (typeWeight(relation) < minScore) return null;

  const score = pairScore(subject, other, now, relation, distanceM);
  if (score < minScore || other.dupCase.id === subject.dupCase.id) return null;

  return { other, relation, distanceM, score };
}

function byStrength(a: Scored, b: Scored): number {
  if (b.score !== a.score) return b.score - a.score;
  if (a.distanceM !== b.distanceM) {
    return (a.distanceM ?? Infinity) - (b.distanceM ?? Infinity);
  }

  if (a.other.dupCase.openedAt !== b.other.dupCase.openedAt) {
    return b.other.dupCase.openedAt - a.other.dupCase.openedAt;
  }

  // Last, by id: which of two equal cases makes the cut must not depend
  // on the order the index happens to read them in.
  return a.other.dupCase.id < b.other.dupCase.id ? -1 : 1;
}

/** A subject from the index itself (a full scan) is worked out already. */
function featuresFor(subject: DupCase, index: CaseIndex): CaseFeatures {
  const indexed = index.featuresOf(subject.id);

  return indexed?.dupCase === subject ? indexed : caseFeatures(subject);
}

/** At most `limit` likely duplicates of `subject`, best first. */
export function findCandidates(
  subject: DupCase,
  index: CaseIndex,
  now: number,
  options: CandidateOptions = {},
): DupCandidate[] {
  const minScore = options.minScore ?? DEFAULT_MIN_SCORE;
  const features = featuresFor(subject, index);
  const search: Search = {
    subject: features,
    now,
    minScore,
    closedWithinMs: options.closedWithinMs ?? DEFAULT_CLOSED_WITHIN_MS,
    radiusM: Math.min(
      options.maxRadiusM ?? DEFAULT_MAX_RADIUS_M,
      radiusForScore(minScore),
    ),
    includeLater: options.includeLater ?? false,
    problems: relatedProblems(features),
  };

  // A case two sources hold is scored twice; few pass, so the repeats
  // are dropped among those.
  const scored: Scored[] = [];
  const passed = new Set<CaseFeatures>();
  const maxVisits = options.maxVisits ?? MAX_VISITS;
  let visits = 0;
  read: for (const source of sources(search, index)) {
    for (const other of source) {
      if (++visits > maxVisits) break read;
      const pair = scoreOf(other, search);
      if (pair && !passed.has(other)) {
        passed.add(other);
        scored.push(pair);
      }
    }
  }

  const best = scored.sort(byStrength).slice(0, options.limit ?? DEFAULT_LIMIT);
  const withReasons = options.withReasons ?? true;

  return best.map(({ other, relation, distanceM, score }) => ({
    id: other.dupCase.id,
    score,
    distanceM,
    reasons: withReasons
      ? pairReasons(search.subject, other, now, relation, distanceM)
      : [],
  }));
}
