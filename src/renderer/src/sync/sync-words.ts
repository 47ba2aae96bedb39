// The sync bar's facts in words, kept apart from the component so they
// can be tested without a page.
import type { SyncStatus } from '../../../shared/contract';
import { formatDuration } from '../queue/time-format';

const count = new Intl.NumberFormat('en-US');

/** When this console last heard from the central API, by its own clock. */
export function lastSyncText(status: SyncStatus, now: number): string {
  if (status.lastSyncAt === null) return 'never synced';
  const ago = Math.max(0, now - status.lastSyncAt);

  return ago < 60_000 ? 'synced just now' : `synced ${formatDuration(ago)} ago`;
}

/**
 * The first load's progress: the count so far, against the server's count
 * of open requests when it gave one (the bar is then determinate).
 */
export function initialSyncProgress(initialSync: SyncStatus['initialSync']): {
  text: string;
  value: number | undefined;
  max: number | undefined;
} {
  const { loaded, total } = initialSync;
  const text =
    `Loading the open requests: ${count.format(loaded)}` +
    (total === null ? '' : ` of ${count.format(total)}`);

  return total === null || total === 0
    ? { text, value: undefined, max: undefined }
    : { text, value: Math.min(loaded, total), max: total };
}
