import {
  ContractError,
  isMethodName,
  parseArgument,
  type ServiceHandlers,
} from '../../shared/contract';
import type { CallResponse } from '../../shared/http-wire';
import type { Logger } from '../log/logger';

export type CallOutcome = { status: number; body: CallResponse<unknown> };

/**
 * Runs one contract call that arrived over HTTP: the method name and the
 * JSON body are untrusted. Every failure becomes an answer, never a throw.
 */
export async function runApiCall(
  handlers: ServiceHandlers,
  method: string,
  rawBody: string,
  logger: Logger,
): Promise<CallOutcome> {
  if (!isMethodName(method)) {
    return fail(
      404,
      `There is no method "${method.slice(0, 64)}" in the contract.`,
    );
  }

  let arg: unknown;
  try {
    const body: unknown = rawBody.trim() === '' ? {} : JSON.parse(rawBody);
    if (typeof body !== 'object' || body === null || Array.isArray(body)) {
      return fail(
        400,
        'The request body must be a JSON object like {"arg": ...}.',
      );
    }
    arg = (body as { arg?: unknown }).arg;
  } catch {
    return fail(400, 'The request body is not valid JSON.');
  }

  try {
    const parsed = parseArgument(method, arg);
    const handler = handlers[method] as (a: typeof parsed) => unknown;
    const result = await handler(parsed);

    return { status: 200, body: { ok: true, result: result ?? null } };
  } catch (error) {
    if (error instanceof ContractError) {
      logger.warn('refused a call with a bad argument', {
        method,
        reason: error.message,
      });
      return fail(400, error.message);
    }

    logger.error('a service call failed', { method, error: String(error) });
    return fail(
      500,
      `${method} failed: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
}

function fail(status: number, error: string): CallOutcome {
  return { status, body: { ok: false, error } };
}
