// The dispatch floor end to end: assigning from the queue, the map, in
// bulk and by keyboard; offline work; a conflict from a second console.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

import type { Map as MapLibreMap } from 'maplibre-gl';

import { createLogger } from '../../src/main/log/logger';
import { createConsoleServices } from '../../src/main/services/console-services';
import { expect, test } from './console-fixture';
import {
  findRows,
  inDistrict,
  metres,
  showRow,
  standingAlone,
} from './dispatch-helpers';

type MapWindow = Window & { __streetdeskMap: MapLibreMap };

test('a dispatcher assigns the nearest suitable crew from the queue', async ({
  consolePage: page,
  runningConsole,
}, testInfo) => {
  const { handlers } = runningConsole.services;
  const [target] = await findRows(handlers, inDistrict);
  const id = target!.serviceRequestId;
  const row = await showRow(page, handlers, id);

  await row.click();
  const suggestions = page.getByTestId('crew-suggestions');
  await expect(suggestions.locator('li').first()).toBeVisible();

  // The first suggestion is the nearest on-shift crew serving the queue
  // (none has work yet, so workload does not reorder them).
  const request = await handlers.getRequest(id);
  const now = (await handlers.getServerTime(undefined)).now;
  const suitable = (await handlers.listCrews(undefined))
    .filter(
      (crew) =>
        crew.queues.includes(target!.queue!) &&
        crew.status !== 'off_shift' &&
        now >= crew.shiftStart &&
        now < crew.shiftEnd,
    )
    .map((crew) => ({
      crew,
      distance: metres(
        request!.lat!,
        request!.long!,
        crew.lastLat ?? crew.depotLat,
        crew.lastLong ?? crew.depotLong,
      ),
    }))
    .sort((a, b) => a.distance - b.distance);
  const nearest = suitable[0]!.crew;
  await expect(suggestions.locator('li').first()).toHaveAttribute(
    'data-crew-id',
    nearest.crewId,
  );
  await expect(suggestions.locator('li').first()).toContainText(
    `serves ${target!.queue}`,
  );

  await page.getByRole('button', { name: `Assign ${nearest.name}` }).click();

  // Shown at once, then confirmed by the server.
  await expect(row).toHaveAttribute('data-work', 'assigned');
  await expect(row.getByTestId('queue-work')).toContainText(nearest.name);
  await expect
    .poll(
      async () =>
        (await runningConsole.central.store.getRequest(id))?.assignedCrewId,
    )
    .toBe(nearest.crewId);
  await expect(row).not.toHaveAttribute('data-pending', 'true');
  await expect(page.getByTestId('history')).toContainText(
    `assigned ${nearest.name}`,
  );
  await page.screenshot({ path: testInfo.outputPath('dispatch-assigned.png') });
});

test('a dispatcher assigns a crew from the map', async ({
  consolePage: page,
  runningConsole,
}) => {
  const { handlers } = runningConsole.services;
  const alone = await standingAlone(handlers);
  const [target] = await findRows(
    handlers,
    (row) => inDistrict(row) && alone(row),
  );
  const request = await handlers.getRequest(target!.serviceRequestId);
  const lngLat: [number, number] = [request!.long!, request!.lat!];
  await expect(page.getByTestId('map')).toHaveAttribute('data-ready', 'true');

  await page.evaluate((center) => {
    const map = (window as unknown as MapWindow).__streetdeskMap;
    return new Promise<void>((done) => {
      map.once('idle', () => done());
      map.jumpTo({ center, zoom: 18 });
    });
  }, lngLat);
  const box = await page.getByTestId('map').boundingBox();
  const point = await page.evaluate(
    (center) =>
      (window as unknown as MapWindow).__streetdeskMap.project(center),
    lngLat,
  );
  await page.mouse.click(box!.x + point.x, box!.y + point.y);

  const panel = page.getByTestId('selected-request');
  const chosenId = target!.serviceRequestId;
  await expect(panel).toHaveAttribute('data-request-id', chosenId);
  const suggestion = page.getByTestId('crew-suggestions').locator('li').first();
  const crewId = (await suggestion.getAttribute('data-crew-id'))!;
  await suggestion.getByRole('button').click();

  await expect(page.getByTestId('assigned-crew')).toBeVisible();
  await expect
    .poll(
      async () =>
        (await runningConsole.central.store.getRequest(chosenId))
          ?.assignedCrewId,
    )
    .toBe(crewId);
});

