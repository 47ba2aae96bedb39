// How likely two requests are one problem, 0..1, and why in words.
//
// The score is a product of evidence, each part at most 1, because a
// duplicate needs all of it: a related type, the same place, reported
// around the same time. One missing part (another type, 300 m away) sinks
// the pair however well the rest matches.
import { formatMetres, metresBetween } from '../../shared/geo-distance';
import { sameAddress, shareStreet, type AddressWords } from './address-words';
import type { CaseFeatures } from './case-features';
import { wordOverlap } from './description-words';
import { requestRelation, type TypeRelation } from './related-types';

export type PairScore = {
  score: number;
  /** Null when either request has no location. */
  distanceM: number | null;
  reasons: string[];
};

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

const TYPE_WEIGHT: Record<TypeRelation, number> = {
  same: 1,
  related: 0.75,
  other: 0.2,
};

/**
 * Closeness halves at this distance. Boston geocodes most reports to the
 * address point, so most duplicates sit at 0 m; app reports scatter by
 * tens of metres.
 */
const HALF_CLOSENESS_M = 80;

/**
 * How far apart two addresses say the requests are, on top of the
 * distance: the same house is likelier one problem than the neighbour's
 * 20 m away. Unknown (an address missing) counts as a shared street.
 */
const ADDRESS_FACTOR = {
  sameAddress: 1,
  sameStreet: 0.8,
  unknown: 0.8,
  otherStreet: 0.6,
} as const;

/** With no location on one side, the address alone places the pair. */
const SAME_ADDRESS_ALONE = 0.9;
export const SAME_STREET_ALONE = 0.35;

/**
 * With no place at all on one side, shared description words ("Franklin
 * Park", "King's Chapel") are all that can place the pair, and count for
 * about as much as a shared street.
 */
export const PLACELESS_PLACE = 0.4;

/** Boston lots: about 6 m of frontage per house number on one side. */
const METRES_PER_HOUSE_NUMBER = 6;

/**
 * Time apart counts for at most 30%: a pothole reported a month ago and
 * still open is still that pothole, but a report from today is likelier.
 */
const TIME_FLOOR = 0.7;
const TIME_HALF_LIFE_MS = 7 * DAY_MS;

/** A closed request is a weaker match: the problem may be fixed. */
const CLOSED_FACTOR = 0.5;

/** Different description words lower the score by at most this share. */
const TEXT_SHARE = 0.15;

/**
 * The best an unrelated type can score without sharing an address: above
 * this, only the same address can offer another type, and a search need
 * not look at other types nearby.
 */
export const OTHER_TYPE_REACH =
  TYPE_WEIGHT.other *
  Math.max(
    ADDRESS_FACTOR.sameStreet,
    ADDRESS_FACTOR.unknown,
    SAME_STREET_ALONE,
    PLACELESS_PLACE,
  );

export function typeWeight(relation: TypeRelation): number {
  return TYPE_WEIGHT[relation];
}

/**
 * Reports opened minutes apart are likelier one event seen from different
 * spots: a dark stretch of street, a pole down across a corner, a litter
 * basket overflowing in a square. For them closeness reaches up to
 * 1 + BURST_REACH times as far, the extra reach halving every
 * BURST_HALF_LIFE_MS. Where each reporter stood is a guess, though, so
 * the burst lifts closeness no higher than BURST_CEILING (as close as
 * HALF_CLOSENESS_M apart): a far pair becomes worth showing, never a
 * strong link on time alone.
 */
const BURST_REACH = 2;
const BURST_HALF_LIFE_MS = HOUR_MS;
const BURST_CEILING = 0.5;

/** 1 at the same spot, 1/2 at `halfM`, falling slowly after. */
function closenessWithin(distanceM: number, halfM: number): number {
  return 1 / (1 + distanceM / halfM);
}

/** 1 for reports opened together, halving every BURST_HALF_LIFE_MS. */
function burstShare(gapMs: number): number {
  return 0.5 ** (gapMs / BURST_HALF_LIFE_MS);
}

/**
 * The longest time apart two requests with no place at all can be opened
 * and still score `minScore` on time alone (see placePart).
 */
export function placelessBurstMs(minScore: number): number {
  if (minScore >= PLACELESS_PLACE) return 0;
  if (minScore <= 0) return Infinity;

  return BURST_HALF_LIFE_MS * Math.log2(PLACELESS_PLACE / minScore);
}

/** How near two located reports are, 0..1, counting a burst. */
function closeness(distanceM: number, gapMs: number): number {
  const near = closenessWithin(distanceM, HALF_CLOSENESS_M);
  if (near >= BURST_CEILING) return near;

  const burstHalfM = HALF_CLOSENESS_M * (1 + BURST_REACH * burstShare(gapMs));

  return Math.max(
    near,
    Math.min(BURST_CEILING, closenessWithin(distanceM, burstHalfM)),
  );
}

/**
 * The most the place part can be for located requests `distanceM` apart
 * and opened `gapMs` apart, unless they share an address: a cheap bound
 * for dropping a pair before scoring it.
 */
export function placeReach(distanceM: number, gapMs: number): number {
  return closeness(distanceM, gapMs);
}

/**
 * The farthest apart two requests can be and still score `minScore` with
 * everything else perfect: how far to search. A burst reaches farther,
 * but only for minimums it can reach at all.
 */
export function radiusForScore(minScore: number): number {
  if (minScore <= 0) return Infinity;
  if (minScore >= 1) return 0;

  const halfM =
    minScore > BURST_CEILING
      ? HALF_CLOSENESS_M
      : HALF_CLOSENESS_M * (1 + BURST_REACH);

  return halfM * (1 / minScore - 1);
}

