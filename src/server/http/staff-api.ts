import type { IncomingMessage, ServerResponse } from 'node:http';

import type { Logger } from '../../main/log/logger';
import type { SignInLimiter } from '../auth/sign-in-limiter';
import type { SlaPolicyBook } from '../sla/sla-policy-book';
import type { CentralStore, StaffUser } from '../storage/central-store';
import type { StoryClock } from '../sync/change-story';
import type { PushHub } from './push-hub';

/** What every staff route may use. */
export type StaffApi = {
  store: CentralStore;
  logger: Logger;
  now: () => number;
  clock: StoryClock;
  push: PushHub;
  sessionTtlMs: number;
  signInLimiter: SignInLimiter;
  slaPolicy: SlaPolicyBook;
  unmergeWindowMs: number;
};

export type StaffCall = {
  req: IncomingMessage;
  res: ServerResponse;
  url: URL;
  /** The protocol version in the path: 1, 2 or 3. */
  version: number;
  api: StaffApi;
};

export type SignedInCall = StaffCall & { user: StaffUser };

/** Small bodies: sign-in and account forms. */
export const SMALL_BODY_BYTES = 16 * 1024;
