import { describe, expect, it } from 'vitest';

import { CaseIndex } from '../../../src/main/duplicates/case-index';
import type { DupCase } from '../../../src/main/duplicates/duplicate-types';
import { baselineCandidates } from '../../../src/main/duplicates/fixmystreet-baseline';
import { caseAtMetres, dupCase, HOUR, MINUTE, T0 } from './dup-case';

const NOW = T0 + HOUR;
const subject = dupCase('S');

const suggested = (forCase: DupCase, cases: DupCase[], now = NOW) => {
  const index = new CaseIndex();
  for (const dupCase of cases) index.add(dupCase);

  return baselineCandidates(forCase, index, now);
};

const idsSuggested = (forCase: DupCase, cases: DupCase[], now = NOW) =>
  suggested(forCase, cases, now).map((candidate) => candidate.id);

describe('baselineCandidates (FixMyStreet)', () => {
  it('suggests the same type only, not a related one at the same spot', () => {
    const same = caseAtMetres('same', 10, 0);
    const related = caseAtMetres('related', 0, 0, { type: 'PWD Graffiti' });
    // A description naming the type files a case under it; still another type.
    const described = caseAtMetres('described', 0, 0, {
      type: 'Sign Repair',
      description: 'Graffiti Removal',
    });

    expect(idsSuggested(subject, [same, related, described])).toEqual(['same']);
  });

  it('suggests open reports only', () => {
    const closed = dupCase('closed', { closedAt: NOW - MINUTE });
    const closesLater = dupCase('closes later', { closedAt: NOW + HOUR });
    const closesNow = dupCase('closes now', { closedAt: NOW });

    expect(
      idsSuggested(subject, [closed, closesLater, closesNow]).sort(),
    ).toEqual(['closes later', 'closes now']);
  });

  it('looks 250 m around, no farther', () => {
    const inside = caseAtMetres('inside', 240, 0);
    const outside = caseAtMetres('outside', 0, 260);

    expect(idsSuggested(subject, [inside, outside])).toEqual(['inside']);
  });

  it('puts the nearest first, then the most recent, at most 5', () => {
    const cases = [
      caseAtMetres('d200', 200, 0),
      caseAtMetres('d50', 0, 50),
      caseAtMetres('d100 old', 100, 0, { openedAt: T0 - 5 * HOUR }),
      caseAtMetres('d100 new', 100, 0, { openedAt: T0 - HOUR }),
      caseAtMetres('d150', -150, 0),
      caseAtMetres('d20', 20, 0),
      caseAtMetres('d230', 0, -230),
    ];

    const found = suggested(subject, cases);
    expect(found.map((c) => c.id)).toEqual([
      'd20',
      'd50',
      'd100 new',
      'd100 old',
      'd150',
    ]);
    expect(found[0]?.reasons).toEqual(['same type', '20 m']);
  });

  it('never suggests the report itself, or one made after it', () => {
    const later = dupCase('later', { openedAt: T0 + MINUTE });
    const earlier = dupCase('earlier', { openedAt: T0 - MINUTE });

    expect(idsSuggested(subject, [subject, later, earlier])).toEqual([
      'earlier',
    ]);
  });

  it('suggests nothing for a report with no location', () => {
    const unlocated = dupCase('U', {
      lat: null,
      long: null,
      address: '10 Tremont St',
    });
    const sameAddress = dupCase('A', { address: '10 Tremont St' });

    expect(idsSuggested(unlocated, [sameAddress])).toEqual([]);
  });
});
