// Browser-mode benchmarks: the built renderer in Chromium against a console
// holding 100,000 open requests.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

import { chromium, type Browser } from 'playwright-core';

import { startBrowserServer } from '../src/main/browser-mode/browser-server';
import { createToken } from '../src/main/browser-mode/token-auth';
import { createLogger } from '../src/main/log/logger';
import { createConsoleServices } from '../src/main/services/console-services';
import { openStore } from '../src/main/store/store';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../tests/e2e/chromium';
import type { Emit } from './run';
import { percentile, syntheticRequests } from './synthetic-requests';

const root = resolve(__dirname, '..');
const OPEN_REQUESTS = 100_000;
const RUNS = 7;
const SCROLL_FRAMES = 240;

export async function runUiBench(emit: Emit): Promise<void> {
  ensureBuilt();

  const dataDir = mkdtempSync(join(tmpdir(), 'streetdesk-bench-ui-'));
  const store = openStore(join(dataDir, 'streetdesk.db'));
  store.upsertRequests(await syntheticRequests(OPEN_REQUESTS));
  store.close();

  const logger = createLogger({ level: 'error' });
  const services = await createConsoleServices({
    dataDir,
    resourcesDir: join(root, 'resources'),
    mode: 'browser',
    logger,
    version: 'bench',
    seedDemo: false,
  });
  const server = await startBrowserServer({
    handlers: services.handlers,
    events: services.events,
    rendererDir: join(root, 'out', 'renderer'),
    basemapDir: join(root, 'resources', 'basemap'),
    token: createToken(),
    port: 0,
    logger,
  });
  const browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: CHROMIUM_ARGS,
  });

  try {
    const firstRows: number[] = [];
    for (let run = 0; run < RUNS; run++) {
      // A new context each run: a cold page, as at the start of a shift.
      const context = await browser.newContext({
        viewport: { width: 1440, height: 900 },
      });
      const page = await context.newPage();
      await page.addInitScript({ content: recordFirstRowPaint });
      await page.goto(server.url);
      await page.waitForFunction(
        () => 'streetdeskFirstRowMs' in window,
        undefined,
        {
          timeout: 30_000,
        },
      );
      firstRows.push(
        await page.evaluate(
          () =>
            (window as unknown as { streetdeskFirstRowMs: number })
              .streetdeskFirstRowMs,
        ),
      );
      await context.close();
    }

    firstRows.sort((a, b) => a - b);
    const frames = await scrollFrameTimes(browser, server.url);

    emit({
      metric: 'ui.first_queue_ms',
      value: round(firstRows[Math.floor(RUNS / 2)] ?? NaN),
      unit: 'ms',
      stat: 'median',
      max: round(firstRows.at(-1) ?? NaN),
      runs: RUNS,
      open_requests: OPEN_REQUESTS,
      goal: '<= 1500',
    });
    emit({
      metric: 'ui.queue_scroll_frame.p95_ms',
      value: round(percentile(frames, 0.95)),
      unit: 'ms',
      p50: round(percentile(frames, 0.5)),
      frames: frames.length,
      open_requests: OPEN_REQUESTS,
      goal: 'report (60 fps is 16.7)',
    });
  } finally {
    await browser.close();
    await server.close();
    services.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/**
 * Runs in the page before its scripts: notes the time from navigation start
 * to the frame that first paints a queue row. A string, not a function:
 * tsx would wrap a function's inner names in helpers the page lacks.
 */
const recordFirstRowPaint = `
  const seen = () => document.querySelector('[data-testid="queue-row"]') !== null;
  const done = () => requestAnimationFrame(() => {
    window.streetdeskFirstRowMs = performance.now();
  });
  const observer = new MutationObserver(() => {
    if (!seen()) return;
    observer.disconnect();
    done();
  });
  document.addEventListener('DOMContentLoaded', () => {
    if (seen()) done();
    else observer.observe(document.body, { childList: true, subtree: true });
  });
`;

/**
 * Scrolls the queue through the 100,000 rows a screenful per frame, map on
 * screen, and returns each frame's duration, sorted.
 */
async function scrollFrameTimes(
  browser: Browser,
  url: string,
): Promise<number[]> {
  const page = await browser.newPage({
    viewport: { width: 1440, height: 900 },
  });
  await page.goto(url);
  await page
    .locator('[data-testid="map"][data-ready="true"]')
    .waitFor({ timeout: 60_000 });

  const frames = await page.evaluate(`new Promise((resolve) => {
    const list = document.querySelector('[data-testid="queue"]');
    const step = list.scrollHeight / ${SCROLL_FRAMES};
    const times = [];
    let last = performance.now();
    const frame = (now) => {
      times.push(now - last);
      last = now;
      list.scrollTop += step;
      if (times.length < ${SCROLL_FRAMES}) requestAnimationFrame(frame);
      else resolve(times.slice(1));
    };
    requestAnimationFrame(frame);
  })`);
  await page.close();

  return (frames as number[]).sort((a, b) => a - b);
}

function ensureBuilt(): void {
  if (existsSync(join(root, 'out', 'renderer', 'index.html'))) return;

  const build = spawnSync('npx', ['electron-vite', 'build'], {
    cwd: root,
    stdio: 'inherit',
  });
  if (build.status !== 0)
    throw new Error('the build failed; run `npm run build` to see why');
}

const round = (value: number) => Math.round(value * 10) / 10;
