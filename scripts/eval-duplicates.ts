// `npm run eval:duplicates -- FILE.csv[.gz]`: replays a Boston 311 export
// in the order cases were opened and measures how often the original a
// duplicate's closure reason names is among our top 5 candidates, against
// FixMyStreet's rule. Prints one JSON object a line; skipped rows and
// errors go to stderr.
import { basename } from 'node:path';

import { readBostonEvalCases } from '../src/main/duplicates/boston-eval-cases';
import { evaluateDuplicates } from '../src/main/duplicates/duplicate-eval';
import { evalMetrics } from '../src/main/duplicates/eval-metrics';

async function main(): Promise<void> {
  const path = process.argv[2];
  if (path === undefined) {
    process.stderr.write(
      'Name the Boston 311 CSV export to evaluate, e.g. ' +
        'npm run eval:duplicates -- resources/seed/boston311-2015-jan-sep.csv.gz\n',
    );
    process.exitCode = 2;
    return;
  }

  const { cases, skipped, skippedCount } = await readBostonEvalCases(path);
  for (const { line, reason } of skipped) {
    process.stderr.write(`${path} line ${line} skipped: ${reason}\n`);
  }
  if (skippedCount > skipped.length) {
    process.stderr.write(
      `... and ${skippedCount - skipped.length} more rows skipped.\n`,
    );
  }
  if (skippedCount > 0) {
    process.stderr.write(
      `${skippedCount} rows skipped, ${cases.length} cases evaluated.\n`,
    );
  }

  const report = evaluateDuplicates(cases);
  for (const metric of evalMetrics(report, basename(path))) {
    process.stdout.write(
      `${JSON.stringify({ ...metric, skippedRows: skippedCount })}\n`,
    );
  }
}

main().catch((error: unknown) => {
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`Could not evaluate duplicates: ${message}\n`);
  process.exitCode = 1;
});
