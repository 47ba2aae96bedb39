import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { startCentral, type Central } from '../support/central-fixture';

let central: Central;

beforeAll(async () => {
  central = await startCentral();
});

afterAll(() => central.close());

const streetLights = { kind: 'business-days', days: 10 };

describe('GET /staff/v2/sla-policy', () => {
  it('shows the policy to every signed-in role', async () => {
    for (const user of ['dana', 'ana', 'root'] as const) {
      const answer = await central.call('/staff/v2/sla-policy', {
        token: central.tokens[user],
      });
      expect(answer.status).toBe(200);
      const policy = answer.body.policy as {
        services: Record<string, { rule: unknown }>;
      };
      expect(policy.services['street-light-outages']?.rule).toEqual(
        streetLights,
      );
    }
  });

  it('asks a caller without a token to sign in', async () => {
    const answer = await central.call('/staff/v2/sla-policy');
    expect(answer.status).toBe(401);
    expect(answer.body.description).toMatch(/Sign in first/);
  });
});

describe('PUT /staff/v2/sla-policy', () => {
  const change = {
    serviceCode: 'street-light-outages',
    rule: { kind: 'business-days', days: 5 },
  };

  it('refuses a dispatcher and a supervisor, saying the admin role is needed', async () => {
    for (const user of ['dana', 'ana'] as const) {
      const answer = await central.call('/staff/v2/sla-policy', {
        method: 'PUT',
        token: central.tokens[user],
        body: change,
      });
      expect(answer.status).toBe(403);
      expect(answer.body.description).toMatch(
        /Changing the SLA policy needs the admin role/,
      );
    }

    const after = await central.call('/staff/v2/sla-policy', {
      token: central.tokens.dana,
    });
    const policy = after.body.policy as {
      services: Record<string, { rule: unknown }>;
    };
    expect(policy.services['street-light-outages']?.rule).toEqual(streetLights);
  });

  it('names the bad field of an invalid change', async () => {
    const answer = await central.call('/staff/v2/sla-policy', {
      method: 'PUT',
      token: central.tokens.root,
      body: { ...change, rule: { kind: 'calendar-hours', hours: -4 } },
    });
    expect(answer.status).toBe(400);
    expect(answer.body.description).toMatch(
      /rule\.hours: give a length above 0/,
    );
  });

  it('refuses a service type the policy does not have', async () => {
    const answer = await central.call('/staff/v2/sla-policy', {
      method: 'PUT',
      token: central.tokens.root,
      body: { ...change, serviceCode: 'no-such-type' },
    });
    expect(answer.status).toBe(400);
    expect(answer.body.description).toMatch(/^serviceCode: .*no-such-type/);
  });

  it("lets an admin change a type's rule, which new due times then follow", async () => {
    const answer = await central.call('/staff/v2/sla-policy', {
      method: 'PUT',
      token: central.tokens.root,
      body: change,
    });
    expect(answer.status).toBe(200);
    expect(answer.body.entry).toEqual({
      serviceName: 'Street Light Outages',
      rule: change.rule,
      fit: null,
    });

    const opened = Date.parse('2015-01-05T10:00:00-05:00');
    expect(central.server.slaPolicy.dueAt('street-light-outages', opened)).toBe(
      Date.parse('2015-01-12T10:00:00-05:00'),
    );
    expect(
      central.lines.some((line) => line.message === 'SLA rule changed'),
    ).toBe(true);
  });
});
