import { describe, expect, it } from 'vitest';

import { ContractError, parseArgument } from '../../src/shared/contract';

const query = (filter: unknown, sort: unknown = 'due') => ({
  filter,
  sort,
  offset: 0,
  limit: 50,
});

const refusal = (method: 'listQueue' | 'saveView', arg: unknown): string => {
  try {
    parseArgument(method, arg);
  } catch (error) {
    expect(error).toBeInstanceOf(ContractError);
    return (error as Error).message;
  }
  throw new Error(`${method} accepted ${JSON.stringify(arg)}`);
};

describe('the queue filter and sort in the contract', () => {
  it('accepts every new filter and the distance sort together', () => {
    expect(() =>
      parseArgument(
        'listQueue',
        query(
          {
            queues: ['PWDx_District 04: Allston/Brighton'],
            departments: ['PWDx'],
            workStatuses: ['open', 'assigned', 'in_progress', 'resolved'],
            slaStates: ['on_track', 'at_risk', 'breached', 'no_sla'],
            now: 1_700_000_000_000,
            assigned: true,
            crewIds: ['PWD-04-A'],
            text: 'main st "AND (',
          },
          { by: 'distance', from: { lat: 42.36, long: -71.06 } },
        ),
      ),
    ).not.toThrow();
  });

  it.each([
    [
      'an SLA state without now',
      { slaStates: ['breached'] },
      /filter\.now.*needs now/,
    ],
    [
      'an unknown SLA state',
      { slaStates: ['late'], now: 1 },
      /filter\.slaStates\.0/,
    ],
    [
      'a closed work status',
      { workStatuses: ['closed'] },
      /filter\.workStatuses\.0/,
    ],
    ['a fractional now', { slaStates: ['at_risk'], now: 1.5 }, /filter\.now/],
    ['assigned as a string', { assigned: 'yes' }, /filter\.assigned/],
    [
      'a crew id with a quote',
      { crewIds: ["C' OR 1=1"] },
      /filter\.crewIds\.0/,
    ],
    ['too many crews', { crewIds: Array(201).fill('C1') }, /filter\.crewIds/],
    [
      'search text over 200 characters',
      { text: 'x'.repeat(201) },
      /filter\.text/,
    ],
    ['search text as a list', { text: ['main'] }, /filter\.text/],
    ['an empty queue name', { queues: [''] }, /filter\.queues\.0/],
    [
      'too many departments',
      { departments: Array(101).fill('D') },
      /filter\.departments/,
    ],
  ])('refuses %s, saying which field', (_name, filter, where) => {
    const message = refusal('listQueue', query(filter));

    expect(message).toMatch(/^listQueue was called with a bad argument/);
    expect(message).toMatch(where);
  });

  it.each([
    ['no point', { by: 'distance' }],
    [
      'a latitude off the earth',
      { by: 'distance', from: { lat: 91, long: 0 } },
    ],
    ['a NaN longitude', { by: 'distance', from: { lat: 0, long: NaN } }],
    ['an extra key', { by: 'distance', from: { lat: 0, long: 0 }, sql: 1 }],
    ['an unknown sort', 'nearest'],
  ])('refuses a distance sort with %s', (_name, sort) => {
    expect(refusal('listQueue', query({}, sort))).toMatch(/sort/);
  });

  it.each([
    ['a blank name', { name: '   ', filter: {}, sort: 'due' }, /needs a name/],
    [
      'a long name',
      { name: 'x'.repeat(81), filter: {}, sort: 'due' },
      /at most 80 characters/,
    ],
    [
      'a saved now',
      { name: 'Mine', filter: { now: 5 }, sort: 'due' },
      /filter/,
    ],
    ['no sort', { name: 'Mine', filter: {} }, /sort/],
  ])('refuses to save a view with %s', (_name, view, where) => {
    expect(refusal('saveView', view)).toMatch(where);
  });
});
