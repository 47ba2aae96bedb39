// Session tokens and Open311 API keys: random, shown once, stored only as a
// SHA-256 hash, so a copy of the database cannot sign anyone in.
import { createHash, randomBytes } from 'node:crypto';

export function newSecret(): string {
  return randomBytes(32).toString('base64url');
}

export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex');
}
