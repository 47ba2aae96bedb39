// The crew roster end to end: a crew's current work is listed under it,
// each request opens in the detail panel, and a busy crew's list stays
// short with the rest one click away in the queue.
import type { Map as MapLibreMap } from 'maplibre-gl';

import { seriousViolations } from './axe-scan';
import { expect, test } from './console-fixture';
import { findRows, inDistrict, showRow } from './dispatch-helpers';

type MapWindow = Window & { __streetdeskMap: MapLibreMap };

test('a request assigned to a crew is listed under it and opens from the roster', async ({
  consolePage: page,
  runningConsole,
}, testInfo) => {
  const { handlers } = runningConsole.services;
  const [target, other] = await findRows(handlers, inDistrict, 2);
  const id = target!.serviceRequestId;

  // Assign the first suggested crew from the detail panel.
  await (await showRow(page, handlers, id)).click();
  const suggestion = page.getByTestId('crew-suggestions').locator('li').first();
  const crewId = (await suggestion.getAttribute('data-crew-id'))!;
  await suggestion.getByRole('button').click();
  await expect(page.getByTestId('assigned-crew')).toBeVisible();

  // Another request selected, so that the roster's click is what brings
  // the assigned one back.
  await (await showRow(page, handlers, other!.serviceRequestId)).click();
  await expect(page.getByTestId('selected-request')).toHaveAttribute(
    'data-request-id',
    other!.serviceRequestId,
  );

  await page.getByRole('tab', { name: 'Crews' }).click();
  const crew = page.locator(
    `[data-testid="crew-roster"] > li[data-crew-id="${crewId}"]`,
  );
  await crew.scrollIntoViewIfNeeded();
  const listed = crew.locator(`button[data-request-id="${id}"]`);
  await expect(listed).toBeVisible();
  await expect(listed).toContainText(target!.serviceName);
  if (target!.address) await expect(listed).toContainText(target!.address);
  await expect(listed).toHaveAttribute(
    'data-sla',
    /^(on_track|at_risk|breached|no_sla)$/,
  );
  await expect(crew).toContainText('1 open assignment');

  // The crew's place: its depot, and where it was last seen from there.
  const known = (await handlers.listCrews(undefined)).find(
    (each) => each.crewId === crewId,
  )!;
  await expect(crew).toContainText(known.depot);
  await expect(crew.getByTestId('crew-last-seen')).toHaveText(
    known.lastLat === null
      ? 'No position reported'
      : /^(at the depot|[\d.]+ k?m (N|NE|E|SE|S|SW|W|NW) of the depot)$/,
  );
  await page.screenshot({ path: testInfo.outputPath('crew-roster.png') });

  await listed.click();

  await expect(page.getByRole('tab', { name: 'Request' })).toHaveAttribute(
    'aria-selected',
    'true',
  );
  const panel = page.getByTestId('selected-request');
  await expect(panel).toHaveAttribute('data-request-id', id);
  await expect(panel).toHaveAttribute('aria-busy', 'false');
  await expect(page.getByTestId('assigned-crew')).toContainText(known.name);
});

