// The console's HTTP client for the staff sync API (/staff/v2/). Every reply
// is checked against the protocol's schemas (bulk pages by equivalent
// hand-written checks first): nothing from the wire is trusted.
import type { z } from 'zod';

import { decodeDictionary } from '../../shared/snapshot-dictionary';
import {
  changesPageSchema,
  checksumSchema,
  closuresPageSchema,
  historyPageSchema,
  intentBatchResponseSchema,
  notesPageSchema,
  PROTOCOL_HEADER,
  PROTOCOL_VERSION,
  SNAPSHOT_NEXT_HEADER,
  SNAPSHOT_TOTAL_HEADER,
  pushEventSchema,
  resetRequiredSchema,
  sequenceGapSchema,
  sessionSchema,
  snapshotRowsPageSchema,
  staffErrorSchema,
  staffPath,
  type ChangesPage,
  type Checksum,
  type ClosuresPage,
  type HistoryPage,
  type IntentBatch,
  type IntentBatchResponse,
  type NotesPage,
  type PushEvent,
  type SnapshotRowsPage,
  type StaffSession,
} from '../../shared/sync-protocol';
import { CentralError, describeError } from './central-error';
import { createEventStreamParser } from './event-stream-parser';
import { checkChangesPage, checkSnapshotRowsPage } from './page-checks';

export type ChangesResult =
  { kind: 'page'; page: ChangesPage } | { kind: 'reset'; oldestSeq: number };

export type PushResult =
  | { kind: 'results'; response: IntentBatchResponse }
  | { kind: 'gap'; expectedSeq: number };

/** One clock reading: the server's time against the local send/receive. */
export type ClockSample = {
  serverTime: number;
  sentAt: number;
  receivedAt: number;
};

/**
 * A snapshot page, with the count of open requests the server gave with
 * a whole snapshot's first page (SNAPSHOT_TOTAL_HEADER), when it did.
 */
export type SnapshotPageRead = SnapshotRowsPage & { openTotal?: number };

/** What the sync engine needs from the central API. */
export type CentralClient = {
  signIn(username: string, password: string): Promise<StaffSession>;
  changes(after: number, limit: number): Promise<ChangesResult>;
  snapshot(
    afterId: string | null,
    limit: number,
    bucket?: number,
  ): Promise<SnapshotPageRead>;
  pushIntents(batch: IntentBatch): Promise<PushResult>;
  /** Open requests' notes after `after` (0 at first); see notesPageSchema. */
  notes(after: number, limit: number): Promise<NotesPage>;
  /** Open requests' history after `after` (0 at first). */
  history(after: number, limit: number): Promise<HistoryPage>;
  /** Requests closed lately, by id after `afterId`; see closuresPageSchema. */
  closures(afterId: string | null, limit: number): Promise<ClosuresPage>;
  checksum(): Promise<Checksum>;
  /**
   * Listens to server push until the stream ends or `signal` aborts;
   * resolves when the stream ends, rejects when it could not be opened.
   */
  events(
    onEvent: (event: PushEvent) => void,
    signal: AbortSignal,
  ): Promise<void>;
};

export type CentralClientOptions = {
  baseUrl: string;
  token: () => string | null;
  fetch?: typeof fetch;
  timeoutMs?: number;
  now?: () => number;
  onClockSample?: (sample: ClockSample) => void;
};

type Reply = {
  status: number;
  body: unknown;
  sentAt: number;
  receivedAt: number;
};

const DEFAULT_TIMEOUT_MS = 15_000;

/** Snapshot pages fetched ahead of the one the engine reads, at most. */
const SNAPSHOT_PAGES_AHEAD = 2;

const SNAPSHOT_CURSOR = /^[A-Za-z0-9_.:-]{1,64}$/;

const snapshotKey = (
  afterId: string | null,
  limit: number,
  bucket: number | undefined,
) => `${afterId ?? ''}|${limit}|${bucket ?? ''}`;

function parseWith<T>(schema: z.ZodType<T>, body: unknown, what: string): T {
  const parsed = schema.safeParse(body);
  if (parsed.success) return parsed.data;

  const issue = parsed.error.issues[0];
  const where = issue && issue.path.length > 0 ? issue.path.join('.') : 'body';
  throw new CentralError(
    'malformed',
    `The central API sent a malformed ${what} (${where}: ` +
      `${issue?.message ?? 'invalid'}); local data was kept. Check that the ` +
      'server runs a StreetDesk version that speaks protocol ' +
      `${PROTOCOL_VERSION}.`,
  );
}

/**
 * A protocol 4 snapshot page's rows point into its dictionary: the values
 * are put back, in place, so the page reads as a protocol 3 one.
 */
