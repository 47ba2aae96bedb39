import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { createApiKey } from '../../src/server/auth/staff-accounts';
import { hashSecret } from '../../src/server/auth/secret-tokens';
import {
  PASSWORD,
  startCentral,
  type Central,
} from './support/central-fixture';

let dataDir: string;
let central: Central;

beforeEach(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'streetdesk-at-rest-'));
  central = await startCentral({ dataDir });
});
afterEach(async () => {
  await central.close();
  rmSync(dataDir, { recursive: true, force: true });
});

/** Every text value in every table of the central database. */
function everyStoredText(path: string): string[] {
  const db = new Database(path, { readonly: true });
  try {
    const tables = db
      .prepare("SELECT name FROM sqlite_master WHERE type = 'table'")
      .pluck()
      .all() as string[];
    return tables.flatMap((table) =>
      (
        db.prepare(`SELECT * FROM "${table}"`).all() as Record<
          string,
          unknown
        >[]
      ).flatMap((row) =>
        Object.values(row).filter((value) => typeof value === 'string'),
      ),
    );
  } finally {
    db.close();
  }
}

/** The raw bytes of the database and its WAL, as they sit on disk. */
function databaseBytes(): Buffer {
  return Buffer.concat(
    readdirSync(dataDir)
      .filter((name) => name.startsWith('central.sqlite'))
      .map((name) => readFileSync(join(dataDir, name))),
  );
}

describe('secrets at rest in the central database', () => {
  it('holds only the hash of each session token and API key, never the secret', async () => {
    const { apiKey } = await createApiKey(
      central.server.store,
      'resident app',
      central.clock.now,
    );
    const secrets = [...Object.values(central.tokens), apiKey];
    const texts = everyStoredText(join(dataDir, 'central.sqlite'));
    const bytes = databaseBytes();

    for (const secret of secrets) {
      expect(secret.length).toBeGreaterThanOrEqual(40);
      expect(texts.some((text) => text.includes(secret))).toBe(false);
      expect(bytes.includes(secret)).toBe(false);
      // The check would find it: its hash is there.
      expect(texts).toContain(hashSecret(secret));
    }
  });

  it('holds no staff password, only its scrypt hash', () => {
    const texts = everyStoredText(join(dataDir, 'central.sqlite'));

    expect(texts.some((text) => text.includes(PASSWORD))).toBe(false);
    expect(databaseBytes().includes(PASSWORD)).toBe(false);
    expect(texts.filter((text) => text.startsWith('scrypt$'))).toHaveLength(3);
  });
});