test("a busy crew's roster entry lists its five most urgent and counts the rest", async ({
  consolePage: page,
  runningConsole,
}, testInfo) => {
  const { handlers } = runningConsole.services;
  // An on-shift crew of the busiest Public Works district, and seven of
  // that district's open requests, most urgent first.
  const districts = (await handlers.getQueueFacets(undefined)).queues.filter(
    (facet) => facet.value.startsWith('PWDx_District '),
  );
  const crews = await handlers.listCrews(undefined);
  const busiest = districts
    .map((facet) => facet.value)
    .find((queue) =>
      crews.some((c) => c.status !== 'off_shift' && c.queues.includes(queue)),
    )!;
  const crew = crews.find(
    (c) => c.status !== 'off_shift' && c.queues.includes(busiest),
  )!;
  const { rows } = await handlers.listQueue({
    filter: { queues: [busiest], workStatuses: ['open'] },
    sort: 'due',
    offset: 0,
    limit: 7,
  });
  expect(rows).toHaveLength(7);
  await handlers.assignCrewMany({
    requestIds: rows.map((row) => row.serviceRequestId),
    crewId: crew.crewId,
  });

  await page.getByRole('tab', { name: 'Crews' }).click();
  const entry = page.locator(
    `[data-testid="crew-roster"] > li[data-crew-id="${crew.crewId}"]`,
  );
  await entry.scrollIntoViewIfNeeded();
  await expect(entry).toContainText('7 open assignments');
  const listed = entry.getByTestId('crew-assignments').locator('li');
  await expect(listed).toHaveCount(5);
  // Most urgent first: the first five in due order are the ones listed.
  const urgent = rows.slice(0, 5).map((row) => row.serviceRequestId);
  for (const [at, id] of urgent.entries()) {
    await expect(listed.nth(at).locator('button')).toHaveAttribute(
      'data-request-id',
      id,
    );
  }
  await page.screenshot({ path: testInfo.outputPath('crew-roster-busy.png') });
  const roster = '[data-testid="crew-roster"]';
  expect(await seriousViolations(page, roster), 'the roster').toEqual([]);
  await page.getByRole('button', { name: /dark theme/i }).click();
  expect(await seriousViolations(page, roster), 'dark theme').toEqual([]);

  await entry.getByRole('button', { name: /\+2 more/ }).click();

  // The queue now holds that crew's requests: all seven.
  await expect(page.getByTestId('queue-row')).toHaveCount(7);
  await expect(
    page.getByTestId('queue-row').first().getByTestId('queue-work'),
  ).toContainText(crew.name);
});

test('crews that reported a position are drawn on the map as their own marks', async ({
  consolePage: page,
  runningConsole,
}, testInfo) => {
  const { handlers } = runningConsole.services;
  const placed = (await handlers.listCrews(undefined)).filter(
    (crew) => crew.lastLat !== null && crew.lastLong !== null,
  );
  expect(placed.length).toBeGreaterThan(0);
  await expect(page.getByTestId('map')).toHaveAttribute('data-ready', 'true');
  await expect(page.getByTestId('legend-crew')).toHaveText('Crew');

  // Framed on the crews, every one of them is drawn, and only them.
  const lats = placed.map((crew) => crew.lastLat!);
  const longs = placed.map((crew) => crew.lastLong!);
  const bounds: [[number, number], [number, number]] = [
    [Math.min(...longs), Math.min(...lats)],
    [Math.max(...longs), Math.max(...lats)],
  ];
  const drawn = async () =>
    page.evaluate((frame) => {
      const map = (window as unknown as MapWindow).__streetdeskMap;
      map.fitBounds(frame, { padding: 40, duration: 0 });
      const ids = map
        .queryRenderedFeatures({ layers: ['crews'] })
        .map((feature) => String(feature.properties.id));
      return [...new Set(ids)].sort();
    }, bounds);
  await expect.poll(drawn).toEqual(placed.map((crew) => crew.crewId).sort());
  await page.screenshot({ path: testInfo.outputPath('crews-on-map.png') });

  // A crew's mark, clicked, brings its roster entry forward.
  // One standing alone, so its mark is not under another crew's.
  const target = placed.find((crew) =>
    placed.every(
      (other) =>
        other === crew ||
        Math.abs(other.lastLat! - crew.lastLat!) +
          Math.abs(other.lastLong! - crew.lastLong!) >
          0.01,
    ),
  )!;
  expect(target).toBeDefined();
  // Centred on it, clear of the legend and the controls.
  const markAt = () =>
    page.evaluate(
      ({ long, lat }) => {
        const map = (window as unknown as MapWindow).__streetdeskMap;
        map.jumpTo({ center: [long, lat], zoom: 14 });
        const point = map.project([long, lat]);
        const hit = map
          .queryRenderedFeatures(point, { layers: ['crews'] })
          .map((feature) => String(feature.properties.id));
        const box = map.getCanvas().getBoundingClientRect();
        return { x: box.left + point.x, y: box.top + point.y, hit };
      },
      { long: target.lastLong!, lat: target.lastLat! },
    );
  await expect.poll(async () => (await markAt()).hit).toEqual([target.crewId]);
  const at = await markAt();
  await page.mouse.click(at.x, at.y);
  const card = page
    .getByTestId('crew-roster')
    .locator(`[data-crew-id="${target.crewId}"]`);
  await expect(card).toHaveAttribute('aria-current', 'true');
  await expect(card).toBeInViewport();
  await expect(
    page.getByTestId('crew-roster').locator('[aria-current="true"]'),
  ).toHaveCount(1);
});
