// The store's sync half, assembled: confirmed state, the outbox, the sync
// bookkeeping and the dispatch view, over one database connection.
import {
  createConfirmedRepository,
  type ConfirmedRepository,
} from './confirmed-repository';
import type { SqliteDatabase } from './database';
import {
  createDispatchViewRepository,
  type DispatchViewRepository,
} from './dispatch-view-repository';
import {
  createOutboxRepository,
  type OutboxRepository,
} from './outbox-repository';
import {
  createSyncStateRepository,
  type SyncStateRepository,
} from './sync-state-repository';
import { createQueueReads, type QueueReads } from '../queue/queue-reads';
import {
  createOpenRequestsFeed,
  type OpenRequestsFeed,
} from './open-requests-feed';
import { createViewRefresh } from './view-refresh';

export type SyncStore = {
  state: SyncStateRepository;
  confirmed: ConfirmedRepository;
  outbox: OutboxRepository;
  dispatch: DispatchViewRepository;
};

/** The store passes its own queue index; alone, one is made here. */
export function createSyncStore(
  db: SqliteDatabase,
  feed: OpenRequestsFeed = createOpenRequestsFeed(db),
  queue: QueueReads = createQueueReads(() => feed.current()),
): SyncStore {
  const view = createViewRefresh(db, feed);

  return {
    state: createSyncStateRepository(db),
    confirmed: createConfirmedRepository(db, view, feed),
    outbox: createOutboxRepository(db, view),
    dispatch: createDispatchViewRepository(db, queue),
  };
}
