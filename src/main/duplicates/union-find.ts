// Disjoint sets of ids: link two, and each id's set is found in near
// constant time (path halving, union by size).

export class UnionFind {
  private readonly parent = new Map<string, string>();
  private readonly size = new Map<string, number>();

  /** The id standing for the set `id` belongs to. */
  find(id: string): string {
    let at = id;
    let up = this.parent.get(at);

    while (up !== undefined && up !== at) {
      const grand = this.parent.get(up) ?? up;
      this.parent.set(at, grand);
      at = grand;
      up = this.parent.get(at);
    }

    return at;
  }

  union(a: string, b: string): void {
    const rootA = this.find(a);
    const rootB = this.find(b);
    if (rootA === rootB) return;

    const sizeA = this.size.get(rootA) ?? 1;
    const sizeB = this.size.get(rootB) ?? 1;
    const [big, small] = sizeA >= sizeB ? [rootA, rootB] : [rootB, rootA];

    this.parent.set(small, big);
    this.size.set(big, sizeA + sizeB);
  }
}
