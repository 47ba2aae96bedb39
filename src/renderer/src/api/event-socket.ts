// The browser-mode event stream: one WebSocket shared by every listener,
// reopened with a growing delay when the server goes away.
import type { EventName, EventPayloads } from '../../../shared/contract';
import type { EventMessage } from '../../../shared/http-wire';

export type SocketHandlers = {
  onOpen(): void;
  onMessage(data: unknown): void;
  /** Called once when the socket closes or fails to open. */
  onClose(): void;
};

export type SocketHandle = { close(): void };

/** Opens a WebSocket to `url` wired to the handlers (injectable for tests). */
export type SocketFactory = (
  url: string,
  handlers: SocketHandlers,
) => SocketHandle;

const FIRST_DELAY_MS = 500;
const MAX_DELAY_MS = 30_000;

/** How long to wait before reconnect attempt `attempt` (0-based). */
export function reconnectDelay(attempt: number): number {
  return Math.min(MAX_DELAY_MS, FIRST_DELAY_MS * 2 ** Math.max(0, attempt));
}

type AnyListener = (payload: unknown) => void;

export type EventStream = {
  on<E extends EventName>(
    event: E,
    listener: (payload: EventPayloads[E]) => void,
  ): () => void;
  close(): void;
};

function parseMessage(data: unknown): EventMessage | null {
  if (typeof data !== 'string') return null;
  try {
    const parsed = JSON.parse(data) as unknown;
    if (parsed && typeof parsed === 'object' && 'event' in parsed) {
      const { event, payload } = parsed as EventMessage;
      return typeof event === 'string' ? { event, payload } : null;
    }
  } catch {
    // A malformed frame is dropped; the next good one still gets through.
  }

  return null;
}

/**
 * Opens the socket when the first listener arrives. After a reconnect the
 * events sent meanwhile are lost, so `requestsChanged` listeners are told to
 * refetch (changed: 0 means "unknown, assume anything").
 */
export function connectEvents(url: string, open: SocketFactory): EventStream {
  const listeners = new Map<string, Set<AnyListener>>();
  let socket: SocketHandle | null = null;
  let attempt = 0;
  let everOpened = false;
  let closed = false;
  let timer: ReturnType<typeof setTimeout> | null = null;

  const emit = (event: string, payload: unknown) => {
    for (const listener of listeners.get(event) ?? []) listener(payload);
  };

  const scheduleReconnect = () => {
    if (closed || timer !== null) return;
    timer = setTimeout(() => {
      timer = null;
      connect();
    }, reconnectDelay(attempt));
    attempt += 1;
  };

  const connect = () => {
    if (closed) return;
    const current: SocketHandle = open(url, {
      onOpen() {
        attempt = 0;
        if (everOpened) emit('requestsChanged', { reason: 'sync', changed: 0 });
        everOpened = true;
      },
      onMessage(data) {
        const parsed = parseMessage(data);
        if (parsed) emit(parsed.event, parsed.payload);
      },
      onClose() {
        if (socket === current) socket = null;
        scheduleReconnect();
      },
    });
    socket = current;
  };

  return {
    on(event, listener) {
      const set = listeners.get(event) ?? new Set<AnyListener>();
      listeners.set(event, set);
      set.add(listener as AnyListener);
      if (!socket && timer === null && !closed) connect();

      return () => set.delete(listener as AnyListener);
    },
    close() {
      closed = true;
      if (timer !== null) clearTimeout(timer);
      socket?.close();
      socket = null;
    },
  };
}
