import { afterEach, describe, expect, it, vi } from 'vitest';

import type { SocketHandlers } from '../../src/renderer/src/api/event-socket';
import { reconnectDelay } from '../../src/renderer/src/api/event-socket';
import {
  ApiCallError,
  createHttpClient,
  type FetchLike,
} from '../../src/renderer/src/api/http-client';

type Sent = { url: string; init: Parameters<FetchLike>[1] };

function fakeFetch(status: number, body: string) {
  const sent: Sent[] = [];
  const fetch: FetchLike = (url, init) => {
    sent.push({ url, init });

    return Promise.resolve({ status, text: () => Promise.resolve(body) });
  };

  return { fetch, sent };
}

function fakeSockets() {
  const opened: { url: string; handlers: SocketHandlers; closed: boolean }[] =
    [];
  const openSocket = (url: string, handlers: SocketHandlers) => {
    const socket = { url, handlers, closed: false };
    opened.push(socket);

    return { close: () => void (socket.closed = true) };
  };

  return { opened, openSocket };
}

const ORIGIN = 'http://127.0.0.1:5199';

describe('the HTTP client', () => {
  it('posts the argument to the method URL with the same-origin cookie', async () => {
    const { fetch, sent } = fakeFetch(
      200,
      JSON.stringify({ ok: true, result: { total: 3, offset: 0, rows: [] } }),
    );
    const api = createHttpClient({ origin: ORIGIN, fetch, ...fakeSockets() });
    const query = { filter: {}, sort: 'due' as const, offset: 0, limit: 100 };

    const page = await api.listQueue(query);

    expect(page.total).toBe(3);
    expect(sent[0]?.url).toBe(`${ORIGIN}/api/call/listQueue`);
    expect(sent[0]?.init.credentials).toBe('same-origin');
    expect(JSON.parse(sent[0]?.init.body ?? '')).toEqual({ arg: query });
  });

  it('sends no arg for a method without one', async () => {
    const { fetch, sent } = fakeFetch(200, '{"ok":true,"result":null}');
    const api = createHttpClient({ origin: ORIGIN, fetch, ...fakeSockets() });

    await api.getAppInfo();

    expect(JSON.parse(sent[0]?.init.body ?? '')).toEqual({});
  });

  it("passes on the server's reason for a rejected call", async () => {
    const { fetch } = fakeFetch(
      400,
      '{"ok":false,"error":"limit: must be at most 500"}',
    );
    const api = createHttpClient({ origin: ORIGIN, fetch, ...fakeSockets() });

    const call = api.listQueue({
      filter: {},
      sort: 'due',
      offset: 0,
      limit: 1,
    });

    await expect(call).rejects.toThrow(ApiCallError);
    await expect(call).rejects.toThrow(
      'listQueue failed (HTTP 400): limit: must be at most 500',
    );
  });

  it('tells the user to reopen the tokened URL when refused', async () => {
    const { fetch } = fakeFetch(401, 'Unauthorized');
    const api = createHttpClient({ origin: ORIGIN, fetch, ...fakeSockets() });

    await expect(api.getQueueFacets()).rejects.toThrow(
      /Open the URL the server printed/,
    );
  });

  it('says the server is unreachable when the fetch itself fails', async () => {
    const fetch: FetchLike = () =>
      Promise.reject(new TypeError('Failed to fetch'));
    const api = createHttpClient({ origin: ORIGIN, fetch, ...fakeSockets() });

    await expect(api.getRequest('REQ-1')).rejects.toThrow(
      /Could not reach the StreetDesk server for getRequest \(Failed to fetch\)/,
    );
  });
});

describe('the event stream', () => {
  afterEach(() => vi.useRealTimers());

  it('opens one socket on the events path and delivers events by name', () => {
    const sockets = fakeSockets();
    const api = createHttpClient({
      origin: ORIGIN,
      fetch: fakeFetch(200, '{}').fetch,
      ...sockets,
    });
    const got: unknown[] = [];
    api.on('requestsChanged', (payload) => got.push(payload));
    api.on('requestsChanged', () => got.push('second'));

    const socket = sockets.opened[0];
    socket?.handlers.onOpen();
    socket?.handlers.onMessage(
      '{"event":"requestsChanged","payload":{"reason":"import","changed":4}}',
    );
    socket?.handlers.onMessage('not json');
    socket?.handlers.onMessage('{"event":"somethingElse","payload":1}');

    expect(sockets.opened.map((s) => s.url)).toEqual([
      'ws://127.0.0.1:5199/api/events',
    ]);
    expect(got).toEqual([{ reason: 'import', changed: 4 }, 'second']);
  });

  it('reconnects with growing delays and asks for a refetch once back', () => {
    vi.useFakeTimers();
    const sockets = fakeSockets();
    const api = createHttpClient({
      origin: ORIGIN,
      fetch: fakeFetch(200, '{}').fetch,
      ...sockets,
    });
    const got: unknown[] = [];
    api.on('requestsChanged', (payload) => got.push(payload));

    sockets.opened[0]?.handlers.onOpen();
    sockets.opened[0]?.handlers.onClose();
    vi.advanceTimersByTime(reconnectDelay(0) - 1);
    expect(sockets.opened).toHaveLength(1);
    vi.advanceTimersByTime(1);
    expect(sockets.opened).toHaveLength(2);

    // The second attempt fails too: the wait doubles.
    sockets.opened[1]?.handlers.onClose();
    vi.advanceTimersByTime(reconnectDelay(0));
    expect(sockets.opened).toHaveLength(2);
    vi.advanceTimersByTime(reconnectDelay(1) - reconnectDelay(0));
    expect(sockets.opened).toHaveLength(3);

    sockets.opened[2]?.handlers.onOpen();
    expect(got).toEqual([{ reason: 'sync', changed: 0 }]);
  });

  it('caps the reconnect delay', () => {
    expect(reconnectDelay(0)).toBe(500);
    expect(reconnectDelay(3)).toBe(4000);
    expect(reconnectDelay(40)).toBe(30_000);
  });
});
