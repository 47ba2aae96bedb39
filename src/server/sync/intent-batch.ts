// A console's batch of intents, one transaction per intent: the effects,
// the outcome and the console's new last seq land together, so a crash or
// a resent batch can neither lose an intent nor apply it twice.
import type { Logger } from '../../main/log/logger';
import type { IntentBatch, IntentResult } from '../../shared/sync-protocol';
import {
  TransientStoreError,
  type CentralStore,
  type StaffUser,
} from '../storage/central-store';
import { applyIntent } from './apply-intent';
import type { StoryClock } from './change-story';

export type BatchAnswer =
  | { kind: 'results'; results: IntentResult[]; lastAppliedSeq: number }
  | { kind: 'sequence_gap'; expectedSeq: number; description: string }
  | { kind: 'out_of_order'; description: string };

export type BatchContext = {
  store: CentralStore;
  user: StaffUser;
  now: () => number;
  clock: StoryClock;
  logger: Logger;
  unmergeWindowMs?: number;
};

type Step =
  | { kind: 'result'; result: IntentResult }
  | { kind: 'gap'; expectedSeq: number };

function outOfOrder(batch: IntentBatch): string | null {
  for (let at = 1; at < batch.intents.length; at += 1) {
    const previous = batch.intents[at - 1];
    const intent = batch.intents[at];
    if (previous === undefined || intent === undefined) continue;
    if (intent.seq !== previous.seq + 1) {
      return (
        `intents[${at}].seq is ${intent.seq} but follows seq ${previous.seq}; ` +
        'send a console’s intents in seq order, one apart, with none missing.'
      );
    }
  }
  return null;
}

export async function processIntentBatch(
  batch: IntentBatch,
  ctx: BatchContext,
): Promise<BatchAnswer> {
  const disorder = outOfOrder(batch);
  if (disorder !== null) return { kind: 'out_of_order', description: disorder };

  const { store, user, logger } = ctx;
  const { consoleId } = batch;
  const results: IntentResult[] = [];

  for (const intent of batch.intents) {
    let step: Step;
    try {
      step = await store.transaction(async (tx): Promise<Step> => {
        const last = await tx.lastIntentSeq(consoleId);

        if (intent.seq <= last) {
          const recorded = await tx.intentOutcome(consoleId, intent.seq);
          // Outcomes are never deleted, so this is only a safety net.
          return {
            kind: 'result',
            result: recorded ?? { seq: intent.seq, outcome: 'applied' },
          };
        }
        if (intent.seq > last + 1)
          return { kind: 'gap', expectedSeq: last + 1 };

        const decision = await applyIntent(tx, intent, {
          user,
          consoleId,
          now: ctx.now(),
          clock: ctx.clock,
          unmergeWindowMs: ctx.unmergeWindowMs,
        });
        const result: IntentResult = { seq: intent.seq, ...decision };
        await tx.recordIntentOutcome(consoleId, result);

        return { kind: 'result', result };
      });
    } catch (error) {
      if (!(error instanceof TransientStoreError)) throw error;

      logger.warn('intent deferred: the database was busy', {
        consoleId,
        seq: intent.seq,
        error: error.message,
      });
      results.push({
        seq: intent.seq,
        outcome: 'retryable',
        reason:
          'The server could not record this intent just now; the console ' +
          'will send it again.',
      });
      break;
    }

    if (step.kind === 'gap') {
      if (results.length === 0) {
        return {
          kind: 'sequence_gap',
          expectedSeq: step.expectedSeq,
          description:
            `Console ${consoleId} sent intent ${intent.seq}, but the server ` +
            `expects ${step.expectedSeq} next; send the intents from ` +
            `${step.expectedSeq} on.`,
        };
      }
      // Another request of the same console raced this one; stop here.
      break;
    }

    if (step.result.outcome === 'rejected') {
      logger.info('intent rejected', {
        consoleId,
        seq: intent.seq,
        type: intent.type,
        user: user.userId,
        reason: step.result.reason,
      });
    }
    results.push(step.result);
  }

  return {
    kind: 'results',
    results,
    lastAppliedSeq: await store.lastIntentSeq(consoleId),
  };
}
