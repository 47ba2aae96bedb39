// Picks the services' API: the Electron preload's `window.streetdesk`, or
// the HTTP client when the renderer runs in a browser (browser mode).
import type { StreetDeskApi } from '../../../shared/contract';
import type { SocketHandlers } from './event-socket';
import { createHttpClient } from './http-client';

type StreetDeskWindow = Window & { streetdesk?: StreetDeskApi };

let api: StreetDeskApi | null = null;

function openWebSocket(url: string, handlers: SocketHandlers) {
  const socket = new WebSocket(url);
  socket.onopen = () => handlers.onOpen();
  socket.onmessage = (message) => handlers.onMessage(message.data);
  // A socket that fails to open fires error and then close: retry once.
  socket.onclose = () => handlers.onClose();

  return { close: () => socket.close() };
}

export function getApi(): StreetDeskApi {
  if (api) return api;

  const preloaded = (window as StreetDeskWindow).streetdesk;
  api =
    preloaded ??
    createHttpClient({
      origin: window.location.origin,
      fetch: (url, init) => window.fetch(url, init),
      openSocket: openWebSocket,
    });

  return api;
}
