// The requests duplicate finding compares against (open and recently
// closed), held in memory: by id; on a grid per problem (the type, and a
// description that names a type), for "within R metres of here"; by
// street and by address, also per problem, for requests with an address
// but no location (a grid cannot find them); and by description word and
// by hour opened, for requests with neither.
import { metresBetween } from '../../shared/geo-distance';
import {
  addressKeys,
  keyedHouseNumbers,
  type AddressWords,
} from './address-words';
import { caseFeatures, type CaseFeatures } from './case-features';
import type { DupCase } from './duplicate-types';
import { MIN_CELL_M, SpatialGrid } from './spatial-grid';

const HOUR_MS = 3_600_000;

function hourOf(time: number): number {
  return Math.floor(time / HOUR_MS);
}

/** A couple of hundred metres: a few cells answer a duplicate search. */
const DEFAULT_CELL_M = 200;

export type NearbyCase = { features: CaseFeatures; distanceM: number };

type Buckets<K = string> = Map<K, Set<CaseFeatures>>;

/** Files a case in (addTo) or out of (removeFrom) one bucket. */
type Change = <K>(buckets: Buckets<K>, key: K, features: CaseFeatures) => void;

const NONE: ReadonlySet<CaseFeatures> = new Set();

function addTo<K>(buckets: Buckets<K>, key: K, features: CaseFeatures) {
  const bucket = buckets.get(key) ?? new Set<CaseFeatures>();
  bucket.add(features);
  buckets.set(key, bucket);
}

function removeFrom<K>(buckets: Buckets<K>, key: K, features: CaseFeatures) {
  const bucket = buckets.get(key);
  bucket?.delete(features);
  if (bucket?.size === 0) buckets.delete(key);
}

function inBuckets<K>(
  buckets: Buckets<K>,
  keys: Iterable<K>,
  into: ReadonlySet<CaseFeatures>[] = [],
): ReadonlySet<CaseFeatures>[] {
  for (const key of keys) {
    const bucket = buckets.get(key);
    if (bucket) into.push(bucket);
  }

  return into;
}

/**
 * Buckets under a first key, then a second: by problem (see problemKeys),
 * then by street or address key; or by street, then by house number.
 */
type TwoLevelBuckets<K = string> = Map<string, Buckets<K>>;

/** Buckets by problem (see problemKeys), then by street or address key. */
type ProblemBuckets = TwoLevelBuckets;

function fileUnder<K>(
  twoLevel: TwoLevelBuckets<K>,
  first: string,
  key: K,
  features: CaseFeatures,
  change: Change,
): void {
  let buckets = twoLevel.get(first);
  if (!buckets) {
    buckets = new Map();
    twoLevel.set(first, buckets);
  }
  change(buckets, key, features);
  if (buckets.size === 0) twoLevel.delete(first);
}

/** The buckets under any of `problems` for any of `keys`. */
function problemBuckets(
  byProblem: ProblemBuckets,
  problems: Iterable<string>,
  keys: readonly string[],
): ReadonlySet<CaseFeatures>[] {
  const found: ReadonlySet<CaseFeatures>[] = [];
  if (keys.length === 0) return found;

  for (const problem of problems) {
    const buckets = byProblem.get(problem);
    if (!buckets) continue;
    for (const key of keys) {
      const bucket = buckets.get(key);
      if (bucket) found.push(bucket);
    }
  }

  return found;
}

export class CaseIndex {
  private readonly byId = new Map<string, CaseFeatures>();
  private readonly cellM: number;
  /** Located cases by problem key: see problemKeys. */
  private readonly grids = new Map<string, SpatialGrid<CaseFeatures>>();
  private readonly byStreet: Buckets = new Map();
  private readonly unlocatedByStreet: Buckets = new Map();
  private readonly byAddress: Buckets = new Map();
  private readonly unlocatedByAddress: Buckets = new Map();
  /**
   * Unlocated cases with a house number, by street, then by the numbers
   * keyedHouseNumbers gives: numbers rather than address-key strings,
   * which a full scan would build by the million to look up neighbours.
   */
  private readonly unlocatedByHouse: TwoLevelBuckets<number> = new Map();
  private readonly byProblemAddress: ProblemBuckets = new Map();
  private readonly byProblemStreet: ProblemBuckets = new Map();
  private readonly unlocatedByProblemStreet: ProblemBuckets = new Map();
  private readonly placelessByWord: Buckets = new Map();
  /** Cases with no location and no street, by problem, then by hour opened. */
  private readonly placelessByHour: TwoLevelBuckets<number> = new Map();
  private readonly byWord: Buckets = new Map();

