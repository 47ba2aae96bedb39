// Slots kept in one sort order as requests come, change and go. A few
// changes are placed by binary search; after many (a sync page, a reload)
// the order is sorted again once, at the next read, which is cheaper than
// placing each. A new order starts unsorted, so a bulk load places nothing.

/** Past this many placements since the last sort, sort again instead. */
const PLACEMENTS_BEFORE_RESORT = 2_000;

export class SortedSlots {
  private order: number[] = [];
  private sorted = false;
  private placements = 0;

  /**
   * `compare` is total: no two slots in use compare equal. `live` lists
   * every slot in use, for a full sort.
   */
  constructor(
    private readonly compare: (a: number, b: number) => number,
    private readonly live: () => Iterable<number>,
  ) {}

  /** The slots in order. Valid until the next insert or remove. */
  slots(): readonly number[] {
    if (!this.sorted) {
      this.order = [...this.live()].sort(this.compare);
      this.sorted = true;
      this.placements = 0;
    }
    return this.order;
  }

  /** Call with the slot's keys as they are now, before changing them. */
  remove(slot: number): void {
    if (!this.placeable()) return;

    const at = this.position(slot);
    if (this.order[at] === slot) this.order.splice(at, 1);
    else this.sorted = false;
  }

  /** Call once the slot's keys are set. */
  insert(slot: number): void {
    if (!this.placeable()) return;

    this.order.splice(this.position(slot), 0, slot);
  }

  private placeable(): boolean {
    if (!this.sorted) return false;
    this.placements += 1;
    if (this.placements > PLACEMENTS_BEFORE_RESORT) this.sorted = false;
    return this.sorted;
  }

  /** The first index whose slot does not sort before `slot`. */
  private position(slot: number): number {
    let low = 0;
    let high = this.order.length;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if (this.compare(this.order[mid]!, slot) < 0) low = mid + 1;
      else high = mid;
    }
    return low;
  }
}
