// Writing Open311 answers: the same records as JSON or as XML.
import type { ServerResponse } from 'node:http';

import type { Open311ErrorEntry } from './open311-error';
import type { FlatRecord } from './open311-fields';
import {
  recordElements,
  renderXmlDocument,
  type XmlElement,
} from './xml-writer';

export type Format = 'json' | 'xml';

const BASE_HEADERS = {
  'Cache-Control': 'no-store',
  'X-Content-Type-Options': 'nosniff',
  // Open311 is a public interface: residents' web apps call it from
  // other origins. Nothing rides on cookies, so this opens nothing.
  'Access-Control-Allow-Origin': '*',
};

/** JSON that cannot close a <script> or an HTML comment if misused. */
function safeJson(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

export function send(
  res: ServerResponse,
  status: number,
  format: Format,
  body: { json: unknown; xml: XmlElement },
  headers: Record<string, string> = {},
): void {
  const text =
    format === 'json' ? safeJson(body.json) : renderXmlDocument(body.xml);

  res.writeHead(status, {
    ...BASE_HEADERS,
    ...headers,
    'Content-Type':
      format === 'json'
        ? 'application/json; charset=utf-8'
        : 'text/xml; charset=utf-8',
    'Content-Length': Buffer.byteLength(text),
  });
  res.end(text);
}

/** A list of flat records: `[{...}]` or `<root><item>...</item></root>`. */
export function sendRecords(
  res: ServerResponse,
  status: number,
  format: Format,
  root: string,
  item: string,
  records: FlatRecord[],
  headers: Record<string, string> = {},
): void {
  send(
    res,
    status,
    format,
    {
      json: records,
      xml: {
        name: root,
        value: records.map((record) => ({
          name: item,
          value: recordElements(record),
        })),
      },
    },
    headers,
  );
}

export function sendErrors(
  res: ServerResponse,
  status: number,
  format: Format,
  entries: Open311ErrorEntry[],
  headers: Record<string, string> = {},
): void {
  sendRecords(res, status, format, 'errors', 'error', entries, headers);
}

export function sendPreflight(res: ServerResponse): void {
  res.writeHead(204, {
    ...BASE_HEADERS,
    'Access-Control-Allow-Methods': 'GET, HEAD, POST, OPTIONS',
    'Access-Control-Allow-Headers': 'Content-Type',
    'Access-Control-Max-Age': '600',
  });
  res.end();
}
