import type { IncomingHttpHeaders } from 'node:http';

/** The token of an `Authorization: Bearer <token>` header, or null. */
export function bearerToken(headers: IncomingHttpHeaders): string | null {
  const header = headers.authorization;
  if (header === undefined) return null;

  const match = /^Bearer ([A-Za-z0-9._~+/-]{20,200}=*)$/.exec(header.trim());
  return match?.[1] ?? null;
}