/**
 * How many house numbers apart two addresses on one street can be and
 * still score `minScore` when one has no location.
 */
export function houseSpanForScore(minScore: number): number {
  const metres = radiusForScore(minScore / ADDRESS_FACTOR.sameStreet);

  return Math.floor(metres / METRES_PER_HOUSE_NUMBER);
}

/** Metres between house numbers on one street, when both have one. */
function houseGapM(a: AddressWords, b: AddressWords): number | null {
  if (!a.house || !b.house || !shareStreet(a, b)) return null;

  const gap = Math.max(0, a.house.from - b.house.to, b.house.from - a.house.to);

  return gap * METRES_PER_HOUSE_NUMBER;
}

function addressFactor(
  a: AddressWords,
  b: AddressWords,
  same: boolean,
): number {
  if (same) return ADDRESS_FACTOR.sameAddress;
  if (shareStreet(a, b)) return ADDRESS_FACTOR.sameStreet;
  if (a.streets.length === 0 || b.streets.length === 0) {
    return ADDRESS_FACTOR.unknown;
  }

  return ADDRESS_FACTOR.otherStreet;
}

/** The place part of the score, 0..1. */
function placePart(
  subject: CaseFeatures,
  other: CaseFeatures,
  distanceM: number | null,
  gapMs: number,
): number {
  if (subject.placeless || other.placeless) {
    // With no place on either side, time apart stands in for distance:
    // two such requests of one problem minutes apart are most often one
    // caller's report taken twice, or two callers about one event.
    const bothPlaceless = subject.placeless && other.placeless;
    const byTime = bothPlaceless ? burstShare(gapMs) : 0;

    return (
      PLACELESS_PLACE *
      Math.max(wordOverlap(subject.words, other.words), byTime)
    );
  }

  const same = sameAddress(subject.address, other.address);

  // Without a location on both sides, house numbers stand in for distance.
  const gapM = distanceM ?? houseGapM(subject.address, other.address);
  let place: number;
  if (gapM !== null) {
    place =
      closeness(gapM, gapMs) *
      addressFactor(subject.address, other.address, same);
  } else {
    place = shareStreet(subject.address, other.address) ? SAME_STREET_ALONE : 0;
  }

  return same ? Math.max(place, SAME_ADDRESS_ALONE) : place;
}

export function distanceBetween(
  subject: CaseFeatures,
  other: CaseFeatures,
): number | null {
  const a = subject.point;
  const b = other.point;

  return a && b ? metresBetween(a.lat, a.long, b.lat, b.long) : null;
}

function isClosed(other: CaseFeatures, now: number): boolean {
  const { closedAt } = other.dupCase;

  return closedAt !== null && closedAt < now;
}

/**
 * The score alone, for ranking many pairs; `relation` and `distanceM` as
 * requestRelation and distanceBetween give them.
 */
export function pairScore(
  subject: CaseFeatures,
  other: CaseFeatures,
  now: number,
  relation: TypeRelation,
  distanceM: number | null,
): number {
  const gapMs = Math.abs(subject.dupCase.openedAt - other.dupCase.openedAt);
  const place = placePart(subject, other, distanceM, gapMs);
  const time =
    TIME_FLOOR + (1 - TIME_FLOOR) * 0.5 ** (gapMs / TIME_HALF_LIFE_MS);

  // Descriptions only tell when both have telling words.
  const worded = subject.words.length > 0 && other.words.length > 0;
  const overlap = worded ? wordOverlap(subject.words, other.words) : 1;

  return (
    typeWeight(relation) *
    place *
    time *
    (isClosed(other, now) ? CLOSED_FACTOR : 1) *
    (1 - TEXT_SHARE + TEXT_SHARE * overlap)
  );
}

function formatGap(ms: number): string {
  if (ms < HOUR_MS) return `${Math.round(ms / 60_000)} min`;
  if (ms < 2 * DAY_MS) return `${Math.round(ms / HOUR_MS)} h`;

  return `${Math.round(ms / DAY_MS)} days`;
}

/** Why a pair scored as it did, in words for a dispatcher. */
export function pairReasons(
  subject: CaseFeatures,
  other: CaseFeatures,
  now: number,
  relation: TypeRelation,
  distanceM: number | null,
): string[] {
  const reasons: string[] = [];
  const { type } = other.dupCase;

  if (relation === 'same' && type === subject.dupCase.type) {
    reasons.push('same type');
  } else {
    reasons.push(`${relation === 'other' ? 'other' : 'related'} type: ${type}`);
  }

  if (distanceM !== null) reasons.push(formatMetres(distanceM));
  if (sameAddress(subject.address, other.address)) {
    reasons.push('same address');
  } else if (shareStreet(subject.address, other.address)) {
    reasons.push('same street');
  }

  const gapMs = Math.abs(subject.dupCase.openedAt - other.dupCase.openedAt);
  reasons.push(`${formatGap(gapMs)} apart`);

  const shared = other.words.filter((word) => subject.words.includes(word));
  if (shared.length > 0) {
    reasons.push(`description shares "${shared.slice(0, 4).join(' ')}"`);
  }

  const { closedAt } = other.dupCase;
  if (closedAt !== null && closedAt < now) {
    reasons.push(`closed ${formatGap(now - closedAt)} ago`);
  }

  return reasons;
}

/** How likely `other` is the same problem as `subject`, judged at `now`. */
export function scorePair(
  subject: CaseFeatures,
  other: CaseFeatures,
  now: number,
): PairScore {
  const relation = requestRelation(subject.dupCase, other.dupCase);
  const distanceM = distanceBetween(subject, other);

  return {
    score: pairScore(subject, other, now, relation, distanceM),
    distanceM,
    reasons: pairReasons(subject, other, now, relation, distanceM),
  };
}
