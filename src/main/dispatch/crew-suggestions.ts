// Which crews to send to a request: those on shift now that serve its
// work queue, ranked by distance and workload, each with its reasons.
import type { CrewSuggestion, CrewSuggestions } from '../../shared/contract';
import type { Crew } from '../../shared/sync-protocol';
import { formatMetres, metresBetween } from '../../shared/geo-distance';

export type SuggestionRequest = {
  lat: number | null;
  long: number | null;
  queue: string | null;
};

/**
 * Each open assignment counts as this many metres of extra travel: a crew
 * with two jobs waiting is worth sending only if it is much nearer.
 */
export const WORKLOAD_METRES = 1500;

export const MAX_SUGGESTIONS = 5;

const STATUS_WORDS: Record<Crew['status'], string> = {
  available: 'available now',
  en_route: 'en route to another job',
  on_site: 'on site at another job',
  off_shift: 'off shift',
};

/** A crew's distance with what it was measured from. */
function crewDistance(crew: Crew, request: SuggestionRequest) {
  const fromLast = crew.lastLat !== null && crew.lastLong !== null;
  const from = fromLast ? 'last_position' : 'depot';
  if (request.lat === null || request.long === null) {
    return { distanceM: null, from } as const;
  }

  const lat = fromLast ? crew.lastLat! : crew.depotLat;
  const long = fromLast ? crew.lastLong! : crew.depotLong;
  const distanceM = metresBetween(request.lat, request.long, lat, long);

  return { distanceM, from } as const;
}

function reasonsFor(
  crew: Crew,
  request: SuggestionRequest,
  distance: ReturnType<typeof crewDistance>,
  workload: number,
): string[] {
  const reasons = [`serves ${request.queue}`, STATUS_WORDS[crew.status]];
  if (distance.distanceM !== null) {
    const where =
      distance.from === 'last_position' ? 'its last position' : crew.depot;
    reasons.push(`${formatMetres(distance.distanceM)} from ${where}`);
  }
  reasons.push(
    workload === 0
      ? 'no open assignments'
      : `${workload} open assignment${workload === 1 ? '' : 's'}`,
  );

  return reasons;
}

/**
 * Crews for `request` at `now`: on shift (inside their shift and not off
 * shift) and serving its queue. Nearest first once workload is counted;
 * ties go to the crew with less work, then by name.
 */
export function suggestCrews(
  request: SuggestionRequest,
  crews: readonly Crew[],
  workloads: ReadonlyMap<string, number>,
  now: number,
): CrewSuggestions {
  if (request.queue === null) {
    return {
      suggestions: [],
      none:
        'This request has no work queue, so no crew is known to serve it; ' +
        'pick a crew from the roster.',
    };
  }

  const serving = crews.filter((crew) => crew.queues.includes(request.queue!));
  const onShift = serving.filter(
    (crew) =>
      crew.status !== 'off_shift' &&
      now >= crew.shiftStart &&
      now < crew.shiftEnd,
  );
  if (onShift.length === 0) {
    return {
      suggestions: [],
      none:
        serving.length === 0
          ? `No crew serves ${request.queue}; pick a crew from the roster.`
          : `Every crew serving ${request.queue} is off shift now.`,
    };
  }

  const ranked = onShift.map((crew) => {
    const distance = crewDistance(crew, request);
    const workload = workloads.get(crew.crewId) ?? 0;
    const cost = (distance.distanceM ?? 0) + workload * WORKLOAD_METRES;
    const suggestion: CrewSuggestion = {
      crewId: crew.crewId,
      name: crew.name,
      status: crew.status,
      distanceM:
        distance.distanceM === null ? null : Math.round(distance.distanceM),
      from: distance.from,
      activeAssignments: workload,
      reasons: reasonsFor(crew, request, distance, workload),
    };
    return { suggestion, cost, workload };
  });
  ranked.sort(
    (a, b) =>
      a.cost - b.cost ||
      a.workload - b.workload ||
      a.suggestion.name.localeCompare(b.suggestion.name),
  );

  return {
    suggestions: ranked.slice(0, MAX_SUGGESTIONS).map((r) => r.suggestion),
    none: null,
  };
}
