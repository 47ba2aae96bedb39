import { describe, expect, it } from 'vitest';

import {
  relatedTypes,
  requestRelation,
  typesRelatedTo,
} from '../../../src/main/duplicates/related-types';

describe('relatedTypes', () => {
  it('calls one type the same as itself', () => {
    expect(relatedTypes('Graffiti Removal', 'Graffiti Removal')).toBe('same');
  });

  it('relates names of one problem, both ways round', () => {
    const pairs = [
      ['Street Light Outages', 'Street Light Knock Downs'],
      ['Street Light Knock Downs', 'Knockdown Replacement'],
      ['Sidewalk Repair', 'Sidewalk Repair (Make Safe)'],
      ['Graffiti Removal', 'PWD Graffiti'],
      ['Tree Emergencies', 'Tree Maintenance Requests'],
      ['Request for Pothole Repair', 'Pothole Repair (Internal)'],
    ] as const;

    for (const [a, b] of pairs) {
      expect(relatedTypes(a, b), `${a} / ${b}`).toBe('related');
      expect(relatedTypes(b, a), `${b} / ${a}`).toBe('related');
    }
  });

  it('keeps unrelated problems apart', () => {
    expect(relatedTypes('Graffiti Removal', 'Street Light Outages')).toBe(
      'other',
    );
    expect(relatedTypes('Sign Repair', 'Sidewalk Repair')).toBe('other');
    expect(relatedTypes('graffiti removal', 'Graffiti Removal')).toBe('other');
  });

  it('relates a broad type to each specific one, not those to each other', () => {
    const broad = 'Transportation General Request';
    expect(relatedTypes(broad, 'Abandoned Vehicles')).toBe('related');
    expect(relatedTypes('Missing Sign', broad)).toBe('related');
    // Both stand under the broad type; a missing sign is no abandoned car.
    expect(relatedTypes('Abandoned Vehicles', 'Missing Sign')).toBe('other');
  });
});

describe('typesRelatedTo', () => {
  it('lists the related types without the type itself', () => {
    const related = typesRelatedTo('Street Light Outages');
    expect(related.has('Street Light Knock Downs')).toBe(true);
    expect(related.has('Major System Failure')).toBe(true);
    expect(related.has('Street Light Outages')).toBe(false);
    expect(related.has('Graffiti Removal')).toBe(false);
  });

  it('agrees with relatedTypes for every listed type', () => {
    for (const type of ['Sidewalk Repair', 'Tree in Park', 'Sign Repair']) {
      for (const other of typesRelatedTo(type)) {
        expect(relatedTypes(type, other), `${type} / ${other}`).toBe('related');
      }
    }
  });

  it('is empty for a type in no group', () => {
    expect(typesRelatedTo('Needle Pickup').size).toBe(0);
  });
});

describe('requestRelation', () => {
  it('relates by type when descriptions name no type', () => {
    expect(
      requestRelation(
        { type: 'Street Light Outages', description: 'PRINTED' },
        { type: 'Street Light Knock Downs', description: null },
      ),
    ).toBe('related');
    expect(
      requestRelation(
        { type: 'Graffiti Removal', description: null },
        { type: 'Sign Repair', description: null },
      ),
    ).toBe('other');
  });

  it("reads a re-typed request's first type from its description", () => {
    // Staff re-typed an abandoned bicycle report as Sign Repair.
    const retyped = { type: 'Sign Repair', description: ' Abandoned Bicycle ' };
    expect(
      requestRelation(retyped, {
        type: 'Abandoned Vehicles',
        description: null,
      }),
    ).toBe('related');
    expect(
      requestRelation(
        { type: 'Abandoned Bicycle', description: null },
        retyped,
      ),
    ).toBe('same');
  });

  it('reads either description, and a description of its own type as none', () => {
    const light = { type: 'Street Light Outages', description: null };
    const retypedKnockDown = {
      type: 'Sign Repair',
      description: ' Street Light Knock Downs ',
    };
    const ownName = { type: 'Sign Repair', description: 'Sign Repair' };

    expect(requestRelation(light, retypedKnockDown)).toBe('related');
    expect(requestRelation(retypedKnockDown, light)).toBe('related');
    expect(requestRelation(light, ownName)).toBe('other');
    expect(requestRelation(ownName, { ...ownName, description: '' })).toBe(
      'same',
    );
  });

  it('takes the strongest of the comparisons', () => {
    expect(
      requestRelation(
        { type: 'PWD Graffiti', description: 'Graffiti Removal' },
        { type: 'Graffiti Removal', description: 'Ward 12' },
      ),
    ).toBe('same');
  });
});
