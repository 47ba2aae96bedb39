// Shared steps of the dispatch end-to-end tests: finding a request to work
// on through the services, and bringing its row into view in the queue.
import { expect, type Page } from '@playwright/test';

import type { ConsoleServices } from '../../src/main/services/console-services';
import type { QueueRow } from '../../src/shared/domain';

/** The queue row's height in pixels (src/renderer/src/queue/queue-list.tsx). */
const ROW_HEIGHT = 52;

type Handlers = ConsoleServices['handlers'];

/** Open requests in due order that match `keep`, from the first rows. */
export async function findRows(
  handlers: Handlers,
  keep: (row: QueueRow) => boolean,
  count = 1,
): Promise<QueueRow[]> {
  const found: QueueRow[] = [];
  for (let offset = 0; offset < 5_000 && found.length < count; offset += 500) {
    const page = await handlers.listQueue({
      filter: {},
      sort: 'due',
      offset,
      limit: 500,
    });
    found.push(...page.rows.filter(keep));
  }
  if (found.length < count) throw new Error('not enough matching requests');

  return found.slice(0, count);
}

/** A located request of a Public Works district queue: crews always serve those. */
export const inDistrict = (row: QueueRow) =>
  row.hasLocation &&
  row.workStatus === 'open' &&
  (row.queue?.startsWith('PWDx_District ') ?? false);

/**
 * Requests with no other open request within `radiusM`: a click on the
 * map at their point can only hit them.
 */
export async function standingAlone(
  handlers: Handlers,
  radiusM = 15,
): Promise<(row: QueueRow) => boolean> {
  const points = await handlers.getMapPoints({});
  // Cells of about 110 m: a neighbour within radiusM is in a touching cell.
  const cell = (degrees: number) => Math.floor(degrees * 1000);
  const where = new Map<string, [number, number]>();
  const cells = new Map<string, string[]>();
  points.ids.forEach((id, i) => {
    const lat = points.coords[2 * i + 1]!;
    const long = points.coords[2 * i]!;
    where.set(id, [lat, long]);
    const key = `${cell(lat)}:${cell(long)}`;
    cells.set(key, [...(cells.get(key) ?? []), id]);
  });

  return (row) => {
    const here = where.get(row.serviceRequestId);
    if (!here) return false;
    for (const dLat of [-1, 0, 1]) {
      for (const dLong of [-1, 0, 1]) {
        const key = `${cell(here[0]) + dLat}:${cell(here[1]) + dLong}`;
        for (const id of cells.get(key) ?? []) {
          const there = where.get(id)!;
          const near = metres(here[0], here[1], there[0], there[1]) < radiusM;
          if (id !== row.serviceRequestId && near) return false;
        }
      }
    }
    return true;
  };
}

/** Scrolls the queue to the request's row and returns the row. */
export async function showRow(page: Page, handlers: Handlers, id: string) {
  const { index } = await handlers.locateInQueue({
    id,
    filter: {},
    sort: 'due',
  });
  if (index === null) throw new Error(`request ${id} is not in the queue`);
  await page
    .getByTestId('queue')
    .evaluate((element, top) => (element.scrollTop = top), index * ROW_HEIGHT);
  const row = page.locator(
    `[data-testid="queue-row"][data-request-id="${id}"]`,
  );
  await expect(row).toBeVisible();

  return row;
}

/** Great-circle distance in metres, as the console measures it. */
export function metres(
  lat1: number,
  long1: number,
  lat2: number,
  long2: number,
) {
  const rad = (d: number) => (d * Math.PI) / 180;
  const a =
    Math.sin(rad(lat2 - lat1) / 2) ** 2 +
    Math.cos(rad(lat1)) *
      Math.cos(rad(lat2)) *
      Math.sin(rad(long2 - long1) / 2) ** 2;

  return 2 * 6_371_008.8 * Math.asin(Math.sqrt(a));
}
