// Sentences a dispatcher reads on their conflicts list: what happened to a
// request since they looked, and who did it.
import type { HistoryEntry, SyncRequest } from '../../shared/sync-protocol';

export type StoryClock = { timeZone: string };

export function clockTime(at: number, clock: StoryClock): string {
  return new Intl.DateTimeFormat('en-GB', {
    hour: '2-digit',
    minute: '2-digit',
    hour12: false,
    timeZone: clock.timeZone,
  }).format(at);
}

function detailText(entry: HistoryEntry, key: string): string | null {
  const value = entry.detail[key];
  return typeof value === 'string' ? value : null;
}

/** "was reassigned to crew PWD-04", from a history entry. */
export function whatHappened(entry: HistoryEntry): string {
  const crew = detailText(entry, 'crewId');
  const previous = detailText(entry, 'previousCrewId');
  const to = detailText(entry, 'to');

  switch (entry.action) {
    case 'assigned':
      return previous === null
        ? `was assigned to crew ${crew ?? 'another crew'}`
        : `was reassigned to crew ${crew ?? 'another crew'}`;
    case 'unassigned':
      return `was unassigned from crew ${previous ?? 'its crew'}`;
    case 'status_changed':
      return `was set to ${(to ?? 'another status').replace('_', ' ')}`;
    case 'merged':
      return 'had duplicates merged into it';
    case 'merged_into':
      return `was merged into request ${detailText(entry, 'targetId') ?? 'another'}`;
    case 'note_added':
      return 'got a note';
    default:
      return `was changed (${entry.action})`;
  }
}

/**
 * Why a compare-and-set failed: "Request 101001 was reassigned to crew
 * PWD-04 by Ana Diaz at 14:02 since you looked; check it and <retry>."
 */
export function staleVersionReason(
  request: SyncRequest,
  seenVersion: number,
  latest: HistoryEntry | null,
  clock: StoryClock,
  retry: string,
): string {
  const id = request.serviceRequestId;

  if (latest === null) {
    return (
      `Request ${id} changed on the server since you looked (you saw ` +
      `version ${seenVersion}, it is now ${request.version}); check it and ${retry}.`
    );
  }

  return (
    `Request ${id} ${whatHappened(latest)} by ${latest.actor} at ` +
    `${clockTime(latest.at, clock)} since you looked; check it and ${retry}.`
  );
}
