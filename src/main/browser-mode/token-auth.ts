// Browser mode's gate: the console is served on loopback only, and every
// request must carry the per-run token printed with the URL.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';

import { TOKEN_COOKIE } from '../../shared/http-wire';

export function createToken(): string {
  return randomBytes(24).toString('base64url');
}

export function tokensEqual(
  expected: string,
  given: string | undefined,
): boolean {
  if (given === undefined) return false;

  const a = Buffer.from(expected);
  const b = Buffer.from(given);

  return a.length === b.length && timingSafeEqual(a, b);
}

/** The value of one cookie, or undefined; malformed cookies are ignored. */
export function readCookie(
  header: string | undefined,
  name: string,
): string | undefined {
  if (!header) return undefined;

  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    if (part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }

  return undefined;
}

export function tokenFromHeaders(
  headers: IncomingHttpHeaders,
): string | undefined {
  const auth = headers.authorization;
  if (auth?.startsWith('Bearer ')) return auth.slice('Bearer '.length).trim();

  return readCookie(headers.cookie, TOKEN_COOKIE);
}

/**
 * The Host header must name our own loopback address and port, so that a
 * web page on another name that resolves to 127.0.0.1 (DNS rebinding)
 * cannot talk to the console.
 */
export function isOwnHost(host: string | undefined, port: number): boolean {
  return host === `127.0.0.1:${port}` || host === `localhost:${port}`;
}

/** A cross-site page must not drive the API even with the cookie. */
export function isOwnOrigin(origin: string | undefined, port: number): boolean {
  if (origin === undefined) return true;

  return (
    origin === `http://127.0.0.1:${port}` ||
    origin === `http://localhost:${port}`
  );
}

export function sessionCookie(token: string): string {
  return `${TOKEN_COOKIE}=${token}; HttpOnly; SameSite=Strict; Path=/`;
}