  constructor(options: { cellM?: number } = {}) {
    this.cellM = options.cellM ?? DEFAULT_CELL_M;
    if (!(this.cellM >= MIN_CELL_M)) {
      throw new Error(
        `A grid cell must be at least ${MIN_CELL_M} m wide, not ${this.cellM}; use about 200.`,
      );
    }
  }

  get size(): number {
    return this.byId.size;
  }

  has(id: string): boolean {
    return this.byId.has(id);
  }

  get(id: string): DupCase | undefined {
    return this.byId.get(id)?.dupCase;
  }

  /** The features worked out when the case was indexed. */
  featuresOf(id: string): CaseFeatures | undefined {
    return this.byId.get(id);
  }

  *cases(): Generator<DupCase> {
    for (const features of this.byId.values()) yield features.dupCase;
  }

  add(dupCase: DupCase): void {
    if (this.byId.has(dupCase.id)) {
      throw new Error(
        `Request ${dupCase.id} is already in the duplicate index; ` +
          'call update to change it.',
      );
    }

    // A copy: a caller changing its object must not strand the grid entry.
    const features = caseFeatures({ ...dupCase });
    this.byId.set(dupCase.id, features);
    this.file(features, addTo);

    const { point } = features;
    if (!point) return;
    for (const key of features.problems) {
      let grid = this.grids.get(key);
      if (!grid) {
        grid = new SpatialGrid(this.cellM);
        this.grids.set(key, grid);
      }
      grid.add(point.lat, point.long, features);
    }
  }

  /** Replaces the case with the same id (moving it), or adds it if new. */
  update(dupCase: DupCase): void {
    this.remove(dupCase.id);
    this.add(dupCase);
  }

  /** False when no case has this id. */
  remove(id: string): boolean {
    const features = this.byId.get(id);
    if (!features) return false;

    this.byId.delete(id);
    this.file(features, removeFrom);

    const { point } = features;
    if (!point) return true;
    for (const key of features.problems) {
      const grid = this.grids.get(key);
      grid?.remove(point.lat, point.long, features);
      if (grid?.isEmpty) this.grids.delete(key);
    }

    return true;
  }

  /**
   * Cases with a location within `radiusM` metres (great circle), of these
   * problems (types, or descriptions naming them) or of any.
   */
  within(
    lat: number,
    long: number,
    radiusM: number,
    problems?: Iterable<string>,
  ): NearbyCase[] {
    const found: NearbyCase[] = [];
    const seen = new Set<CaseFeatures>();

    for (const cell of this.cellsNear(lat, long, radiusM, problems)) {
      for (const features of cell) {
        const { point } = features;
        if (!point || seen.has(features)) continue;
        seen.add(features);

        const distanceM = metresBetween(lat, long, point.lat, point.long);
        if (distanceM <= radiusM) found.push({ features, distanceM });
      }
    }

    return found;
  }

  /**
   * The grid cells around a point, of these problems or of any: their
   * cases are a superset of those within `radiusM`, for callers that
   * filter before measuring distance. A case filed under two of the
   * problems stands in two cells.
   */
  cellsNear(
    lat: number,
    long: number,
    radiusM: number,
    problems: Iterable<string> = this.grids.keys(),
  ): ReadonlySet<CaseFeatures>[] {
    const cells: ReadonlySet<CaseFeatures>[] = [];
    // Every grid has cells of one size: the keys are worked out once.
    let keys: number[] | undefined;
    for (const problem of problems) {
      const grid = this.grids.get(problem);
      if (!grid) continue;
      keys ??= grid.keysNear(lat, long, radiusM);
      grid.cellsAt(keys, cells);
    }

    return cells;
  }

  /** Cases whose address names this normal-form street ("commercial st"). */
  onStreet(street: string): ReadonlySet<CaseFeatures> {
    return this.byStreet.get(street) ?? NONE;
  }

  /**
   * As onStreet (or unlocatedOnStreet), only cases filed under one of
   * these problems (see problemKeys).
   */
  onStreetWithProblem(
    street: string,
    problems: Iterable<string>,
    unlocatedOnly: boolean,
  ): ReadonlySet<CaseFeatures>[] {
    const byProblem = unlocatedOnly
      ? this.unlocatedByProblemStreet
      : this.byProblemStreet;

    return problemBuckets(byProblem, problems, [street]);
  }

  /** Cases on this normal-form street that have no location. */
  unlocatedOnStreet(street: string): ReadonlySet<CaseFeatures> {
    return this.unlocatedByStreet.get(street) ?? NONE;
  }

