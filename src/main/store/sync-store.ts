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
import { createViewRefresh } from './view-refresh';

export type SyncStore = {
  state: SyncStateRepository;
  confirmed: ConfirmedRepository;
  outbox: OutboxRepository;
  dispatch: DispatchViewRepository;
};

export function createSyncStore(db: SqliteDatabase): SyncStore {
  const view = createViewRefresh(db);

  return {
    state: createSyncStateRepository(db),
    confirmed: createConfirmedRepository(db, view),
    outbox: createOutboxRepository(db, view),
    dispatch: createDispatchViewRepository(db),
  };
}
