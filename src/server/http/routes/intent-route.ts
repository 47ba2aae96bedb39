// POST intents, for both protocol versions. A v1 intent has no createdAt:
// it is taken as the time the batch arrived.
import {
  INTENT_BODY_BYTES,
  intentBatchSchema,
  type IntentBatchResponse,
} from '../../../shared/sync-protocol';
import { processIntentBatch } from '../../sync/intent-batch';
import { describeInvalid } from '../describe-invalid';
import { readJsonBody } from '../read-json-body';
import { sendError, sendJson } from '../respond';
import type { SignedInCall } from '../staff-api';

type V1Check =
  { ok: true; value: unknown } | { ok: false; description: string };

/** Fills createdAt into v1 intents; refuses a v1 intent that carries one. */
function fromVersion1(body: unknown, arrivedAt: number): V1Check {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    return { ok: true, value: body };
  }
  const intents = (body as { intents?: unknown }).intents;
  if (!Array.isArray(intents)) return { ok: true, value: body };

  const filled: unknown[] = [];
  for (const [at, intent] of (intents as unknown[]).entries()) {
    if (
      typeof intent === 'object' &&
      intent !== null &&
      !Array.isArray(intent)
    ) {
      if (Object.hasOwn(intent, 'createdAt')) {
        return {
          ok: false,
          description:
            `intents.${at}.createdAt is not part of protocol version 1; ` +
            'send it to /staff/v2/intents instead.',
        };
      }
      filled.push({ ...intent, createdAt: arrivedAt });
    } else {
      filled.push(intent);
    }
  }

  return { ok: true, value: { ...body, intents: filled } };
}

export async function postIntents(call: SignedInCall): Promise<void> {
  const { req, res, api, user } = call;
  const arrivedAt = api.now();

  const body = await readJsonBody(req, INTENT_BODY_BYTES);
  if (!body.ok)
    return sendError(res, body.status, body.error, body.description);

  let raw = body.value;
  if (call.version === 1) {
    const converted = fromVersion1(raw, arrivedAt);
    if (!converted.ok) {
      return sendError(res, 400, 'invalid_body', converted.description);
    }
    raw = converted.value;
  }

  const parsed = intentBatchSchema.safeParse(raw);
  if (!parsed.success) {
    return sendError(
      res,
      400,
      'invalid_body',
      describeInvalid(parsed.error, 'intent batch'),
    );
  }

  const answer = await processIntentBatch(parsed.data, {
    store: api.store,
    user,
    now: api.now,
    clock: api.clock,
    logger: api.logger,
    unmergeWindowMs: api.unmergeWindowMs,
  });

  if (answer.kind === 'out_of_order') {
    return sendError(res, 400, 'invalid_body', answer.description);
  }
  if (answer.kind === 'sequence_gap') {
    return sendError(res, 409, 'sequence_gap', answer.description, {
      expectedSeq: answer.expectedSeq,
    });
  }

  const response: IntentBatchResponse = {
    results: answer.results,
    lastAppliedSeq: answer.lastAppliedSeq,
    serverTime: api.now(),
  };
  sendJson(res, 200, response);
}
