import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

import { afterEach, describe, expect, it } from 'vitest';

import { NO_FAULTS, startFaultProxy, type FaultProxy } from './fault-proxy';

let server: Server;
let proxy: FaultProxy;
let hits = 0;
let paths: string[] = [];

async function start(faults = NO_FAULTS) {
  hits = 0;
  paths = [];
  server = createServer((req, res) => {
    hits++;
    paths.push(req.url ?? '');
    if (req.headers.accept === 'text/event-stream') {
      // A push stream: open until someone cuts it.
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.write(': open\n\n');
      return;
    }
    res.end(JSON.stringify({ hit: hits, path: req.url }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  proxy = await startFaultProxy({
    target: `http://127.0.0.1:${port}`,
    faults,
    seed: 7,
  });
}

afterEach(async () => {
  await proxy.close();
  await new Promise((resolve) => server.close(resolve));
});

describe('the fault proxy', () => {
  it('passes requests through untouched when told no faults', async () => {
    await start();

    const res = await fetch(`${proxy.url}/a?b=1`);

    expect(await res.json()).toEqual({ hit: 1, path: '/a?b=1' });
  });

  it('lets the server act and then loses the answer', async () => {
    await start({ ...NO_FAULTS, dropResponse: 1 });

    await expect(
      fetch(`${proxy.url}/x`, { method: 'POST', body: 'x' }),
    ).rejects.toThrow();
    expect(hits).toBe(1);
    expect(proxy.stats.droppedResponses).toBe(1);
  });

  it('delivers a request twice but answers once', async () => {
    await start({ ...NO_FAULTS, duplicate: 1 });

    const res = await fetch(`${proxy.url}/x`, { method: 'POST', body: 'x' });

    expect(res.status).toBe(200);
    expect(hits).toBe(2);
  });

  it('delivers a late copy after newer requests, answering the first', async () => {
    await start({ ...NO_FAULTS, lateCopy: 1 });

    const first = await fetch(`${proxy.url}/a`, { method: 'POST', body: 'a' });
    expect(await first.json()).toEqual({ hit: 1, path: '/a' });
    proxy.setFaults(NO_FAULTS);
    await fetch(`${proxy.url}/b`);
    await new Promise((resolve) => setTimeout(resolve, 700));

    expect(paths).toEqual(['/a', '/b', '/a']);
    expect(proxy.stats.lateCopies).toBe(1);
  });

  it('holds an answer back before the client gets it', async () => {
    await start({ ...NO_FAULTS, maxResponseDelayMs: 50 });

    const res = await fetch(`${proxy.url}/x`);

    expect(await res.json()).toEqual({ hit: 1, path: '/x' });
    expect(proxy.stats.delayedResponses).toBe(1);
  });

  it('cuts a push stream after its lifetime', async () => {
    await start({ ...NO_FAULTS, maxStreamMs: 100 });

    const res = await fetch(`${proxy.url}/events`, {
      headers: { accept: 'text/event-stream' },
    });
    expect(res.status).toBe(200);
    await expect(res.text()).rejects.toThrow();
    expect(proxy.stats.cutStreams).toBe(1);
  });

  it('drops a request before the server sees it', async () => {
    await start({ ...NO_FAULTS, dropRequest: 1 });

    await expect(fetch(`${proxy.url}/x`)).rejects.toThrow();
    expect(hits).toBe(0);
  });

  it('cuts an answer halfway', async () => {
    await start({ ...NO_FAULTS, truncateResponse: 1 });

    await expect(
      fetch(`${proxy.url}/x`).then((res) => res.text()),
    ).rejects.toThrow();
    expect(hits).toBe(1);
  });

  it('refuses everything while partitioned, and heals', async () => {
    await start();

    proxy.setPartitioned(true);
    await expect(fetch(`${proxy.url}/x`)).rejects.toThrow();
    expect(hits).toBe(0);

    proxy.setPartitioned(false);
    expect((await fetch(`${proxy.url}/x`)).status).toBe(200);
  });
});
