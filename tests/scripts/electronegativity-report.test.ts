import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import {
  countBySeverity,
  describeVerdict,
  judge,
  parseAllowlist,
  readFindings,
  toSarif,
  WHOLE_APP,
  type AllowlistEntry,
} from '../../scripts/security/electronegativity-report';

const fixture = (name: string): unknown =>
  JSON.parse(
    readFileSync(
      join(__dirname, '../fixtures/electronegativity', name),
      'utf8',
    ),
  );

const reason = 'A reviewed false positive, with the reason written out here.';

const entry = (check: string, file: string): AllowlistEntry => ({
  check,
  file,
  reason,
});

describe('reading findings from SARIF', () => {
  it('counts findings by the severity in their properties', () => {
    const findings = readFindings(fixture('three-findings.sarif'));

    expect(countBySeverity(findings)).toEqual({
      high: 1,
      medium: 1,
      low: 1,
      informational: 0,
      unknown: 0,
    });
    expect(findings[0]).toEqual({
      check: 'CONTEXT_ISOLATION_JS_CHECK',
      file: 'src/main/electron/window.ts',
      line: 21,
      severity: 'high',
      confidence: 'firm',
      message: 'Review the use of the contextIsolation option',
    });
  });

  it('places a finding without a location on the whole app', () => {
    const findings = readFindings(fixture('three-findings.sarif'));
    expect(findings[1]).toMatchObject({
      check: 'CSP_GLOBAL_CHECK',
      file: WHOLE_APP,
    });
  });

  it("counts a result without a severity (the tool's own SARIF) as unknown, which blocks", () => {
    const findings = readFindings(fixture('tool-written.sarif'));

    expect(countBySeverity(findings).unknown).toBe(2);
    expect(findings[1]?.file).toBe(WHOLE_APP);
    expect(judge(findings, []).unexplained).toHaveLength(2);
  });

  it('refuses a file that is not SARIF 2.1.0', () => {
    expect(() => readFindings({ version: '1.0', runs: [] })).toThrow(
      /not SARIF 2.1.0/,
    );
    expect(() => readFindings([])).toThrow(/not SARIF 2.1.0/);
  });
});

describe('writing SARIF from the runner', () => {
  it('keeps severity and confidence, and reads back the same findings', () => {
    const sarif = toSarif(
      [
        {
          id: 'SANDBOX_JS_CHECK',
          file: 'main/electron/window.ts',
          location: { line: 21, column: 17 },
          description: 'Use sandbox for untrusted origins',
          severity: { name: 'MEDIUM' },
          confidence: { name: 'FIRM' },
          manualReview: false,
        },
        {
          id: 'LIMIT_NAVIGATION_GLOBAL_CHECK',
          file: 'N/A',
          location: { line: 0, column: 0 },
          description: 'Missing navigation limits',
          severity: { name: 'HIGH' },
          confidence: { name: 'CERTAIN' },
        },
      ],
      { version: '1.10.3', pathPrefix: 'src/' },
    );

    expect(sarif.runs[0]?.results.map((result) => result.level)).toEqual([
      'warning',
      'error',
    ]);
    expect(readFindings(JSON.parse(JSON.stringify(sarif)))).toEqual([
      {
        check: 'SANDBOX_JS_CHECK',
        file: 'src/main/electron/window.ts',
        line: 21,
        severity: 'medium',
        confidence: 'firm',
        message: 'Use sandbox for untrusted origins',
      },
      {
        check: 'LIMIT_NAVIGATION_GLOBAL_CHECK',
        file: WHOLE_APP,
        line: 1,
        severity: 'high',
        confidence: 'certain',
        message: 'Missing navigation limits',
      },
    ]);
  });
});

