// Merging duplicates into one request, and undoing it. A merge closes each
// duplicate as "a duplicate of" the request that stays open, carries every
// duplicate's report (its text, photo, channel, the reporter's contact
// details and its notes) to that request as internal notes, gives it the
// earliest due time, and the crew the supervisor chose. What it changed is
// kept, so that within a window the supervisor can split them apart again.
import { createHash } from 'node:crypto';

import type { Intent, Note, SyncRequest } from '../../shared/sync-protocol';
import type {
  CentralTransaction,
  MergedTargetState,
  Reporter,
} from '../storage/central-store';
import {
  applied,
  openAtVersion,
  record,
  reject,
  type Decision,
  type IntentContext,
} from './intent-checks';

/** Undo is offered this long after a merge unless the server says else. */
export const DEFAULT_UNMERGE_WINDOW_MS = 24 * 60 * 60 * 1000;

const dateTime = new Intl.DateTimeFormat('en-US', {
  timeZone: 'America/New_York',
  month: 'short',
  day: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

function targetState(request: SyncRequest): MergedTargetState {
  return {
    slaDueAt: request.slaDueAt,
    assignedCrewId: request.assignedCrewId,
    workStatus: request.workStatus,
    mediaUrl: request.mediaUrl,
  };
}

function reporterWords(reporter: Reporter | null): string | null {
  if (reporter === null) return null;
  const name = [reporter.firstName, reporter.lastName]
    .filter(Boolean)
    .join(' ');
  const parts = [name, reporter.email, reporter.phone].filter(Boolean);
  return parts.length > 0 ? parts.join(', ') : null;
}

/** The duplicate's report, in words, for a note on the merged request. */
function reportNote(duplicate: SyncRequest, reporter: Reporter | null) {
  const lines = [
    `Merged report from request ${duplicate.serviceRequestId} ` +
      `(${duplicate.serviceName}, opened ` +
      `${dateTime.format(duplicate.requestedAt)}` +
      `${duplicate.source ? ` via ${duplicate.source}` : ''}).`,
  ];
  if (duplicate.address) lines.push(`Address: ${duplicate.address}`);
  if (duplicate.description) lines.push(`Said: ${duplicate.description}`);
  if (duplicate.mediaUrl) lines.push(`Photo: ${duplicate.mediaUrl}`);
  const who = reporterWords(reporter);
  if (who) lines.push(`Reporter: ${who}`);
  return lines.join('\n').slice(0, 4000);
}

/** A note id of its own for what a merge adds: short, and the same if resent. */
function mergeNoteId(ctx: IntentContext, seq: number, ...parts: string[]) {
  const digest = createHash('sha256')
    .update([ctx.consoleId, seq, ...parts].join('\u0000'))
    .digest('hex');
  return `merge-${digest.slice(0, 24)}`;
}

function earliest(dueTimes: (number | null)[]): number | null {
  const known = dueTimes.filter((due): due is number => due !== null);
  return known.length === 0 ? null : Math.min(...known);
}

export async function merge(
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

  const duplicateIds = [...new Set(intent.duplicateIds)];
  if (duplicateIds.includes(intent.targetId)) {
    return reject(
      `Request ${intent.targetId} cannot be merged into itself; remove it ` +
        'from the duplicates.',
    );
  }

  // Every request is checked before anything is written: a merge is all
  // or nothing.
  const checked: SyncRequest[] = [];
  for (const id of [intent.targetId, ...duplicateIds]) {
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
  const [target, ...duplicates] = checked as [SyncRequest, ...SyncRequest[]];

  const crewId =
    intent.crewId === undefined ? target.assignedCrewId : intent.crewId;
  if (crewId !== null && crewId !== target.assignedCrewId) {
    const crew = await tx.getCrew(crewId);
    if (crew === null || crew.status === 'off_shift') {
      return reject(
        `Crew ${crewId} ${crew === null ? 'does not exist' : 'is off shift'}; ` +
          'choose another crew for the merged request, or none.',
      );
    }
  }

  const notes: Note[] = [];
  const closedVersions = new Map<string, number>();
  for (const duplicate of duplicates) {
    const id = duplicate.serviceRequestId;
    const closed = await tx.updateRequest(id, {
      status: 'closed',
      workStatus: 'closed',
      assignedCrewId: null,
      mergedInto: target.serviceRequestId,
      closedAt: Math.max(ctx.now, duplicate.requestedAt),
      closureReason: `Duplicate of request ${target.serviceRequestId}`,
      statusNotes:
        `Closed as a duplicate of request ${target.serviceRequestId}, ` +
        'where the work is tracked.',
      updatedAt: ctx.now,
    });
    closedVersions.set(id, closed.version);
    await record(tx, intent, ctx, id, 'merged_into', {
      targetId: target.serviceRequestId,
    });

    notes.push({
      noteId: mergeNoteId(ctx, intent.seq, id),
      requestId: target.serviceRequestId,
      body: reportNote(duplicate, await tx.getReporter(id)),
      visibility: 'internal',
      author: ctx.user.name,
      createdAt: ctx.now,
    });
    for (const note of await tx.listNotes(id)) {
      notes.push({
        ...note,
        noteId: mergeNoteId(ctx, intent.seq, id, note.noteId),
        requestId: target.serviceRequestId,
        body: `From request ${id}: ${note.body}`.slice(0, 4000),
      });
    }
  }
  for (const note of notes) {
    if ((await tx.getNote(note.noteId)) === null) await tx.insertNote(note);
  }

  const before = targetState(target);
  const after: MergedTargetState = {
    slaDueAt: earliest(checked.map((request) => request.slaDueAt)),
    assignedCrewId: crewId,
    workStatus:
      crewId === null
        ? target.workStatus === 'assigned'
          ? 'open'
          : target.workStatus
        : target.workStatus === 'open'
          ? 'assigned'
          : target.workStatus,
    mediaUrl:
      target.mediaUrl ??
      duplicates.find((duplicate) => duplicate.mediaUrl)?.mediaUrl ??
      null,
  };
  await tx.updateRequest(target.serviceRequestId, {
    ...after,
    updatedAt: ctx.now,
  });
  await record(tx, intent, ctx, target.serviceRequestId, 'merged', {
    duplicateIds,
    crewId,
    previousCrewId: before.assignedCrewId,
  });

  await tx.insertMerge({
    targetId: target.serviceRequestId,
    mergedAt: ctx.now,
    undoneAt: null,
    by: ctx.user.name,
    targetBefore: before,
    targetAfter: after,
    duplicates: duplicates.map((duplicate) => ({
      before: duplicate,
      closedVersion: closedVersions.get(duplicate.serviceRequestId) ?? 0,
    })),
  });

  return applied;
}

const sameIds = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && a.every((id) => b.includes(id));

export async function unmerge(
  tx: CentralTransaction,
  intent: Extract<Intent, { type: 'unmerge' }>,
  ctx: IntentContext,
): Promise<Decision> {
  if (ctx.user.role === 'dispatcher') {
    return reject(
      `Undoing a merge needs a supervisor or admin; ${ctx.user.name} is ` +
        'signed in as a dispatcher.',
    );
  }

  const found = await tx.latestMerge(intent.targetId);
  const mergedIds =
    found?.duplicates.map((d) => d.before.serviceRequestId) ?? [];
  if (
    found === null ||
    !sameIds(mergedIds, [...new Set(intent.duplicateIds)])
  ) {
    return reject(
      `Request ${intent.targetId} has no merge of ` +
        `${intent.duplicateIds.join(', ')} left to undo` +
        (found === null ? '' : ` (its latest merged ${mergedIds.join(', ')})`) +
        '.',
    );
  }

  const window = ctx.unmergeWindowMs ?? DEFAULT_UNMERGE_WINDOW_MS;
  if (ctx.now - found.mergedAt > window) {
    const hours = Math.round(window / 3_600_000);
    return reject(
      `The merge into request ${intent.targetId} was made more than ` +
        `${hours} h ago and can no longer be undone here; reopen the ` +
        'duplicates in the city system if they are separate problems.',
    );
  }

  const target = await tx.getRequest(intent.targetId);
  if (target === null || target.status === 'closed') {
    return reject(
      `Request ${intent.targetId} is no longer open, so its merge cannot ` +
        'be undone; reopen it in the city system first.',
    );
  }
  for (const { before, closedVersion } of found.duplicates) {
    const now = await tx.getRequest(before.serviceRequestId);
    if (now?.version !== closedVersion) {
      return reject(
        `Request ${before.serviceRequestId} changed after it was merged, so ` +
          'the merge cannot be undone automatically; reopen it in the city ' +
          'system.',
      );
    }
  }

  for (const { before } of found.duplicates) {
    const id = before.serviceRequestId;
    const crew =
      before.assignedCrewId === null
        ? null
        : await tx.getCrew(before.assignedCrewId);
    await tx.updateRequest(id, {
      status: 'open',
      workStatus: crew === null ? 'open' : before.workStatus,
      assignedCrewId: crew === null ? null : before.assignedCrewId,
      mergedInto: null,
      closedAt: null,
      closureReason: null,
      statusNotes: before.statusNotes,
      updatedAt: ctx.now,
    });
    await record(tx, intent, ctx, id, 'unmerged_from', {
      targetId: intent.targetId,
    });
  }

  // What the merge set on the target goes back, unless changed since.
  const { targetBefore: was, targetAfter: set } = found;
  const patch: Partial<MergedTargetState> = {};
  if (target.slaDueAt === set.slaDueAt) patch.slaDueAt = was.slaDueAt;
  if (target.mediaUrl === set.mediaUrl) patch.mediaUrl = was.mediaUrl;
  if (
    target.assignedCrewId === set.assignedCrewId &&
    target.workStatus === set.workStatus
  ) {
    patch.assignedCrewId = was.assignedCrewId;
    patch.workStatus = was.workStatus;
  }
  await tx.updateRequest(intent.targetId, { ...patch, updatedAt: ctx.now });
  await record(tx, intent, ctx, intent.targetId, 'unmerged', {
    duplicateIds: mergedIds,
  });
  await tx.markMergeUndone(found.mergeId, ctx.now);

  return applied;
}
