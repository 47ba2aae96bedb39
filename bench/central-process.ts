// A central API in a child process, as a console meets it in production:
// its CPU work (SQLite reads, JSON assembly) runs beside the console's, not
// on the console's thread, so a benchmark measures the console honestly.
import { fork } from 'node:child_process';
import { resolve } from 'node:path';

import type { RequestPatch } from '../src/server/storage/central-store';
import type { ChildConfig, ChildMessage, ParentMessage } from './central-wire';

export type CentralProcess = {
  url: string;
  /** The seeded open requests' ids, in seed order. */
  ids: string[];
  /** How long the seed's one insert transaction took. */
  seedMs: number;
  /** Commits the patch on the server; resolves with the commit's epoch ms. */
  updateRequest(id: string, patch: RequestPatch): Promise<number>;
  close(): Promise<void>;
};

// npm scripts run at the repository root.
const CHILD = resolve('bench/central-child.ts');

export function startCentralProcess(
  config: ChildConfig,
): Promise<CentralProcess> {
  const child = fork(CHILD, [JSON.stringify(config)], {
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const waiting = new Map<number, (message: ChildMessage) => void>();
  let nextRef = 1;

  const post = (message: ParentMessage) => child.send(message);

  return new Promise((resolveStart, rejectStart) => {
    child.once('exit', (code) =>
      rejectStart(new Error(`the central process exited with ${code}`)),
    );
    child.on('message', (message: ChildMessage) => {
      if (message.kind !== 'ready') {
        waiting.get(message.ref)?.(message);
        waiting.delete(message.ref);
        return;
      }

      resolveStart({
        url: message.url,
        ids: message.ids,
        seedMs: message.seedMs,
        updateRequest: (id, patch) =>
          new Promise((done, fail) => {
            const ref = nextRef++;
            waiting.set(ref, (answer) => {
              if (answer.kind === 'committed') done(answer.at);
              else if (answer.kind === 'failed') fail(new Error(answer.error));
            });
            post({ kind: 'update', ref, id, patch });
          }),
        close: () =>
          new Promise((done) => {
            child.once('exit', () => done());
            post({ kind: 'close' });
          }),
      });
    });
  });
}
