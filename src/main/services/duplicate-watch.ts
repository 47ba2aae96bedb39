// Finds likely duplicates on the console: keeps the open requests (and
// those closed in the last days) in a duplicate index beside the queue
// index, checks each request that arrives at once, and marks the queue and
// map rows that most likely duplicate another. The first full pass over
// the open requests runs in small steps, so the console stays responsive.
import { CaseIndex } from '../duplicates/case-index';
import type { DupCandidate, DupCase } from '../duplicates/duplicate-types';
import { findCandidates } from '../duplicates/find-candidates';
import {
  DEFAULT_STRONG_SCORE,
  groupDuplicatesInSteps,
  type DuplicateGroup,
} from '../duplicates/duplicate-groups';
import type { OpenRequests } from '../queue/open-requests';
import type { ClosedCasesRepository } from '../store/closed-cases-repository';

/** A pair this strong marks the newer request as a likely duplicate. */
export const FLAG_SCORE = DEFAULT_STRONG_SCORE;

/**
 * A mark needs one strong candidate, not the best of thousands: checking
 * a request reads at most this many cases (a busy block reads a few
 * dozen), so a spot with thousands of reports costs little per arrival.
 */
const FLAG_VISITS = 300;

/** Closed requests stay candidates this long, kept in the store. */
const CLOSED_KEPT_MS = 7 * 24 * 3_600_000;

/**
 * How long one step of indexing or checking may hold the process before
 * it lets other work (sync, the queue's questions) run.
 */
const SLICE_MS = 8;

/** Requests indexed between looks at the clock. */
const INDEX_BATCH = 100;

/** Changed marks are told at most this often: a first pass changes many. */
export const FLAGS_NOTICE_MS = 1_000;

export type DuplicateWatch = {
  /** Brings the duplicate index up to date with the queue index. */
  refresh(): void;
  /** Likely duplicates of the request, best first, newer ones included. */
  candidates(id: string, limit?: number): DupCandidate[];
  /** The case the index holds for a request, open or lately closed. */
  caseOf(id: string): DupCase | undefined;
  /**
   * Open requests that are likely one problem, linked pair by pair at
   * FLAG_SCORE, strongest group first. Worked out in steps, yielding to
   * other work between them; none if the watch stops meanwhile.
   */
  groups(): Promise<DuplicateGroup[]>;
  stop(): void;
};

const pauseForOtherWork = () =>
  new Promise<void>((resume) => setImmediate(resume));

function caseAt(open: OpenRequests, slot: number): DupCase {
  const lat = open.lat[slot]!;
  return {
    id: open.ids[slot]!,
    type: open.types.valueOf(open.typeCode[slot]!) ?? '',
    lat: Number.isNaN(lat) ? null : lat,
    long: Number.isNaN(lat) ? null : open.long[slot]!,
    address: open.address[slot] ?? null,
    description: open.description[slot] ?? null,
    openedAt: open.requestedAt[slot]!,
    closedAt: null,
  };
}

/** The same to duplicate finding: nothing it reads has changed. */
function sameCase(a: DupCase, b: DupCase): boolean {
  return (
    a.type === b.type &&
    a.lat === b.lat &&
    a.long === b.long &&
    a.address === b.address &&
    a.description === b.description &&
    a.openedAt === b.openedAt &&
    a.closedAt === b.closedAt
  );
}

