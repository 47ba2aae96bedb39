import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { staffRouteTable } from '../../src/server/http/staff-router';
import { roleSchema, type Role } from '../../src/shared/sync-protocol';
import { STAFF, startCentral, type Central } from './support/central-fixture';

let central: Central;
beforeAll(async () => {
  central = await startCentral();
});
afterAll(() => central.close());

const routes = staffRouteTable();
const guarded = routes.filter((route) => !route.open);
const tokenOf = (role: Role) => {
  const user = STAFF.find((staff) => staff.role === role);
  if (user === undefined) throw new Error(`no ${role} in the fixture`);
  return central.tokens[user.userId as keyof Central['tokens']];
};

/** Each route at its simplest: enough to get past the gate, no further. */
function callRoute(
  route: (typeof routes)[number],
  version: number,
  token: string | null,
) {
  const query = route.path === 'changes' ? '?after=0' : '';
  return central.call(`/staff/v${version}/${route.path}${query}`, {
    method: route.method,
    token,
    ...(route.method === 'GET' ? {} : { body: {} }),
  });
}

describe('every staff route', () => {
  it('is known to this test: only sign-in is open', () => {
    expect(routes.length).toBeGreaterThanOrEqual(10);
    expect(
      routes.filter((route) => route.open).map((r) => `${r.method} ${r.path}`),
    ).toEqual(['POST sign-in']);
  });

  it.each(guarded.map((route) => [`${route.method} ${route.path}`, route]))(
    '%s refuses a call without a token or with an unknown one (401)',
    async (_name, route) => {
      for (const version of [1, 2]) {
        const missing = await callRoute(route, version, null);
        expect(missing.status).toBe(401);
        expect(missing.body.error).toBe('unauthorized');
        expect(missing.body.description).toMatch(/^Sign in first/);

        const unknown = await callRoute(route, version, 'z'.repeat(43));
        expect(unknown.status).toBe(401);
        expect(unknown.body.description).toMatch(/unknown or has expired/);
      }
    },
  );

  it.each(
    guarded
      .filter((route) => route.roles !== null)
      .map((route) => [`${route.method} ${route.path}`, route]),
  )(
    '%s refuses the roles it does not name (403, with the reason)',
    async (_name, route) => {
      const allowed = route.roles ?? [];
      const refusedRoles = roleSchema.options.filter(
        (role) => !allowed.includes(role),
      );
      expect(refusedRoles.length).toBeGreaterThan(0);

      for (const role of refusedRoles) {
        const refused = await callRoute(route, 2, tokenOf(role));
        expect(refused.status, role).toBe(403);
        expect(refused.body.error).toBe('forbidden');
        expect(refused.body.description).toMatch(
          new RegExp(
            `needs the (${allowed.join('|')}) role; you are signed in as \\w+, a ${role}\\.`,
          ),
        );
      }

      // Nor is it refused for want of a role to those it names.
      for (const role of allowed) {
        const answered = await callRoute(route, 2, tokenOf(role));
        expect([401, 403]).not.toContain(answered.status);
      }
    },
  );

  it.each(
    guarded
      .filter((route) => route.roles === null && route.path !== 'events')
      .map((route) => [`${route.method} ${route.path}`, route]),
  )('%s lets every signed-in role past the gate', async (_name, route) => {
    for (const role of roleSchema.options) {
      const answered = await callRoute(route, 2, tokenOf(role));
      expect([401, 403], role).not.toContain(answered.status);
    }
  });
});
