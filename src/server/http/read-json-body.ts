import type { IncomingMessage } from 'node:http';

export type BodyResult =
  | { ok: true; value: unknown }
  | { ok: false; status: number; error: string; description: string };

/**
 * Reads a JSON body of at most `maxBytes`. Stops reading (and says so) as
 * soon as the limit is passed, rather than buffering whatever is sent.
 */
export async function readJsonBody(
  req: IncomingMessage,
  maxBytes: number,
): Promise<BodyResult> {
  const type = req.headers['content-type'] ?? '';
  if (!/^application\/json\s*(;|$)/i.test(type)) {
    return {
      ok: false,
      status: 415,
      error: 'unsupported_media_type',
      description: `Send the body as application/json (it was "${type.slice(0, 80)}").`,
    };
  }

  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > maxBytes) return tooLarge(maxBytes);

  const body = await collect(req, maxBytes);
  if (body === null) return tooLarge(maxBytes);

  let text: string;
  try {
    text = strictUtf8.decode(body);
  } catch {
    return {
      ok: false,
      status: 400,
      error: 'malformed_json',
      description:
        'The body is not valid UTF-8; send JSON text encoded as UTF-8.',
    };
  }

  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    return {
      ok: false,
      status: 400,
      error: 'malformed_json',
      description:
        `The body is not valid JSON (${detail.slice(0, 200)}); ` +
        'fix it and send it again.',
    };
  }
}

// Replacing bad bytes with U+FFFD would store text nobody wrote.
const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

function tooLarge(maxBytes: number): BodyResult {
  return {
    ok: false,
    status: 413,
    error: 'body_too_large',
    description: `The body is over ${maxBytes} bytes; send less at a time.`,
  };
}

/**
 * The body, or null once it passes `maxBytes`: the rest is then read and
 * thrown away (the answer closes the connection), never buffered.
 */
function collect(
  req: IncomingMessage,
  maxBytes: number,
): Promise<Buffer | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;

    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size <= maxBytes) {
        chunks.push(chunk);
        return;
      }
      req.off('data', onData);
      req.off('end', onEnd);
      req.resume();
      resolve(null);
    };
    const onEnd = () => resolve(Buffer.concat(chunks));

    req.on('data', onData);
    req.on('end', onEnd);
    req.on('error', reject);
  });
}
