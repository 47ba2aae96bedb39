// What each intent does to the central store. Every handler checks first
// and writes after, so a rejection leaves nothing behind; the caller runs
// it in the transaction that also records the outcome.
import type { Intent } from '../../shared/sync-protocol';
import type {
  CentralTransaction,
  RequestPatch,
} from '../storage/central-store';
import { merge, unmerge } from './apply-merge';
import {
  applied,
  openAtVersion,
  record,
  reject,
  type Decision,
  type IntentContext,
} from './intent-checks';

export type { Decision, IntentContext } from './intent-checks';

async function assign(
  tx: CentralTransaction,
  intent: Extract<Intent, { type: 'assign' }>,
  ctx: IntentContext,
): Promise<Decision> {
  const check = await openAtVersion(
    tx,
    intent.requestId,
    intent.expectedVersion,
    ctx.clock,
    'assign again',
  );
  if (!check.ok) return check.decision;

  const crew = await tx.getCrew(intent.crewId);
  if (crew === null) {
    return reject(
      `Crew ${intent.crewId} does not exist; pick a crew from the current list.`,
    );
  }
  if (crew.status === 'off_shift') {
    return reject(
      `Crew ${crew.crewId} (${crew.name}) is off shift; pick an on-shift ` +
        'crew or start its shift first.',
    );
  }

  const previousCrewId = check.request.assignedCrewId;
  await tx.updateRequest(intent.requestId, {
    assignedCrewId: crew.crewId,
    workStatus: 'assigned',
    updatedAt: ctx.now,
  });
  await record(tx, intent, ctx, intent.requestId, 'assigned', {
    crewId: crew.crewId,
    previousCrewId,
  });

  return applied;
}

async function unassign(
  tx: CentralTransaction,
  intent: Extract<Intent, { type: 'unassign' }>,
  ctx: IntentContext,
): Promise<Decision> {
  const check = await openAtVersion(
    tx,
    intent.requestId,
    intent.expectedVersion,
    ctx.clock,
    'unassign again',
  );
  if (!check.ok) return check.decision;

  const previousCrewId = check.request.assignedCrewId;
  if (previousCrewId === null) {
    return reject(
      `Request ${intent.requestId} has no crew assigned, so there is nothing to unassign.`,
    );
  }

  await tx.updateRequest(intent.requestId, {
    assignedCrewId: null,
    workStatus: 'open',
    updatedAt: ctx.now,
  });
  await record(tx, intent, ctx, intent.requestId, 'unassigned', {
    previousCrewId,
  });

  return applied;
}

async function setStatus(
  tx: CentralTransaction,
  intent: Extract<Intent, { type: 'set_status' }>,
  ctx: IntentContext,
): Promise<Decision> {
  const ending = intent.status === 'closed' || intent.status === 'resolved';
  const reason = intent.reason?.trim() ?? '';
  if (ending && reason === '') {
    const verb = intent.status === 'closed' ? 'Closing' : 'Resolving';
    return reject(
      `${verb} request ${intent.requestId} needs a reason; say what was ` +
        'done (or why nothing will be) and try again.',
    );
  }

  const check = await openAtVersion(
    tx,
    intent.requestId,
    intent.expectedVersion,
    ctx.clock,
    'set the status again',
  );
  if (!check.ok) return check.decision;

  const current = check.request;
  let patch: RequestPatch;
  if (intent.status === 'closed') {
    patch = {
      status: 'closed',
      workStatus: 'closed',
      closedAt: Math.max(ctx.now, current.requestedAt),
      closureReason: reason,
      updatedAt: ctx.now,
    };
  } else if (intent.status === 'resolved') {
    // Resolved work stays in the open set until the city closes the case.
    patch = { workStatus: 'resolved', statusNotes: reason, updatedAt: ctx.now };
  } else if (intent.status === 'open') {
    patch = {
      workStatus: current.assignedCrewId === null ? 'open' : 'assigned',
      updatedAt: ctx.now,
    };
  } else {
    patch = { workStatus: 'in_progress', updatedAt: ctx.now };
  }

  await tx.updateRequest(intent.requestId, patch);
  await record(tx, intent, ctx, intent.requestId, 'status_changed', {
    from: current.workStatus,
    to: intent.status,
    reason: intent.reason,
  });

  return applied;
}

async function addNote(
  tx: CentralTransaction,
  intent: Extract<Intent, { type: 'add_note' }>,
  ctx: IntentContext,
): Promise<Decision> {
  const request = await tx.getRequest(intent.requestId);
  if (request === null) {
    return reject(
      `Request ${intent.requestId} does not exist on the server, so the note was not saved.`,
    );
  }

  const existing = await tx.getNote(intent.noteId);
  if (existing !== null) {
    // The same note sent again under a new seq (say, after a reinstall).
    if (
      existing.requestId === intent.requestId &&
      existing.body === intent.body
    ) {
      return applied;
    }
    return reject(
      `Note id ${intent.noteId} is already used by another note; the console ` +
        'must give each note a new id.',
    );
  }

  await tx.insertNote({
    noteId: intent.noteId,
    requestId: intent.requestId,
    body: intent.body,
    visibility: intent.visibility,
    author: ctx.user.name,
    createdAt: intent.createdAt,
  });
  await record(tx, intent, ctx, intent.requestId, 'note_added', {
    noteId: intent.noteId,
    visibility: intent.visibility,
  });

  return applied;
}

async function setCrewStatus(
  tx: CentralTransaction,
  intent: Extract<Intent, { type: 'set_crew_status' }>,
): Promise<Decision> {
  const crew = await tx.getCrew(intent.crewId);
  if (crew === null) {
    return reject(
      `Crew ${intent.crewId} does not exist; pick a crew from the current list.`,
    );
  }

  await tx.updateCrew(intent.crewId, { status: intent.status });
  return applied;
}

/** Checks the intent against the store and, if it may, applies it. */
export async function applyIntent(
  tx: CentralTransaction,
  intent: Intent,
  ctx: IntentContext,
): Promise<Decision> {
  const dependency = intent.dependsOnSeq ?? null;
  if (dependency !== null) {
    const earlier = await tx.intentOutcome(ctx.consoleId, dependency);
    if (earlier?.outcome === 'rejected') {
      return reject(
        `It built on your earlier change #${dependency}, which was refused ` +
          `(${earlier.reason.slice(0, 600)}); look at the request again and ` +
          'redo it if it is still needed.',
      );
    }
  }

  switch (intent.type) {
    case 'assign':
      return assign(tx, intent, ctx);
    case 'unassign':
      return unassign(tx, intent, ctx);
    case 'set_status':
      return setStatus(tx, intent, ctx);
    case 'add_note':
      return addNote(tx, intent, ctx);
    case 'merge':
      return merge(tx, intent, ctx);
    case 'unmerge':
      return unmerge(tx, intent, ctx);
    case 'set_crew_status':
      return setCrewStatus(tx, intent);
    case 'void':
      return reject(
        `Change #${intent.seq} was never sent: ${intent.reason.slice(0, 800)}`,
      );
  }
}
