import { describe, expect, it } from 'vitest';

import {
  addressKeys,
  keyedHouseNumbers,
  addressWords,
  sameAddress,
  shareStreet,
  streetsOf,
} from '../../../src/main/duplicates/address-words';

const same = (a: string, b: string) =>
  sameAddress(addressWords(a), addressWords(b));

describe('addressWords', () => {
  it('reads the house number and street of an export address', () => {
    expect(addressWords('585 Commercial St Boston MA 02109')).toEqual({
      streets: ['commercial st'],
      house: { from: 585, to: 585 },
    });
  });

  it('reads a house range such as "45-49 Stoughton St"', () => {
    expect(addressWords('45-49 Stoughton St Dorchester MA 02125')).toEqual({
      streets: ['stoughton st'],
      house: { from: 45, to: 49 },
    });
  });

  it('orders a range written backwards and drops unit letters', () => {
    expect(addressWords('49-45 Stoughton St').house).toEqual({
      from: 45,
      to: 49,
    });
    expect(addressWords('105A S Huntington Ave').house).toEqual({
      from: 105,
      to: 105,
    });
    expect(addressWords('1A-1B Curtis St East Boston MA').house).toEqual({
      from: 1,
      to: 1,
    });
  });

  it('reads both streets of an intersection, in a fixed order', () => {
    const crossing = addressWords('INTERSECTION of B Ave & A St Boston MA');
    expect(crossing).toEqual({ streets: ['a st', 'b ave'], house: null });
    expect(addressWords('Intersection of A Street and B Avenue')).toEqual(
      crossing,
    );
  });

  it('drops the neighbourhood, state and zip code, one or two words', () => {
    expect(streetsOf('1 Bremen St East Boston MA 02128')).toEqual([
      'bremen st',
    ]);
    expect(streetsOf('1 Hyde Park Ave Hyde Park MA 02136')).toEqual([
      'hyde park ave',
    ]);
    expect(streetsOf('12 Tremont St Boston MA 02118-1234')).toEqual([
      'tremont st',
    ]);
    expect(
      streetsOf('INTERSECTION of E Broadway & I St South Boston MA'),
    ).toEqual(['e broadway', 'i st']);
  });

  it('writes street kinds short and a leading direction as a letter', () => {
    expect(streetsOf('10 East Fourth Street')).toEqual(['e fourth st']);
    expect(streetsOf('10 E Fourth St')).toEqual(['e fourth st']);
    expect(streetsOf('2 Dorchester Avenue')).toEqual(['dorchester ave']);
    expect(streetsOf('2 Dorchester Av')).toEqual(['dorchester ave']);
    expect(streetsOf('3 Summer Road')).toEqual(['summer rd']);
  });

  it('keeps "East St" apart from "E St": the direction is the name', () => {
    expect(streetsOf('5 East Street')).toEqual(['east st']);
    expect(streetsOf('5 E St')).toEqual(['e st']);
    expect(same('5 East Street', '5 E St')).toBe(false);
  });

  it('ignores case, punctuation and accents', () => {
    expect(streetsOf("12 O'Callaghan Way.")).toEqual(['ocallaghan way']);
    expect(streetsOf('12 Café St')).toEqual(['cafe st']);
  });

  it('knows nothing of a missing or empty address', () => {
    expect(addressWords(null)).toEqual({ streets: [], house: null });
    expect(addressWords('  ')).toEqual({ streets: [], house: null });
    expect(addressWords('12')).toEqual({ streets: [], house: null });
  });

  it('reads a street without a number as the street alone', () => {
    expect(addressWords('Commercial St Boston MA')).toEqual({
      streets: ['commercial st'],
      house: null,
    });
  });
});

describe('sameAddress', () => {
  it('holds for one house written in different ways', () => {
    expect(
      same('585 Commercial Street', '585-589 COMMERCIAL ST Boston MA 02109'),
    ).toBe(true);
    expect(
      same('45-49 Stoughton St Dorchester MA 02125', '45 Stoughton St'),
    ).toBe(true);
    expect(same('47 Stoughton St', '45-49 Stoughton St')).toBe(true);
  });

  it('fails for a house outside the range or on another street', () => {
    expect(same('51 Stoughton St', '45-49 Stoughton St')).toBe(false);
    expect(same('45 Stoughton St', '45 Dorchester Ave')).toBe(false);
  });

  it('holds for one crossing, whichever street is named first', () => {
    expect(
      same('INTERSECTION of A St & B Ave', 'INTERSECTION of B Ave & A St'),
    ).toBe(true);
    expect(
      same('INTERSECTION of A St & B Ave', 'INTERSECTION of A St & C St'),
    ).toBe(false);
  });

  it('fails for a bare street, or a house against a crossing', () => {
    expect(same('Commercial St', 'Commercial St')).toBe(false);
    expect(same('12 A St', 'INTERSECTION of A St & B Ave')).toBe(false);
    expect(same('', '')).toBe(false);
  });
});

