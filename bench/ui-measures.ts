// What the ui bench measures in the page: filter changes, assignment
// clicks, map panning and the idle page's cost. Page code is written as
// strings: tsx would wrap a function's inner names in helpers the page
// lacks.
import type { Page } from 'playwright-core';

const SLA_CHIPS = ['breached', 'no_sla'];

export async function mapReady(page: Page): Promise<void> {
  await page
    .locator('[data-testid="map"][data-ready="true"]')
    .waitFor({ timeout: 60_000 });
}

export type FilterTimes = {
  /** Until the queue's count and rows and the map's sources are new. */
  applied: number[];
  /** Until the map has also drawn a frame of its new layer. */
  drawn: number[];
};

/**
 * Toggles SLA and type filters on and off; each change is timed from the
 * click until the queue shows the new count and rows and the map's
 * sources hold the new layer, and until the map has drawn it.
 */
export async function filterTimes(
  page: Page,
  changes = 24,
): Promise<FilterTimes> {
  const times: FilterTimes = { applied: [], drawn: [] };
  for (let i = 0; i < changes; i += 1) {
    const chip = SLA_CHIPS[Math.floor(i / 2) % SLA_CHIPS.length]!;
    const ms = await page.evaluate(`new Promise((resolve) => {
      const count = () => document.querySelector('.open-count strong').textContent;
      const row = () => document.querySelector('[data-testid="queue-row"]')?.getAttribute('data-request-id') ?? '';
      const map = document.querySelector('[data-testid="map"]');
      const before = {
        count: count(),
        applied: map.dataset.appliedLayers,
        drawn: map.dataset.drawnLayers,
      };
      const t0 = performance.now();
      let applied = -1;
      document.querySelector('[data-testid="filter-sla-${chip}"]').click();
      const check = () => {
        const t = performance.now() - t0;
        const queueDone = count() !== before.count && row() !== '';
        if (applied < 0 && queueDone && map.dataset.appliedLayers !== before.applied) applied = t;
        if (applied >= 0 && map.dataset.drawnLayers !== before.drawn) resolve([applied, t]);
        else if (t > 20000) resolve([-1, -1]);
        else requestAnimationFrame(check);
      };
      requestAnimationFrame(check);
    })`);
    const [applied, drawn] = ms as [number, number];
    if (applied >= 0) times.applied.push(applied);
    if (drawn >= 0) times.drawn.push(drawn);
    // Let the refetches of the last change settle before the next.
    await page.waitForTimeout(150);
  }
  times.applied.sort((a, b) => a - b);
  times.drawn.sort((a, b) => a - b);
  return times;
}

export type AssignTimes = {
  /**
   * Until the row holds the crew, marked pending, with style and layout
   * done: the work that must fit in one frame.
   */
  laidOut: number[];
  /**
   * Until the next animation frame after that, when it is painted: adds
   * the wait for the display's next frame, up to 16.7 ms at 60 Hz.
   */
  framed: number[];
};

/**
 * Selects a row, picks a crew, and times the Assign click until the row
 * shows the assignment (marked pending): laid out, then painted.
 */
export async function assignTimes(
  page: Page,
  clicks = 25,
): Promise<AssignTimes> {
  const times: AssignTimes = { laidOut: [], framed: [] };
  for (let i = 0; i < clicks; i += 1) {
    const row = page.locator(
      `[data-testid="queue-row"][aria-posinset="${i + 1}"]`,
    );
    const id = await row.getAttribute('data-request-id');
    await row.click();
    await page
      .locator(`[data-testid="selected-request"][data-request-id="${id}"]`)
      .locator('.assign-other select')
      .waitFor();
    const select = page.locator('.assign-other select');
    const crew = await select.locator('option').nth(1).getAttribute('value');
    await select.selectOption(crew);

    const ms = await page.evaluate(`new Promise((resolve) => {
      const row = document.querySelector('[data-testid="queue-row"][data-request-id="${id}"]');
      const button = document.querySelector('.assign-other button[type="submit"]');
      const t0 = performance.now();
      const observer = new MutationObserver(() => {
        if (row.getAttribute('data-pending') !== 'true') return;
        observer.disconnect();
        // Reading the row's box makes the browser do style and layout now.
        row.getBoundingClientRect();
        const laidOut = performance.now() - t0;
        requestAnimationFrame(() => resolve([laidOut, performance.now() - t0]));
      });
      observer.observe(row, { attributes: true });
      button.click();
      setTimeout(() => { observer.disconnect(); resolve(null); }, 5000);
    })`);
    if (Array.isArray(ms)) {
      const [laidOut, framed] = ms as [number, number];
      times.laidOut.push(laidOut);
      times.framed.push(framed);
    }
  }
  times.laidOut.sort((a, b) => a - b);
  times.framed.sort((a, b) => a - b);
  return times;
}

/** Frame times while the map pans across the city, zoomed out and in. */
export async function mapPanFrames(page: Page): Promise<number[]> {
  const frames: number[] = [];
  for (const zoom of [11.5, 14.5]) {
    const times = await page.evaluate(`new Promise((resolve) => {
      const map = window.__streetdeskMap;
      map.jumpTo({ center: [-71.09, 42.33], zoom: ${zoom} });
      map.once('idle', () => {
        const times = [];
        let last = performance.now();
        let running = true;
        const frame = (now) => {
          times.push(now - last);
          last = now;
          if (running) requestAnimationFrame(frame);
        };
        requestAnimationFrame(frame);
        map.easeTo({ center: [-71.03, 42.36], duration: 3000 });
        map.once('moveend', () => {
          running = false;
          resolve(times.slice(1));
        });
      });
    })`);
    frames.push(...(times as number[]));
  }
  return frames.sort((a, b) => a - b);
}

/**
 * The renderer's cost when nobody touches it: task time over wall time
 * across a window with clock ticks and a map refresh, then the JS heap.
 */
export async function idleCost(
  page: Page,
  windowMs = 65_000,
): Promise<{ cpuPct: number; heapMb: number }> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');
  const metric = async (name: string) => {
    const { metrics } = await cdp.send('Performance.getMetrics');
    return metrics.find((m) => m.name === name)?.value ?? NaN;
  };

  await page.waitForTimeout(2_000);
  const task0 = await metric('TaskDuration');
  const wall0 = Date.now();
  await page.waitForTimeout(windowMs);
  const task1 = await metric('TaskDuration');
  const wall1 = Date.now();

  await cdp.send('HeapProfiler.collectGarbage');
  const heap = await metric('JSHeapUsedSize');
  await cdp.detach();

  return {
    cpuPct: ((task1 - task0) * 1000 * 100) / (wall1 - wall0),
    heapMb: heap / 1024 / 1024,
  };
}
