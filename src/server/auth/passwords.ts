// Staff passwords are kept as scrypt hashes with a per-user salt:
// "scrypt$<N>$<salt b64>$<hash b64>", so the cost can rise later.
import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';

const COST = 16_384;
const KEY_LENGTH = 32;

function derive(password: string, salt: Buffer, cost: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scrypt(password, salt, KEY_LENGTH, { N: cost }, (error, key) => {
      if (error) reject(error);
      else resolve(key);
    });
  });
}

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await derive(password, salt, COST);

  return `scrypt$${COST}$${salt.toString('base64')}$${key.toString('base64')}`;
}

export async function verifyPassword(
  password: string,
  stored: string,
): Promise<boolean> {
  const [scheme, costText, saltText, keyText] = stored.split('$');
  if (scheme !== 'scrypt' || saltText === undefined || keyText === undefined) {
    return false;
  }

  const expected = Buffer.from(keyText, 'base64');
  const key = await derive(
    password,
    Buffer.from(saltText, 'base64'),
    Number(costText),
  );

  return key.length === expected.length && timingSafeEqual(key, expected);
}

/**
 * Spends the same time as a real check, so a wrong username cannot be told
 * from a wrong password by the answer's delay.
 */
export async function spendPasswordCheck(password: string): Promise<void> {
  await derive(password, Buffer.alloc(16), COST);
}
