// Derives the server's default SLA policy from a Boston 311 CSV export:
//   npx tsx scripts/derive-sla-policy.ts [CSV(.gz)] [OUT.json]
// Defaults: the bundled 2015 seed, written to resources/sla/sla-policy.json.
import { writeFile } from 'node:fs/promises';
import { basename } from 'node:path';

import { derivePolicyFromBostonCsv } from '../src/server/sla/derive-from-boston-csv';
import { formatSlaPolicy } from '../src/server/sla/sla-policy-file';

const csvPath =
  process.argv[2] ?? 'resources/seed/boston311-2015-jan-sep.csv.gz';
const outPath = process.argv[3] ?? 'resources/sla/sla-policy.json';

async function main(): Promise<void> {
  const about =
    `Derived by scripts/derive-sla-policy.ts from ${basename(csvPath)}: ` +
    'per type, the window that reproduces the most target_dt values ' +
    "within an hour. fit.reproduced is that share of all the type's cases.";
  const { policy, badRows } = await derivePolicyFromBostonCsv(csvPath, about);
  await writeFile(outPath, formatSlaPolicy(policy));

  const entries = Object.values(policy.services);
  const withSla = entries.filter((entry) => entry.rule.kind !== 'none');
  let cases = 0;
  let reproduced = 0;
  for (const entry of entries) {
    cases += entry.fit?.cases ?? 0;
    reproduced += (entry.fit?.reproduced ?? 0) * (entry.fit?.cases ?? 0);
  }
  process.stdout.write(
    `${outPath}: ${entries.length} service types, ${withSla.length} with ` +
      `an SLA; ${Math.round(reproduced)} of ${cases} cases ` +
      `(${((reproduced / cases) * 100).toFixed(1)}%) reproduced within an ` +
      `hour; ${badRows} unreadable rows skipped.\n`,
  );
}

main().catch((error: unknown) => {
  process.stderr.write(
    `Could not derive the SLA policy: ${error instanceof Error ? error.message : String(error)}\n`,
  );
  process.exitCode = 1;
});
