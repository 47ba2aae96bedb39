// However long the offline notes, no push is refused for its size: 200
// notes of 4,000 three-byte characters (2.4 MB) would overflow the server's
// 2 MiB body limit in one batch and wedge the outbox on a 413.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterEach, describe, expect, it } from 'vitest';

import { createLogger } from '../../../src/main/log/logger';
import { openStore } from '../../../src/main/store/store';
import type { CentralClient } from '../../../src/main/sync/central-client';
import {
  fitBatch,
  PUSH_BODY_BYTES,
  pushOutbox,
} from '../../../src/main/sync/push-outbox';
import {
  INTENT_BODY_BYTES,
  type Intent,
} from '../../../src/shared/sync-protocol';
import { startSignedIn } from './real-central';

const logger = createLogger({ level: 'error' });
const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

const longNote = (seq: number): Intent => ({
  seq,
  createdAt: 1_700_000_000_000,
  type: 'add_note',
  requestId: 'R1',
  noteId: `N${seq}`,
  body: '€'.repeat(4000),
  visibility: 'internal',
});

const bodyBytes = (intents: Intent[]) =>
  Buffer.byteLength(JSON.stringify({ consoleId: 'c'.repeat(36), intents }));

describe('push batches', () => {
  it('keeps each batch body under half the server limit, and takes at least one', () => {
    const notes = Array.from({ length: 200 }, (_, i) => longNote(i + 1));
    expect(bodyBytes(notes)).toBeGreaterThan(INTENT_BODY_BYTES);

    const first = fitBatch(notes, PUSH_BODY_BYTES);
    expect(first.length).toBeGreaterThan(40);
    expect(first.length).toBeLessThan(200);
    expect(bodyBytes(first)).toBeLessThanOrEqual(PUSH_BODY_BYTES);
    expect(bodyBytes(notes.slice(0, first.length + 1))).toBeGreaterThan(
      PUSH_BODY_BYTES - 256,
    );
    expect(fitBatch(notes.slice(0, 1), 10)).toHaveLength(1);
    expect(fitBatch([], PUSH_BODY_BYTES)).toEqual([]);
  });

  it('drains 200 long offline notes into the real server, batch by batch', async () => {
    const { server, client: real } = await startSignedIn({
      logger,
      requestIds: ['R1'],
    });
    cleanups.push(() => server.close());
    const sent: number[] = [];
    const client: CentralClient = {
      ...real,
      pushIntents: (batch) => {
        sent.push(Buffer.byteLength(JSON.stringify(batch)));
        return real.pushIntents(batch);
      },
    };

    const dir = mkdtempSync(join(tmpdir(), 'sd-push-size-'));
    const store = openStore(join(dir, 'console.db'));
    cleanups.push(() => {
      store.close();
      rmSync(dir, { recursive: true, force: true });
    });
    for (let i = 0; i < 200; i += 1) {
      store.sync.outbox.recordIntent((seq) => longNote(seq), 'Ana');
    }

    const counts = await pushOutbox({
      sync: store.sync,
      client,
      batch: 200,
      now: () => 1_700_000_100_000,
      logger,
    });

    expect(counts).toEqual({ applied: 200, rejected: 0 });
    expect(store.sync.outbox.outboxDepth()).toBe(0);
    expect(sent.length).toBeGreaterThanOrEqual(3);
    expect(Math.max(...sent)).toBeLessThanOrEqual(PUSH_BODY_BYTES);
    expect(await server.store.listNotes('R1')).toHaveLength(200);
  });
});
