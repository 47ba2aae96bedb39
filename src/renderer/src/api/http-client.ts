// The contract over HTTP and WebSocket, for browser mode (no Electron
// preload). The wire format is src/shared/http-wire.ts; the token travels as
// the same-origin cookie the server set when its URL was first opened.
import {
  methodNames,
  type EventName,
  type EventPayloads,
  type MethodName,
  type StreetDeskApi,
} from '../../../shared/contract';
import { API_CALL_PREFIX, API_EVENTS_PATH } from '../../../shared/http-wire';
import { connectEvents, type SocketFactory } from './event-socket';

/** The slice of `fetch` the client uses; injectable so it can be tested. */
export type FetchLike = (
  url: string,
  init: {
    method: 'POST';
    headers: Record<string, string>;
    body: string;
    credentials: 'same-origin';
  },
) => Promise<{ status: number; text(): Promise<string> }>;

export type HttpClientOptions = {
  /** e.g. http://127.0.0.1:5199 */
  origin: string;
  fetch: FetchLike;
  openSocket: SocketFactory;
};

/** What went wrong with a call, in words a dispatcher can act on. */
export class ApiCallError extends Error {
  constructor(
    readonly method: MethodName,
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = 'ApiCallError';
  }
}

function explainFailure(method: MethodName, status: number, error: string) {
  if (status === 401 || status === 403) {
    return (
      `StreetDesk refused ${method} (HTTP ${status}): the access token is ` +
      'missing or expired. Open the URL the server printed, with its token.'
    );
  }

  return `${method} failed (HTTP ${status}): ${error}`;
}

function parseBody(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return null;
  }
}

async function call(
  options: HttpClientOptions,
  method: MethodName,
  arg: unknown,
): Promise<unknown> {
  let response: Awaited<ReturnType<FetchLike>>;
  try {
    response = await options.fetch(
      `${options.origin}${API_CALL_PREFIX}${method}`,
      {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(arg === undefined ? {} : { arg }),
        credentials: 'same-origin',
      },
    );
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new ApiCallError(
      method,
      0,
      `Could not reach the StreetDesk server for ${method} (${reason}). ` +
        'Check that it is still running, then reload.',
    );
  }

  const body = parseBody(await response.text());
  if (body && typeof body === 'object' && 'ok' in body) {
    if (body.ok === true && 'result' in body) return body.result;
    if (body.ok === false && 'error' in body) {
      throw new ApiCallError(
        method,
        response.status,
        explainFailure(method, response.status, String(body.error)),
      );
    }
  }

  throw new ApiCallError(
    method,
    response.status,
    explainFailure(
      method,
      response.status,
      'the reply was not a StreetDesk answer',
    ),
  );
}

export function createHttpClient(options: HttpClientOptions): StreetDeskApi {
  const eventsUrl = options.origin.replace(/^http/, 'ws') + API_EVENTS_PATH;
  const events = connectEvents(eventsUrl, options.openSocket);

  const client: Record<string, unknown> = {
    on<E extends EventName>(
      event: E,
      listener: (payload: EventPayloads[E]) => void,
    ) {
      return events.on(event, listener);
    },
  };
  for (const method of methodNames) {
    client[method] = (arg?: unknown) => call(options, method, arg);
  }

  // Each method's result type is the contract's: the server is built from
  // the same contract, so the cast only restates what the wire carries.
  return client as StreetDeskApi;
}