describe('shareStreet', () => {
  it('links a house to a crossing of its street', () => {
    expect(
      shareStreet(
        addressWords('153 Rowe St Roslindale MA 02131'),
        addressWords('INTERSECTION of Rowe St & Seymour St Roslindale MA'),
      ),
    ).toBe(true);
    expect(
      shareStreet(addressWords('153 Rowe St'), addressWords('153 Seymour St')),
    ).toBe(false);
  });
});

describe('keyedHouseNumbers', () => {
  it('lists the numbers addressKeys keys a house by, span and all', () => {
    for (const [address, span] of [
      ['12 Tremont St', 0],
      ['12 Tremont St', 3],
      ['2-4 Tremont St', 5],
      ['100-300 Tremont St', 4],
    ] as const) {
      const house = addressWords(address).house!;
      const keys = keyedHouseNumbers(house, span).map((n) => `tremont st#${n}`);

      expect(keys, `${address} ${span}`).toEqual(
        addressKeys(addressWords(address), span),
      );
    }
  });

  it('keys a range past 50 numbers by its ends only, span or not', () => {
    const long = addressWords('100-300 Tremont St').house!;

    expect(keyedHouseNumbers(long, 4)).toEqual([100, 300]);
    expect(keyedHouseNumbers({ from: 3, to: 3 }, 5)).toEqual([
      0, 1, 2, 3, 4, 5, 6, 7, 8,
    ]);
  });
});

describe('addressKeys', () => {
  it('keys a house by street and number, a range by every number', () => {
    expect(addressKeys(addressWords('12 Tremont St'))).toEqual([
      'tremont st#12',
    ]);
    expect(addressKeys(addressWords('45-47 Stoughton St'))).toEqual([
      'stoughton st#45',
      'stoughton st#46',
      'stoughton st#47',
    ]);
  });

  it('widens by `span` numbers either side, never below 0', () => {
    expect(addressKeys(addressWords('12 Tremont St'), 2)).toEqual([
      'tremont st#10',
      'tremont st#11',
      'tremont st#12',
      'tremont st#13',
      'tremont st#14',
    ]);
    expect(addressKeys(addressWords('1 Tremont St'), 3)).toEqual([
      'tremont st#0',
      'tremont st#1',
      'tremont st#2',
      'tremont st#3',
      'tremont st#4',
    ]);
  });

  it('keys a crossing by both streets and a bare street not at all', () => {
    expect(
      addressKeys(addressWords('INTERSECTION of Tremont St & Boylston St')),
    ).toEqual(['boylston st&tremont st']);
    expect(addressKeys(addressWords('Tremont St'))).toEqual([]);
    expect(addressKeys(addressWords(null))).toEqual([]);
  });

  it('keys a range of more than 50 numbers by its ends only', () => {
    expect(addressKeys(addressWords('100-300 Tremont St'))).toEqual([
      'tremont st#100',
      'tremont st#300',
    ]);
  });

  it('gives two spellings of one address a shared key', () => {
    const pairs = [
      ['585 Commercial Street', '585-589 COMMERCIAL ST Boston MA 02109'],
      ['47 Stoughton St', '45-49 Stoughton St Dorchester MA 02125'],
      ['INTERSECTION of A St & B Ave', 'Intersection of B Avenue and A St'],
    ] as const;

    for (const [a, b] of pairs) {
      expect(same(a, b), `${a} / ${b}`).toBe(true);
      const keysOfB = new Set(addressKeys(addressWords(b)));
      const shared = addressKeys(addressWords(a)).filter((key) =>
        keysOfB.has(key),
      );
      expect(shared.length, `${a} / ${b}`).toBeGreaterThan(0);
    }
  });
});
