// Protocol 4's snapshot pages: the fields a city fills from short lists
// (service types, queues, departments, neighbourhoods, statuses...) are
// sent once per page in `dictionary`, and each row holds the position of
// its value in that list. A page is about two fifths smaller, and the
// console parses one string per distinct value instead of one per row.
import { SYNC_REQUEST_FIELDS } from './sync-protocol';

/** The fields sent through the page's dictionary, in SYNC_REQUEST_FIELDS order. */
export const DICTIONARY_FIELDS = [
  'serviceCode',
  'serviceName',
  'status',
  'agencyResponsible',
  'zipcode',
  'queue',
  'department',
  'neighborhood',
  'source',
  'closureReason',
  'workStatus',
  'assignedCrewId',
] as const satisfies readonly (typeof SYNC_REQUEST_FIELDS)[number][];

export type DictionaryField = (typeof DICTIONARY_FIELDS)[number];

/** Each dictionary field's list of values, by field name. */
export type PageDictionary = Record<DictionaryField, string[]>;

const positions = DICTIONARY_FIELDS.map((field) =>
  (SYNC_REQUEST_FIELDS as readonly string[]).indexOf(field),
);

/** The longest list a page may send: one value per row at most. */
const MAX_ENTRIES = 5000;

/**
 * Replaces the dictionary fields' values by their positions, in place.
 * Each of those fields must hold text or null.
 */
export function encodeDictionary(rows: unknown[][]): PageDictionary {
  const lists = DICTIONARY_FIELDS.map(() => [] as string[]);
  const found = DICTIONARY_FIELDS.map(() => new Map<string, number>());

  for (const row of rows) {
    for (let k = 0; k < positions.length; k += 1) {
      const at = positions[k]!;
      const value = row[at];
      if (value === null) continue;
      if (typeof value !== 'string') {
        // Decoding would read a number here as a position: refuse to send it.
        throw new TypeError(
          `${DICTIONARY_FIELDS[k]} of ${String(row[0])} is ${typeof value}, not text`,
        );
      }
      let index = found[k]!.get(value);
      if (index === undefined) {
        index = lists[k]!.length;
        lists[k]!.push(value);
        found[k]!.set(value, index);
      }
      row[at] = index;
    }
  }

  return Object.fromEntries(
    DICTIONARY_FIELDS.map((field, k) => [field, lists[k]!]),
  ) as PageDictionary;
}

/**
 * Puts each dictionary value back in its row, in place, so the rows read
 * as protocol 3 rows. Returns null when it worked, or what was wrong, with
 * the path of the value (`dictionary.queue` or `rows.12.queue`).
 */
export function decodeDictionary(
  dictionary: unknown,
  rows: unknown,
): string | null {
  if (typeof dictionary !== 'object' || dictionary === null) {
    return 'dictionary: expected an object of value lists';
  }
  const given = Object.keys(dictionary);
  const unknown = given.find(
    (key) => !(DICTIONARY_FIELDS as readonly string[]).includes(key),
  );
  if (unknown !== undefined) {
    return `dictionary.${unknown}: not a dictionary field`;
  }

  const lists: string[][] = [];
  for (const field of DICTIONARY_FIELDS) {
    const list: unknown = (dictionary as Record<string, unknown>)[field];
    if (
      !Array.isArray(list) ||
      list.length > MAX_ENTRIES ||
      !list.every((value) => typeof value === 'string')
    ) {
      return `dictionary.${field}: expected a list of at most ${MAX_ENTRIES} strings`;
    }
    lists.push(list);
  }
  if (!Array.isArray(rows)) return 'rows: expected a list';

  for (let r = 0; r < rows.length; r += 1) {
    const row: unknown = rows[r];
    if (!Array.isArray(row) || row.length !== SYNC_REQUEST_FIELDS.length) {
      return `rows.${r}: expected ${SYNC_REQUEST_FIELDS.length} values`;
    }
    for (let k = 0; k < positions.length; k += 1) {
      const at = positions[k]!;
      const index: unknown = row[at];
      if (index === null) continue;
      const value =
        typeof index === 'number' && Number.isInteger(index)
          ? lists[k]![index]
          : undefined;
      if (value === undefined) {
        return (
          `rows.${r}.${DICTIONARY_FIELDS[k]}: expected a position in ` +
          `dictionary.${DICTIONARY_FIELDS[k]} or null`
        );
      }
      row[at] = value;
    }
  }
  return null;
}
