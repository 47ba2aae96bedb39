// Starts the crash worker as a child process and reads what it says. The
// worker is bundled once per test run with esbuild (tsx's own dependency),
// so each of the hundred-odd restarts costs ~0.15 s instead of ~0.7 s for
// tsx compiling it again; without esbuild it falls back to tsx.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

import type { WorkerConfig } from './crash-plan';

const ROOT = resolve(__dirname, '../../..');
const SOURCE = join(__dirname, 'crash-worker.ts');

export type WorkerLauncher = { command: string; args: string[] };

export async function prepareWorker(): Promise<WorkerLauncher> {
  try {
    const { build } = await import('esbuild');
    const outfile = join(mkdtempSync(join(tmpdir(), 'sd-worker-')), 'w.cjs');
    await build({
      entryPoints: [SOURCE],
      bundle: true,
      platform: 'node',
      format: 'cjs',
      target: 'node20',
      external: ['better-sqlite3'],
      outfile,
      logLevel: 'error',
    });
    return { command: process.execPath, args: [outfile] };
  } catch {
    const cli = join(ROOT, 'node_modules/tsx/dist/cli.mjs');
    return { command: process.execPath, args: [cli, SOURCE] };
  }
}

export type WorkerProcess = {
  child: ChildProcess;
  /** Complete stdout lines so far; a line cut by a kill is not one. */
  lines: string[];
  /** Complete stderr lines so far. */
  errors: string[];
  waitForLine(line: string, ms: number): Promise<void>;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
};

function splitLines(into: string[], onLine: () => void) {
  let rest = '';
  return (chunk: Buffer) => {
    const text = rest + chunk.toString('utf8');
    const parts = text.split('\n');
    rest = parts.pop() ?? '';
    into.push(...parts);
    if (parts.length > 0) onLine();
  };
}

export function startWorker(
  launcher: WorkerLauncher,
  config: WorkerConfig,
): WorkerProcess {
  const child = spawn(
    launcher.command,
    [...launcher.args, JSON.stringify(config)],
    {
      cwd: ROOT,
      env: { ...process.env, NODE_PATH: join(ROOT, 'node_modules') },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  const lines: string[] = [];
  const errors: string[] = [];
  const waiters = new Set<() => void>();
  const wake = () => {
    for (const waiter of [...waiters]) waiter();
  };
  child.stdout?.on('data', splitLines(lines, wake));
  child.stderr?.on(
    'data',
    splitLines(errors, () => undefined),
  );

  const exited = new Promise<{
    code: number | null;
    signal: NodeJS.Signals | null;
  }>((done) => {
    child.on('exit', (code, signal) => {
      wake();
      done({ code, signal });
    });
  });

  const waitForLine = (line: string, ms: number) =>
    new Promise<void>((done, fail) => {
      const check = () => {
        if (lines.includes(line)) {
          finish();
          done();
        } else if (child.exitCode !== null || child.signalCode !== null) {
          finish();
          fail(
            new Error(
              `the worker exited before saying "${line}":\n` +
                errors.slice(-20).join('\n'),
            ),
          );
        }
      };
      const timer = setTimeout(() => {
        finish();
        fail(
          new Error(
            `the worker did not say "${line}" in ${ms} ms; it said:\n` +
              [...lines.slice(-5), ...errors.slice(-20)].join('\n'),
          ),
        );
      }, ms);
      const finish = () => {
        clearTimeout(timer);
        waiters.delete(check);
      };
      waiters.add(check);
      check();
    });

  return { child, lines, errors, waitForLine, exited };
}
