// What each intent does to the central store. Every handler checks first
// and writes after, so a rejection leaves nothing behind; the caller runs
// it in the transaction that also records the outcome.
import type {
  HistoryEntry,
  Intent,
  SyncRequest,
} from '../../shared/sync-protocol';
import type {
  CentralTransaction,
  RequestPatch,
  StaffUser,
} from '../storage/central-store';
import { staleVersionReason, type StoryClock } from './change-story';

export type IntentContext = {
  user: StaffUser;
  consoleId: string;
  /** Server time of the transaction, epoch ms. */
  now: number;
  clock: StoryClock;
};

export type Decision =
  { outcome: 'applied' } | { outcome: 'rejected'; reason: string };

const applied: Decision = { outcome: 'applied' };
const reject = (reason: string): Decision => ({ outcome: 'rejected', reason });

type Check =
  { ok: true; request: SyncRequest } | { ok: false; decision: Decision };

/** The request, if it exists, is still open, and is at the version seen. */
async function openAtVersion(
  tx: CentralTransaction,
  id: string,
  expectedVersion: number,
  clock: StoryClock,
  retry: string,
): Promise<Check> {
  const request = await tx.getRequest(id);
  if (request === null) {
    return {
      ok: false,
      decision: reject(
        `Request ${id} does not exist on the server; refresh the queue.`,
      ),
    };
  }

  if (request.status === 'closed') {
    const how =
      request.mergedInto === null
        ? 'was closed'
        : `was merged into request ${request.mergedInto}`;
    return {
      ok: false,
      decision: reject(
        `Request ${id} ${how}, so it cannot be changed; open the request ` +
          'it now lives on, or reopen it in the city system.',
      ),
    };
  }

  if (request.version !== expectedVersion) {
    const latest = await latestChange(tx, id);
    return {
      ok: false,
      decision: reject(
        staleVersionReason(request, expectedVersion, latest, clock, retry),
      ),
    };
  }

  return { ok: true, request };
}

/** The newest history entry that changed the request (notes do not). */
async function latestChange(
  tx: CentralTransaction,
  requestId: string,
): Promise<HistoryEntry | null> {
  const entries = await tx.listHistory(requestId);
  for (let at = entries.length - 1; at >= 0; at -= 1) {
    const entry = entries[at];
    if (entry !== undefined && entry.action !== 'note_added') return entry;
  }
  return null;
}

async function record(
  tx: CentralTransaction,
  intent: Intent,
  ctx: IntentContext,
  requestId: string,
  action: string,
  detail: Record<string, unknown>,
): Promise<void> {
  await tx.insertHistory({
    requestId,
    at: intent.createdAt,
    actor: ctx.user.name,
    consoleId: ctx.consoleId,
    action,
    detail,
  });
}

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

async function merge(
  tx: CentralTransaction,
  intent: Extract<Intent, { type: 'merge' }>,
  ctx: IntentContext,
): Promise<Decision> {
  if (ctx.user.role === 'dispatcher') {
    return reject(
      `Merging requests needs a supervisor or admin; ${ctx.user.name} is ` +
        'signed in as a dispatcher. Ask a supervisor to merge them.',
    );
  }

  const duplicates = [...new Set(intent.duplicateIds)];
  if (duplicates.includes(intent.targetId)) {
    return reject(
      `Request ${intent.targetId} cannot be merged into itself; remove it ` +
        'from the duplicates.',
    );
  }

  const checked: SyncRequest[] = [];
  for (const id of [intent.targetId, ...duplicates]) {
    const seen = intent.expectedVersions[id];
    if (seen === undefined) {
      return reject(
        `The merge does not say which version of request ${id} was seen; ` +
          'reload the requests and merge again.',
      );
    }
    const check = await openAtVersion(tx, id, seen, ctx.clock, 'merge again');
    if (!check.ok) return check.decision;
    checked.push(check.request);
  }

  for (const duplicate of checked.slice(1)) {
    const id = duplicate.serviceRequestId;
    await tx.updateRequest(id, {
      status: 'closed',
      workStatus: 'closed',
      mergedInto: intent.targetId,
      closedAt: Math.max(ctx.now, duplicate.requestedAt),
      closureReason: `Duplicate of request ${intent.targetId}`,
      updatedAt: ctx.now,
    });
    await record(tx, intent, ctx, id, 'merged_into', {
      targetId: intent.targetId,
    });
  }

  await tx.updateRequest(intent.targetId, { updatedAt: ctx.now });
  await record(tx, intent, ctx, intent.targetId, 'merged', {
    duplicateIds: duplicates,
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
    case 'set_crew_status':
      return setCrewStatus(tx, intent);
  }
}
