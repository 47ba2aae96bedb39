// Random dispatcher work on a console, from a seeded dice: notes,
// assignments, unassignments and status changes on a pool of requests.
// Each action goes through the console's own commands, so the version an
// intent carries is the one that console's view showed.
import type { ServiceHandlers } from '../../../src/shared/contract';
import type { IntentType } from '../../../src/shared/sync-protocol';

export type MadeIntent = {
  seq: number;
  type: IntentType;
  requestId: string;
  noteId: string | null;
};

export type IntentMix = {
  note: number;
  assign: number;
  unassign: number;
  status: number;
  /** Of status changes, the share that close the request. */
  closeShare: number;
};

export const DEFAULT_MIX: IntentMix = {
  note: 0.35,
  assign: 0.35,
  unassign: 0.1,
  status: 0.2,
  closeShare: 0.1,
};

const pick = <T>(random: () => number, items: readonly T[]): T => {
  const item = items[Math.floor(random() * items.length)];
  if (item === undefined) throw new Error('Nothing to pick from.');
  return item;
};

/**
 * Makes one random intent on `requestIds`, or returns null when the
 * console refused it locally (e.g. unassigning a request with no crew).
 */
export async function makeRandomIntent(options: {
  handlers: ServiceHandlers;
  consoleId: string;
  random: () => number;
  requestIds: readonly string[];
  crewIds: readonly string[];
  mix?: IntentMix;
  label?: string;
}): Promise<MadeIntent | null> {
  const { handlers, random } = options;
  const mix = options.mix ?? DEFAULT_MIX;
  const requestId = pick(random, options.requestIds);
  const dice = random() * (mix.note + mix.assign + mix.unassign + mix.status);

  try {
    if (dice < mix.note) {
      const { seq } = await handlers.addNote({
        requestId,
        body: `${options.label ?? 'note'} ${Math.floor(random() * 1e9)}`,
        visibility: random() < 0.5 ? 'internal' : 'public',
      });
      return {
        seq,
        type: 'add_note',
        requestId,
        noteId: `${options.consoleId}:n${seq}`,
      };
    }
    if (dice < mix.note + mix.assign) {
      const crewId = pick(random, options.crewIds);
      const { seq } = await handlers.assignCrew({ requestId, crewId });
      return { seq, type: 'assign', requestId, noteId: null };
    }
    if (dice < mix.note + mix.assign + mix.unassign) {
      const { seq } = await handlers.unassignCrew({ requestId });
      return { seq, type: 'unassign', requestId, noteId: null };
    }

    const closing = random() < mix.closeShare;
    const status = closing
      ? 'closed'
      : pick(random, ['open', 'in_progress', 'resolved'] as const);
    const { seq } = await handlers.setRequestStatus({
      requestId,
      status,
      reason: status === 'open' || status === 'in_progress' ? null : 'done',
    });
    return { seq, type: 'set_status', requestId, noteId: null };
  } catch (error) {
    if (error instanceof Error && error.name === 'IntentError') return null;
    throw error;
  }
}
