// The staff sync API under /staff/v{1,2}/: which path is which route, who
// may call it, and the token check in front of all but sign-in.
import type { IncomingMessage, ServerResponse } from 'node:http';

import {
  PROTOCOL_HEADER,
  SUPPORTED_PROTOCOL_VERSIONS,
  type Role,
} from '../../shared/sync-protocol';
import { userForToken } from '../auth/staff-accounts';
import { bearerToken } from './bearer-token';
import { sendError } from './respond';
import {
  getActivity,
  getChanges,
  getClosures,
  getChecksum,
  getSnapshot,
} from './routes/feed-routes';
import { postIntents } from './routes/intent-route';
import { getMe, postSignIn } from './routes/session-routes';
import { SLA_POLICY_ROUTES } from './routes/sla-policy-routes';
import { getUsers, postUser } from './routes/user-routes';
import type { SignedInCall, StaffApi, StaffCall } from './staff-api';

type Route =
  | { open: true; handle(call: StaffCall): Promise<void> }
  | {
      open?: false;
      /** Roles that may call it; every role when absent. */
      roles?: readonly Role[];
      /** Said in the 403, after "This needs ...". */
      forbidden?: string;
      handle(call: SignedInCall): Promise<void>;
    };

const ADMIN_ONLY = {
  roles: ['admin'],
  forbidden: 'Managing staff accounts needs the admin role',
} as const;

const routes: Record<string, Route> = {
  'POST sign-in': { open: true, handle: postSignIn },
  'GET me': { handle: getMe },
  'GET changes': { handle: getChanges },
  'GET snapshot': { handle: getSnapshot },
  'GET activity': { handle: getActivity },
  'GET closures': { handle: getClosures },
  'POST intents': { handle: postIntents },
  'GET checksum': { handle: getChecksum },
  'GET events': { handle: openEvents },
  'GET users': { ...ADMIN_ONLY, handle: getUsers },
  'POST users': { ...ADMIN_ONLY, handle: postUser },
  ...SLA_POLICY_ROUTES,
};

export type StaffRouteAccess = {
  method: string;
  path: string;
  /** Answered without a token (only sign-in). */
  open: boolean;
  /** The roles that may call it; null when every signed-in role may. */
  roles: readonly Role[] | null;
};

/** Every staff route and who may call it, so a test can walk them all. */
export function staffRouteTable(): StaffRouteAccess[] {
  return Object.entries(routes).map(([key, route]) => {
    const [method = '', path = ''] = key.split(' ');
    return {
      method,
      path,
      open: route.open === true,
      roles: route.open === true ? null : (route.roles ?? null),
    };
  });
}

const knownPaths = new Set(Object.keys(routes).map((key) => key.split(' ')[1]));

async function openEvents(call: SignedInCall): Promise<void> {
  const { lastSeq } = await call.api.store.changeWindow();
  call.api.push.attach(call.res, lastSeq);
}

export const STAFF_PREFIX = '/staff/';

/** Answers a request whose path starts with /staff/. */
export async function handleStaff(
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  api: StaffApi,
): Promise<void> {
  const match = /^\/staff\/v(\d{1,3})\/([a-z-]+)$/.exec(url.pathname);
  const version = Number(match?.[1]);
  const path = match?.[2] ?? '';

  if (match === null || !knownPaths.has(path)) {
    return sendError(
      res,
      404,
      'not_found',
      `There is no staff endpoint at ${url.pathname.slice(0, 200)}; see docs/sync-protocol.md.`,
    );
  }
  if (!(SUPPORTED_PROTOCOL_VERSIONS as readonly number[]).includes(version)) {
    return sendError(
      res,
      404,
      'unsupported_version',
      'This server speaks staff protocol versions ' +
        `${SUPPORTED_PROTOCOL_VERSIONS.join(', ')}, ` +
        `not ${version}; update the console or point it at a matching server.`,
    );
  }

  const route = routes[`${req.method ?? ''} ${path}`];
  if (route === undefined) {
    res.setHeader('Allow', allowedMethods(path));
    return sendError(
      res,
      405,
      'method_not_allowed',
      `${req.method ?? 'That method'} is not allowed on ${path}; use ${allowedMethods(path)}.`,
    );
  }

  res.setHeader(PROTOCOL_HEADER, String(version));
  const call: StaffCall = { req, res, url, version, api };
  if (route.open === true) return route.handle(call);

  const token = bearerToken(req.headers);
  if (token === null) {
    res.setHeader('WWW-Authenticate', 'Bearer');
    return sendError(
      res,
      401,
      'unauthorized',
      'Sign in first: send "Authorization: Bearer <token>" with the token ' +
        `from POST /staff/v${version}/sign-in.`,
    );
  }

  const user = await userForToken(api.store, token, api.now());
  if (user === null) {
    res.setHeader('WWW-Authenticate', 'Bearer error="invalid_token"');
    return sendError(
      res,
      401,
      'unauthorized',
      'That token is unknown or has expired; sign in again.',
    );
  }

  if (route.roles !== undefined && !route.roles.includes(user.role)) {
    api.logger.info('staff call refused for role', {
      userId: user.userId,
      role: user.role,
      path,
    });
    return sendError(
      res,
      403,
      'forbidden',
      `${route.forbidden ?? 'This needs another role'}; you are signed in ` +
        `as ${user.userId}, a ${user.role}. Ask an administrator.`,
    );
  }

  return route.handle({ ...call, user });
}

function allowedMethods(path: string): string {
  return Object.keys(routes)
    .filter((key) => key.endsWith(` ${path}`))
    .map((key) => key.split(' ')[0])
    .join(', ');
}
