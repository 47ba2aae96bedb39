// Realistic load for benchmarks: real Boston rows from the seed, replicated
// with new ids and jittered times and places.
import { resolve } from 'node:path';

import { readBostonCsv } from '../src/main/import/boston-csv-rows';
import type { StoredRequest } from '../src/main/store/stored-request';
import { seededRandom } from '../tests/support/seeded-random';

export { seededRandom };

// npm scripts run at the repository root.
export const SEED_CSV = resolve('resources/seed/boston311-2015-jan-sep.csv.gz');

export function percentile(sorted: number[], share: number): number {
  const at = Math.min(sorted.length - 1, Math.ceil(share * sorted.length) - 1);
  return sorted[Math.max(0, at)] ?? NaN;
}

/** Real seed rows replicated to `count` open requests with new ids. */
export async function syntheticRequests(
  count: number,
): Promise<StoredRequest[]> {
  const real: StoredRequest[] = [];
  for await (const rows of readBostonCsv(SEED_CSV)) {
    for (const row of rows) if (row.ok) real.push(row.request);
  }

  const next = seededRandom(311);
  const hour = 3_600_000;

  return Array.from({ length: count }, (_, i) => {
    const base = real[i % real.length] as StoredRequest;
    const jitter = Math.round((next() - 0.5) * 12 * hour);
    const hasLocation = base.lat !== null && base.long !== null;

    return {
      ...base,
      serviceRequestId: String(300_000_000_000 + i),
      status: 'open',
      requestedAt: base.requestedAt + jitter,
      slaDueAt: base.slaDueAt === null ? null : base.slaDueAt + jitter,
      updatedAt: null,
      closedAt: null,
      closureReason: null,
      lat: hasLocation ? (base.lat ?? 0) + (next() - 0.5) * 0.004 : null,
      long: hasLocation ? (base.long ?? 0) + (next() - 0.5) * 0.004 : null,
    };
  });
}
