// Sends the outbox to the server in seq order and records each outcome.
import {
  INTENT_BODY_BYTES,
  intentSchema,
  type Intent,
} from '../../shared/sync-protocol';
import type { Logger } from '../log/logger';
import type { OutboxRow } from '../store/outbox-repository';
import type { SyncStore } from '../store/sync-store';
import type { CentralClient } from './central-client';
import { CentralError } from './central-error';
import { describeIntent } from './intent-summary';

export type PushOptions = {
  sync: SyncStore;
  client: CentralClient;
  batch: number;
  now: () => number;
  logger: Logger;
};

export type PushCounts = { applied: number; rejected: number };

/** A 409 answered by resending from the server's seq; more means a loop. */
const MAX_GAP_RESENDS = 3;

/** A batch's body stays under half of what the server reads. */
export const PUSH_BODY_BYTES = INTENT_BODY_BYTES / 2;

/**
 * The leading intents whose batch body fits in maxBytes: at least one, as
 * no single intent comes near the limit (a note is at most 4,000
 * characters). The rest wait for the next batch.
 */
export function fitBatch(intents: Intent[], maxBytes: number): Intent[] {
  // The envelope ({"consoleId": ..., "intents": []}) and some room.
  let bytes = 256;
  let count = 0;
  for (const intent of intents) {
    bytes += Buffer.byteLength(JSON.stringify(intent)) + 1;
    if (count > 0 && bytes > maxBytes) break;
    count += 1;
  }
  return intents.slice(0, count);
}

/**
 * The stored intent, or, where it no longer reads (intents are checked
 * before they are stored, so the file is damaged), a void intent that
 * retires its seq: the server records it as rejected, it joins the
 * conflicts list, and the intents behind it go on.
 */
export function readIntent(row: OutboxRow, logger?: Logger): Intent {
  let stored: unknown;
  try {
    stored = JSON.parse(row.payload);
  } catch {
    stored = null;
  }
  const parsed = intentSchema.safeParse(stored);
  if (parsed.success && parsed.data.seq === row.seq) return parsed.data;

  logger?.error('a stored intent no longer reads; sending it as void', {
    seq: row.seq,
    intentType: row.intent_type,
  });
  const createdAt = row.created_at;
  return {
    seq: row.seq,
    createdAt:
      Number.isSafeInteger(createdAt) && createdAt >= 0 ? createdAt : 0,
    type: 'void',
    reason:
      `this console could not read its stored ${row.intent_type} change ` +
      'back from its database, so it was not applied. Redo it if it is ' +
      'still needed, and report the database to support.',
  };
}

/**
 * Pushes every pending intent, batch by batch. Applied and rejected
 * intents leave the outbox (rejected ones join the conflicts list); a
 * retryable one stops the push with an error so the engine backs off.
 */
export async function pushOutbox(options: PushOptions): Promise<PushCounts> {
  const { sync, client, logger } = options;
  const consoleId = sync.state.consoleId();
  const counts: PushCounts = { applied: 0, rejected: 0 };
  let gapResends = 0;
  let rows = sync.outbox.pendingIntents(options.batch);

  while (rows.length > 0) {
    const intents = fitBatch(
      rows.map((row) => readIntent(row, logger)),
      PUSH_BODY_BYTES,
    );
    const answer = await client.pushIntents({ consoleId, intents });

    if (answer.kind === 'gap') {
      gapResends += 1;
      const first = rows[0]?.seq ?? 1;
      const resend = sync.outbox.intentsFrom(answer.expectedSeq, options.batch);
      if (
        gapResends > MAX_GAP_RESENDS ||
        resend[0]?.seq !== answer.expectedSeq
      ) {
        throw new CentralError(
          'refused',
          `The central API expects intent ${answer.expectedSeq} from this ` +
            `console, which sent ${first} and does not hold ` +
            `${answer.expectedSeq}; intents wait until this is sorted out.`,
        );
      }
      logger.warn('the server expected an earlier intent; resending', {
        expectedSeq: answer.expectedSeq,
        sent: first,
      });
      rows = resend;
      continue;
    }

    const bySeq = new Map(intents.map((intent) => [intent.seq, intent]));
    const at = options.now();
    let retryable: string | null = null;

    for (const result of answer.response.results) {
      const intent = bySeq.get(result.seq);
      if (intent === undefined) continue;

      if (result.outcome === 'applied') {
        sync.outbox.resolveIntent(result.seq, { outcome: 'applied' }, at);
        counts.applied += 1;
      } else if (result.outcome === 'rejected') {
        const summary = describeIntent(intent);
        sync.outbox.resolveIntent(
          result.seq,
          { outcome: 'rejected', reason: result.reason, summary },
          at,
        );
        logger.warn('the server rejected an intent', {
          seq: result.seq,
          intent: summary,
          reason: result.reason,
        });
        counts.rejected += 1;
      } else {
        sync.outbox.noteAttempt([result.seq], result.reason);
        retryable =
          `The server could not take intent ${result.seq} yet ` +
          `(${result.reason}); retrying.`;
        break;
      }
    }

    if (retryable !== null) throw new CentralError('server', retryable);
    if (answer.response.results.length === 0) {
      throw new CentralError(
        'malformed',
        'The central API answered an intents push without any outcome; ' +
          'the intents stay pending and will be sent again.',
      );
    }

    rows = sync.outbox.pendingIntents(options.batch);
  }

  if (counts.applied + counts.rejected > 0) sync.outbox.pruneResolved(1000);
  return counts;
}
