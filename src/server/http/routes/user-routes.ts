// Staff accounts, for admins.
import { z } from 'zod';

import { roleSchema } from '../../../shared/sync-protocol';
import { createStaffUser } from '../../auth/staff-accounts';
import { describeInvalid } from '../describe-invalid';
import { readJsonBody } from '../read-json-body';
import { sendError, sendJson } from '../respond';
import { SMALL_BODY_BYTES, type SignedInCall } from '../staff-api';

export const newUserSchema = z
  .object({
    username: z
      .string()
      .regex(
        /^[A-Za-z0-9_.:-]{1,64}$/,
        'a username is 1-64 letters, digits or _.:-',
      ),
    name: z.string().trim().min(1).max(200),
    role: roleSchema,
    password: z.string().min(10, 'use at least 10 characters').max(200),
  })
  .strict();

export async function getUsers(call: SignedInCall): Promise<void> {
  sendJson(call.res, 200, {
    users: await call.api.store.listUsers(),
    serverTime: call.api.now(),
  });
}

export async function postUser(call: SignedInCall): Promise<void> {
  const { req, res, api } = call;
  const body = await readJsonBody(req, SMALL_BODY_BYTES);
  if (!body.ok)
    return sendError(res, body.status, body.error, body.description);

  const parsed = newUserSchema.safeParse(body.value);
  if (!parsed.success) {
    return sendError(
      res,
      400,
      'invalid_body',
      describeInvalid(parsed.error, 'new user'),
    );
  }

  const { username, name, role, password } = parsed.data;
  const created = await createStaffUser(
    api.store,
    { userId: username, name, role, password },
    api.now(),
  );
  if (!created) {
    return sendError(
      res,
      409,
      'user_exists',
      `A user called ${username} already exists; pick another username.`,
    );
  }

  api.logger.info('staff account created', {
    userId: username,
    role,
    by: call.user.userId,
  });
  sendJson(res, 201, { user: { userId: username, name, role } });
}
