// Runs Electronegativity on the sources, writes its findings as SARIF to
// .tmp/security/electronegativity.sarif, and fails on any high or medium
// finding that security/electronegativity-allowlist.json does not explain:
//   npm run audit:electron
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';

import {
  describeVerdict,
  judge,
  parseAllowlist,
  readFindings,
  toSarif,
  type ElectronegativityIssue,
} from './security/electronegativity-report';

const SCANNED = 'src';
const SARIF_PATH = '.tmp/security/electronegativity.sarif';
const ALLOWLIST_PATH = 'security/electronegativity-allowlist.json';

// Needs the network, and only reads a package.json, which src has none of;
// the Electron version's advisories are npm audit's job.
const EXCLUDED_CHECKS = ['availablesecurityfixesglobalcheck'];

type Runner = (options: Record<string, unknown>) => Promise<{
  errors: unknown[];
  issues: ElectronegativityIssue[];
}>;

const require = createRequire(import.meta.url);

async function main(): Promise<number> {
  const run = require('@doyensec/electronegativity') as Runner;
  const { version } = require('@doyensec/electronegativity/package.json') as {
    version: string;
  };
  // The scanner cannot find the Electron version in src; without it, it
  // judges defaults by Electron 0.1.
  const electron = require('electron/package.json') as { version: string };

  const result = await run({
    input: SCANNED,
    isRelative: true,
    electronVersionOverride: electron.version,
    customScan: [],
    excludeFromScan: EXCLUDED_CHECKS,
    parserPlugins: [],
  });
  if (result.errors.length > 0) {
    process.stderr.write(
      `Electronegativity could not parse ${result.errors.length} file(s); ` +
        'their findings are missing, so the audit fails.\n',
    );
    return 1;
  }

  const sarif = toSarif(result.issues, {
    version,
    pathPrefix: `${SCANNED}/`,
  });
  await mkdir(dirname(SARIF_PATH), { recursive: true });
  await writeFile(SARIF_PATH, `${JSON.stringify(sarif, null, 2)}\n`);

  // Counted from the SARIF just written, as CI would from an uploaded one.
  const findings = readFindings(
    JSON.parse(await readFile(SARIF_PATH, 'utf8')) as unknown,
  );
  const allowlist = parseAllowlist(
    JSON.parse(await readFile(ALLOWLIST_PATH, 'utf8')) as unknown,
  );
  const verdict = judge(findings, allowlist);

  const out = verdict.passed ? process.stdout : process.stderr;
  out.write(`${describeVerdict(verdict).join('\n')}\nSARIF: ${SARIF_PATH}\n`);
  return verdict.passed ? 0 : 1;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(
      `audit:electron failed: ${error instanceof Error ? error.message : String(error)}\n`,
    );
    process.exitCode = 1;
  },
);
