// Electronegativity's findings as SARIF, and the gate the build applies to
// them: every high or medium finding must be explained by an entry of the
// reviewed allowlist, and every allowlist entry must still explain one.
// Pure functions; scripts/audit-electron.ts does the running and the files.
import { z } from 'zod';

export const SEVERITIES = [
  'high',
  'medium',
  'low',
  'informational',
  'unknown',
] as const;

export type Severity = (typeof SEVERITIES)[number];

/** Severities that fail the build unless allowlisted. */
const BLOCKING: ReadonlySet<Severity> = new Set(['high', 'medium', 'unknown']);

/** Where a finding about the whole app (no one file) is said to be. */
export const WHOLE_APP = '(whole app)';

/** One issue as Electronegativity's runner returns it. */
export type ElectronegativityIssue = {
  id: string;
  file: string;
  location?: { line?: number; column?: number };
  description: string;
  severity: { name: string };
  confidence: { name: string };
  manualReview?: boolean;
  sample?: string;
};

export type Finding = {
  check: string;
  file: string;
  line: number;
  severity: Severity;
  confidence: string;
  message: string;
};

/** The SARIF this module writes: one run, one result per finding. */
export type SarifLog = {
  $schema: string;
  version: '2.1.0';
  runs: {
    tool: {
      driver: {
        name: string;
        version: string;
        informationUri: string;
        rules: { id: string; helpUri: string }[];
      };
    };
    results: {
      ruleId: string;
      level: 'error' | 'warning' | 'note';
      message: { text: string };
      locations: {
        physicalLocation: {
          artifactLocation: { uri: string };
          region: { startLine: number; startColumn: number };
        };
      }[];
      properties: {
        severity: Severity;
        confidence: string;
        manualReview: boolean;
      };
    }[];
  }[];
};

const SARIF_LEVELS: Record<Severity, 'error' | 'warning' | 'note'> = {
  high: 'error',
  medium: 'warning',
  low: 'note',
  informational: 'note',
  unknown: 'warning',
};

/**
 * SARIF 2.1.0 for the issues. Electronegativity's own SARIF writer drops the
 * severity, so it is written here, in each result's properties.
 * `pathPrefix` turns the runner's paths (relative to the scanned folder)
 * into paths relative to the repository.
 */
export function toSarif(
  issues: readonly ElectronegativityIssue[],
  tool: { version: string; pathPrefix: string },
): SarifLog {
  const rules = [...new Set(issues.map((issue) => issue.id))].map((id) => ({
    id,
    helpUri: `https://github.com/doyensec/electronegativity/wiki/${id}`,
  }));

  const results = issues.map(
    (issue): SarifLog['runs'][number]['results'][number] => {
      const severity = severityOf(issue.severity.name);
      const global = issue.file === 'N/A' || issue.file === '';
      return {
        ruleId: issue.id,
        level: SARIF_LEVELS[severity],
        message: { text: issue.description },
        locations: global
          ? []
          : [
              {
                physicalLocation: {
                  artifactLocation: { uri: tool.pathPrefix + issue.file },
                  region: {
                    startLine: Math.max(1, issue.location?.line ?? 1),
                    startColumn: (issue.location?.column ?? 0) + 1,
                  },
                },
              },
            ],
        properties: {
          severity,
          confidence: issue.confidence.name.toLowerCase(),
          manualReview: issue.manualReview === true,
        },
      };
    },
  );

  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'Electronegativity',
            version: tool.version,
            informationUri: 'https://github.com/doyensec/electronegativity',
            rules,
          },
        },
        results,
      },
    ],
  };
}

const sarifSchema = z.object({
  version: z.literal('2.1.0'),
  runs: z.array(
    z.object({
      results: z.array(
        z.object({
          ruleId: z.string(),
          message: z.object({ text: z.string() }).optional(),
          locations: z
            .array(
              z.object({
                physicalLocation: z
                  .object({
                    artifactLocation: z.object({ uri: z.string() }).optional(),
                    region: z
                      .object({ startLine: z.number().optional() })
                      .optional(),
                  })
                  .optional(),
              }),
            )
            .optional(),
          properties: z
            .object({
              severity: z.string().optional(),
              confidence: z.string().optional(),
            })
            .optional(),
        }),
      ),
    }),
  ),
});

/**
 * The findings in a SARIF log. A result without a severity property counts
 * as "unknown", which blocks: a finding is never let through because its
 * severity could not be read.
 */