test('ticked requests are assigned to one crew in one go, and unassigned so', async ({
  consolePage: page,
  runningConsole,
}) => {
  const { handlers } = runningConsole.services;
  const rows = page.getByTestId('queue-row');
  const ids: string[] = [];
  for (const n of [0, 1, 2]) {
    await rows.nth(n).getByTestId('queue-mark').click();
    ids.push((await rows.nth(n).getAttribute('data-request-id'))!);
  }
  await expect(page.getByTestId('marked-count')).toHaveText('3 ticked');

  const bar = page.getByTestId('bulk-bar');
  const choice = bar.locator('select option').nth(1);
  const crewId = (await choice.getAttribute('value'))!;
  await bar.locator('select').selectOption(crewId);
  await bar.getByRole('button', { name: 'Assign all', exact: true }).click();

  await expect(page.getByTestId('bulk-bar')).toBeHidden();
  for (const id of ids) {
    await expect
      .poll(
        async () =>
          (await runningConsole.central.store.getRequest(id))?.assignedCrewId,
      )
      .toBe(crewId);
  }

  // Two of them and one with no crew: the two lose theirs, the third is
  // refused and says why.
  const rowOf = (id: string) =>
    page.locator(`[data-testid="queue-row"][data-request-id="${id}"]`);
  const spare = (await rows.nth(3).getAttribute('data-request-id'))!;
  for (const id of [ids[0]!, ids[1]!, spare]) {
    await rowOf(id).getByTestId('queue-mark').click();
  }
  await expect(page.getByTestId('marked-count')).toHaveText('3 ticked');
  await page.getByTestId('unassign-all').click();

  await expect(page.getByTestId('action-notice')).toContainText(
    '2 unassigned; 1 refused',
  );
  await expect(page.getByTestId('action-notice')).toContainText(spare);
  for (const id of [ids[0]!, ids[1]!]) {
    await expect
      .poll(
        async () =>
          (await runningConsole.central.store.getRequest(id))?.assignedCrewId,
      )
      .toBeNull();
    await expect(rowOf(id)).not.toHaveAttribute('data-pending', 'true');
    await expect(rowOf(id)).toHaveAttribute('data-work', 'open');
  }
  expect((await handlers.getRequestDispatch(ids[2]!))?.assignedCrewId).toBe(
    crewId,
  );
});

test('work done offline is kept, marked pending, and sent on reconnect', async ({
  consolePage: page,
  runningConsole,
}, testInfo) => {
  const { handlers } = runningConsole.services;
  const [target] = await findRows(handlers, inDistrict);
  const id = target!.serviceRequestId;

  runningConsole.network.setPartitioned(true);
  await expect(page.getByTestId('offline-banner')).toBeVisible({
    timeout: 30_000,
  });

  const row = await showRow(page, handlers, id);
  await row.click();
  const suggestion = page.getByTestId('crew-suggestions').locator('li').first();
  const crewId = (await suggestion.getAttribute('data-crew-id'))!;
  await suggestion.getByRole('button').click();

  await expect(row).toHaveAttribute('data-pending', 'true');
  await expect(page.getByTestId('pending-count')).toHaveText(
    '1 change waiting',
  );
  await page.screenshot({ path: testInfo.outputPath('offline-pending.png') });
  expect(
    (await runningConsole.central.store.getRequest(id))?.assignedCrewId,
  ).toBeNull();

  runningConsole.network.setPartitioned(false);
  await expect(page.getByTestId('offline-banner')).toBeHidden({
    timeout: 70_000,
  });
  await expect(page.getByTestId('pending-count')).toHaveText(
    'all changes sent',
    {
      timeout: 30_000,
    },
  );
  expect(
    (await runningConsole.central.store.getRequest(id))?.assignedCrewId,
  ).toBe(crewId);
  await expect(row).not.toHaveAttribute('data-pending', 'true');
  await expect(page.getByTestId('last-sync')).toHaveText('synced just now');
});

