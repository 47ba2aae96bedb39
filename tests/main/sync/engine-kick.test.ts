import { afterEach, describe, expect, it } from 'vitest';

import { createLogger } from '../../../src/main/log/logger';
import { openStore, type Store } from '../../../src/main/store/store';
import { createSyncEngine } from '../../../src/main/sync/sync-engine';
import { FakeCentral, request } from './fake-central';

let store: Store | null = null;
afterEach(() => {
  store?.close();
  store = null;
});

async function within(ms: number, check: () => boolean): Promise<boolean> {
  const started = Date.now();
  while (!check()) {
    if (Date.now() - started > ms) return false;
    await new Promise((done) => setTimeout(done, 2));
  }
  return true;
}

describe('the sync engine asked for work as a cycle ends', () => {
  it('runs work asked for from a promise continuation at once, not at the next timer', async () => {
    const central = new FakeCentral();
    central.putRequest(request('R1'));
    store = openStore(':memory:');
    let hook: (() => void) | null = null;
    const engine = createSyncEngine({
      sync: store.sync,
      client: central,
      logger: createLogger({ level: 'error' }),
      signedInAs: () => ({ userId: 'ana', name: 'Ana', role: 'dispatcher' }),
      serverPush: false,
      // Only a kick can start a cycle within this test.
      pullIntervalMs: 3_600_000,
      checksumIntervalMs: Infinity,
      onStatusChanged: () => {
        const run = hook;
        hook = null;
        run?.();
      },
    });
    engine.start();
    await engine.idle();
    expect(store.countOpenRequests()).toBe(1);

    // The kick lands 0..8 microtasks after the cycle's status: one of these
    // falls between the engine's last look for work and its bookkeeping.
    for (let hops = 0; hops <= 8; hops += 1) {
      const description = `change ${hops}`;
      central.updateRequest('R1', { description });
      hook = () => {
        let chain = Promise.resolve();
        for (let at = 0; at < hops; at += 1) chain = chain.then(() => {});
        void chain.then(() => engine.kick({ pull: true }));
      };
      engine.kick({ push: true });

      const served = await within(500, () => {
        return store?.getRequest('R1')?.description === description;
      });
      expect({ hops, served }).toEqual({ hops, served: true });
    }

    await engine.stop();
  });
});
