// The Open311 GeoReport v2 endpoints under /open311/v2/: services, service
// definitions, requests (GET and POST) and single requests, as JSON or XML.
import type { IncomingMessage, ServerResponse } from 'node:http';

import {
  attributeJson,
  attributeXml,
  requestFields,
  serviceFields,
} from './open311-fields';
import { Open311Error, quote } from './open311-error';
import type { Open311Ports } from './open311-ports';
import {
  send,
  sendErrors,
  sendPreflight,
  sendRecords,
  type Format,
} from './open311-response';
import { newRequestFromForm, readNewRequestForm } from './new-request-form';
import { readFormBody } from './read-form-body';
import { parseRequestQuery } from './request-query';

export const OPEN311_PREFIX = '/open311/v2/';

type Route =
  | { kind: 'services'; format: Format }
  | { kind: 'service'; format: Format; code: string }
  | { kind: 'requests'; format: Format }
  | { kind: 'request'; format: Format; id: string };

const ROUTES: [RegExp, (format: Format, key: string) => Route][] = [
  [/^services\.(json|xml)$/, (format) => ({ kind: 'services', format })],
  [
    /^services\/([^/]+)\.(json|xml)$/,
    (format, code) => ({ kind: 'service', format, code }),
  ],
  [/^requests\.(json|xml)$/, (format) => ({ kind: 'requests', format })],
  [
    /^requests\/([^/]+)\.(json|xml)$/,
    (format, id) => ({ kind: 'request', format, id }),
  ],
];

function decode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    throw new Open311Error(400, [
      `${quote(text)} is not a valid percent-encoded path segment`,
    ]);
  }
}

function route(rest: string): Route {
  for (const [pattern, make] of ROUTES) {
    const match = pattern.exec(rest);
    if (match === null) continue;

    const format = match[match.length - 1] as Format;
    return make(format, match.length === 3 ? decode(match[1]!) : '');
  }

  throw new Open311Error(404, [
    `${quote(OPEN311_PREFIX + rest, 80)} is not an Open311 endpoint; use ` +
      'services.json, services/{code}.json, requests.json or ' +
      'requests/{id}.json (or .xml)',
  ]);
}

/** The format a failed request asked for, so its errors match it. */
const formatOf = (rest: string): Format =>
  /\.xml$/i.test(rest) ? 'xml' : 'json';

function checkJurisdiction(ports: Open311Ports, given: string | null): void {
  if (given === null || given === '' || ports.jurisdictionId === undefined) {
    return;
  }
  if (given !== ports.jurisdictionId) {
    throw new Open311Error(404, [
      `jurisdiction_id ${quote(given)} is not served here; ` +
        `this endpoint serves ${ports.jurisdictionId}`,
    ]);
  }
}

async function listServices(
  res: ServerResponse,
  format: Format,
  ports: Open311Ports,
) {
  const services = await ports.listServices();
  sendRecords(
    res,
    200,
    format,
    'services',
    'service',
    services.map(serviceFields),
  );
}

async function serviceDefinition(
  res: ServerResponse,
  format: Format,
  code: string,
  ports: Open311Ports,
) {
  const service = await ports.getService(code);
  if (service === null) {
    throw new Open311Error(404, [
      `service_code ${quote(code)} is not a service here; GET services.${format} lists them`,
    ]);
  }
  if (service.attributes.length === 0) {
    throw new Open311Error(404, [
      `${service.serviceCode} has no service definition (its metadata is ` +
        'false): post a request with just the standard fields',
    ]);
  }

  const attributes = [...service.attributes].sort((a, b) => a.order - b.order);
  send(res, 200, format, {
    json: {
      service_code: service.serviceCode,
      attributes: attributes.map(attributeJson),
    },
    xml: {
      name: 'service_definition',
      value: [
        { name: 'service_code', value: service.serviceCode },
        {
          name: 'attributes',
          value: attributes.map((attribute) => ({
            name: 'attribute',
            value: attributeXml(attribute),
          })),
        },
      ],
    },
  });
}

async function findRequests(
  res: ServerResponse,
  format: Format,
  url: URL,
  ports: Open311Ports,
) {
  const query = parseRequestQuery(url.searchParams, ports.now());
  const page = await ports.findRequests(query);

  sendRecords(
    res,
    200,
    format,
    'service_requests',
    'request',
    page.requests.map(requestFields),
    page.total === null ? {} : { 'X-Total-Count': String(page.total) },
  );
}

