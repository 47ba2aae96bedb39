// A fault-injecting HTTP proxy for the reliability tests. It sits between a
// console and the central API on loopback and, by a seeded dice roll per
// request, drops the request, forwards it twice (at once, or once more
// later, after newer requests), holds it back, or lets the server act and
// then holds back, loses or cuts the answer. Streams (server push) are cut
// after a random lifetime when told, and always by a partition.
import {
  createServer,
  request as forward,
  type IncomingMessage,
  type ServerResponse,
} from 'node:http';
import type { AddressInfo } from 'node:net';

import { seededRandom } from '../support/seeded-random';

export type FaultRates = {
  /** The request never reaches the server; the client sees a reset. */
  dropRequest: number;
  /** The server gets the request twice; the client sees one answer. */
  duplicate: number;
  /** The server acts, the answer is lost. */
  dropResponse: number;
  /** The server acts, the answer is cut off halfway. */
  truncateResponse: number;
  /** Upper bound of a random hold before forwarding (reorders requests). */
  maxDelayMs: number;
  /**
   * A copy of the request reaches the server again 100 to 600 ms later,
   * after the client's newer requests: a stale, out-of-order duplicate.
   * Its answer goes nowhere.
   */
  lateCopy?: number;
  /** Upper bound of a random hold on the answer before the client gets it. */
  maxResponseDelayMs?: number;
  /** Cuts each server push stream after a random lifetime up to this. */
  maxStreamMs?: number;
};

export const NO_FAULTS: FaultRates = {
  dropRequest: 0,
  duplicate: 0,
  dropResponse: 0,
  truncateResponse: 0,
  maxDelayMs: 0,
};

export type FaultStats = Record<
  | 'forwarded'
  | 'droppedRequests'
  | 'duplicated'
  | 'droppedResponses'
  | 'truncated'
  | 'refused'
  | 'lateCopies'
  | 'delayedResponses'
  | 'cutStreams',
  number
>;

export type FaultProxy = {
  url: string;
  stats: FaultStats;
  setFaults(faults: FaultRates): void;
  /** While partitioned every request is refused and open streams are cut. */
  setPartitioned(partitioned: boolean): void;
  close(): Promise<void>;
};

type Answer = {
  status: number;
  headers: IncomingMessage['headers'];
  body: Buffer;
};

export async function startFaultProxy(options: {
  target: string;
  faults?: FaultRates;
  seed?: number;
}): Promise<FaultProxy> {
  const target = new URL(options.target);
  const roll = seededRandom(options.seed ?? 1);
  let faults = options.faults ?? NO_FAULTS;
  let partitioned = false;
  const streams = new Set<ServerResponse>();
  const stats: FaultStats = {
    forwarded: 0,
    droppedRequests: 0,
    duplicated: 0,
    droppedResponses: 0,
    truncated: 0,
    refused: 0,
    lateCopies: 0,
    delayedResponses: 0,
    cutStreams: 0,
  };
  const lateTimers = new Set<NodeJS.Timeout>();
  const streamCuts = new Map<ServerResponse, NodeJS.Timeout>();

  /** Cuts the stream after a random lifetime, if the faults say so. */
  const scheduleCut = (res: ServerResponse) => {
    const lifetime = faults.maxStreamMs ?? 0;
    if (lifetime <= 0 || streamCuts.has(res)) return;
    streamCuts.set(
      res,
      setTimeout(() => {
        stats.cutStreams++;
        res.destroy();
      }, roll() * lifetime),
    );
  };

  const send = (req: IncomingMessage, body: Buffer) =>
    new Promise<Answer>((resolve, reject) => {
      const upstream = forward(
        {
          host: target.hostname,
          port: target.port,
          method: req.method,
          path: req.url,
          headers: { ...req.headers, host: target.host },
        },
        (res) => {
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
        },
      );
      upstream.on('error', reject);
      upstream.end(body);
    });

  const pipeStream = (req: IncomingMessage, res: ServerResponse) => {
    const upstream = forward(
      {
        host: target.hostname,
        port: target.port,
        method: req.method,
        path: req.url,
        headers: { ...req.headers, host: target.host },
      },
      (upstreamRes) => {
        res.writeHead(upstreamRes.statusCode ?? 502, upstreamRes.headers);
        upstreamRes.pipe(res);
        streams.add(res);
        scheduleCut(res);
        res.on('close', () => {
          clearTimeout(streamCuts.get(res));
          streamCuts.delete(res);
          streams.delete(res);
          upstreamRes.destroy();
        });
      },
    );
    upstream.on('error', () => res.destroy());
    req.on('close', () => upstream.destroy());
    upstream.end();
  };

  const server = createServer((req, res) => {
    void (async () => {
      if (partitioned) {
        stats.refused++;
        return req.socket.destroy();
      }
      if ((req.headers.accept ?? '').includes('text/event-stream')) {
        return pipeStream(req, res);
      }

      const chunks: Buffer[] = [];
      for await (const chunk of req) chunks.push(chunk as Buffer);
      const body = Buffer.concat(chunks);

      if (faults.maxDelayMs > 0) {
        await new Promise((resolve) =>
          setTimeout(resolve, roll() * faults.maxDelayMs),
        );
      }
      if (roll() < faults.dropRequest) {
        stats.droppedRequests++;
        return req.socket.destroy();
      }

      if (roll() < (faults.lateCopy ?? 0)) {
        const timer = setTimeout(
          () => {
            lateTimers.delete(timer);
            stats.lateCopies++;
            send(req, body).catch(() => undefined);
          },
          100 + roll() * 500,
        );
        lateTimers.add(timer);
      }
      const duplicate = roll() < faults.duplicate;
      const first = send(req, body);
      if (duplicate) {
        stats.duplicated++;
        await first.catch(() => undefined);
      }
      const answer = duplicate ? await send(req, body) : await first;
      stats.forwarded++;
      const answerDelay = faults.maxResponseDelayMs ?? 0;
      if (answerDelay > 0) {
        stats.delayedResponses++;
        await new Promise((resolve) =>
          setTimeout(resolve, roll() * answerDelay),
        );
      }

      if (partitioned || roll() < faults.dropResponse) {
        stats.droppedResponses++;
        return req.socket.destroy();
      }
      if (roll() < faults.truncateResponse && answer.body.length > 1) {
        stats.truncated++;
        const headers = {
          ...answer.headers,
          'content-length': String(answer.body.length),
        };
        res.writeHead(answer.status, headers);
        res.write(answer.body.subarray(0, Math.floor(answer.body.length / 2)));
        return req.socket.destroy();
      }

      res.writeHead(answer.status, answer.headers);
      res.end(answer.body);
    })().catch(() => req.socket.destroy());
  });

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    stats,
    setFaults(next) {
      faults = next;
      // Streams already open live by the new faults too.
      for (const stream of streams) scheduleCut(stream);
    },
    setPartitioned(value) {
      partitioned = value;
      if (value) for (const stream of streams) stream.destroy();
    },
    async close() {
      for (const timer of [...lateTimers, ...streamCuts.values()]) {
        clearTimeout(timer);
      }
      lateTimers.clear();
      for (const stream of streams) stream.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
