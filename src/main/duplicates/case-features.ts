// What scoring needs from a request, worked out once when it is indexed
// rather than for every pair it is compared in.
import { addressKeys, addressWords, type AddressWords } from './address-words';
import { descriptionWords } from './description-words';
import type { DupCase } from './duplicate-types';

export type Point = { lat: number; long: number };

/** Longer descriptions are the reporter's words, never a type's name. */
const LONGEST_TYPE_NAME = 80;

/**
 * The problems a case is filed under: its type, and its description when
 * that could be a type's name (staff re-typing a request leave the
 * reporter's first choice there), as requestRelation compares them.
 */
export function problemKeys(dupCase: DupCase): string[] {
  const described = dupCase.description?.trim() ?? '';
  const byDescription =
    described !== '' &&
    described !== dupCase.type &&
    described.length <= LONGEST_TYPE_NAME;

  return byDescription ? [dupCase.type, described] : [dupCase.type];
}

export type CaseFeatures = {
  dupCase: DupCase;
  /** Null when the request has no usable location. */
  point: Point | null;
  address: AddressWords;
  /** addressKeys of the address, for the index's lookups. */
  addressKeys: string[];
  /** The description's telling words (see descriptionWords). */
  words: string[];
  /** No location and no street: only the description can place it. */
  placeless: boolean;
  /** See problemKeys. */
  problems: string[];
};

/** The point of a request, or null when it has no usable location. */
export function pointOf(dupCase: DupCase): Point | null {
  const { lat, long } = dupCase;
  if (lat === null || long === null) return null;

  return { lat, long };
}

export function caseFeatures(dupCase: DupCase): CaseFeatures {
  const point = pointOf(dupCase);
  const address = addressWords(dupCase.address);

  return {
    dupCase,
    point,
    address,
    addressKeys: addressKeys(address),
    words: descriptionWords(dupCase.description, dupCase.type),
    placeless: point === null && address.streets.length === 0,
    problems: problemKeys(dupCase),
  };
}
