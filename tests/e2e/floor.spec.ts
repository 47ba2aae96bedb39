// The rest of the dispatch floor end to end: picking on the map with a
// lasso for a bulk assignment and with a Shift-drag box, the map in the
// dark theme, the SLA view, countdowns under a controlled clock, watching
// a request, and an accessibility check of each screen.
import type { Map as MapLibreMap } from 'maplibre-gl';
import type { Page } from '@playwright/test';

import { atRiskFrom } from '../../src/main/queue/open-requests';
import { BASEMAP_PALETTES } from '../../src/renderer/src/map/basemap-style';
import { SLA_COLORS } from '../../src/renderer/src/map/sla-colors';
import { seriousViolations } from './axe-scan';
import { expect, test } from './console-fixture';
import {
  findRows,
  inDistrict,
  showRow,
  standingAlone,
} from './dispatch-helpers';
import { summarisePixels } from './screen-pixels';

type MapWindow = Window & {
  __streetdeskMap: MapLibreMap;
  /** The map as it was before a theme switch, to tell it was not remade. */
  __mapBeforeTheme?: MapLibreMap;
};

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

/** Moves the map to `center` at `zoom` and waits until it is drawn there. */
async function jumpTo(
  page: Page,
  center: [number, number],
  zoom: number,
): Promise<void> {
  await mapIdle(page);
  await page.evaluate(
    ({ center, zoom }) =>
      new Promise<void>((done) => {
        const map = (window as unknown as MapWindow).__streetdeskMap;
        map.once('idle', () => done());
        map.jumpTo({ center, zoom });
      }),
    { center, zoom },
  );
  await mapIdle(page);
}

/** Where a request is on the map: [long, lat]. */
async function placeOf(
  handlers: Parameters<typeof findRows>[0],
  id: string,
): Promise<[number, number]> {
  const request = (await handlers.getRequest(id))!;
  return [request.long!, request.lat!];
}

