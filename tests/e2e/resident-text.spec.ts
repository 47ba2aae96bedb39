// Residents write the descriptions and addresses the console shows, so
// they are hostile input. Requests carrying HTML and script are planted on
// the central API; wherever the console shows them (queue, detail, the
// list of requests with no location, the SLA alert toast) the text must
// read literally, nothing in it may run, and none of its markup may become
// an element. The page fixture also fails the test on any console error,
// which a script blocked by the CSP would log.
import type { Page } from '@playwright/test';

import type { NewRequest } from '../../src/server/storage/central-store';
import { expect, test } from './console-fixture';
import { findRows, inDistrict } from './dispatch-helpers';

const DAY = 86_400_000;

/** A word nothing else in Boston's data contains, to search them out by. */
const MARK = 'Zorblax';

const SERVICE = `Pothole <b data-xss="service">${MARK}</b>`;
const ADDRESS = `1 ${MARK} St "><svg onload="window.__xss='address'">`;
const DESCRIPTION =
  `Deep hole ${MARK} <img src=x onerror="window.__xss='img'"> ` +
  `<script>window.__xss='script'</script> ` +
  `"><svg onload="window.__xss='svg'"> <a href="javascript:window.__xss='a'">click</a> &amp; done`;

const LOCATED_ID = 'XSS-LOCATED-1';
const UNLOCATED_ID = 'XSS-UNLOCATED-1';

test.use({ slaAlertIntervalMs: 500 });

/** Elements or scripts that only the planted markup could have made. */
async function plantedMarkupInDom(page: Page) {
  return page.evaluate(() => ({
    xss: (window as unknown as { __xss?: unknown }).__xss,
    elements: document.querySelectorAll(
      '[data-xss], img[src="x"], svg[onload], [onerror], [onload], a[href^="javascript:"]',
    ).length,
    scripts: [...document.querySelectorAll('script')].filter((script) =>
      (script.textContent ?? '').includes('__xss'),
    ).length,
  }));
}

test("residents' text with HTML and script is shown as text everywhere, and nothing of it runs", async ({
  consolePage: page,
  runningConsole,
}) => {
  const { handlers } = runningConsole.services;
  const store = runningConsole.central.store;

  // A real request of a district queue as the template, so every field the
  // console needs is there; only the residents' text is hostile.
  const [template] = await findRows(handlers, inDistrict);
  const stored = await store.getRequest(template!.serviceRequestId);
  const { version: _version, ...fields } = stored!;
  const now = Date.now();
  const located: NewRequest = {
    ...fields,
    serviceRequestId: LOCATED_ID,
    serviceName: SERVICE,
    address: ADDRESS,
    description: DESCRIPTION,
    status: 'open',
    workStatus: 'open',
    assignedCrewId: null,
    mergedInto: null,
    closedAt: null,
    closureReason: null,
    // On track now, at risk (its last day) a few seconds from now.
    requestedAt: now - 4 * DAY,
    slaDueAt: now + DAY + 8_000,
  };
  const unlocated: NewRequest = {
    ...located,
    serviceRequestId: UNLOCATED_ID,
    lat: null,
    long: null,
    slaDueAt: now + 3 * DAY,
  };
  await store.transaction(async (tx) => {
    await tx.insertRequests([located, unlocated]);
    await tx.insertReporter(LOCATED_ID, {
      firstName: `<script>window.__xss='first'</script>`,
      lastName: `<img src=x onerror="window.__xss='last'">`,
      email: null,
      phone: null,
    });
  });
  await expect
    .poll(async () => (await handlers.getRequest(LOCATED_ID))?.description)
    .toBe(DESCRIPTION);
  await handlers.watchRequest({ requestId: LOCATED_ID, watched: true });

  // The queue: search them out; both rows read literally.
  await page.getByTestId('filter-search').fill(MARK);
  const rows = page.getByTestId('queue-row');
  await expect(rows).toHaveCount(2);
  const row = page.locator(
    `[data-testid="queue-row"][data-request-id="${LOCATED_ID}"]`,
  );
  await expect(row).toContainText(SERVICE);
  await expect(row).toContainText(ADDRESS);

  // The detail panel.
  await row.click();
  const detail = page.getByTestId('selected-request');
  await expect(detail).toHaveAttribute('aria-busy', 'false');
  await expect(detail).toContainText(DESCRIPTION);
  await expect(detail).toContainText(ADDRESS);
  await expect(detail).toContainText(SERVICE);

  // The requests the map cannot place.
  const noLocation = page.getByTestId('unlocated');
  await noLocation.getByRole('button', { name: /with no location/ }).click();
  await expect(
    noLocation.locator(`[data-request-id="${UNLOCATED_ID}"]`),
  ).toContainText(ADDRESS);

  // The SLA alert for the watched request, once it falls at risk.
  const toast = page.getByTestId('sla-alert').filter({ hasText: LOCATED_ID });
  await expect(toast).toContainText(`SLA at risk: ${SERVICE}`, {
    timeout: 30_000,
  });
  await expect(toast).toContainText(`(watched), ${ADDRESS}.`);

  expect(await plantedMarkupInDom(page)).toEqual({
    xss: undefined,
    elements: 0,
    scripts: 0,
  });
});
