// One line saying what an intent asked for, for the conflicts list and logs.
import type { Intent } from '../../shared/sync-protocol';

export function describeIntent(intent: Intent): string {
  switch (intent.type) {
    case 'assign':
      return `Assign crew ${intent.crewId} to request ${intent.requestId}`;
    case 'unassign':
      return `Unassign the crew from request ${intent.requestId}`;
    case 'set_status':
      return `Set request ${intent.requestId} to ${intent.status.replace('_', ' ')}`;
    case 'add_note':
      return `Add a ${intent.visibility} note to request ${intent.requestId}`;
    case 'merge':
      return (
        `Merge ${intent.duplicateIds.join(', ')} into request ` +
        intent.targetId
      );
    case 'unmerge':
      return (
        `Undo the merge of ${intent.duplicateIds.join(', ')} into request ` +
        intent.targetId
      );
    case 'set_crew_status':
      return `Set crew ${intent.crewId} to ${intent.status.replace('_', ' ')}`;
    case 'void':
      return `A change this console could not read back (#${intent.seq})`;
  }
}
