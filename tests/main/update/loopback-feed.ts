// An update feed on loopback, as a city's IT would host it: latest.yml and
// the release file beside it. `publishedSha512` lets a test publish a
// checksum that does not match the file (a tampered or damaged download).
import { createHash } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export type LoopbackFeed = {
  url: string;
  requests: string[];
  close(): Promise<void>;
};

export const sha512Base64 = (bytes: Buffer) =>
  createHash('sha512').update(bytes).digest('base64');

export async function serveFeed(release: {
  version: string;
  fileName: string;
  bytes: Buffer;
  publishedSha512?: string;
}): Promise<LoopbackFeed> {
  const sha512 = release.publishedSha512 ?? sha512Base64(release.bytes);
  const latestYml = [
    `version: ${release.version}`,
    'files:',
    `  - url: ${release.fileName}`,
    `    sha512: ${sha512}`,
    `    size: ${release.bytes.length}`,
    `path: ${release.fileName}`,
    `sha512: ${sha512}`,
    "releaseDate: '2026-12-01T09:00:00.000Z'",
    '',
  ].join('\n');

  const requests: string[] = [];
  const server: Server = createServer((request, response) => {
    const path = request.url ?? '/';
    requests.push(path);
    if (path === '/feed/latest.yml') {
      response.writeHead(200, { 'content-type': 'text/yaml' });
      response.end(latestYml);
      return;
    }
    if (path === `/feed/${release.fileName}`) {
      response.writeHead(200, {
        'content-type': 'application/octet-stream',
        'content-length': String(release.bytes.length),
      });
      // In pieces, so progress is reported more than once.
      const half = Math.floor(release.bytes.length / 2);
      response.write(release.bytes.subarray(0, half));
      setTimeout(() => response.end(release.bytes.subarray(half)), 5);
      return;
    }
    response.writeHead(404).end('not found');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}/feed/`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A loopback address with nothing listening on it. */
export async function deadFeedUrl(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));

  return `http://127.0.0.1:${port}/feed/`;
}