describe('the allowlist gate', () => {
  const findings = () => readFindings(fixture('three-findings.sarif'));

  it('fails on a high and a medium finding nobody explained, not on a low one', () => {
    const verdict = judge(findings(), []);

    expect(verdict.passed).toBe(false);
    expect(verdict.unexplained.map((finding) => finding.check)).toEqual([
      'CONTEXT_ISOLATION_JS_CHECK',
      'CSP_GLOBAL_CHECK',
    ]);
    expect(describeVerdict(verdict)).toEqual([
      'Electronegativity: 1 high, 1 medium, 1 low, 0 informational; 0 explained by the allowlist.',
      '  not allowed: CONTEXT_ISOLATION_JS_CHECK (high) at src/main/electron/window.ts:21: Review the use of the contextIsolation option',
      '  not allowed: CSP_GLOBAL_CHECK (medium) at (whole app):1: No CSP has been detected in the target application',
      expect.stringMatching(
        /^Fix the source, or if the finding is a false positive/,
      ),
    ]);
  });

  it('passes when every blocking finding is explained by check and file', () => {
    const verdict = judge(findings(), [
      entry('CONTEXT_ISOLATION_JS_CHECK', 'src/main/electron/window.ts'),
      entry('CSP_GLOBAL_CHECK', WHOLE_APP),
    ]);

    expect(verdict.passed).toBe(true);
    expect(verdict.explained.map(({ reason }) => reason)).toEqual([
      reason,
      reason,
    ]);
  });

  it('does not let an entry for one file explain the same check in another', () => {
    const verdict = judge(findings(), [
      entry('CONTEXT_ISOLATION_JS_CHECK', 'src/main/electron/other-window.ts'),
      entry('CSP_GLOBAL_CHECK', WHOLE_APP),
    ]);

    expect(verdict.passed).toBe(false);
    expect(verdict.unexplained.map((finding) => finding.file)).toEqual([
      'src/main/electron/window.ts',
    ]);
  });

  it('fails on a stale entry that matches no finding any more', () => {
    const verdict = judge(findings(), [
      entry('CONTEXT_ISOLATION_JS_CHECK', 'src/main/electron/window.ts'),
      entry('CSP_GLOBAL_CHECK', WHOLE_APP),
      entry('SANDBOX_JS_CHECK', 'src/main/electron/window.ts'),
    ]);

    expect(verdict.passed).toBe(false);
    expect(verdict.unexplained).toEqual([]);
    expect(verdict.stale).toEqual([
      entry('SANDBOX_JS_CHECK', 'src/main/electron/window.ts'),
    ]);
    expect(describeVerdict(verdict)[1]).toBe(
      '  stale allowlist entry: SANDBOX_JS_CHECK in src/main/electron/window.ts matches no finding any more; remove it',
    );
  });

  it('counts an entry for a low finding as stale: only blocking findings need one', () => {
    const verdict = judge(findings(), [
      entry('CONTEXT_ISOLATION_JS_CHECK', 'src/main/electron/window.ts'),
      entry('CSP_GLOBAL_CHECK', WHOLE_APP),
      entry('DANGEROUS_FUNCTIONS_JS_CHECK', 'src/main/electron/menu.ts'),
    ]);
    expect(verdict.stale.map((stale) => stale.check)).toEqual([
      'DANGEROUS_FUNCTIONS_JS_CHECK',
    ]);
  });
});

describe('the allowlist file', () => {
  it('requires a check id, a file and a written reason for each entry', () => {
    expect(() =>
      parseAllowlist({ entries: [{ check: 'CSP_GLOBAL_CHECK', file: 'x' }] }),
    ).toThrow(/entries\.0\.reason/);
    expect(() =>
      parseAllowlist({
        entries: [{ check: 'CSP_GLOBAL_CHECK', file: 'x', reason: 'fine' }],
      }),
    ).toThrow(/say why it is safe/);
    expect(() =>
      parseAllowlist({
        entries: [{ ...entry('CSP_GLOBAL_CHECK', 'x'), line: 3 }],
      }),
    ).toThrow(/malformed/);
  });

  it('is well formed, and every entry explains a check the scanner has', () => {
    const entries = parseAllowlist(
      JSON.parse(
        readFileSync(
          join(__dirname, '../../security/electronegativity-allowlist.json'),
          'utf8',
        ),
      ),
    );
    expect(entries.length).toBeGreaterThan(0);
    for (const listed of entries) {
      expect(listed.file === WHOLE_APP || listed.file.startsWith('src/')).toBe(
        true,
      );
    }
  });
});
