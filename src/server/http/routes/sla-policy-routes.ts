// The server's SLA policy: every signed-in role may read it; an admin may
// change one service type's rule, which the central store keeps.
import { z } from 'zod';

import { slaRuleSchema } from '../../sla/sla-rule';
import { describeInvalid } from '../describe-invalid';
import { readJsonBody } from '../read-json-body';
import { sendError, sendJson } from '../respond';
import { SMALL_BODY_BYTES, type SignedInCall } from '../staff-api';

const ruleChangeSchema = z
  .object({
    serviceCode: z
      .string()
      .regex(
        /^[A-Za-z0-9_.:-]{1,64}$/,
        'a service code is 1-64 letters, digits or _.:-',
      ),
    rule: slaRuleSchema,
  })
  .strict();

export function getSlaPolicy(call: SignedInCall): Promise<void> {
  sendJson(call.res, 200, {
    policy: call.api.slaPolicy.policy(),
    serverTime: call.api.now(),
  });
  return Promise.resolve();
}

export async function putSlaPolicy(call: SignedInCall): Promise<void> {
  const { req, res, api, user } = call;
  const body = await readJsonBody(req, SMALL_BODY_BYTES);
  if (!body.ok)
    return sendError(res, body.status, body.error, body.description);

  const parsed = ruleChangeSchema.safeParse(body.value);
  if (!parsed.success) {
    return sendError(
      res,
      400,
      'invalid_body',
      describeInvalid(parsed.error, 'SLA rule change'),
    );
  }

  const { serviceCode, rule } = parsed.data;
  if (api.slaPolicy.policy().services[serviceCode] === undefined) {
    return sendError(
      res,
      400,
      'invalid_body',
      `serviceCode: the SLA policy has no service type "${serviceCode}"; ` +
        'GET sla-policy lists the codes it has.',
    );
  }

  // Saved first: a change the store could not keep is not made at all.
  const serviceName =
    api.slaPolicy.policy().services[serviceCode]?.serviceName ?? serviceCode;
  await api.store.transaction((tx) =>
    tx.saveSlaRuleChange({
      serviceCode,
      serviceName,
      rule: JSON.stringify(rule),
      changedBy: user.userId,
      changedAt: api.now(),
    }),
  );
  const entry = api.slaPolicy.setRule(serviceCode, rule);
  api.logger.info('SLA rule changed', {
    serviceCode,
    rule: JSON.stringify(rule),
    by: user.userId,
  });
  sendJson(res, 200, { serviceCode, entry, serverTime: api.now() });
}

/** Spread into the staff router's routes. */
export const SLA_POLICY_ROUTES = {
  'GET sla-policy': { handle: getSlaPolicy },
  'PUT sla-policy': {
    roles: ['admin'],
    forbidden: 'Changing the SLA policy needs the admin role',
    handle: putSlaPolicy,
  },
} as const;
