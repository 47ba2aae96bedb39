// The central store on one better-sqlite3 connection. Work runs one piece
// at a time through a promise queue, so an async transaction never shares
// the connection with a read that could see its uncommitted rows.
import {
  TransientStoreError,
  type CentralReads,
  type CentralStore,
  type CentralTransaction,
} from '../central-store';
import { openCentralDatabase } from './open-central-database';
import { createSqliteReads, type Immediate } from './sqlite-reads';
import { createSeqCounter, createSqliteWrites } from './sqlite-writes';

export type SqliteCentralStoreOptions = {
  /** A file path, or ':memory:' for a throwaway store. */
  path: string;
  /** Changes kept in the feed; older pulls must reset. 100,000 unless told. */
  changeRetention?: number;
  /** How long a write waits for another connection's lock. */
  busyTimeoutMs?: number;
};

export const DEFAULT_CHANGE_RETENTION = 100_000;

/** SQLite result codes that mean "not now" rather than "never". */
const TRANSIENT_CODE = /^SQLITE_(BUSY|LOCKED|FULL|IOERR|PROTOCOL)/;

export function isTransientSqliteError(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && TRANSIENT_CODE.test(code);
}

function asStoreError(error: unknown): unknown {
  if (!isTransientSqliteError(error)) return error;
  const message = error instanceof Error ? error.message : String(error);

  return new TransientStoreError(
    `The central database is busy or unavailable (${message}); try again.`,
  );
}

export function openSqliteCentralStore(
  options: SqliteCentralStoreOptions,
): CentralStore {
  const retention = options.changeRetention ?? DEFAULT_CHANGE_RETENTION;
  if (!Number.isInteger(retention) || retention < 1) {
    throw new Error(
      `changeRetention must be a whole number of changes of at least 1; got ${retention}.`,
    );
  }

  const db = openCentralDatabase(options.path, options.busyTimeoutMs ?? 5_000);
  const seqs = createSeqCounter(db);
  const reads = createSqliteReads(db);
  const writes = createSqliteWrites(db, seqs);
  const prune = db.prepare<[number]>('DELETE FROM changes WHERE seq <= ?');
  const listeners = new Set<(lastSeq: number) => void>();

  let queue: Promise<unknown> = Promise.resolve();
  let inTransaction = false;

  const exclusive = <T>(work: () => Promise<T> | T): Promise<T> => {
    const run = queue.then(work);
    queue = run.catch(() => undefined);
    return run;
  };

  const immediateRead = <T>(read: () => T): Promise<T> =>
    exclusive(() => {
      try {
        return read();
      } catch (error) {
        throw asStoreError(error);
      }
    });

  const txOperation = <T>(operation: () => T): Promise<T> => {
    if (!inTransaction) {
      return Promise.reject(
        new Error(
          'A transaction object was used after its transaction ended; ' +
            'do all the work inside the transaction callback.',
        ),
      );
    }
    return Promise.resolve(operation());
  };

  const tx = wrap<CentralTransaction>({ ...reads, ...writes }, txOperation);
  const storeReads = wrap<CentralReads>(reads, immediateRead);

  const notify = (lastSeq: number) => {
    for (const listener of listeners) listener(lastSeq);
  };

  return {
    ...storeReads,

    transaction<T>(work: (tx: CentralTransaction) => Promise<T>): Promise<T> {
      return exclusive(async () => {
        try {
          db.exec('BEGIN IMMEDIATE');
        } catch (error) {
          throw asStoreError(error);
        }
        inTransaction = true;
        seqs.reset();

        let appendedUpTo: number | null = null;
        try {
          const result = await work(tx);
          appendedUpTo = seqs.appendedUpTo();
          if (appendedUpTo !== null && appendedUpTo > retention) {
            prune.run(appendedUpTo - retention);
          }
          db.exec('COMMIT');
          return result;
        } catch (error) {
          appendedUpTo = null;
          if (db.inTransaction) db.exec('ROLLBACK');
          throw asStoreError(error);
        } finally {
          inTransaction = false;
          seqs.reset();
          if (appendedUpTo !== null) notify(appendedUpTo);
        }
      });
    },

    onChangesCommitted(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },

    close() {
      return exclusive(() => {
        listeners.clear();
        if (db.open) db.close();
      });
    },
  };
}

/** Turns immediate operations into promise-returning ones through `run`. */
function wrap<T extends object>(
  immediate: Immediate<T>,
  run: <R>(operation: () => R) => Promise<R>,
): T {
  const wrapped: Record<string, unknown> = {};

  for (const [name, operation] of Object.entries(immediate)) {
    const call = operation as (...args: unknown[]) => unknown;
    wrapped[name] = (...args: unknown[]) => run(() => call(...args));
  }

  return wrapped as T;
}
