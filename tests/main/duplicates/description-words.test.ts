import { describe, expect, it } from 'vitest';

import {
  descriptionWords,
  wordOverlap,
} from '../../../src/main/duplicates/description-words';

describe('descriptionWords', () => {
  it('finds nothing telling in the type name or intake filler', () => {
    expect(descriptionWords('Graffiti Removal', 'Graffiti Removal')).toEqual(
      [],
    );
    expect(descriptionWords('PRINTED', 'Street Light Outages')).toEqual([]);
    expect(descriptionWords('Other: Complaint', 'Sign Repair')).toEqual([]);
    expect(
      descriptionWords('Please remove the graffiti', 'Graffiti Removal'),
    ).toEqual(['remove']);
  });

  it('keeps what two reports of one problem can share', () => {
    expect(descriptionWords('Ward 22 2211', 'Graffiti Removal')).toEqual([
      'ward',
      '22',
      '2211',
    ]);
    expect(
      descriptionWords('pole replacement request', 'Street Light Knock Downs'),
    ).toEqual(['pole', 'replacement']);
  });

  it('lowers case, drops accents and punctuation, lists each word once', () => {
    expect(
      descriptionWords(
        'Park Maintenance: Franklin Park; FRANKLIN',
        'Tree in Park',
      ),
    ).toEqual(['maintenance', 'franklin']);
    expect(descriptionWords('Café NERO', 'Graffiti Removal')).toEqual([
      'cafe',
      'nero',
    ]);
  });

  it('has no words for a missing description', () => {
    expect(descriptionWords(null, 'Graffiti Removal')).toEqual([]);
  });
});

describe('wordOverlap', () => {
  it('matches a terse description wholly inside a longer one fully', () => {
    const terse = descriptionWords('PublicWorks: Complaint', 'Other');
    const longer = descriptionWords('PublicWorks: Missed Trash', 'Other');
    expect(terse).toEqual(['publicworks']);
    expect(wordOverlap(terse, longer)).toBe(1);
    expect(wordOverlap(longer, terse)).toBe(1);
  });

  it('is the shared share of the shorter list', () => {
    expect(wordOverlap(['ward', '22'], ['ward', '23'])).toBe(0.5);
    expect(wordOverlap(['a', 'b', 'c'], ['c', 'd', 'e', 'f'])).toBeCloseTo(
      1 / 3,
    );
    expect(wordOverlap(['ward'], ['gang'])).toBe(0);
  });

  it('is 0 when either side has no words', () => {
    expect(wordOverlap([], ['ward'])).toBe(0);
    expect(wordOverlap(['ward'], [])).toBe(0);
    expect(wordOverlap([], [])).toBe(0);
  });
});
