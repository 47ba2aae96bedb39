// The rest of the dispatch floor end to end: picking on the map with a
// lasso for a bulk assignment, the SLA view, countdowns under a controlled
// clock, watching a request, and an accessibility check of each screen.
import type { Map as MapLibreMap } from 'maplibre-gl';
import type { Page } from '@playwright/test';

import { atRiskFrom } from '../../src/main/queue/open-requests';
import { seriousViolations } from './axe-scan';
import { expect, test } from './console-fixture';
import { findRows, inDistrict, showRow } from './dispatch-helpers';

type MapWindow = Window & { __streetdeskMap: MapLibreMap };

async function mapIdle(page: Page): Promise<void> {
  await expect(page.getByTestId('map')).toHaveAttribute('data-ready', 'true');
  await page.evaluate(
    () =>
      new Promise<void>((resolve) => {
        const map = (window as unknown as MapWindow).__streetdeskMap;
        map.once('idle', () => resolve());
        map.triggerRepaint();
      }),
  );
}

test('a lasso on the map ticks the requests inside it for one bulk assignment', async ({
  consolePage: page,
  runningConsole,
}, testInfo) => {
  const { handlers } = runningConsole.services;
  const [target] = await findRows(handlers, inDistrict);
  const request = (await handlers.getRequest(target!.serviceRequestId))!;
  await mapIdle(page);
  await page.evaluate(
    (center) =>
      new Promise<void>((done) => {
        const map = (window as unknown as MapWindow).__streetdeskMap;
        map.once('idle', () => done());
        map.jumpTo({ center, zoom: 15 });
      }),
    [request.long!, request.lat!] as [number, number],
  );
  await mapIdle(page);

  // A pentagon around the middle of the map, drawn with the lasso.
  const box = (await page.getByTestId('map').boundingBox())!;
  const cx = box.x + box.width / 2;
  const cy = box.y + box.height / 2;
  const r = Math.min(box.width, box.height) / 3;
  const corners = Array.from({ length: 5 }, (_, i) => {
    const angle = (i / 5) * 2 * Math.PI;
    return [cx + r * Math.cos(angle), cy + r * Math.sin(angle)] as const;
  });
  await page.getByTestId('lasso-toggle').click();
  await expect(page.getByTestId('lasso-toggle')).toHaveAttribute(
    'aria-pressed',
    'true',
  );
  await page.mouse.move(...corners[0]!);
  await page.mouse.down();
  for (const corner of [...corners.slice(1), corners[0]!]) {
    await page.mouse.move(...corner, { steps: 8 });
  }
  await page.mouse.up();

  // What the services find inside the same pentagon drawn a little
  // smaller and a little larger: the mouse lands on whole pixels, so a
  // request right on the line may fall either way.
  const pickWithin = async (scale: number) => {
    const ring = await page.evaluate(
      ({ points, left, top }) => {
        const map = (window as unknown as MapWindow).__streetdeskMap;
        return points.map(([x, y]) => {
          const { lng, lat } = map.unproject([x! - left, y! - top]);
          return [lng, lat] as [number, number];
        });
      },
      {
        points: corners.map(([x, y]) => [
          cx + (x - cx) * scale,
          cy + (y - cy) * scale,
        ]),
        left: box.x,
        top: box.y,
      },
    );
    return (await handlers.pickInArea({ filter: {}, area: { ring } })).ids;
  };
  const inner = await pickWithin(0.96);
  const outer = await pickWithin(1.04);
  expect(inner.length).toBeGreaterThan(1);

  await expect(page.getByTestId('lasso-toggle')).toHaveAttribute(
    'aria-pressed',
    'false',
  );
  const ticked = Number(
    (await page.getByTestId('marked-count').textContent())?.match(/\d+/)?.[0],
  );
  expect(ticked).toBeGreaterThanOrEqual(inner.length);
  expect(ticked).toBeLessThanOrEqual(outer.length);
  await page.screenshot({ path: testInfo.outputPath('lasso-picked.png') });

  const bar = page.getByTestId('bulk-bar');
  const crewId = (await bar
    .locator('select option')
    .nth(1)
    .getAttribute('value'))!;
  await bar.locator('select').selectOption(crewId);
  await bar.getByRole('button', { name: 'Assign all' }).click();
  await expect(bar).toBeHidden();

  const heldByCrew = async () => {
    const held: string[] = [];
    for (const id of outer) {
      const request = await runningConsole.central.store.getRequest(id);
      if (request?.assignedCrewId === crewId) held.push(id);
    }
    return held;
  };
  await expect.poll(async () => (await heldByCrew()).length).toBe(ticked);
  expect(await heldByCrew()).toEqual(expect.arrayContaining(inner));
});