test('a reassignment from a second console shows up as a conflict', async ({
  consolePage: page,
  runningConsole,
}, testInfo) => {
  test.setTimeout(120_000);
  const { handlers } = runningConsole.services;
  const [target] = await findRows(handlers, inDistrict);
  const id = target!.serviceRequestId;

  // A supervisor's console elsewhere, straight to the central API.
  const otherDir = mkdtempSync(join(tmpdir(), 'streetdesk-e2e-other-'));
  const other = await createConsoleServices({
    dataDir: otherDir,
    resourcesDir: resolve(__dirname, '..', '..', 'resources'),
    mode: 'browser',
    logger: createLogger({ level: 'error' }),
    version: 'e2e-other',
    central: {
      url: runningConsole.central.url,
      signIn: {
        username: 'super',
        password: runningConsole.central.signIn.password,
      },
    },
  });
  try {
    await expect
      .poll(
        async () =>
          (await other.handlers.getSyncStatus(undefined)).initialSync.done,
      )
      .toBe(true);

    // This console, cut off, assigns from what it last saw...
    runningConsole.network.setPartitioned(true);
    await expect(page.getByTestId('offline-banner')).toBeVisible({
      timeout: 30_000,
    });
    const row = await showRow(page, handlers, id);
    await row.click();
    const first = page.getByTestId('crew-suggestions').locator('li').first();
    const mine = (await first.getAttribute('data-crew-id'))!;
    await first.getByRole('button').click();
    await expect(row).toHaveAttribute('data-pending', 'true');

    // ...while the other console gives it to another crew.
    // Any other crew on shift: a district may have only one suggested.
    const otherNow = (await other.handlers.getServerTime(undefined)).now;
    const theirCrew = (await other.handlers.listCrews(undefined)).find(
      (crew) =>
        crew.crewId !== mine &&
        crew.status !== 'off_shift' &&
        otherNow >= crew.shiftStart &&
        otherNow < crew.shiftEnd,
    )!;
    const theirs = theirCrew.crewId;
    await other.handlers.assignCrew({ requestId: id, crewId: theirs });
    await expect
      .poll(
        async () =>
          (await runningConsole.central.store.getRequest(id))?.assignedCrewId,
      )
      .toBe(theirs);

    runningConsole.network.setPartitioned(false);
    await expect(page.getByTestId('conflicts-button')).toHaveText(
      '1 conflict',
      {
        timeout: 70_000,
      },
    );
    await page.getByTestId('conflicts-button').click();
    const conflict = page.getByTestId('conflict');
    await expect(conflict).toContainText(id);
    await expect(conflict.locator('.conflict-reason')).not.toBeEmpty();
    await page.screenshot({ path: testInfo.outputPath('conflicts.png') });
    // The queue converges on the server's answer: their crew, confirmed.
    await expect
      .poll(async () => (await handlers.getRequestDispatch(id))?.assignedCrewId)
      .toBe(theirs);
    await expect(row).not.toHaveAttribute('data-pending', 'true');
    await expect(row.getByTestId('queue-work')).toContainText(theirCrew.name);

    // The conflict leads back to its request, already selected or not.
    await conflict.getByRole('button', { name: `Open request ${id}` }).click();
    await expect(page.getByTestId('selected-request')).toHaveAttribute(
      'data-request-id',
      id,
    );
    await expect(conflict).toBeHidden();
    await page.getByTestId('conflicts-button').click();
    await conflict.getByRole('button', { name: 'Dismiss' }).click();
    await expect(page.getByTestId('conflicts-button')).toHaveText(
      'No conflicts',
    );
  } finally {
    other.close();
    rmSync(otherDir, { recursive: true, force: true });
  }
});

test('a crew is assigned with the keyboard alone', async ({
  consolePage: page,
  runningConsole,
}) => {
  const { handlers } = runningConsole.services;

  await page.keyboard.press('q');
  await expect(page.getByTestId('queue')).toBeFocused();
  await page.keyboard.press('ArrowDown');
  const panel = page.getByTestId('selected-request');
  await expect(panel).toHaveAttribute('data-request-id', /.+/);
  const id = (await panel.getAttribute('data-request-id'))!;

  // `?` lists the shortcuts; Escape closes the list.
  await page.keyboard.press('?');
  await expect(page.getByTestId('shortcuts-help')).toContainText(
    'Open the command palette',
  );
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('shortcuts-help')).toBeHidden();

  // `a` goes to the crew controls.
  await page.keyboard.press('a');
  await expect(
    page.getByTestId('assign-section').locator(':focus'),
  ).toHaveCount(1);

  // The palette assigns by name.
  const crews = await handlers.listCrews(undefined);
  const now = (await handlers.getServerTime(undefined)).now;
  const crew = crews.find(
    (c) => c.status !== 'off_shift' && now >= c.shiftStart && now < c.shiftEnd,
  )!;
  await page.keyboard.press('Control+k');
  await expect(page.getByTestId('command-palette')).toBeVisible();
  await page.keyboard.type(`assign ${crew.name}`);
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('command-palette')).toBeHidden();

  await expect
    .poll(
      async () =>
        (await runningConsole.central.store.getRequest(id))?.assignedCrewId,
    )
    .toBe(crew.crewId);
});
