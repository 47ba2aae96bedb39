// What a dispatcher can do to requests and crews: each command checks the
// local view, records the intent with the version the user saw (its
// optimistic effect and outbox row in one transaction) and returns at once.
import type { IntentReceipt, SignedInUser } from '../../shared/contract';
import {
  intentSchema,
  type CrewStatus,
  type Intent,
} from '../../shared/sync-protocol';
import type { RequestDispatchView } from '../store/dispatch-view-repository';
import type { SyncStore } from '../store/sync-store';

export type IntentCommandsOptions = {
  sync: SyncStore;
  /** The server-corrected clock. */
  now: () => number;
  signedInAs: () => SignedInUser | null;
  /** Called after each recorded intent, to push it at once. */
  onRecorded: () => void;
};

export class IntentError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'IntentError';
  }
}

type IntentBody = Intent extends infer I
  ? I extends Intent
    ? Omit<I, 'seq' | 'createdAt'>
    : never
  : never;

export type IntentCommands = {
  assignCrew: (arg: { requestId: string; crewId: string }) => IntentReceipt;
  unassignCrew: (arg: { requestId: string }) => IntentReceipt;
  setRequestStatus: (arg: {
    requestId: string;
    status: 'open' | 'in_progress' | 'resolved' | 'closed';
    reason?: string | null;
  }) => IntentReceipt;
  addNote: (arg: {
    requestId: string;
    body: string;
    visibility: 'internal' | 'public';
  }) => IntentReceipt;
  mergeRequests: (arg: {
    targetId: string;
    duplicateIds: string[];
    crewId?: string | null;
  }) => IntentReceipt;
  unmergeRequests: (arg: {
    targetId: string;
    duplicateIds: string[];
  }) => IntentReceipt;
  setCrewStatus: (arg: { crewId: string; status: CrewStatus }) => IntentReceipt;
};

