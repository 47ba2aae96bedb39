// Reads a console's database file from the outside, as a second (read-only)
// connection, for assertions the contract does not expose.
import { join } from 'node:path';

import Database from 'better-sqlite3';

import { intentSchema, type Intent } from '../../../src/shared/sync-protocol';

export type ConsoleOutbox = { consoleId: string; intents: Intent[] };

/** The console's id and every intent still in its outbox, in seq order. */
export function readOutbox(dataDir: string): ConsoleOutbox {
  const db = new Database(join(dataDir, 'streetdesk.db'), { readonly: true });
  try {
    const consoleId = db
      .prepare<[], string>(
        "SELECT value FROM sync_state WHERE key = 'console_id'",
      )
      .pluck()
      .get();
    const payloads = db
      .prepare<[], string>('SELECT payload FROM outbox ORDER BY seq')
      .pluck()
      .all();
    return {
      consoleId: consoleId ?? '',
      intents: payloads.map((payload) =>
        intentSchema.parse(JSON.parse(payload)),
      ),
    };
  } finally {
    db.close();
  }
}

/** Notes the console holds as confirmed by the server. */
export function countConfirmedNotes(dataDir: string): number {
  const db = new Database(join(dataDir, 'streetdesk.db'), { readonly: true });
  try {
    return (
      db
        .prepare<[], number>('SELECT count(*) FROM notes WHERE pending = 0')
        .pluck()
        .get() ?? 0
    );
  } finally {
    db.close();
  }
}
