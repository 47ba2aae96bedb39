// The messages between a benchmark and the central API process it forks.
import type { NewStaffUser } from '../src/server/auth/staff-accounts';
import type { RequestPatch } from '../src/server/storage/central-store';

export type ChildConfig = {
  dataDir: string;
  /** Open requests to seed, from the Boston seed rows. */
  requests: number;
  crews: number;
  users: NewStaffUser[];
};

export type ParentMessage =
  | { kind: 'update'; ref: number; id: string; patch: RequestPatch }
  | { kind: 'close' };

export type ChildMessage =
  | { kind: 'ready'; url: string; ids: string[]; seedMs: number }
  | { kind: 'committed'; ref: number; at: number }
  | { kind: 'failed'; ref: number; error: string };

/** Epoch ms with sub-ms precision, comparable across processes. */
export const epochNow = () => performance.timeOrigin + performance.now();
