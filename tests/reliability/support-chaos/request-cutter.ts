// A hop in front of the fault proxy that truncates request bodies, which
// the fault proxy does not: by a seeded roll per POST it either sends half
// the body and then cuts the connection (the server sees a body that never
// ends), or sends half the body as if it were all of it (the server sees
// cut-off JSON). Everything else, streams included, passes through.
import {
  createServer,
  request as forward,
  type IncomingMessage,
  type ServerResponse,
} from 'node:http';
import type { AddressInfo } from 'node:net';

import { seededRandom } from '../../support/seeded-random';

export type RequestCutter = {
  url: string;
  stats: {
    cutMidway: number;
    cutShort: number;
    passed: number;
    /** POSTs seen (intents, sign-ins), cut or not. */
    posts: number;
  };
  setRate(rate: number): void;
  close(): Promise<void>;
};

export async function startRequestCutter(options: {
  target: string;
  rate: number;
  seed: number;
}): Promise<RequestCutter> {
  const target = new URL(options.target);
  const roll = seededRandom(options.seed);
  let rate = options.rate;
  const stats = { cutMidway: 0, cutShort: 0, passed: 0, posts: 0 };

  const upstreamFor = (req: IncomingMessage, headers = req.headers) =>
    forward({
      host: target.hostname,
      port: target.port,
      method: req.method,
      path: req.url,
      headers: { ...headers, host: target.host },
    });

  const pass = (req: IncomingMessage, res: ServerResponse, body: Buffer) => {
    const { 'transfer-encoding': _chunked, ...headers } = req.headers;
    const upstream = upstreamFor(req, {
      ...headers,
      'content-length': String(body.length),
    });
    upstream.on('response', (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
      res.on('close', () => answer.destroy());
    });
    upstream.on('error', () => res.destroy());
    req.on('close', () => {
      if (!res.writableFinished) upstream.destroy();
    });
    upstream.end(body);
  };

  const server = createServer((req, res) => {
    void (async () => {
      const chunks: Buffer[] = [];
      for await (const chunk of req) chunks.push(chunk as Buffer);
      const body = Buffer.concat(chunks);
      if (req.method === 'POST') stats.posts++;

      if (req.method !== 'POST' || body.length < 2 || roll() >= rate) {
        stats.passed++;
        return pass(req, res, body);
      }

      const half = body.subarray(0, Math.floor(body.length / 2));
      if (roll() < 0.5) {
        stats.cutMidway++;
        const upstream = upstreamFor(req);
        upstream.on('error', () => undefined);
        upstream.write(half);
        setTimeout(() => upstream.destroy(), 5);
        return req.socket.destroy();
      }

      stats.cutShort++;
      pass(req, res, half);
    })().catch(() => req.socket.destroy());
  });

  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    stats,
    setRate(next) {
      rate = next;
    },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((done) => server.close(() => done()));
    },
  };
}