function undoDictionary(body: unknown): void {
  if (typeof body !== 'object' || body === null || !('dictionary' in body)) {
    return;
  }
  const page = body as { dictionary?: unknown; rows?: unknown };
  const problem = decodeDictionary(page.dictionary, page.rows);
  if (problem !== null) {
    throw new CentralError(
      'malformed',
      `The central API sent a malformed snapshot page (${problem}); local ` +
        'data was kept.',
    );
  }
  delete page.dictionary;
}

function errorFor(reply: Reply, what: string): CentralError {
  const body = staffErrorSchema.safeParse(reply.body);
  const said = body.success ? body.data.description : 'no reason given';
  const status = reply.status;

  if (status === 401) {
    return new CentralError(
      'unauthorized',
      `The central API did not accept the sign-in (${said}); sign in again.`,
      status,
    );
  }
  if (status === 403) {
    return new CentralError('forbidden', `Not allowed: ${said}`, status);
  }
  if (status >= 500) {
    return new CentralError(
      'server',
      `The central API failed to answer ${what} (HTTP ${status}: ${said}); ` +
        'the console will retry.',
      status,
    );
  }
  return new CentralError(
    'refused',
    `The central API refused ${what} (HTTP ${status}: ${said}).`,
    status,
  );
}

export function createCentralClient(
  options: CentralClientOptions,
): CentralClient {
  const doFetch = options.fetch ?? fetch;
  const now = options.now ?? Date.now;
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const base = options.baseUrl.replace(/\/+$/, '');
  const url = (path: string) => `${base}${staffPath(PROTOCOL_VERSION, path)}`;

  const headers = (json: boolean): Record<string, string> => {
    const result: Record<string, string> = {
      accept: 'application/json',
      [PROTOCOL_HEADER]: String(PROTOCOL_VERSION),
    };
    const token = options.token();
    if (token !== null) result.authorization = `Bearer ${token}`;
    if (json) result['content-type'] = 'application/json';
    return result;
  };

  const send = async (
    what: string,
    path: string,
    body?: unknown,
    onHeaders?: (headers: Headers) => void,
  ): Promise<Reply> => {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), timeoutMs);
    const sentAt = now();

    try {
      const response = await doFetch(url(path), {
        method: body === undefined ? 'GET' : 'POST',
        headers: headers(body !== undefined),
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: controller.signal,
      });
      onHeaders?.(response.headers);
      const text = await response.text();
      const receivedAt = now();

      let parsed: unknown;
      try {
        parsed = text === '' ? null : JSON.parse(text);
      } catch {
        throw new CentralError(
          'malformed',
          `The central API answered ${what} with something that is not ` +
            `JSON (HTTP ${response.status}); local data was kept.`,
          response.status,
        );
      }

      return {
        status: response.status,
        body: parsed,
        sentAt,
        receivedAt,
      };
    } catch (error) {
      if (error instanceof CentralError) throw error;
      if (controller.signal.aborted) {
        throw new CentralError(
          'timeout',
          `The central API did not answer ${what} within ${timeoutMs} ms.`,
        );
      }
      throw new CentralError(
        'network',
        `Could not reach the central API at ${base} for ${what} ` +
          `(${describeError(error)}).`,
      );
    } finally {
      clearTimeout(timer);
    }
  };

  // Snapshot pages asked for ahead, on the next-page header of the one
  // before, so the server builds a page while this console reads the last.
  const prefetched = new Map<string, Promise<SnapshotPageRead>>();

  const fetchSnapshot = async (
    afterId: string | null,
    limit: number,
    bucket: number | undefined,
  ): Promise<SnapshotPageRead> => {
    const what = 'a snapshot page';
    const query = new URLSearchParams({ limit: String(limit) });
    if (afterId !== null) query.set('afterId', afterId);
    if (bucket !== undefined) query.set('bucket', String(bucket));

    let openTotal: number | undefined;
    const ahead = (headers: Headers) => {
      const total = Number(headers.get(SNAPSHOT_TOTAL_HEADER) ?? NaN);
      if (Number.isSafeInteger(total) && total >= 0) openTotal = total;
      const next = headers.get(SNAPSHOT_NEXT_HEADER);
      if (next === null || !SNAPSHOT_CURSOR.test(next) || next === afterId) {
        return;
      }
      if (prefetched.size >= SNAPSHOT_PAGES_AHEAD) return;
      const page = fetchSnapshot(next, limit, bucket);
      // Never awaited if the reload stops first: not an unhandled error.
      page.catch(() => undefined);
      prefetched.set(snapshotKey(next, limit, bucket), page);
    };

    const reply = await send(
      what,
      `snapshot?${query.toString()}`,
      undefined,
      ahead,
    );
    if (reply.status !== 200) throw errorFor(reply, what);
    undoDictionary(reply.body);

    const page =
      checkSnapshotRowsPage(reply.body) ??
      parseWith(snapshotRowsPageSchema, reply.body, 'snapshot page');
    sample(reply, page.serverTime);
    return openTotal === undefined ? page : { ...page, openTotal };
  };

  /** A GET whose answer is one checked page carrying the server's time. */
  const readPage = async <T extends { serverTime: number }>(
    what: string,
    path: string,
    schema: z.ZodType<T>,
  ): Promise<T> => {
    const reply = await send(`a ${what}`, path);
    if (reply.status !== 200) throw errorFor(reply, `a ${what}`);
    const page = parseWith(schema, reply.body, what);
    sample(reply, page.serverTime);
    return page;
  };

  const sample = (reply: Reply, serverTime: number) =>
    options.onClockSample?.({
      serverTime,
      sentAt: reply.sentAt,
      receivedAt: reply.receivedAt,
    });

  return {
    async signIn(username, password) {
      const reply = await send('sign-in', 'sign-in', { username, password });
      if (reply.status !== 200) throw errorFor(reply, 'the sign-in');
      return parseWith(sessionSchema, reply.body, 'session');
    },

    async changes(after, limit) {
      const what = 'a changes pull';
      const reply = await send(what, `changes?after=${after}&limit=${limit}`);
      if (reply.status === 410) {
        const reset = parseWith(
          resetRequiredSchema,
          reply.body,
          'reset answer',
        );
        return { kind: 'reset', oldestSeq: reset.oldestSeq };
      }
      if (reply.status !== 200) throw errorFor(reply, what);

      const page =
        checkChangesPage(reply.body) ??
        parseWith(changesPageSchema, reply.body, 'changes page');
      sample(reply, page.serverTime);
      return { kind: 'page', page };
    },

    snapshot(afterId, limit, bucket) {
      const key = snapshotKey(afterId, limit, bucket);
      const early = prefetched.get(key);
      if (early !== undefined) {
        prefetched.delete(key);
        return early;
      }
      // A new reload: what an earlier one fetched ahead is of no use.
      if (afterId === null) prefetched.clear();
      return fetchSnapshot(afterId, limit, bucket);
    },

    async pushIntents(batch) {
      const what = 'an intents push';
      const reply = await send(what, 'intents', batch);
      if (reply.status === 409) {
        const gap = parseWith(sequenceGapSchema, reply.body, 'sequence gap');
        return { kind: 'gap', expectedSeq: gap.expectedSeq };
      }
      if (reply.status !== 200) throw errorFor(reply, what);

      const response = parseWith(
        intentBatchResponseSchema,
        reply.body,
        'intents answer',
      );
      sample(reply, response.serverTime);
      return { kind: 'results', response };
    },

    notes: (after, limit) =>
      readPage(
        'page of notes',
        `activity?kind=notes&after=${after}&limit=${limit}`,
        notesPageSchema,
      ),

    history: (after, limit) =>
      readPage(
        'page of history',
        `activity?kind=history&after=${after}&limit=${limit}`,
        historyPageSchema,
      ),

    closures(afterId, limit) {
      const query = new URLSearchParams({ limit: String(limit) });
      if (afterId !== null) query.set('afterId', afterId);
      return readPage(
        'page of closed requests',
        `closures?${query.toString()}`,
        closuresPageSchema,
      );
    },

    async checksum() {
      const reply = await send('a checksum', 'checksum');
      if (reply.status !== 200) throw errorFor(reply, 'a checksum');

      const checksum = parseWith(checksumSchema, reply.body, 'checksum');
      sample(reply, checksum.serverTime);
      return checksum;
    },

    async events(onEvent, signal) {
      let response: Response;
      try {
        response = await doFetch(url('events'), {
          headers: { ...headers(false), accept: 'text/event-stream' },
          signal,
        });
      } catch (error) {
        throw new CentralError(
          signal.aborted ? 'timeout' : 'network',
          `Could not open the central API's event stream ` +
            `(${describeError(error)}).`,
        );
      }
      if (response.status !== 200 || response.body === null) {
        const text = await response.text().catch(() => '');
        let body: unknown;
        try {
          body = JSON.parse(text);
        } catch {
          body = null;
        }
        throw errorFor(
          { status: response.status, body, sentAt: 0, receivedAt: 0 },
          'the event stream',
        );
      }

      const parser = createEventStreamParser(({ data }) => {
        let json: unknown;
        try {
          json = JSON.parse(data);
        } catch {
          return;
        }
        const event = pushEventSchema.safeParse(json);
        if (event.success) onEvent(event.data);
      });
      const decoder = new TextDecoder();
      try {
        const body = response.body as ReadableStream<Uint8Array>;
        const reader = body.getReader();
        for (;;) {
          const { done, value } = await reader.read();
          if (done) break;
          parser.push(decoder.decode(value, { stream: true }));
        }
      } catch (error) {
        if (signal.aborted) return;
        throw new CentralError(
          'network',
          `The central API's event stream broke (${describeError(error)}).`,
        );
      }
    },
  };
}
