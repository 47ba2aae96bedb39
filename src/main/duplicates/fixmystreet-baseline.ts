// The duplicate suggestion FixMyStreet (mySociety's open-source reporting
// platform) shows a reporter, kept as the yardstick our scoring must beat:
// open reports of exactly the same category within 250 m, nearest first,
// then the most recent, at most 5. No location, no suggestions.
import { formatMetres } from '../../shared/geo-distance';
import type { CaseIndex } from './case-index';
import type { DupCandidate, DupCase } from './duplicate-types';

const RADIUS_M = 250;
const LIMIT = 5;

export function baselineCandidates(
  subject: DupCase,
  index: CaseIndex,
  now: number,
): DupCandidate[] {
  if (subject.lat === null || subject.long === null) return [];

  const matches = index
    .within(subject.lat, subject.long, RADIUS_M, [subject.type])
    .filter(({ features: { dupCase: other } }) => {
      const open = other.closedAt === null || other.closedAt >= now;

      return (
        other.id !== subject.id &&
        other.type === subject.type &&
        other.openedAt < now &&
        other.openedAt <= subject.openedAt &&
        open
      );
    });

  matches.sort(
    (a, b) =>
      a.distanceM - b.distanceM ||
      b.features.dupCase.openedAt - a.features.dupCase.openedAt,
  );

  return matches.slice(0, LIMIT).map(({ features, distanceM }) => ({
    id: features.dupCase.id,
    // Rank only: FixMyStreet does not score.
    score: 1,
    distanceM,
    reasons: ['same type', formatMetres(distanceM)],
  }));
}