test('the SLA view shows on-time rates, a week chart and the open breaches', async ({
  consolePage: page,
}, testInfo) => {
  await page.keyboard.press('l');
  const view = page.getByTestId('sla-view');
  await expect(view).toBeVisible();

  await expect(page.getByTestId('sla-today')).toContainText(/%|–/);
  await expect(page.getByTestId('sla-week')).toContainText('of ');
  await expect(page.getByTestId('sla-chart').locator('g')).toHaveCount(7);
  const breaches = page.getByTestId('sla-breaches').locator('button');
  await expect(breaches.first()).toContainText('late');
  await page.screenshot({ path: testInfo.outputPath('sla-view.png') });

  // A breach opens its request.
  await breaches.first().click();
  await expect(page.getByTestId('selected-request')).toHaveAttribute(
    'data-request-id',
    /.+/,
  );
});

test('a countdown falls and the row turns at risk as the clock moves', async ({
  page,
  runningConsole,
  pageErrors,
}) => {
  void pageErrors;
  const { handlers } = runningConsole.services;
  const now = (await handlers.getServerTime(undefined)).now;
  // The on-track request nearest its at-risk time.
  const [row] = (
    await handlers.listQueue({
      filter: { slaStates: ['on_track'], now },
      sort: 'due',
      offset: 0,
      limit: 1,
    })
  ).rows;
  const turnsAt = atRiskFrom(row!.requestedAt, row!.slaDueAt);

  await page.clock.install({ time: now });
  await page.goto(runningConsole.server.url);
  const shown = await showRow(page, handlers, row!.serviceRequestId);
  await expect(shown).toHaveAttribute('data-sla', 'on_track');
  const before = await shown.locator('.due-countdown').textContent();

  // The console's one clock ticks every 30 s: jump, then let it tick.
  await page.clock.setSystemTime(turnsAt + 60_000);
  await page.clock.runFor(31_000);
  await expect(shown).toHaveAttribute('data-sla', 'at_risk');
  const after = await shown.locator('.due-countdown').textContent();
  expect(after).not.toBe(before);
  expect(after).toMatch(/^in /);
});

test('a request can be watched, and the watch is kept', async ({
  consolePage: page,
  runningConsole,
}) => {
  const row = page.getByTestId('queue-row').first();
  const id = (await row.getAttribute('data-request-id'))!;
  await row.click();

  const toggle = page.getByTestId('watch-toggle');
  await expect(toggle).toHaveAttribute('aria-pressed', 'false');
  await toggle.click();
  await expect(toggle).toHaveAttribute('aria-pressed', 'true');
  expect(await runningConsole.services.handlers.listWatched(undefined)).toEqual(
    [id],
  );

  await page.reload();
  await page.getByTestId('queue-row').first().click();
  await expect(page.getByTestId('watch-toggle')).toHaveAttribute(
    'aria-pressed',
    'true',
  );
});

test('the main screens have no serious accessibility violations', async ({
  consolePage: page,
}, testInfo) => {
  await mapIdle(page);
  expect(await seriousViolations(page), 'the first screen').toEqual([]);

  await page.getByTestId('queue-row').first().click();
  await expect(page.getByTestId('selected-request')).toHaveAttribute(
    'aria-busy',
    'false',
  );
  expect(await seriousViolations(page), 'a selected request').toEqual([]);

  await page.getByRole('tab', { name: 'Crews' }).click();
  expect(await seriousViolations(page), 'the crew roster').toEqual([]);

  await page.getByRole('tab', { name: 'SLA' }).click();
  await expect(page.getByTestId('sla-view')).toBeVisible();
  expect(await seriousViolations(page), 'the SLA view').toEqual([]);

  await page.getByRole('button', { name: /dark theme/i }).click();
  expect(await seriousViolations(page), 'the dark theme').toEqual([]);
  await page.screenshot({ path: testInfo.outputPath('dark-theme.png') });
});