export function createDuplicateWatch(options: {
  index: () => OpenRequests;
  now: () => number;
  /**
   * Told, at most every FLAGS_NOTICE_MS, how many marks changed since it
   * was last told, so the queue and map can show them.
   */
  onFlagsChanged?: (changed: number) => void;
  /**
   * Where recently closed requests are kept across restarts and reloads,
   * which rebuild the open requests without them.
   */
  closedCases?: ClosedCasesRepository;
}): DuplicateWatch {
  // Keeping a closed candidate is worth less than the write that told of
  // the close: a failure here (a store closing under the console) loses
  // the candidate, never the write.
  const kept = (work: (store: ClosedCasesRepository) => void) => {
    if (options.closedCases === undefined) return;
    try {
      work(options.closedCases);
    } catch {
      // The candidate is lost; duplicate finding goes on without it.
    }
  };

  let attached: OpenRequests | null = null;
  let cases = new CaseIndex();
  /** Open requests still to be indexed, when attaching to a queue index. */
  let toIndex: string[] = [];
  /** Requests still to be checked, in the first pass or as they changed. */
  let toCheck = new Set<string>();
  let timer: ReturnType<typeof setTimeout> | null = null;
  let stopped = false;
  let flagsChanged = 0;
  let noticeTimer: ReturnType<typeof setTimeout> | null = null;

  const tellFlags = () => {
    if (noticeTimer !== null || options.onFlagsChanged === undefined) return;
    noticeTimer = setTimeout(() => {
      noticeTimer = null;
      const changed = flagsChanged;
      flagsChanged = 0;
      if (changed > 0) options.onFlagsChanged?.(changed);
    }, FLAGS_NOTICE_MS);
    noticeTimer.unref?.();
  };

  const flag = (open: OpenRequests, id: string) => {
    const slot = open.slotOf(id);
    const subject = cases.get(id);
    if (slot === undefined || subject === undefined) return;
    const [best] = findCandidates(subject, cases, options.now(), {
      limit: 1,
      minScore: FLAG_SCORE,
      maxVisits: FLAG_VISITS,
    });
    if (open.duplicateOf[slot] !== best?.id) {
      open.duplicateOf[slot] = best?.id;
      flagsChanged += 1;
      tellFlags();
    }
  };

  /**
   * Indexes open requests until `until` (performance.now()); false once
   * all are.
   */
  const indexSome = (open: OpenRequests, until = Infinity): boolean => {
    while (toIndex.length > 0 && performance.now() < until) {
      for (const id of toIndex.splice(-INDEX_BATCH)) {
        const slot = open.slotOf(id);
        // Observed meanwhile (or gone): the observer has it right already.
        if (slot !== undefined && !cases.has(id)) {
          cases.add(caseAt(open, slot));
        }
      }
    }

    return toIndex.length > 0;
  };

  const checkSome = () => {
    timer = null;
    const open = attached;
    if (open === null) return;
    const until = performance.now() + SLICE_MS;
    // Checks wait for the whole index: a half-built one misses originals.
    if (!indexSome(open, until)) {
      for (const id of toCheck) {
        if (performance.now() >= until) break;
        toCheck.delete(id);
        flag(open, id);
      }
    }
    schedule();
  };

  const schedule = () => {
    if (timer === null && (toIndex.length > 0 || toCheck.size > 0)) {
      timer = setTimeout(checkSome, 0);
      timer.unref?.();
    }
  };

  const observe = (id: string, slot: number | null) => {
    const open = attached;
    if (open === null) return;
    if (slot === null) {
      // Closed or merged: still a candidate for the next few days. Its
      // slot is still readable if the first pass has not indexed it yet.
      const leaving = open.slotOf(id);
      const known =
        cases.get(id) ??
        (leaving === undefined ? undefined : caseAt(open, leaving));
      if (known) {
        const closed = { ...known, closedAt: options.now() };
        cases.update(closed);
        kept((store) => store.keep(closed));
      }
      return;
    }
    // New, reopened, moved, re-typed or re-worded: checked again (the
    // queue index cleared a reopened request's flag when it left). An
    // assignment or a status change leaves it as it was.
    const now = caseAt(open, slot);
    const known = cases.get(id);
    if (known !== undefined && known.closedAt !== null) {
      kept((store) => store.forget(id));
    }
    if (known !== undefined && sameCase(known, now)) return;
    cases.update(now);
    toCheck.add(id);
    schedule();
  };

  const attach = (open: OpenRequests) => {
    if (attached !== null) attached.observer = null;
    attached = open;
    cases = new CaseIndex();
    // The recently closed come back from the store; one open again is
    // indexed as the open request it is.
    kept((store) => {
      for (const closed of store.closedSince(options.now() - CLOSED_KEPT_MS)) {
        if (open.slotOf(closed.id) === undefined) cases.add(closed);
      }
    });
    // Indexed and then checked in steps: 100,000 requests take seconds.
    toIndex = [...open.liveSlots()].map((slot) => open.ids[slot]!);
    toCheck = new Set(toIndex);
    open.observer = observe;
    schedule();
  };

  const prune = () => {
    const oldest = options.now() - CLOSED_KEPT_MS;
    kept((store) => store.forgetClosedBefore(oldest));
    for (const dupCase of [...cases.cases()]) {
      if (dupCase.closedAt !== null && dupCase.closedAt < oldest) {
        cases.remove(dupCase.id);
      }
    }
  };
  const pruner = setInterval(prune, 60 * 60 * 1000);
  pruner.unref();

  const refresh = () => {
    const open = options.index();
    if (open !== attached) attach(open);
  };

  /** Someone asks now: index the rest at once rather than answer half. */
  const complete = () => {
    refresh();
    const open = attached;
    if (open !== null) while (indexSome(open));
  };

  return {
    refresh,
    candidates(id, limit = 5) {
      complete();
      const subject = cases.get(id);
      if (subject === undefined) return [];
      return findCandidates(subject, cases, options.now(), {
        limit,
        includeLater: true,
      });
    },
    caseOf: (id) => {
      complete();
      return cases.get(id);
    },
    async groups() {
      complete();
      const groups = await groupDuplicatesInSteps(
        cases,
        options.now(),
        pauseForOtherWork,
        { strongScore: FLAG_SCORE },
      );
      // Stopped meanwhile (the console is closing): nothing to show.
      return stopped ? [] : groups;
    },
    stop() {
      stopped = true;
      clearInterval(pruner);
      if (timer !== null) clearTimeout(timer);
      if (noticeTimer !== null) clearTimeout(noticeTimer);
      if (attached !== null) attached.observer = null;
    },
  };
}