test('a lasso on the map ticks the requests inside it for one bulk assignment', async ({
  consolePage: page,
  runningConsole,
}, testInfo) => {
  const { handlers } = runningConsole.services;
  const [target] = await findRows(handlers, inDistrict);
  await jumpTo(page, await placeOf(handlers, target!.serviceRequestId), 15);

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
  await bar.getByRole('button', { name: 'Assign all', exact: true }).click();
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

test('a Shift-drag on the map ticks exactly the requests inside its box', async ({
  consolePage: page,
  runningConsole,
}, testInfo) => {
  const { handlers } = runningConsole.services;
  const [target] = await findRows(handlers, inDistrict);
  await jumpTo(page, await placeOf(handlers, target!.serviceRequestId), 16);
  const frame = (await page.getByTestId('map').boundingBox())!;

  // Every request on the map, projected to the map's own pixels.
  const points = await handlers.getMapPoints({});
  const places = points.ids
    .map((id, i) => ({
      id,
      long: points.coords[2 * i]!,
      lat: points.coords[2 * i + 1]!,
    }))
    .filter((place) => Number.isFinite(place.long + place.lat));
  const projected = await page.evaluate((places) => {
    const map = (window as unknown as MapWindow).__streetdeskMap;
    return places.map(({ id, long, lat }) => {
      const { x, y } = map.project([long, lat]);
      return { id, x, y };
    });
  }, places);

  // A box over the middle of the map, moved until no request is within
  // 2 pixels of its edges: the mouse lands on whole pixels, and a request
  // on the line could fall either way.
  type Box = { left: number; top: number; right: number; bottom: number };
  const within = (box: Box, margin: number) =>
    projected
      .filter(
        ({ x, y }) =>
          x > box.left - margin &&
          x < box.right + margin &&
          y > box.top - margin &&
          y < box.bottom + margin,
      )
      .map(({ id }) => id);
  const boxAt = (shift: number): Box => ({
    left: Math.round(frame.width * 0.3) + shift,
    top: Math.round(frame.height * 0.35) + shift,
    right: Math.round(frame.width * 0.7) + shift,
    bottom: Math.round(frame.height * 0.65) + shift,
  });
  const box = Array.from({ length: 20 }, (_, i) => boxAt(3 * i)).find(
    (box) => within(box, -2).length === within(box, 2).length,
  );
  if (!box) throw new Error('every box tried had a request on its edge');
  const inside = within(box, 0).sort();
  expect(inside.length).toBeGreaterThan(1);

  // The services find the same requests inside the box.
  const ring = await page.evaluate((box) => {
    const map = (window as unknown as MapWindow).__streetdeskMap;
    const corners: [number, number][] = [
      [box.left, box.top],
      [box.right, box.top],
      [box.right, box.bottom],
      [box.left, box.bottom],
    ];
    return corners.map((corner) => map.unproject(corner).toArray());
  }, box);
  const picked = await handlers.pickInArea({ filter: {}, area: { ring } });
  expect(picked.total).toBe(picked.ids.length);
  expect([...picked.ids].sort()).toEqual(inside);

  const cameraBefore = await mapState(page);
  await page.keyboard.down('Shift');
  await page.mouse.move(frame.x + box.left, frame.y + box.top);
  await page.mouse.down();
  await page.mouse.move(
    frame.x + (box.left + box.right) / 2,
    frame.y + (box.top + box.bottom) / 2,
    { steps: 5 },
  );
  // The box is drawn as the drag goes.
  await expect(page.locator('.area-picker polygon')).toBeVisible();
  await page.mouse.move(frame.x + box.right, frame.y + box.bottom, {
    steps: 5,
  });
  await page.mouse.up();
  await page.keyboard.up('Shift');

  await expect(page.locator('.area-picker')).toHaveCount(0);
  await expect(page.getByTestId('marked-count')).toHaveText(
    `${inside.length} ticked`,
  );
  // A box picks; it does not pan the map.
  const cameraAfter = await mapState(page);
  expect([cameraAfter.center, cameraAfter.zoom]).toEqual([
    cameraBefore.center,
    cameraBefore.zoom,
  ]);
  await page.screenshot({ path: testInfo.outputPath('box-picked.png') });

  // As many ticked as inside the box, and each of those is ticked.
  for (const id of inside) {
    const row = await showRow(page, handlers, id);
    await expect(row, id).toHaveAttribute('data-marked', 'true');
  }
});

/** Shares of the map's pixels near the light and the dark land colour. */
async function landShares(page: Page) {
  const light = BASEMAP_PALETTES.light.land;
  const dark = BASEMAP_PALETTES.dark.land;
  const canvas = page.locator('[data-testid="map"] canvas');
  const { pixels, matches } = await summarisePixels(page, canvas, [
    light,
    dark,
  ]);

  return { light: matches[light]! / pixels, dark: matches[dark]! / pixels };
}

/** What the map draws: the camera, the request points and the selection. */
async function mapState(page: Page) {
  return page.evaluate(() => {
    const map = (window as unknown as MapWindow).__streetdeskMap;
    const ids = (layer: string) =>
      map
        .queryRenderedFeatures({ layers: [layer] })
        .map((feature) => String(feature.properties.id))
        .sort();
    return {
      center: map.getCenter().toArray(),
      zoom: map.getZoom(),
      points: ids('requests'),
      selected: ids('requests-selected'),
    };
  });
}

test('the dark theme recolours the map in place, keeping requests, selection and camera', async ({
  consolePage: page,
  runningConsole,
}, testInfo) => {
  const { handlers } = runningConsole.services;
  const [target] = await findRows(handlers, await standingAlone(handlers));
  const id = target!.serviceRequestId;
  const place = await placeOf(handlers, id);
  await jumpTo(page, place, 17);

  const light = await mapState(page);
  expect(light.points).toContain(id);
  expect(light.selected).toEqual([]);
  expect((await landShares(page)).light).toBeGreaterThan(0.3);
  await page.evaluate(() => {
    const shown = window as unknown as MapWindow;
    shown.__mapBeforeTheme = shown.__streetdeskMap;
  });

  const toggle = page.getByRole('button', { name: /dark theme/i });
  await toggle.click();
  await expect(toggle).toHaveAttribute('aria-pressed', 'true');
  await mapIdle(page);
  await expect
    .poll(async () => (await landShares(page)).dark)
    .toBeGreaterThan(0.3);
  expect((await landShares(page)).light).toBeLessThan(0.01);
  // The same map, recoloured: not made again, the camera and points kept.
  expect(
    await page.evaluate(() => {
      const shown = window as unknown as MapWindow;
      return shown.__mapBeforeTheme === shown.__streetdeskMap;
    }),
  ).toBe(true);
  expect(await mapState(page)).toEqual(light);

  // A point on the dark map is drawn and can be picked.
  const box = (await page.getByTestId('map').boundingBox())!;
  const point = await page.evaluate(
    (at) => (window as unknown as MapWindow).__streetdeskMap.project(at),
    place,
  );
  await page.mouse.click(box.x + point.x, box.y + point.y);
  await expect(page.getByTestId('selected-request')).toHaveAttribute(
    'data-request-id',
    id,
  );
  await expect.poll(async () => (await mapState(page)).selected).toEqual([id]);
  await mapIdle(page);
  const colours = Object.values(SLA_COLORS);
  const dark = await summarisePixels(
    page,
    page.locator('[data-testid="map"] canvas'),
    colours,
  );
  expect(
    colours.reduce((sum, colour) => sum + dark.matches[colour]!, 0),
    'pixels in the SLA colours of the points',
  ).toBeGreaterThan(100);
  await page.screenshot({ path: testInfo.outputPath('dark-map.png') });

  // Back to light: the selection is still drawn, where it was.
  await toggle.click();
  await expect(toggle).toHaveAttribute('aria-pressed', 'false');
  await mapIdle(page);
  await expect
    .poll(async () => (await landShares(page)).light)
    .toBeGreaterThan(0.3);
  expect((await landShares(page)).dark).toBeLessThan(0.01);
  expect(await mapState(page)).toEqual({ ...light, selected: [id] });
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
