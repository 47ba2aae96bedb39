// The street and house number of an address as 311 writes it, in one
// normal form: "585 Commercial Street", "585-589 COMMERCIAL ST Boston MA
// 02109" and "INTERSECTION of Commercial St & Hanover St" all name
// "commercial st".

/** A house number or a range of them: "145-151" covers 145..151. */
export type HouseNumbers = { from: number; to: number };

export type AddressWords = {
  /** Normal-form streets: one, two for an intersection, none if unknown. */
  streets: string[];
  /** Null for an intersection or an address without a number. */
  house: HouseNumbers | null;
};

/** How the export ends an address: the neighbourhood before "MA". */
const PLACE_NAMES = [
  'east boston',
  'south boston',
  'west roxbury',
  'jamaica plain',
  'hyde park',
  'mission hill',
  'chestnut hill',
  'boston',
  'dorchester',
  'roxbury',
  'brighton',
  'roslindale',
  'charlestown',
  'mattapan',
  'allston',
].map((name) => name.split(' '));

/** Street-kind words in the export's short form. */
const STREET_KINDS: Record<string, string> = {
  street: 'st',
  avenue: 'ave',
  av: 'ave',
  road: 'rd',
  boulevard: 'blvd',
  place: 'pl',
  terrace: 'ter',
  square: 'sq',
  drive: 'dr',
  court: 'ct',
  highway: 'hwy',
  parkway: 'pkwy',
  lane: 'ln',
  circle: 'cir',
  plaza: 'plz',
  bridge: 'brg',
  wharf: 'whf',
};

const DIRECTIONS: Record<string, string> = {
  east: 'e',
  west: 'w',
  north: 'n',
  south: 's',
};

const HOUSE = /^(\d+)[a-z]*(?:-(\d+)[a-z]*)?$/;
const INTERSECTION = /^intersection (?:of )?(.+?) (?:&|and) (.+)$/;

/** Lower case, no accents or punctuation, single spaces. */
function plainWords(text: string): string[] {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/['.]/g, '')
    .replace(/[^a-z0-9&-]+/g, ' ')
    .trim()
    .split(' ')
    .filter((word) => word !== '');
}

function endsWith(words: string[], tail: string[]): boolean {
  if (tail.length >= words.length) return false;

  return tail.every(
    (word, i) => words[words.length - tail.length + i] === word,
  );
}

/** Drops the ", Boston MA 02109" tail: zip code, state, neighbourhood. */
function withoutTown(words: string[]): string[] {
  const rest = [...words];
  if (/^\d{5}(-\d{4})?$/.test(rest.at(-1) ?? '')) rest.pop();
  if (rest.at(-1) === 'ma' && rest.length > 1) rest.pop();

  const place = PLACE_NAMES.find((name) => endsWith(rest, name));
  if (place) rest.length -= place.length;

  return rest;
}

/** "East Fourth Street" -> "e fourth st"; "East St" stays "east st". */
function normalStreet(words: string[]): string {
  const out = [...words];
  const last = out.at(-1);
  if (last !== undefined && STREET_KINDS[last]) {
    out[out.length - 1] = STREET_KINDS[last];
  }

  // A leading direction is part of the name only when a kind word follows
  // it directly: "E St" and "East St" are different South Boston streets.
  const first = out[0];
  const second = out[1];
  const isKind = (word: string) => Object.values(STREET_KINDS).includes(word);
  if (
    first !== undefined &&
    DIRECTIONS[first] &&
    second !== undefined &&
    !isKind(second)
  ) {
    out[0] = DIRECTIONS[first];
  }

  return out.join(' ');
}

function houseNumbers(word: string | undefined): HouseNumbers | null {
  const match = HOUSE.exec(word ?? '');
  if (!match) return null;

  const from = Number(match[1]);
  const to = match[2] === undefined ? from : Number(match[2]);

  return { from: Math.min(from, to), to: Math.max(from, to) };
}

/** The streets and house number an address names. */
export function addressWords(address: string | null): AddressWords {
  const words = withoutTown(plainWords(address ?? ''));
  const text = words.join(' ');

  const crossing = INTERSECTION.exec(text);
  if (crossing) {
    const streets = [crossing[1], crossing[2]]
      .map((part) => normalStreet((part ?? '').split(' ')))
      .filter((street) => street !== '');

    return { streets: [...new Set(streets)].sort(), house: null };
  }

  const house = houseNumbers(words[0]);
  const streetWords = (house ? words.slice(1) : words).filter(
    (word) => word !== '&',
  );
  if (streetWords.length === 0) return { streets: [], house: null };

  return { streets: [normalStreet(streetWords)], house };
}

/** The normal-form streets of an address, e.g. ["commercial st"]. */
export function streetsOf(address: string | null): string[] {
  return addressWords(address).streets;
}

export function shareStreet(a: AddressWords, b: AddressWords): boolean {
  return a.streets.some((street) => b.streets.includes(street));
}

/**
 * Same house (numbers overlap, "145-151" holds 147) on a shared street, or
 * the same crossing of the same two streets.
 */
export function sameAddress(a: AddressWords, b: AddressWords): boolean {
  if (a.house && b.house) {
    const overlap = a.house.from <= b.house.to && b.house.from <= a.house.to;

    return overlap && shareStreet(a, b);
  }

  if (a.house || b.house || a.streets.length < 2) return false;

  return (
    a.streets.length === b.streets.length &&
    a.streets.every((street, i) => b.streets[i] === street)
  );
}

/** Longer house ranges are keyed by their ends only. */
const MAX_KEYED_RANGE = 50;

/**
 * The house numbers an address is keyed by (see addressKeys): every one it
 * covers, and with `span` that many either side; only the two ends of a
 * range longer than MAX_KEYED_RANGE.
 */
export function keyedHouseNumbers(house: HouseNumbers, span = 0): number[] {
  if (house.to - house.from > MAX_KEYED_RANGE) return [house.from, house.to];

  const numbers: number[] = [];
  for (let n = Math.max(0, house.from - span); n <= house.to + span; n++) {
    numbers.push(n);
  }

  return numbers;
}

/**
 * Lookup keys such that two addresses that are the same address (see
 * sameAddress) share at least one, unless one spans more than 50 house
 * numbers: e.g. "tremont st#12", or "boylston st&tremont st" for a
 * crossing. None for a bare street. With `span`, the keys also cover that
 * many house numbers either side: the neighbours.
 */
export function addressKeys(address: AddressWords, span = 0): string[] {
  const { streets, house } = address;
  if (!house) return streets.length >= 2 ? [streets.join('&')] : [];

  const numbers = keyedHouseNumbers(house, span);

  return streets.flatMap((street) => numbers.map((n) => `${street}#${n}`));
}
