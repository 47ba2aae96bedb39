import type { IncomingMessage } from 'node:http';

import { Open311Error } from './open311-error';

/** GeoReport v2 posts are small forms; media travel as a media_url. */
export const MAX_FORM_BYTES = 64 * 1024;

/**
 * The body of a form post as URLSearchParams, or an Open311Error: 400 for
 * a body that is not application/x-www-form-urlencoded, 413 when too big.
 */
export async function readFormBody(
  req: IncomingMessage,
): Promise<URLSearchParams> {
  const type = (req.headers['content-type'] ?? '').toLowerCase();
  if (!type.startsWith('application/x-www-form-urlencoded')) {
    req.resume();
    throw new Open311Error(400, [
      `the body is ${type === '' ? 'untyped' : `"${type.slice(0, 60)}"`}; ` +
        'POST requests takes application/x-www-form-urlencoded fields',
    ]);
  }

  const tooLarge = new Open311Error(413, [
    `the form is larger than ${MAX_FORM_BYTES} bytes; send media as a ` +
      'media_url and shorten the text',
  ]);
  if (Number(req.headers['content-length'] ?? 0) > MAX_FORM_BYTES) {
    req.resume();
    throw tooLarge;
  }

  const body = await new Promise<Buffer>((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;

    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_FORM_BYTES) {
        // Keep draining so the 413 can be written; the caller closes.
        chunks.length = 0;
        reject(tooLarge);
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });

  return new URLSearchParams(body.toString('utf8'));
}