export function createIntentCommands(
  options: IntentCommandsOptions,
): IntentCommands {
  const { sync } = options;

  const supervisorOnly = (doing: string) => {
    const role = options.signedInAs()?.role;
    if (role !== 'supervisor' && role !== 'admin') {
      throw new IntentError(
        `${doing} needs a supervisor or admin; ask one, or sign in with ` +
          'such an account.',
      );
    }
  };

  const record = (body: (seq: number) => IntentBody): IntentReceipt => {
    const author = options.signedInAs()?.name ?? 'this console';
    const intent = sync.outbox.recordIntent(
      (seq) =>
        // Checked before it is stored: an intent the server could not read
        // must never take a seq.
        intentSchema.parse({ ...body(seq), seq, createdAt: options.now() }),
      author,
    );
    options.onRecorded();
    return { seq: intent.seq };
  };

  const openRequest = (id: string, doing: string): RequestDispatchView => {
    const request = sync.dispatch.getDispatchView(id);
    if (request === null) {
      throw new IntentError(
        `Request ${id} is not in this console's queue; it may have been ` +
          'closed or merged. Refresh the queue and try again.',
      );
    }
    if (request.mergedInto !== null) {
      throw new IntentError(
        `Request ${id} was merged into ${request.mergedInto}; ${doing} on ` +
          `${request.mergedInto} instead.`,
      );
    }
    if (request.status === 'closed') {
      throw new IntentError(closedIsFinal(id, doing));
    }
    return request;
  };

  return {
    assignCrew({ requestId, crewId }) {
      const request = openRequest(requestId, 'assigning a crew');
      const crew = sync.dispatch.getCrew(crewId);
      if (crew === null) {
        throw new IntentError(
          `Crew ${crewId} is not known to this console; pick a crew from ` +
            'the list.',
        );
      }
      if (crew.status === 'off_shift') {
        throw new IntentError(
          `Crew ${crew.name} is off shift; pick an on-shift crew or start ` +
            'their shift first.',
        );
      }
      if (request.assignedCrewId === crewId) {
        throw new IntentError(
          `Request ${requestId} is already assigned to ${crew.name}.`,
        );
      }
      return record(() => ({
        type: 'assign',
        requestId,
        crewId,
        expectedVersion: request.version,
      }));
    },

    unassignCrew({ requestId }) {
      const request = openRequest(requestId, 'unassigning its crew');
      if (request.assignedCrewId === null) {
        throw new IntentError(
          `Request ${requestId} has no crew assigned; there is nothing to ` +
            'unassign.',
        );
      }
      return record(() => ({
        type: 'unassign',
        requestId,
        expectedVersion: request.version,
      }));
    },

    setRequestStatus({ requestId, status, reason }) {
      const request = sync.dispatch.getDispatchView(requestId);
      if (request === null || request.mergedInto !== null) {
        openRequest(requestId, 'changing its status');
      }
      if (request === null)
        throw new IntentError(`Request ${requestId} is missing.`);
      if (request.status === 'closed') {
        throw new IntentError(
          closedIsFinal(requestId, `setting it to ${status.replace('_', ' ')}`),
        );
      }
      const why = reason?.trim() ? reason.trim() : null;
      if ((status === 'closed' || status === 'resolved') && why === null) {
        throw new IntentError(
          `Say why request ${requestId} is ${status}: a reason is needed to ` +
            'close or resolve a request.',
        );
      }
      return record(() => ({
        type: 'set_status',
        requestId,
        status,
        reason: why,
        expectedVersion: request.version,
      }));
    },

    addNote({ requestId, body, visibility }) {
      if (sync.dispatch.getDispatchView(requestId) === null) {
        openRequest(requestId, 'adding a note');
      }
      const consoleId = sync.state.consoleId();
      return record((seq) => ({
        type: 'add_note',
        requestId,
        noteId: `${consoleId}:n${seq}`,
        body: body.trim(),
        visibility,
      }));
    },

    mergeRequests({ targetId, duplicateIds, crewId }) {
      supervisorOnly('Merging requests');
      const duplicates = [...new Set(duplicateIds)];
      if (duplicates.includes(targetId)) {
        throw new IntentError(
          `Request ${targetId} cannot be merged into itself; leave it out ` +
            'of the duplicates.',
        );
      }
      const expectedVersions: Record<string, number> = {};
      expectedVersions[targetId] = openRequest(
        targetId,
        'merging into it',
      ).version;
      for (const id of duplicates) {
        expectedVersions[id] = openRequest(id, 'merging it').version;
      }
      if (crewId !== undefined && crewId !== null) {
        const crew = sync.dispatch.getCrew(crewId);
        if (crew === null || crew.status === 'off_shift') {
          throw new IntentError(
            `Crew ${crewId} ${crew === null ? 'is not known to this console' : 'is off shift'}; ` +
              'choose another crew for the merged request, or none.',
          );
        }
      }
      return record(() => ({
        type: 'merge',
        targetId,
        duplicateIds: duplicates,
        expectedVersions,
        ...(crewId === undefined ? {} : { crewId }),
      }));
    },

    unmergeRequests({ targetId, duplicateIds }) {
      supervisorOnly('Undoing a merge');
      openRequest(targetId, 'undoing its merge');
      return record(() => ({
        type: 'unmerge',
        targetId,
        duplicateIds: [...new Set(duplicateIds)],
      }));
    },

    setCrewStatus({ crewId, status }) {
      const crew = sync.dispatch.getCrew(crewId);
      if (crew === null) {
        throw new IntentError(
          `Crew ${crewId} is not known to this console; pick a crew from ` +
            'the list.',
        );
      }
      if (crew.status === status) {
        throw new IntentError(
          `Crew ${crew.name} is already ${status.replace('_', ' ')}.`,
        );
      }
      return record(() => ({ type: 'set_crew_status', crewId, status }));
    },
  };
}

/**
 * The server refuses every change to a closed request: closing is final in
 * StreetDesk, and a case that needs work again is reopened in the city's
 * system, from where it comes back through the change feed.
 */
function closedIsFinal(id: string, doing: string): string {
  return (
    `Request ${id} is closed, so StreetDesk cannot be used for ${doing}; ` +
    'if the problem is back, reopen the case in the city system.'
  );
}
