// A reference model of what the central API does with intents, for the
// long-offline test: the dispatch state of each request, and the outcome of
// applying intents one after another in the order they reach the server.
// It follows the rules of docs/sync-protocol.md (compare-and-set on the
// version, closed requests refuse changes, notes never conflict), written
// again from the rules rather than from the server's code.
import type { Intent, WorkStatus } from '../../../src/shared/sync-protocol';

export type ModelRequest = {
  version: number;
  status: 'open' | 'closed';
  workStatus: WorkStatus;
  assignedCrewId: string | null;
};

export type ModelState = Map<string, ModelRequest>;

export type ModelOutcome = 'applied' | 'rejected';

/** Applies one intent to `state` (in place) and says what became of it. */
export function applyToModel(
  state: ModelState,
  onShiftCrews: ReadonlySet<string>,
  intent: Intent,
): ModelOutcome {
  if (intent.type === 'add_note') {
    return state.has(intent.requestId) ? 'applied' : 'rejected';
  }
  if (intent.type === 'void') return 'rejected';
  if (
    intent.type === 'merge' ||
    intent.type === 'unmerge' ||
    intent.type === 'set_crew_status'
  ) {
    throw new Error(`the model does not cover ${intent.type} intents`);
  }

  const request = state.get(intent.requestId);
  if (request === undefined || request.status === 'closed') return 'rejected';
  if (request.version !== intent.expectedVersion) return 'rejected';

  let next: ModelRequest;
  switch (intent.type) {
    case 'assign':
      if (!onShiftCrews.has(intent.crewId)) return 'rejected';
      next = { ...request, assignedCrewId: intent.crewId };
      next.workStatus = 'assigned';
      break;
    case 'unassign':
      if (request.assignedCrewId === null) return 'rejected';
      next = { ...request, assignedCrewId: null, workStatus: 'open' };
      break;
    case 'set_status':
      next = { ...request };
      if (intent.status === 'closed') {
        if (intent.reason === null) return 'rejected';
        next.status = 'closed';
        next.workStatus = 'closed';
      } else if (intent.status === 'resolved') {
        if (intent.reason === null) return 'rejected';
        next.workStatus = 'resolved';
      } else if (intent.status === 'open') {
        next.workStatus = request.assignedCrewId === null ? 'open' : 'assigned';
      } else {
        next.workStatus = 'in_progress';
      }
      break;
  }

  state.set(intent.requestId, { ...next, version: request.version + 1 });
  return 'applied';
}

export function cloneModel(state: ModelState): ModelState {
  return new Map([...state].map(([id, request]) => [id, { ...request }]));
}
