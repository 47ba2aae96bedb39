import type { Map as MapLibreMap } from 'maplibre-gl';
import type { Page } from '@playwright/test';

import { expect, test } from './console-fixture';
import { summarisePixels } from './screen-pixels';

type MapWindow = Window & { __streetdeskMap: MapLibreMap };

const count = new Intl.NumberFormat('en-US');

// The colours the map gives each SLA state (src/renderer/src/map/sla-colors.ts).
const SLA_COLOURS = ['#2f7d4a', '#b45f06', '#c0392b', '#6b7280'];

/** Resolves once the map has drawn everything it has been asked to. */
async function mapSettled(page: Page): Promise<void> {
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

async function visibleRowIds(page: Page): Promise<string[]> {
  return page.getByTestId('queue-row').evaluateAll((rows) =>
    rows
      .map((row) => ({
        at: Number(row.getAttribute('aria-posinset')),
        id: row.getAttribute('data-request-id') ?? '',
      }))
      .sort((a, b) => a.at - b.at)
      .map((row) => row.id),
  );
}

test('the queue lists the seeded open requests, most urgent first', async ({
  consolePage: page,
  runningConsole,
}) => {
  const { handlers } = runningConsole.services;
  const info = await handlers.getAppInfo(undefined);
  const firstPage = await handlers.listQueue({
    filter: {},
    sort: 'due',
    offset: 0,
    limit: 10,
  });

  expect(info.openRequests).toBeGreaterThan(5_000);
  await expect(page.locator('.open-count')).toContainText(
    `${count.format(info.openRequests)} of ${count.format(info.openRequests)}`,
  );
  const shown = await visibleRowIds(page);
  expect(shown.slice(0, 10)).toEqual(
    firstPage.rows.map((row) => row.serviceRequestId),
  );
  // Virtualised: thousands of requests, a screenful of rows in the page.
  expect(shown.length).toBeLessThan(100);

  await page.screenshot({ path: test.info().outputPath('first-screen.png') });
});

test('a type filter narrows the queue to that type', async ({
  consolePage: page,
  runningConsole,
}) => {
  const facets =
    await runningConsole.services.handlers.getQueueFacets(undefined);
  const type = facets.types[1];
  if (!type) throw new Error('the demo seed has fewer than two request types');

  const picker = page.getByTestId('filter-type');
  await picker.locator('summary').click();
  await picker.locator(`input[type="checkbox"][value="${type.value}"]`).check();

  await expect(page.locator('.open-count strong')).toHaveText(
    count.format(type.count),
  );
  const expected = await runningConsole.services.handlers.listQueue({
    filter: { types: [type.value] },
    sort: 'due',
    offset: 0,
    limit: 5,
  });
  await expect
    .poll(async () => (await visibleRowIds(page)).slice(0, 5))
    .toEqual(expected.rows.map((row) => row.serviceRequestId));
  const types = await page
    .locator('[data-testid="queue-row"] .request-type')
    .allTextContents();
  expect(new Set(types)).toEqual(new Set([type.value]));
});

test('the map draws the offline basemap, its labels and the request points', async ({
  consolePage: page,
}) => {
  await mapSettled(page);

  const rendered = await page.evaluate(() => {
    const map = (window as unknown as MapWindow).__streetdeskMap;
    const layer = (id: string) =>
      map.queryRenderedFeatures({ layers: [id] }).length;
    return {
      // Zoomed out, most requests are drawn as clusters.
      points: layer('requests') + layer('request-clusters'),
      streets: layer('streets-minor') + layer('streets-major'),
      labels: layer('street-labels') + layer('neighborhood-labels'),
    };
  });
  expect(rendered.points).toBeGreaterThan(20);
  expect(rendered.streets).toBeGreaterThan(100);
  expect(rendered.labels).toBeGreaterThan(0);

  const canvas = page.locator('[data-testid="map"] canvas');
  const pixels = await summarisePixels(page, canvas, SLA_COLOURS);
  expect(pixels.distinctColours, 'a blank map has one colour').toBeGreaterThan(
    30,
  );
  expect(pixels.dominantShare).toBeLessThan(0.9);
  const pointPixels = Object.values(pixels.matches).reduce((a, b) => a + b, 0);
  expect(
    pointPixels,
    'pixels in the SLA colours of the points',
  ).toBeGreaterThan(200);

  await expect(page.getByText('© OpenStreetMap contributors')).toBeVisible();
  await page.screenshot({ path: test.info().outputPath('map.png') });
});

test('selecting a request in the queue selects it on the map', async ({
  consolePage: page,
  runningConsole,
}) => {
  await mapSettled(page);
  const row = page.locator('[data-testid="queue-row"][aria-posinset="3"]');
  const id = (await row.getAttribute('data-request-id')) ?? '';
  const request = await runningConsole.services.handlers.getRequest(id);

  await row.click();

  await expect(row).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByTestId('selected-request')).toHaveAttribute(
    'data-request-id',
    id,
  );
  const highlighted = await page.evaluate(() =>
    JSON.stringify(
      (window as unknown as MapWindow).__streetdeskMap.getFilter(
        'requests-selected',
      ),
    ),
  );
  expect(highlighted).toContain(id);

  if (request?.lat != null && request.long != null) {
    const { lat, long } = request;
    await expect
      .poll(() =>
        page.evaluate(() =>
          (window as unknown as MapWindow).__streetdeskMap
            .getCenter()
            .toArray(),
        ),
      )
      .toEqual([expect.closeTo(long, 3), expect.closeTo(lat, 3)]);
  }
});

