// A proxy that passes everything through until it is armed, then replaces
// the body of the next answers to one staff path (e.g. `changes`) with
// whatever the test gives it: how a console meets a malformed pull page.
import {
  createServer,
  request as forward,
  type IncomingMessage,
  type ServerResponse,
} from 'node:http';
import type { AddressInfo } from 'node:net';

/** Given the real answer's body, the body to send instead. */
export type Rewrite = (body: string) => string;

export type PageRewriter = {
  url: string;
  /** Rewrites every answer whose path ends with `/${path}` until disarmed. */
  arm(path: string, rewrite: Rewrite): void;
  disarm(): void;
  rewritten(): number;
  close(): Promise<void>;
};

export async function startPageRewriter(target: string): Promise<PageRewriter> {
  const upstreamUrl = new URL(target);
  let armed: { path: string; rewrite: Rewrite } | null = null;
  let rewritten = 0;

  const relay = (req: IncomingMessage, res: ServerResponse) => {
    const upstream = forward(
      {
        host: upstreamUrl.hostname,
        port: upstreamUrl.port,
        method: req.method,
        path: req.url,
        headers: { ...req.headers, host: upstreamUrl.host },
      },
      (answer) => {
        const path = (req.url ?? '').split('?')[0] ?? '';
        const rule = armed;
        if (rule === null || !path.endsWith(`/${rule.path}`)) {
          res.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(res);
          res.on('close', () => answer.destroy());
          return;
        }

        const chunks: Buffer[] = [];
        answer.on('data', (chunk: Buffer) => chunks.push(chunk));
        answer.on('end', () => {
          const body = rule.rewrite(Buffer.concat(chunks).toString('utf8'));
          rewritten++;
          res.writeHead(answer.statusCode ?? 502, {
            ...answer.headers,
            'content-length': String(Buffer.byteLength(body)),
          });
          res.end(body);
        });
      },
    );
    upstream.on('error', () => res.destroy());
    req.pipe(upstream);
  };

  const server = createServer(relay);
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    arm(path, rewrite) {
      armed = { path, rewrite };
    },
    disarm() {
      armed = null;
    },
    rewritten: () => rewritten,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((done) => server.close(() => done()));
    },
  };
}
