import { signInSchema } from '../../../shared/sync-protocol';
import { signIn } from '../../auth/staff-accounts';
import { describeInvalid } from '../describe-invalid';
import { readJsonBody } from '../read-json-body';
import { sendError, sendJson } from '../respond';
import {
  SMALL_BODY_BYTES,
  type SignedInCall,
  type StaffCall,
} from '../staff-api';

export async function postSignIn(call: StaffCall): Promise<void> {
  const { req, res, api } = call;
  const body = await readJsonBody(req, SMALL_BODY_BYTES);
  if (!body.ok)
    return sendError(res, body.status, body.error, body.description);

  const parsed = signInSchema.safeParse(body.value);
  if (!parsed.success) {
    return sendError(
      res,
      400,
      'invalid_body',
      describeInvalid(parsed.error, 'sign-in'),
    );
  }

  const { username, password } = parsed.data;
  const address = req.socket.remoteAddress ?? 'unknown';
  const hold = api.signInLimiter.check(username, address);
  if (hold !== null) {
    api.logger.warn('sign-in held: too many wrong passwords', {
      username: username.slice(0, 100),
      address,
    });
    res.setHeader('Retry-After', String(hold.retryAfterSeconds));
    return sendError(
      res,
      429,
      'too_many_attempts',
      `${hold.reason}; the password was not checked. Try again in ` +
        `${describeWait(hold.retryAfterSeconds)}, or ask an administrator ` +
        'to set a new password.',
      { retryAfterSeconds: hold.retryAfterSeconds },
    );
  }

  const session = await signIn(
    api.store,
    username,
    password,
    api.now(),
    api.sessionTtlMs,
  );

  if (session === null) {
    api.signInLimiter.recordFailure(username, address);
    api.logger.warn('sign-in refused', {
      username: username.slice(0, 100),
      address,
    });
    return sendError(
      res,
      401,
      'bad_credentials',
      'The username or password is wrong; check both and sign in again.',
    );
  }

  api.signInLimiter.recordSuccess(username);
  api.logger.info('signed in', {
    userId: session.user.userId,
    role: session.user.role,
  });
  sendJson(res, 200, session);
}

export function getMe(call: SignedInCall): Promise<void> {
  sendJson(call.res, 200, { user: call.user, serverTime: call.api.now() });
  return Promise.resolve();
}

function describeWait(seconds: number): string {
  if (seconds < 60) return `${seconds} seconds`;
  const minutes = Math.ceil(seconds / 60);
  return minutes === 1 ? '1 minute' : `${minutes} minutes`;
}
