// What the server holds after a run, set against the intents the consoles
// made: which were applied, what each applied intent should have left
// behind (one note, one history entry, one version step), and what is there.
import type { HistoryEntry, Note } from '../../../src/shared/sync-protocol';
import { recordedOutcomes, type ChaosCentral } from './chaos-central';
import type { MadeIntent } from './random-intents';

export type ConsoleRun = { consoleId: string; made: MadeIntent[] };

export type ServerEffects = {
  notes: Note[];
  history: HistoryEntry[];
  versions: Map<string, number>;
  /** Outcomes by console id, then seq. */
  outcomes: Map<string, Map<number, 'applied' | 'rejected' | 'retryable'>>;
};

const ACTION: Record<string, string> = {
  assign: 'assigned',
  unassign: 'unassigned',
  set_status: 'status_changed',
  add_note: 'note_added',
};

export async function readServerEffects(
  central: ChaosCentral,
  consoleIds: readonly string[],
): Promise<ServerEffects> {
  const { store } = central.server;
  const notes: Note[] = [];
  const history: HistoryEntry[] = [];
  const versions = new Map<string, number>();

  for (const id of central.requestIds) {
    notes.push(...(await store.listNotes(id)));
    history.push(...(await store.listHistory(id)));
    versions.set(id, (await store.getRequest(id))?.version ?? -1);
  }

  const outcomes: ServerEffects['outcomes'] = new Map();
  for (const consoleId of consoleIds) {
    const bySeq = new Map<number, 'applied' | 'rejected' | 'retryable'>();
    for (const result of await recordedOutcomes(central, consoleId)) {
      bySeq.set(result.seq, result.outcome);
    }
    outcomes.set(consoleId, bySeq);
  }

  return { notes, history, versions, outcomes };
}

/** "console|request|action" → how many, for comparing multisets. */
export function tally(keys: Iterable<string>): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const key of keys) counts[key] = (counts[key] ?? 0) + 1;
  return counts;
}

/** What the applied intents should have left on the server. */
export function expectedEffects(
  runs: readonly ConsoleRun[],
  effects: ServerEffects,
  requestIds: readonly string[],
) {
  const historyKeys: string[] = [];
  const noteIds: string[] = [];
  const versions = new Map(requestIds.map((id) => [id, 1]));

  for (const { consoleId, made } of runs) {
    const outcomes = effects.outcomes.get(consoleId);
    for (const intent of made) {
      if (outcomes?.get(intent.seq) !== 'applied') continue;

      historyKeys.push(
        `${consoleId}|${intent.requestId}|${ACTION[intent.type]}`,
      );
      if (intent.noteId !== null) noteIds.push(intent.noteId);
      else {
        versions.set(
          intent.requestId,
          (versions.get(intent.requestId) ?? 0) + 1,
        );
      }
    }
  }

  return { history: tally(historyKeys), noteIds: noteIds.sort(), versions };
}

/** The same tally of what the server actually holds. */
export function actualEffects(effects: ServerEffects) {
  return {
    history: tally(
      effects.history.map(
        (entry) => `${entry.consoleId}|${entry.requestId}|${entry.action}`,
      ),
    ),
    noteIds: effects.notes.map((note) => note.noteId).sort(),
    versions: effects.versions,
  };
}
