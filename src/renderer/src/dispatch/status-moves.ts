// The status moves a city allows for a request's work, and which need a
// reason.
import type { WorkStatus } from '../../../shared/sync-protocol';

export type StatusMove = 'open' | 'in_progress' | 'resolved' | 'closed';

export const NEEDS_REASON = new Set<StatusMove>(['resolved', 'closed']);

/** The moves a city allows from each work status. */
export function allowedMoves(status: WorkStatus): StatusMove[] {
  switch (status) {
    case 'open':
    case 'assigned':
      return ['in_progress', 'resolved', 'closed'];
    case 'in_progress':
      return ['open', 'resolved', 'closed'];
    case 'resolved':
      return ['open', 'closed'];
    case 'closed':
      return [];
  }
}
