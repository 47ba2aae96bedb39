import { afterEach, describe, expect, it } from 'vitest';

import {
  pushEventSchema,
  type PushEvent,
} from '../../src/shared/sync-protocol';
import { startCentral, type Central } from './support/central-fixture';

let central: Central | undefined;
afterEach(() => central?.close());

/** Reads SSE events from a fetch body as they arrive. */
function eventReader(body: ReadableStream<Uint8Array>) {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let buffer = '';

  return async function next(): Promise<PushEvent> {
    for (;;) {
      const end = buffer.indexOf('\n\n');
      if (end >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const data = block
          .split('\n')
          .find((line) => line.startsWith('data: '));
        if (data !== undefined)
          return pushEventSchema.parse(JSON.parse(data.slice(6)));
        continue;
      }
      const { value, done } = await reader.read();
      if (done) throw new Error('the event stream ended');
      buffer += decoder.decode(value, { stream: true });
    }
  };
}

describe('GET events', () => {
  it('sends a heartbeat at once, then `changed` right after a commit', async () => {
    central = await startCentral();
    const controller = new AbortController();
    const response = await fetch(`${central.url}/staff/v2/events`, {
      headers: { Authorization: `Bearer ${central.tokens.dana}` },
      signal: controller.signal,
    });
    expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const next = eventReader(response.body!);

    const hello = await next();
    expect(hello).toMatchObject({ type: 'heartbeat', lastSeq: 5 });

    const started = performance.now();
    const pushed = central.call('/staff/v2/intents', {
      token: central.tokens.ana,
      body: {
        consoleId: 'c',
        intents: [
          {
            seq: 1,
            createdAt: 1,
            type: 'assign',
            requestId: '101001',
            crewId: 'PWD-04',
            expectedVersion: 1,
          },
        ],
      },
    });
    const changed = await next();
    const elapsed = performance.now() - started;
    await pushed;

    expect(changed).toMatchObject({ type: 'changed', lastSeq: 7 });
    expect(elapsed).toBeLessThan(1_000);
    controller.abort();
  });

  it('sends heartbeats on its interval', async () => {
    central = await startCentral({ heartbeatMs: 50 });
    const controller = new AbortController();
    const response = await fetch(`${central.url}/staff/v2/events`, {
      headers: { Authorization: `Bearer ${central.tokens.dana}` },
      signal: controller.signal,
    });
    const next = eventReader(response.body!);

    const events = [await next(), await next(), await next()];
    expect(events.map((e) => e.type)).toEqual([
      'heartbeat',
      'heartbeat',
      'heartbeat',
    ]);
    controller.abort();
  });
});
