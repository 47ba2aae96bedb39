// Seeded hostile requests for the central API: a valid body bent one way
// at a time (cut-off JSON, wrong types, huge strings, unknown fields,
// script where an id goes, deep nesting, wrong content types, invalid
// UTF-8, prototype keys), each with the status it must get and a pattern
// its description must match to say what was wrong.

export type HostileRequest = {
  name: string;
  method: string;
  path: string;
  token: 'dana' | 'root' | null;
  contentType: string | null;
  body: Buffer | null;
  status: number;
  /** What the description must mention. */
  says: RegExp;
};

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

const SCRIPT = '<script>alert(document.cookie)</script>';
const PROTOTYPE_KEYS = ['__proto__', 'constructor', 'prototype'];
const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

export function validIntentBatch(consoleId: string): JsonObject {
  return {
    consoleId,
    intents: [
      {
        seq: 1,
        createdAt: 1_700_000_000_000,
        type: 'add_note',
        requestId: 'R0000',
        noteId: `${consoleId}:n1`,
        body: 'The lamp post is leaning',
        visibility: 'internal',
      },
    ],
  };
}

/** A target inside a body: the object holding the field, and its key. */
type Spot = { holder: JsonObject; key: string; path: string };

function spots(body: JsonObject): Spot[] {
  const found: Spot[] = [];
  for (const key of Object.keys(body)) {
    found.push({ holder: body, key, path: key });
  }
  const intents = body.intents;
  if (Array.isArray(intents) && typeof intents[0] === 'object') {
    const intent = intents[0] as JsonObject;
    for (const key of Object.keys(intent)) {
      found.push({ holder: intent, key, path: `intents.0.${key}` });
    }
  }
  return found;
}

function wrongValueFor(value: Json, random: () => number): Json {
  const choices: Json[] =
    typeof value === 'number'
      ? ['12', true, null, [], {}, 1.5, -7]
      : typeof value === 'string'
        ? [42, false, null, [value], { value }]
        : ['text', 3, null];
  return choices[Math.floor(random() * choices.length)] ?? null;
}

const json = (value: unknown) => Buffer.from(JSON.stringify(value));

/**
 * `count` hostile variants of a JSON body posted to `path`; `make` gives a
 * fresh valid body (so a mutation never leaks into the next case).
 */
export function hostileJsonPosts(options: {
  path: string;
  token: HostileRequest['token'];
  make: (index: number) => JsonObject;
  count: number;
  random: () => number;
  maxBytes: number;
  /** Fields with a format (ids, enums): script or bad bytes there must fail. */
  idKeys: RegExp;
}): HostileRequest[] {
  const { random, path, token } = options;
  const cases: HostileRequest[] = [];
  const post = (
    name: string,
    body: Buffer,
    status: number,
    says: RegExp,
    contentType = 'application/json',
  ) =>
    cases.push({
      name,
      method: 'POST',
      path,
      token,
      contentType,
      body,
      status,
      says,
    });

  for (let index = 0; index < options.count; index++) {
    const body = options.make(index);
    const targets = spots(body);
    const spot = targets[Math.floor(random() * targets.length)];
    if (spot === undefined) throw new Error('The body has no fields.');
    const ids = targets.filter(
      (t) => typeof t.holder[t.key] === 'string' && options.idKeys.test(t.key),
    );
    let kind = Math.floor(random() * 9);
    if ((kind === 4 || kind === 7) && ids.length === 0) kind = 3;

    switch (kind) {
      case 0: {
        const text = JSON.stringify(body);
        const cut = 1 + Math.floor(random() * (text.length - 2));
        post(
          `cut-off JSON at ${cut}`,
          Buffer.from(text.slice(0, cut)),
          400,
          /not valid JSON/,
        );
        break;
      }
      case 1: {
        spot.holder[spot.key] = wrongValueFor(
          spot.holder[spot.key] ?? null,
          random,
        );
        post(
          `wrong type at ${spot.path}`,
          json(body),
          400,
          new RegExp(escape(spot.path)),
        );
        break;
      }
      case 2: {
        const strings = targets.filter(
          (t) => typeof t.holder[t.key] === 'string',
        );
        const target = strings[Math.floor(random() * strings.length)] ?? spot;
        const length = 4_001 + Math.floor(random() * 200_000);
        target.holder[target.key] = 'x'.repeat(length);
        post(
          `huge string at ${target.path}`,
          json(body),
          400,
          new RegExp(escape(target.path)),
        );
        break;
      }
      case 3: {
        const key = `extra_${Math.floor(random() * 1e6)}`;
        spot.holder[key] = 'surprise';
        post(`unknown field ${key}`, json(body), 400, new RegExp(key));
        break;
      }
      case 4: {
        const target = ids[Math.floor(random() * ids.length)] ?? spot;
        target.holder[target.key] = SCRIPT;
        post(
          `script at ${target.path}`,
          json(body),
          400,
          new RegExp(escape(target.path)),
        );
        break;
      }
      case 5: {
        const depth = 1_000 + Math.floor(random() * 60_000);
        const text = JSON.stringify(body).replace(
          /"[^"]+"\s*:\s*("[^"]*"|\d+)/,
          (field) =>
            `${field.split(':')[0]}:${'['.repeat(depth)}${']'.repeat(depth)}`,
        );
        post(`nesting ${depth} deep`, Buffer.from(text), 400, /./);
        break;
      }
      case 6: {
        const types = [
          'text/plain',
          'application/x-www-form-urlencoded',
          'multipart/form-data; boundary=x',
          'application/json-patch+json',
          'text/json',
          'application/javascript',
        ];
        const type = types[Math.floor(random() * types.length)] ?? 'text/plain';
        post(
          `content type ${type}`,
          json(body),
          415,
          /application\/json/,
          type,
        );
        break;
      }
      case 7: {
        const target = ids[Math.floor(random() * ids.length)] ?? spot;
        const marker = `BAD${index}UTF`;
        target.holder[target.key] = marker;
        const bytes = json(body);
        const at = bytes.indexOf(marker);
        const broken = Buffer.concat([
          bytes.subarray(0, at),
          Buffer.from([0x61, 0xc3, 0x28, 0xff, 0xfe, 0x62]),
          bytes.subarray(at + marker.length),
        ]);
        // The whole body is refused before any field is read.
        post(`invalid UTF-8 at ${target.path}`, broken, 400, /not valid UTF-8/);
        break;
      }
      default: {
        const key =
          PROTOTYPE_KEYS[Math.floor(random() * PROTOTYPE_KEYS.length)] ??
          '__proto__';
        const text = JSON.stringify(body);
        // Placed as raw text: JSON.stringify would drop a __proto__ key.
        const raw =
          random() < 0.5 || !text.includes('"seq":')
            ? `{"${key}":{"role":"admin","isAdmin":true},${text.slice(1)}`
            : text.replace('"seq":', `"${key}":{"polluted":true},"seq":`);
        post(
          `prototype key ${key}`,
          Buffer.from(raw),
          400,
          new RegExp(escape(key)),
        );
      }
    }
    const last = cases.at(-1);
    if (last !== undefined && (last.body?.length ?? 0) > options.maxBytes) {
      last.status = 413;
      last.says = /bytes/;
    }
  }
  return cases;
}
