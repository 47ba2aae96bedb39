// A loopback proxy that lets the server act on a console's intent push and
// then holds the answer back for a while. A console killed during the hold
// is in the window the crash test cares about most: the server has
// committed the intents, the console has not recorded the acknowledgement.
import {
  createServer,
  request as forward,
  type IncomingMessage,
  type ServerResponse,
} from 'node:http';
import type { AddressInfo } from 'node:net';

export type HoldingStats = {
  /** Intent pushes whose answer was held back. */
  held: number;
  /** Intent answers the server gave that never reached the console. */
  lostAcks: number;
};

export type HoldingProxy = {
  url: string;
  stats: HoldingStats;
  /** How long to hold each intent answer; 0 passes them at once. */
  setHoldMs(ms: number): void;
  /** Intent pushes sent on to the server and not yet answered. */
  pushesInFlight(): number;
  /** Intent answers being held back right now. */
  answersHeld(): number;
  /** Called each time an intent answer starts being held. */
  onHold(listener: (() => void) | null): void;
  close(): Promise<void>;
};

type Answer = {
  status: number;
  headers: IncomingMessage['headers'];
  body: Buffer;
};

const isIntentPush = (req: IncomingMessage) =>
  req.method === 'POST' && (req.url ?? '').split('?')[0]?.endsWith('/intents');

export async function startHoldingProxy(target: string): Promise<HoldingProxy> {
  const upstream = new URL(target);
  const stats: HoldingStats = { held: 0, lostAcks: 0 };
  const streams = new Set<ServerResponse>();
  let holdMs = 0;
  let inFlight = 0;
  let holding = 0;
  let holdListener: (() => void) | null = null;

  const options = (req: IncomingMessage) => ({
    host: upstream.hostname,
    port: upstream.port,
    method: req.method,
    path: req.url,
    headers: { ...req.headers, host: upstream.host },
  });

  const send = (req: IncomingMessage, body: Buffer) =>
    new Promise<Answer>((resolve, reject) => {
      const out = forward(options(req), (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 502,
            headers: res.headers,
            body: Buffer.concat(chunks),
          }),
        );
        res.on('error', reject);
      });
      out.on('error', reject);
      out.end(body);
    });

  const pipeStream = (req: IncomingMessage, res: ServerResponse) => {
    const out = forward(options(req), (upstreamRes) => {
      res.writeHead(upstreamRes.statusCode ?? 502, upstreamRes.headers);
      upstreamRes.pipe(res);
      streams.add(res);
      res.on('close', () => {
        streams.delete(res);
        upstreamRes.destroy();
      });
    });
    out.on('error', () => res.destroy());
    req.on('close', () => out.destroy());
    out.end();
  };

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    if ((req.headers.accept ?? '').includes('text/event-stream')) {
      return pipeStream(req, res);
    }
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);

    const push = isIntentPush(req);
    if (push) inFlight += 1;
    try {
      const answer = await send(req, Buffer.concat(chunks));
      if (push && holdMs > 0 && answer.status === 200) {
        stats.held += 1;
        holding += 1;
        holdListener?.();
        await new Promise((resolve) => setTimeout(resolve, holdMs));
        holding -= 1;
      }
      if (res.destroyed || req.socket.destroyed) {
        if (push && answer.status === 200) stats.lostAcks += 1;
        return;
      }
      res.writeHead(answer.status, answer.headers);
      res.end(answer.body);
    } finally {
      if (push) inFlight -= 1;
    }
  };

  const server = createServer((req, res) => {
    res.on('error', () => undefined);
    handle(req, res).catch(() => req.socket.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    stats,
    setHoldMs(ms) {
      holdMs = ms;
    },
    pushesInFlight: () => inFlight,
    answersHeld: () => holding,
    onHold(listener) {
      holdListener = listener;
    },
    async close() {
      for (const stream of streams) stream.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
