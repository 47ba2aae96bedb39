import { describe, expect, it } from 'vitest';

import {
  caseFeatures,
  pointOf,
  problemKeys,
} from '../../../src/main/duplicates/case-features';
import { dupCase } from './dup-case';

describe('pointOf', () => {
  it('is the location, or null when either coordinate is missing', () => {
    expect(pointOf(dupCase('A', { lat: 42.35, long: -71.06 }))).toEqual({
      lat: 42.35,
      long: -71.06,
    });
    expect(pointOf(dupCase('A', { lat: null }))).toBeNull();
    expect(pointOf(dupCase('A', { long: null }))).toBeNull();
  });
});

describe('caseFeatures', () => {
  it('works out address and telling words once', () => {
    const features = caseFeatures(
      dupCase('A', {
        address: '45-49 Stoughton St Dorchester MA 02125',
        description: 'Graffiti: Ward 13 gang tag',
      }),
    );
    expect(features.dupCase.id).toBe('A');
    expect(features.address).toEqual({
      streets: ['stoughton st'],
      house: { from: 45, to: 49 },
    });
    expect(features.words).toEqual(['ward', '13', 'gang', 'tag']);
    expect(features.placeless).toBe(false);
  });

  it('calls a request with neither location nor street placeless', () => {
    const unplaced = { lat: null, long: null };
    expect(caseFeatures(dupCase('A', unplaced)).placeless).toBe(true);
    expect(
      caseFeatures(dupCase('A', { ...unplaced, address: '12 Tremont St' }))
        .placeless,
    ).toBe(false);
    expect(caseFeatures(dupCase('A', { address: null })).placeless).toBe(false);
  });
});

describe('problemKeys', () => {
  it('files a case under its type, and a short other description', () => {
    expect(problemKeys(dupCase('A'))).toEqual(['Graffiti Removal']);
    expect(
      problemKeys(dupCase('A', { description: ' Graffiti Removal ' })),
    ).toEqual(['Graffiti Removal']);
    expect(
      problemKeys(
        dupCase('A', { type: 'Sign Repair', description: 'Abandoned Bicycle' }),
      ),
    ).toEqual(['Sign Repair', 'Abandoned Bicycle']);
  });

  it('never files under a blank or a long description', () => {
    expect(problemKeys(dupCase('A', { description: '   ' }))).toEqual([
      'Graffiti Removal',
    ]);
    const story = 'The tag on the wall '.repeat(5);
    expect(problemKeys(dupCase('A', { description: story }))).toEqual([
      'Graffiti Removal',
    ]);
  });
});
