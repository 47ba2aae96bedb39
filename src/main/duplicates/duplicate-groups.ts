// The supervisor's "possible duplicates" view: open requests linked to
// their strong candidates, and the links joined into groups, so six
// neighbours' reports of one pothole show as one group of six.
import type { CaseIndex } from './case-index';
import type { DupCase } from './duplicate-types';
import { scorePair } from './duplicate-score';
import { findCandidates, type CandidateOptions } from './find-candidates';
import { UnionFind } from './union-find';

/** One strong candidate pair: `from` is the open request that found `to`. */
export type DuplicateLink = { from: string; to: string; score: number };

export type DuplicateGroup = {
  /** Oldest first: the first is the likely original. */
  ids: string[];
  /** The weakest link holding the group together: it is only as sure. */
  strength: number;
  /** The links that joined it, strongest first. */
  links: DuplicateLink[];
  /** Why the strongest link is one, in words. */
  reasons: string[];
};

export type GroupOptions = Omit<
  CandidateOptions,
  'minScore' | 'withReasons'
> & {
  /** Only links this strong join a group; default DEFAULT_STRONG_SCORE. */
  strongScore?: number;
};

/**
 * The same type at the same address within days, or a few tens of metres
 * apart the same day: strong enough to put in front of a supervisor, and
 * to flag a request as a likely duplicate in the queue.
 */
export const DEFAULT_STRONG_SCORE = 0.6;

/** Requests linked between looks at the clock when grouping in steps. */
const STEP = 50;

/** How long grouping in steps holds the process between pauses. */
const DEFAULT_SLICE_MS = 8;

function isOpen(dupCase: DupCase | undefined, now: number): boolean {
  return (
    dupCase !== undefined &&
    dupCase.openedAt < now &&
    (dupCase.closedAt === null || dupCase.closedAt >= now)
  );
}

/**
 * Links every open request to its strong open candidates, pausing (a
 * bare `yield`) after every STEP requests; returns the links.
 */
function* linkOpenRequests(
  index: CaseIndex,
  now: number,
  options: GroupOptions,
): Generator<void, DuplicateLink[]> {
  const { strongScore = DEFAULT_STRONG_SCORE, ...candidateOptions } = options;
  const strongOnly: CandidateOptions = {
    ...candidateOptions,
    minScore: strongScore,
    // Worded for the strongest link of each group only, once joined.
    withReasons: false,
  };
  const links: DuplicateLink[] = [];
  let sinceYield = 0;

  const ids = [...index.cases()].map((dupCase) => dupCase.id);
  for (const id of ids) {
    // As it is now: it may have closed during a pause.
    const dupCase = index.get(id);
    if (dupCase === undefined || !isOpen(dupCase, now)) continue;

    const candidates = findCandidates(dupCase, index, now, strongOnly);
    for (const { id, score } of candidates) {
      if (isOpen(index.get(id), now)) {
        links.push({ from: dupCase.id, to: id, score });
      }
    }

    if (++sinceYield === STEP) {
      sinceYield = 0;
      yield;
    }
  }

  return links;
}

/** Why `from` found `to`, in words. */
function reasonsFor(index: CaseIndex, link: DuplicateLink, now: number) {
  const from = index.featuresOf(link.from);
  const to = index.featuresOf(link.to);

  return from && to ? scorePair(from, to, now).reasons : [];
}

/** Joins links into groups, strongest group first (see the end). */
function joinLinks(
  index: CaseIndex,
  links: DuplicateLink[],
  now: number,
): DuplicateGroup[] {
  const sets = new UnionFind();
  for (const link of links) sets.union(link.from, link.to);

  const groups = new Map<string, DuplicateGroup>();
  for (const link of links.sort((a, b) => b.score - a.score)) {
    const root = sets.find(link.from);
    const group = groups.get(root) ?? {
      ids: [],
      strength: 1,
      links: [],
      reasons: reasonsFor(index, link, now),
    };
    group.strength = Math.min(group.strength, link.score);
    group.links.push(link);
    groups.set(root, group);
  }

  for (const group of groups.values()) {
    const ids = new Set(group.links.flatMap((link) => [link.from, link.to]));
    group.ids = [...ids].sort(
      (a, b) => (index.get(a)?.openedAt ?? 0) - (index.get(b)?.openedAt ?? 0),
    );
  }

  // Strength as a supervisor reads it (a whole percent); among equals the
  // group with the newest report first, for that is where a second crew
  // is about to be sent; then the larger.
  const percent = (group: DuplicateGroup) => Math.round(group.strength * 100);
  const newest = (group: DuplicateGroup) =>
    index.get(group.ids[group.ids.length - 1] ?? '')?.openedAt ?? 0;

  return [...groups.values()].sort(
    (a, b) =>
      percent(b) - percent(a) ||
      newest(b) - newest(a) ||
      b.ids.length - a.ids.length,
  );
}

/** Every group of likely duplicates among the open requests, strongest first. */
export function groupDuplicates(
  index: CaseIndex,
  now: number,
  options: GroupOptions = {},
): DuplicateGroup[] {
  const steps = linkOpenRequests(index, now, options);
  let step = steps.next();
  while (!step.done) step = steps.next();

  return joinLinks(index, step.value, now);
}

/**
 * As groupDuplicates, awaiting `pause` whenever a step ends past
 * `sliceMs` (default 8 ms) of work, so a console's other work runs
 * meanwhile; requests that arrive meanwhile are linked only if
 * their turn has not passed.
 */
export async function groupDuplicatesInSteps(
  index: CaseIndex,
  now: number,
  pause: () => Promise<void>,
  options: GroupOptions & { sliceMs?: number } = {},
): Promise<DuplicateGroup[]> {
  const { sliceMs = DEFAULT_SLICE_MS, ...groupOptions } = options;
  const steps = linkOpenRequests(index, now, groupOptions);
  let sliceEnds = performance.now() + sliceMs;
  let step = steps.next();
  while (!step.done) {
    if (performance.now() >= sliceEnds) {
      await pause();
      sliceEnds = performance.now() + sliceMs;
    }
    step = steps.next();
  }

  return joinLinks(index, step.value, now);
}
