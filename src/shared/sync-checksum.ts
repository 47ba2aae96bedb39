// The fingerprint a console and the server compare to find drift. Each open
// request falls in one of 64 buckets by its id; a bucket's hash covers the
// ids and versions in it. A mismatched bucket is resynced on its own.
// Pure JavaScript, so the server, the console and tests share one definition.

export const CHECKSUM_BUCKETS = 64;

/** FNV-1a over UTF-16 code units: cheap and stable, not cryptographic. */
function fnv1a(text: string, seed = 0x811c9dc5): number {
  let hash = seed >>> 0;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash;
}

export function bucketOf(id: string): number {
  return fnv1a(id) % CHECKSUM_BUCKETS;
}

export type Versioned = { id: string; version: number };

/**
 * A 64-bit hex digest of a set of (id, version) pairs, independent of the
 * order they come in.
 */
export function digestOf(entries: Iterable<Versioned>): string {
  const lines: string[] = [];
  for (const entry of entries) lines.push(`${entry.id}:${entry.version}`);
  lines.sort();

  let low = 0x811c9dc5;
  let high = 0x01000193;
  for (const line of lines) {
    low = fnv1a(line, low);
    high = fnv1a(line, high ^ 0x9e3779b9);
  }

  const hex = (n: number) => n.toString(16).padStart(8, '0');
  return `${lines.length}-${hex(high)}${hex(low)}`;
}

/** The per-bucket digests of the open requests. */
export function bucketDigests(requests: Iterable<Versioned>): string[] {
  const buckets: Versioned[][] = Array.from(
    { length: CHECKSUM_BUCKETS },
    () => [],
  );
  for (const request of requests) buckets[bucketOf(request.id)]?.push(request);

  return buckets.map((bucket) => digestOf(bucket));
}
