// `npm run bench [-- NAME...]`: runs the named benchmark groups (all when
// none is named) and prints one JSON object a line on stdout.
import { runDuplicatesBench } from './duplicates.bench';
import { runServerBench } from './server.bench';
import { runStoreBench } from './store.bench';
import { runSyncBench } from './sync.bench';
import { runUiBench } from './ui.bench';

export type Metric = {
  metric: string;
  value: number;
  unit: string;
  [key: string]: unknown;
};
export type Emit = (metric: Metric) => void;

const groups: Record<string, (emit: Emit) => Promise<void>> = {
  store: runStoreBench,
  ui: runUiBench,
  // The sync figures include the central API's own (intents from 20
  // consoles at once among them), as issue 3's table lists them.
  sync: async (emit) => {
    await runSyncBench(emit);
    await runServerBench(emit);
  },
  server: runServerBench,
  duplicates: runDuplicatesBench,
};
/** What `npm run bench` runs: every group once (sync holds server). */
const ALL = ['store', 'ui', 'sync', 'duplicates'];

async function main(): Promise<void> {
  const names = process.argv.slice(2);
  const unknown = names.filter((name) => !(name in groups));
  if (unknown.length > 0) {
    const known = Object.keys(groups).join(', ');
    process.stderr.write(
      `No benchmark group called ${unknown.join(', ')}; choose from: ${known}.\n`,
    );
    process.exitCode = 2;
    return;
  }

  const emit: Emit = (metric) =>
    process.stdout.write(`${JSON.stringify(metric)}\n`);
  for (const name of names.length > 0 ? names : ALL) {
    await groups[name]?.(emit);
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`benchmark failed: ${String(error)}\n`);
  process.exitCode = 1;
});
