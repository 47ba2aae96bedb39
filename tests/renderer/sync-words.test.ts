import { describe, expect, it } from 'vitest';

import type { SyncStatus } from '../../src/shared/contract';
import {
  initialSyncProgress,
  lastSyncText,
} from '../../src/renderer/src/sync/sync-words';

const NOW = 1_700_000_000_000;

const status = (lastSyncAt: number | null) =>
  ({ lastSyncAt }) as Pick<SyncStatus, 'lastSyncAt'> as SyncStatus;

describe('the sync bar in words', () => {
  it('says when this console last synced', () => {
    expect(lastSyncText(status(null), NOW)).toBe('never synced');
    expect(lastSyncText(status(NOW - 59_000), NOW)).toBe('synced just now');
    // A last sync a little ahead of this clock is still just now.
    expect(lastSyncText(status(NOW + 5_000), NOW)).toBe('synced just now');
    expect(lastSyncText(status(NOW - 3 * 3_600_000), NOW)).toMatch(
      /^synced 3 h.* ago$/,
    );
  });

  it('shows the first load against the server count when there is one', () => {
    expect(
      initialSyncProgress({ done: false, loaded: 5000, total: 12_000 }),
    ).toEqual({
      text: 'Loading the open requests: 5,000 of 12,000',
      value: 5000,
      max: 12_000,
    });
    // No count from the server: a count and a bar that only says "busy".
    expect(
      initialSyncProgress({ done: false, loaded: 5000, total: null }),
    ).toEqual({
      text: 'Loading the open requests: 5,000',
      value: undefined,
      max: undefined,
    });
    expect(initialSyncProgress({ done: false, loaded: 0, total: 0 })).toEqual({
      text: 'Loading the open requests: 0 of 0',
      value: undefined,
      max: undefined,
    });
  });
});
