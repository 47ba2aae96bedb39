import type { ServerResponse } from 'node:http';

const JSON_HEADERS = {
  'Content-Type': 'application/json; charset=utf-8',
  'Cache-Control': 'no-store',
  'X-Content-Type-Options': 'nosniff',
};

export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
): void {
  sendJsonText(res, JSON.stringify(body), status);
}

/** A body that is JSON already (assembled from stored, encoded records). */
export function sendJsonText(
  res: ServerResponse,
  text: string,
  status = 200,
): void {
  res.writeHead(status, {
    ...JSON_HEADERS,
    'Content-Length': Buffer.byteLength(text),
    // After a body that was too large, the rest of it is not worth reading.
    ...(status === 413 ? { Connection: 'close' } : {}),
  });
  res.end(text);
}

/** JSON already encoded as UTF-8 bytes, sent as they are. */
export function sendJsonBytes(
  res: ServerResponse,
  body: Buffer,
  headers: Record<string, string> = {},
): void {
  res.writeHead(200, {
    ...headers,
    ...JSON_HEADERS,
    'Content-Length': body.length,
  });
  res.end(body);
}

/** Every error of the staff API: a code and a sentence saying what to do. */
export function sendError(
  res: ServerResponse,
  status: number,
  error: string,
  description: string,
  extra: Record<string, unknown> = {},
): void {
  sendJson(res, status, { error, description, ...extra });
}