  /**
   * Cases that may have the same address (a superset: check with
   * sameAddress), or with `span`, a house number up to that many away: one
   * set per address key, so a case with a house range can come twice.
   */
  atAddress(address: AddressWords, span = 0): ReadonlySet<CaseFeatures>[] {
    return inBuckets(this.byAddress, addressKeys(address, span));
  }

  /**
   * As atAddressOf, only cases filed under one of these problems (see
   * problemKeys).
   */
  atAddressWithProblem(
    features: CaseFeatures,
    problems: Iterable<string>,
  ): ReadonlySet<CaseFeatures>[] {
    // Most addresses hold one case (often this one): one look at the
    // address alone spares a look per problem.
    const alone = features.addressKeys.every((key) => {
      const bucket = this.byAddress.get(key);

      return !bucket || (bucket.size === 1 && bucket.has(features));
    });
    if (alone) return [];

    return problemBuckets(
      this.byProblemAddress,
      problems,
      features.addressKeys,
    );
  }

  /** As atAddress with no span, for a case's own features. */
  atAddressOf(features: CaseFeatures): ReadonlySet<CaseFeatures>[] {
    return inBuckets(this.byAddress, features.addressKeys);
  }

  /** As atAddress, only the cases with no location. */
  unlocatedAtAddress(
    address: AddressWords,
    span = 0,
  ): ReadonlySet<CaseFeatures>[] {
    const { streets, house } = address;
    if (!house) {
      // A crossing, keyed by its streets; or a bare street, by nothing.
      return inBuckets(this.unlocatedByAddress, addressKeys(address));
    }

    const found: ReadonlySet<CaseFeatures>[] = [];
    let numbers: number[] | undefined;
    for (const street of streets) {
      const byNumber = this.unlocatedByHouse.get(street);
      if (!byNumber) continue;

      numbers ??= keyedHouseNumbers(house, span);
      inBuckets(byNumber, numbers, found);
    }

    return found;
  }

  /** Cases with no location and no street whose description has the word. */
  placelessWith(word: string): ReadonlySet<CaseFeatures> {
    return this.placelessByWord.get(word) ?? NONE;
  }

  /**
   * Cases with no location and no street, of these problems (see
   * problemKeys), opened between `from` and `to` (epoch ms), give or take
   * the hour they were opened in: a superset, for callers that check the
   * time apart.
   */
  placelessOpenedBetween(
    problems: Iterable<string>,
    from: number,
    to: number,
  ): ReadonlySet<CaseFeatures>[] {
    const found: ReadonlySet<CaseFeatures>[] = [];
    const first = hourOf(from);
    const last = hourOf(to);

    for (const problem of problems) {
      const byHour = this.placelessByHour.get(problem);
      if (!byHour) continue;

      // A span longer than the hours on file (even an endless one) is
      // read by the hours on file instead.
      if (last - first >= byHour.size) {
        for (const [hour, bucket] of byHour) {
          if (hour >= first && hour <= last) found.push(bucket);
        }
      } else {
        for (let hour = first; hour <= last; hour++) {
          const bucket = byHour.get(hour);
          if (bucket) found.push(bucket);
        }
      }
    }

    return found;
  }

  /**
   * Every case whose description has the word, placed or not: where a
   * request with no place of its own looks for its match.
   */
  withWord(word: string): ReadonlySet<CaseFeatures> {
    return this.byWord.get(word) ?? NONE;
  }

  /** Files a case in (or out of) every lookup but the grid. */
  private file(features: CaseFeatures, change: Change): void {
    const located = features.point !== null;

    for (const street of features.address.streets) {
      change(this.byStreet, street, features);
      if (!located) change(this.unlocatedByStreet, street, features);
      for (const problem of features.problems) {
        fileUnder(this.byProblemStreet, problem, street, features, change);
        if (!located) {
          fileUnder(
            this.unlocatedByProblemStreet,
            problem,
            street,
            features,
            change,
          );
        }
      }
    }
    const { house } = features.address;
    if (!located && house) {
      for (const street of features.address.streets) {
        for (const n of keyedHouseNumbers(house)) {
          fileUnder(this.unlocatedByHouse, street, n, features, change);
        }
      }
    }
    for (const key of features.addressKeys) {
      change(this.byAddress, key, features);
      if (!located) change(this.unlocatedByAddress, key, features);
      for (const problem of features.problems) {
        fileUnder(this.byProblemAddress, problem, key, features, change);
      }
    }
    for (const word of features.words) {
      change(this.byWord, word, features);
      if (features.placeless) change(this.placelessByWord, word, features);
    }
    if (features.placeless) {
      const hour = hourOf(features.dupCase.openedAt);
      for (const problem of features.problems) {
        fileUnder(this.placelessByHour, problem, hour, features, change);
      }
    }
  }
}