export function readFindings(sarif: unknown): Finding[] {
  const parsed = sarifSchema.safeParse(sarif);
  if (!parsed.success) {
    throw new Error(
      `The Electronegativity report is not SARIF 2.1.0: ${parsed.error.issues[0]?.message ?? 'unreadable'}.`,
    );
  }

  return parsed.data.runs.flatMap((run) =>
    run.results.map((result) => {
      const location = result.locations?.[0]?.physicalLocation;
      const uri = location?.artifactLocation?.uri;
      return {
        check: result.ruleId,
        file:
          uri === undefined || uri === '' || uri === 'file:///'
            ? WHOLE_APP
            : uri,
        line: location?.region?.startLine ?? 1,
        severity: severityOf(result.properties?.severity ?? ''),
        confidence: result.properties?.confidence ?? 'unknown',
        message: result.message?.text ?? '',
      };
    }),
  );
}

export function countBySeverity(
  findings: readonly Finding[],
): Record<Severity, number> {
  const counts = Object.fromEntries(
    SEVERITIES.map((severity) => [severity, 0]),
  ) as Record<Severity, number>;
  for (const finding of findings) counts[finding.severity] += 1;
  return counts;
}

const allowlistSchema = z.object({
  entries: z.array(
    z
      .object({
        check: z
          .string()
          .regex(/^[A-Z0-9_]+$/, 'a check id, e.g. SANDBOX_JS_CHECK'),
        file: z.string().min(1),
        reason: z.string().min(40, 'say why it is safe, in a sentence or more'),
      })
      .strict(),
  ),
});

export type AllowlistEntry = z.infer<typeof allowlistSchema>['entries'][number];

export function parseAllowlist(json: unknown): AllowlistEntry[] {
  const parsed = allowlistSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(
      `The Electronegativity allowlist is malformed at ${issue?.path.join('.') ?? '?'}: ${issue?.message ?? 'unreadable'}.`,
    );
  }
  return parsed.data.entries;
}

export type Verdict = {
  counts: Record<Severity, number>;
  /** High, medium or unknown findings no entry explains: these fail. */
  unexplained: Finding[];
  /** Blocking findings an entry explains, with that entry's reason. */
  explained: { finding: Finding; reason: string }[];
  /** Entries that explain no finding any more: these fail too. */
  stale: AllowlistEntry[];
  passed: boolean;
};

/** An entry explains every finding of its check in its file. */
export function judge(
  findings: readonly Finding[],
  allowlist: readonly AllowlistEntry[],
): Verdict {
  const used = new Set<AllowlistEntry>();
  const unexplained: Finding[] = [];
  const explained: Verdict['explained'] = [];

  for (const finding of findings) {
    if (!BLOCKING.has(finding.severity)) continue;
    const entry = allowlist.find(
      (candidate) =>
        candidate.check === finding.check && candidate.file === finding.file,
    );
    if (entry === undefined) {
      unexplained.push(finding);
    } else {
      used.add(entry);
      explained.push({ finding, reason: entry.reason });
    }
  }

  const stale = allowlist.filter((entry) => !used.has(entry));
  return {
    counts: countBySeverity(findings),
    unexplained,
    explained,
    stale,
    passed: unexplained.length === 0 && stale.length === 0,
  };
}

/** The lines the script prints. */
export function describeVerdict(verdict: Verdict): string[] {
  const { counts } = verdict;
  const lines = [
    `Electronegativity: ${counts.high} high, ${counts.medium} medium, ` +
      `${counts.low} low, ${counts.informational} informational` +
      (counts.unknown > 0 ? `, ${counts.unknown} of unknown severity` : '') +
      `; ${verdict.explained.length} explained by the allowlist.`,
  ];

  for (const finding of verdict.unexplained) {
    lines.push(
      `  not allowed: ${finding.check} (${finding.severity}) at ` +
        `${finding.file}:${finding.line}: ${finding.message}`,
    );
  }
  for (const entry of verdict.stale) {
    lines.push(
      `  stale allowlist entry: ${entry.check} in ${entry.file} matches no ` +
        'finding any more; remove it',
    );
  }
  if (!verdict.passed) {
    lines.push(
      'Fix the source, or if the finding is a false positive, add an entry ' +
        'with the reason to security/electronegativity-allowlist.json.',
    );
  }
  return lines;
}

function severityOf(name: string): Severity {
  const lower = name.toLowerCase();
  return (SEVERITIES as readonly string[]).includes(lower) &&
    lower !== 'unknown'
    ? (lower as Severity)
    : 'unknown';
}
