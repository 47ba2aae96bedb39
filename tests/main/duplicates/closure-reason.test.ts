import { describe, expect, it } from 'vitest';

import {
  isDuplicateClosure,
  namedCaseIds,
  namedOriginal,
} from '../../../src/main/duplicates/closure-reason';

describe('isDuplicateClosure', () => {
  it('accepts every way Boston staff write that a case is a duplicate', () => {
    for (const reason of [
      'Case Closed Duplicate of Existing Case 101001241331',
      'Case Resolved duplicate case (see case #101001357938',
      'Case Noted Duplicated Case.',
      'Case Invalid DUPLICATE CRM',
    ]) {
      expect(isDuplicateClosure(reason), reason).toBe(true);
    }
  });

  it('rejects other closures and a missing reason', () => {
    expect(isDuplicateClosure('Case Closed Case Noted')).toBe(false);
    expect(isDuplicateClosure('Case Resolved light repaired')).toBe(false);
    expect(isDuplicateClosure('')).toBe(false);
    expect(isDuplicateClosure(null)).toBe(false);
  });
});

describe('namedCaseIds', () => {
  it('reads a full 12-digit case id', () => {
    expect(
      namedCaseIds('Case Closed Duplicate of Existing Case 101001241331'),
    ).toEqual(['101001241331']);
  });

  it('expands the 7-digit short form, bare or after # or %', () => {
    expect(namedCaseIds('Same as #1285517.')).toEqual(['101001285517']);
    expect(namedCaseIds('Duplicate of case 1285517')).toEqual(['101001285517']);
    expect(namedCaseIds('Duplicate of Existing Case %1240827')).toEqual([
      '101001240827',
    ]);
  });

  it('pads "%" and 6 digits to 7: the % form drops a leading zero', () => {
    expect(namedCaseIds('Duplicate of Existing Case %240827')).toEqual([
      '101000240827',
    ]);
  });

  it('ignores 6-digit CRM and work-order numbers without "%"', () => {
    expect(namedCaseIds('Duplicate crm #233430 see w/o 233431')).toEqual([]);
  });

  it('ignores 12-digit runs of another prefix and 11 or 13 digit runs', () => {
    expect(namedCaseIds('ref 201001241331')).toEqual([]);
    expect(namedCaseIds('case 10100124133 lost a digit')).toEqual([]);
    expect(namedCaseIds('case 1010012413311 doubled one')).toEqual([]);
  });

  it('never reads phone numbers, dates or times as ids', () => {
    expect(
      namedCaseIds(
        'Case Closed. Closed date : 2015-09-22 13:02:34.237 Duplicate ' +
          'call 617-635-3831 or (617) 635-4500',
      ),
    ).toEqual([]);
  });

  it('lists each id once, in the order written', () => {
    expect(
      namedCaseIds('See #1285517 and 101001240001, also case 1285517'),
    ).toEqual(['101001285517', '101001240001']);
  });

  it('finds nothing in a missing reason', () => {
    expect(namedCaseIds(null)).toEqual([]);
  });
});

describe('namedOriginal', () => {
  it('names the original of a duplicate closure', () => {
    expect(
      namedOriginal(
        '101001290000',
        'Case Closed Duplicate of Existing Case Same as #1285517.',
      ),
    ).toBe('101001285517');
  });

  it("skips the case's own id, in full or short form", () => {
    const reason = 'Duplicate: this case 1290000 repeats 101001285517';
    expect(namedOriginal('101001290000', reason)).toBe('101001285517');
    expect(
      namedOriginal('101001290000', 'Duplicate of case 101001290000'),
    ).toBeNull();
  });

  it('takes the first id the caller knows', () => {
    const known = new Set(['101001285518']);
    expect(
      namedOriginal(
        '101001290000',
        'Duplicate of #1285517 (closed), see #1285518',
        (id) => known.has(id),
      ),
    ).toBe('101001285518');
    expect(
      namedOriginal('101001290000', 'Duplicate of #1285517', () => false),
    ).toBeNull();
  });

  it('is null when the case was not closed as a duplicate', () => {
    expect(
      namedOriginal('101001290000', 'Case Resolved see case #1285517'),
    ).toBeNull();
    expect(namedOriginal('101001290000', null)).toBeNull();
  });

  it('is null for a duplicate closure that names no case', () => {
    expect(
      namedOriginal(
        '101001290000',
        'Case Closed Duplicate of Existing Case duplicate of existing w/o',
      ),
    ).toBeNull();
  });
});
