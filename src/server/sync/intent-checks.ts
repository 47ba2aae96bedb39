// The checks and records every intent handler shares: the outcome shapes,
// "is the request still open at the version the user saw", and the history
// entry an applied intent leaves.
import type {
  HistoryEntry,
  Intent,
  SyncRequest,
} from '../../shared/sync-protocol';
import type { CentralTransaction, StaffUser } from '../storage/central-store';
import { staleVersionReason, type StoryClock } from './change-story';

export type IntentContext = {
  user: StaffUser;
  consoleId: string;
  /** Server time of the transaction, epoch ms. */
  now: number;
  clock: StoryClock;
  /** How long after a merge a supervisor may undo it; 24 h by default. */
  unmergeWindowMs?: number;
};

export type Decision =
  { outcome: 'applied' } | { outcome: 'rejected'; reason: string };

export const applied: Decision = { outcome: 'applied' };
export const reject = (reason: string): Decision => ({
  outcome: 'rejected',
  reason,
});

export type Check =
  { ok: true; request: SyncRequest } | { ok: false; decision: Decision };

/** The request, if it exists, is still open, and is at the version seen. */
export async function openAtVersion(
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

export async function record(
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
