// A request's history entries in words, for the detail panel. The detail
// comes from the server as JSON: every field is checked before it is used.

type CrewNames = (crewId: string) => string;

const textOf = (value: unknown): string | null =>
  typeof value === 'string' && value.length > 0 ? value : null;

const words = (status: unknown) =>
  textOf(status)?.replaceAll('_', ' ') ?? 'unknown';

/** One sentence for a history entry; unknown actions are named as they are. */
export function summarizeHistory(
  action: string,
  detail: Record<string, unknown>,
  crewName: CrewNames,
): string {
  const crew = (key: string) => {
    const id = textOf(detail[key]);
    return id === null ? null : crewName(id);
  };

  switch (action) {
    case 'assigned': {
      const to = crew('crewId') ?? 'a crew';
      const from = crew('previousCrewId');
      return from === null
        ? `assigned ${to}`
        : `reassigned from ${from} to ${to}`;
    }
    case 'unassigned': {
      const from = crew('previousCrewId');
      return from === null ? 'unassigned its crew' : `unassigned ${from}`;
    }
    case 'status_changed': {
      const reason = textOf(detail.reason);
      const moved = `status ${words(detail.from)} → ${words(detail.to)}`;
      return reason === null ? moved : `${moved}: ${reason}`;
    }
    case 'note_added':
      return detail.visibility === 'public'
        ? 'added a public note'
        : 'added an internal note';
    case 'merged_into':
      return `merged into ${textOf(detail.targetId) ?? 'another request'}`;
    case 'merged': {
      const ids = Array.isArray(detail.duplicateIds)
        ? detail.duplicateIds.filter((id) => typeof id === 'string')
        : [];
      return ids.length === 0
        ? 'merged duplicates into this request'
        : `merged ${ids.join(', ')} into this request`;
    }
    case 'unmerged': {
      const ids = mergedIdsOf(detail);
      return ids.length === 0
        ? 'undid a merge into this request'
        : `undid the merge of ${ids.join(', ')}: open on their own again`;
    }
    case 'unmerged_from':
      return `split off again from ${textOf(detail.targetId) ?? 'the request it was merged into'}`;
    default:
      return action.replaceAll('_', ' ');
  }
}

/** The duplicate ids a merge or an undone merge names. */
export function mergedIdsOf(detail: Record<string, unknown>): string[] {
  return Array.isArray(detail.duplicateIds)
    ? detail.duplicateIds.filter((id): id is string => typeof id === 'string')
    : [];
}
