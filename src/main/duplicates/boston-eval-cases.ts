// The cases of a Boston 311 CSV export as the duplicate evaluation needs
// them, with the rows it had to skip and why.
import { readBostonCsv } from '../import/boston-csv-rows';
import type { EvalCase } from './duplicate-eval';
import { dupCaseFromRequest } from './request-case';

export type SkippedRow = { line: number; reason: string };

export type BostonEvalCases = {
  cases: EvalCase[];
  /** The first skipped rows, with reasons; `skippedCount` has them all. */
  skipped: SkippedRow[];
  skippedCount: number;
};

const SKIPPED_KEPT = 20;

/**
 * Reads a Boston export (plain or gzip). Throws, saying what is wrong,
 * when the file is not a Boston export at all.
 */
export async function readBostonEvalCases(
  path: string,
): Promise<BostonEvalCases> {
  const cases: EvalCase[] = [];
  const skipped: SkippedRow[] = [];
  let skippedCount = 0;
  const seen = new Set<string>();

  const skip = (line: number, reason: string) => {
    skippedCount++;
    if (skipped.length < SKIPPED_KEPT) skipped.push({ line, reason });
  };

  for await (const rows of readBostonCsv(path)) {
    for (const row of rows) {
      if (!row.ok) {
        skip(row.line, row.reason);
        continue;
      }

      const { request } = row;
      if (seen.has(request.serviceRequestId)) {
        skip(
          row.line,
          `case_enquiry_id ${request.serviceRequestId} appears again; ` +
            'the first row is kept',
        );
        continue;
      }

      seen.add(request.serviceRequestId);
      cases.push({
        dupCase: dupCaseFromRequest(request),
        closureReason: request.closureReason,
      });
    }
  }

  return { cases, skipped, skippedCount };
}