test('clicking a point on the map selects it in the queue, scrolled into view', async ({
  consolePage: page,
  runningConsole,
}) => {
  const { handlers } = runningConsole.services;
  await mapSettled(page);

  // A request far down the queue, so selecting it has to scroll the list.
  const deep = await handlers.listQueue({
    filter: {},
    sort: 'due',
    offset: 400,
    limit: 100,
  });
  const target = deep.rows.find((row) => row.hasLocation);
  if (!target) throw new Error('no located request at rows 400-500');
  const request = await handlers.getRequest(target.serviceRequestId);
  const lngLat: [number, number] = [request?.long ?? 0, request?.lat ?? 0];

  await page.evaluate((center) => {
    (window as unknown as MapWindow).__streetdeskMap.jumpTo({
      center,
      zoom: 18,
    });
  }, lngLat);
  await mapSettled(page);
  const box = await page.getByTestId('map').boundingBox();
  const point = await page.evaluate(
    (center) =>
      (window as unknown as MapWindow).__streetdeskMap.project(center),
    lngLat,
  );
  await page.mouse.click((box?.x ?? 0) + point.x, (box?.y ?? 0) + point.y);

  // Several reports can share one address: the chosen one is at that spot.
  const panel = page.getByTestId('selected-request');
  await expect(panel).toHaveAttribute('data-request-id', /.+/);
  const chosenId = (await panel.getAttribute('data-request-id')) ?? '';
  const chosen = await handlers.getRequest(chosenId);
  expect([chosen?.long, chosen?.lat]).toEqual(lngLat);

  const row = page.locator(
    `[data-testid="queue-row"][data-request-id="${chosenId}"]`,
  );
  await expect(row).toBeInViewport();
  await expect(row).toHaveAttribute('aria-selected', 'true');
});

test('browser mode refuses a visitor without the token', async ({
  browser,
  runningConsole,
}) => {
  const stranger = await browser.newPage();
  const base = runningConsole.server.url.replace(/\?token=.*$/, '');

  const response = await stranger.goto(base);

  expect(response?.status()).toBe(401);
  await expect(stranger.locator('body')).toContainText('token');
  await stranger.close();
});