async function oneRequest(
  res: ServerResponse,
  format: Format,
  id: string,
  ports: Open311Ports,
) {
  const request = /^[A-Za-z0-9_.:-]{1,64}$/.test(id)
    ? await ports.getRequest(id)
    : null;
  if (request === null) {
    throw new Open311Error(404, [
      `service_request_id ${quote(id)} is not a request here`,
    ]);
  }

  sendRecords(res, 200, format, 'service_requests', 'request', [
    requestFields(request),
  ]);
}

async function postRequest(
  req: IncomingMessage,
  res: ServerResponse,
  format: Format,
  ports: Open311Ports,
) {
  const params = await readFormBody(req);

  // The key is checked before anything else is looked at or echoed.
  const apiKey = (params.get('api_key') ?? '').trim();
  if (apiKey === '') {
    throw new Open311Error(403, [
      'api_key is required to post a request; ask the city for a key',
    ]);
  }
  const caller = apiKey.length <= 200 ? await ports.checkApiKey(apiKey) : null;
  if (caller === null) {
    throw new Open311Error(403, [
      'api_key is not valid; check it, or ask the city for a new key',
    ]);
  }

  const form = readNewRequestForm(params);
  checkJurisdiction(ports, form.fields.jurisdiction_id ?? null);

  const code = form.fields.service_code ?? '';
  if (code === '') {
    throw new Open311Error(400, [
      `service_code is required; GET services.${format} lists the codes`,
    ]);
  }
  const service = await ports.getService(code);
  if (service === null) {
    throw new Open311Error(400, [
      `service_code ${quote(code)} is not a service here; GET services.${format} lists them`,
    ]);
  }

  const input = newRequestFromForm(form, service, ports.now());
  const created = await ports.createRequest(input, caller.owner);

  sendRecords(res, 201, format, 'service_requests', 'request', [
    {
      service_request_id: created.serviceRequestId,
      service_notice: null,
      account_id: input.accountId,
    },
  ]);
}

async function dispatch(
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  ports: Open311Ports,
  rest: string,
) {
  const target = route(rest);
  const method = req.method ?? 'GET';
  const isRead = method === 'GET' || method === 'HEAD';

  if (target.kind === 'requests' && method === 'POST') {
    await postRequest(req, res, target.format, ports);
    return;
  }
  if (!isRead) {
    const allowed =
      target.kind === 'requests' ? 'GET, HEAD, POST' : 'GET, HEAD';
    req.resume();
    sendErrors(
      res,
      405,
      target.format,
      [
        {
          code: 405,
          description: `${method} is not allowed here; use ${allowed}`,
        },
      ],
      { Allow: allowed },
    );
    return;
  }

  checkJurisdiction(ports, url.searchParams.get('jurisdiction_id'));

  switch (target.kind) {
    case 'services':
      return listServices(res, target.format, ports);
    case 'service':
      return serviceDefinition(res, target.format, target.code, ports);
    case 'requests':
      return findRequests(res, target.format, url, ports);
    case 'request':
      return oneRequest(res, target.format, target.id, ports);
  }
}

/**
 * Answers a request under /open311/v2/ and returns true, or returns false
 * (writing nothing) for any other path. Never throws: refused input gets
 * a 4xx in the asked-for format, a failing port a 500 that reveals nothing.
 */
export async function handleOpen311(
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  ports: Open311Ports,
): Promise<boolean> {
  if (!url.pathname.startsWith(OPEN311_PREFIX)) return false;

  const rest = url.pathname.slice(OPEN311_PREFIX.length);
  if (req.method === 'OPTIONS') {
    sendPreflight(res);
    return true;
  }

  try {
    await dispatch(req, res, url, ports, rest);
  } catch (error) {
    if (res.headersSent) {
      res.destroy();
    } else if (error instanceof Open311Error) {
      sendErrors(
        res,
        error.status,
        formatOf(rest),
        error.entries(),
        error.status === 413 ? { Connection: 'close' } : {},
      );
    } else {
      ports.reportError?.(error, `${req.method} ${url.pathname}`);
      sendErrors(res, 500, formatOf(rest), [
        {
          code: 500,
          description:
            'the server could not answer because of an internal error; ' +
            'try again later',
        },
      ]);
    }
  }

  return true;
}
