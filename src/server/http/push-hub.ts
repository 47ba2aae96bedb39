// Server push over SSE: every open `events` stream hears `changed` right
// after a commit that appended changes, and a heartbeat in between.
import type { ServerResponse } from 'node:http';

import type { PushEvent } from '../../shared/sync-protocol';

export type PushHub = {
  /** Keeps the response open as an event stream until the client leaves. */
  attach(res: ServerResponse, lastSeq: number): void;
  changed(lastSeq: number): void;
  clientCount(): number;
  close(): void;
};

export function createPushHub(options: {
  heartbeatMs: number;
  now: () => number;
}): PushHub {
  const clients = new Set<ServerResponse>();
  let lastSeq = 0;

  const send = (res: ServerResponse, event: PushEvent) => {
    res.write(`event: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`);
  };
  const broadcast = (type: PushEvent['type']) => {
    const event: PushEvent = { type, lastSeq, serverTime: options.now() };
    for (const res of clients) send(res, event);
  };

  const heartbeat = setInterval(
    () => broadcast('heartbeat'),
    options.heartbeatMs,
  );
  heartbeat.unref();

  return {
    attach(res, seq) {
      lastSeq = Math.max(lastSeq, seq);
      res.writeHead(200, {
        'Content-Type': 'text/event-stream; charset=utf-8',
        'Cache-Control': 'no-store',
        Connection: 'keep-alive',
        'X-Accel-Buffering': 'no',
      });
      res.flushHeaders();
      clients.add(res);
      res.on('close', () => clients.delete(res));
      // The first heartbeat at once, so a console learns the last seq now.
      send(res, { type: 'heartbeat', lastSeq, serverTime: options.now() });
    },
    changed(seq) {
      lastSeq = Math.max(lastSeq, seq);
      broadcast('changed');
    },
    clientCount: () => clients.size,
    close() {
      clearInterval(heartbeat);
      for (const res of clients) res.end();
      clients.clear();
    },
  };
}
