// The requests duplicate finding compares against (open and recently
// closed), held in memory: by id; on a grid per problem (the type, and a
// description that names a type), for "within R metres of here"; by
// street and by address, also per problem, for requests with an address
// but no location (a grid cannot find them); and by description word,
// for requests with neither.
import { metresBetween } from '../dispatch/geo-distance';
import { addressKeys, type AddressWords } from './address-words';
import { caseFeatures, type CaseFeatures } from './case-features';
import type { DupCase } from './duplicate-types';
import { MIN_CELL_M, SpatialGrid } from './spatial-grid';

/** A couple of hundred metres: a few cells answer a duplicate search. */
const DEFAULT_CELL_M = 200;

export type NearbyCase = { features: CaseFeatures; distanceM: number };

type Buckets = Map<string, Set<CaseFeatures>>;

const NONE: ReadonlySet<CaseFeatures> = new Set();

function addTo(buckets: Buckets, key: string, features: CaseFeatures) {
  const bucket = buckets.get(key) ?? new Set<CaseFeatures>();
  bucket.add(features);
  buckets.set(key, bucket);
}

function removeFrom(buckets: Buckets, key: string, features: CaseFeatures) {
  const bucket = buckets.get(key);
  bucket?.delete(features);
  if (bucket?.size === 0) buckets.delete(key);
}

function inBuckets(
  buckets: Buckets,
  keys: Iterable<string>,
  into: ReadonlySet<CaseFeatures>[] = [],
): ReadonlySet<CaseFeatures>[] {
  for (const key of keys) {
    const bucket = buckets.get(key);
    if (bucket) into.push(bucket);
  }

  return into;
}

/** Buckets by problem (see problemKeys), then by street or address key. */
type ProblemBuckets = Map<string, Buckets>;

function fileByProblem(
  byProblem: ProblemBuckets,
  problem: string,
  key: string,
  features: CaseFeatures,
  change: (buckets: Buckets, key: string, features: CaseFeatures) => void,
): void {
  let buckets = byProblem.get(problem);
  if (!buckets) {
    buckets = new Map();
    byProblem.set(problem, buckets);
  }
  change(buckets, key, features);
  if (buckets.size === 0) byProblem.delete(problem);
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
  private readonly byProblemAddress: ProblemBuckets = new Map();
  private readonly byProblemStreet: ProblemBuckets = new Map();
  private readonly unlocatedByProblemStreet: ProblemBuckets = new Map();
  private readonly placelessByWord: Buckets = new Map();
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
    for (const problem of problems) {
      this.grids.get(problem)?.cellsNear(lat, long, radiusM, cells);
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
    let anyOnStreet = false;
    for (const street of address.streets) {
      anyOnStreet ||= this.unlocatedByStreet.has(street);
    }
    if (!anyOnStreet) return [];

    return inBuckets(this.unlocatedByAddress, addressKeys(address, span));
  }

  /** Cases with no location and no street whose description has the word. */
  placelessWith(word: string): ReadonlySet<CaseFeatures> {
    return this.placelessByWord.get(word) ?? NONE;
  }

  /**
   * Every case whose description has the word, placed or not: where a
   * request with no place of its own looks for its match.
   */
  withWord(word: string): ReadonlySet<CaseFeatures> {
    return this.byWord.get(word) ?? NONE;
  }

  /** Files a case in (or out of) every lookup but the grid. */
  private file(
    features: CaseFeatures,
    change: (buckets: Buckets, key: string, features: CaseFeatures) => void,
  ): void {
    const located = features.point !== null;

    for (const street of features.address.streets) {
      change(this.byStreet, street, features);
      if (!located) change(this.unlocatedByStreet, street, features);
      for (const problem of features.problems) {
        fileByProblem(this.byProblemStreet, problem, street, features, change);
        if (!located) {
          fileByProblem(
            this.unlocatedByProblemStreet,
            problem,
            street,
            features,
            change,
          );
        }
      }
    }
    for (const key of features.addressKeys) {
      change(this.byAddress, key, features);
      if (!located) change(this.unlocatedByAddress, key, features);
      for (const problem of features.problems) {
        fileByProblem(this.byProblemAddress, problem, key, features, change);
      }
    }
    for (const word of features.words) {
      change(this.byWord, word, features);
      if (features.placeless) change(this.placelessByWord, word, features);
    }
  }
}
