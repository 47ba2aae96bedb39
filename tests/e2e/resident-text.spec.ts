// Residents write the descriptions, addresses and names the console shows,
// so they are hostile input. Requests carrying HTML and script are planted
// on the central API, and a supervisor merges one of them so its reporter's
// name reaches staff in the merge note; wherever the console shows them
// (queue, detail and its notes and photo link, the crew roster, the list
// of requests with no location, the SLA alert toast) the text must read
// literally, nothing in it may run, and none of its markup may become
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

const STATUS_NOTES =
  `Crew says <b data-xss="notes">${MARK}</b> ` +
  `<img src=x onerror="window.__xss='notes'">`;
const MEDIA_URL = `javascript:window.__xss='media'`;

const FIRST_NAME = `<script>window.__xss='first'</script>`;
const LAST_NAME = `<img src=x onerror="window.__xss='last'">`;

const LOCATED_ID = 'XSS-LOCATED-1';
const UNLOCATED_ID = 'XSS-UNLOCATED-1';
const DUPLICATE_ID = 'XSS-DUPLICATE-1';

test.use({ slaAlertIntervalMs: 500 });

/** Merges the duplicate into the target as the demo's supervisor would. */
async function mergeAsSupervisor(
  centralUrl: string,
  password: string,
  versions: Record<string, number>,
) {
  const post = async (path: string, body: unknown, token?: string) => {
    const response = await fetch(`${centralUrl}/staff/v2/${path}`, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        ...(token === undefined ? {} : { Authorization: `Bearer ${token}` }),
      },
      body: JSON.stringify(body),
    });
    expect(response.status, path).toBe(200);
    return (await response.json()) as Record<string, unknown>;
  };

  const session = await post('sign-in', { username: 'super', password });
  const answer = await post(
    'intents',
    {
      consoleId: 'xss-e2e-supervisor',
      intents: [
        {
          seq: 1,
          createdAt: Date.now(),
          type: 'merge',
          targetId: LOCATED_ID,
          duplicateIds: [DUPLICATE_ID],
          expectedVersions: versions,
        },
      ],
    },
    String(session.token),
  );
  expect(answer.results).toEqual([{ seq: 1, outcome: 'applied' }]);
}

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
    statusNotes: STATUS_NOTES,
    mediaUrl: MEDIA_URL,
    status: 'open',
    workStatus: 'open',
    assignedCrewId: null,
    mergedInto: null,
    closedAt: null,
    closureReason: null,
    // On track now, at risk (its last day) some seconds from now.
    requestedAt: now - 4 * DAY,
    slaDueAt: now + DAY + 15_000,
  };
  const unlocated: NewRequest = {
    ...located,
    serviceRequestId: UNLOCATED_ID,
    lat: null,
    long: null,
    slaDueAt: now + 3 * DAY,
  };
  const duplicate: NewRequest = {
    ...located,
    serviceRequestId: DUPLICATE_ID,
    slaDueAt: now + 3 * DAY,
  };
  await store.transaction(async (tx) => {
    await tx.insertRequests([located, unlocated, duplicate]);
    await tx.insertReporter(DUPLICATE_ID, {
      firstName: FIRST_NAME,
      lastName: LAST_NAME,
      email: null,
      phone: null,
    });
  });
  await expect
    .poll(async () => (await handlers.getRequest(DUPLICATE_ID))?.description)
    .toBe(DESCRIPTION);

  const versions: Record<string, number> = {};
  for (const id of [LOCATED_ID, DUPLICATE_ID]) {
    versions[id] = (await store.getRequest(id))!.version;
  }
  await mergeAsSupervisor(
    runningConsole.central.url,
    runningConsole.central.signIn.password,
    versions,
  );
  await handlers.watchRequest({ requestId: LOCATED_ID, watched: true });

  // The queue: search them out (the duplicate is closed now); the rows
  // read literally.
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
  await expect(detail).toContainText(STATUS_NOTES);
  // A photo link that is not https is refused, and says so; nothing runs.
  await detail.getByTestId('open-photo').click();
  await expect(page.getByTestId('action-notice')).toContainText(
    'The link was not opened',
  );
  // The merge note quotes the duplicate's report and its reporter.
  await expect(detail).toContainText(`Reporter: ${FIRST_NAME} ${LAST_NAME}`);
  await expect(detail).toContainText(`Address: ${ADDRESS}`);

  // The crew roster, once a crew holds it.
  const crew = (await handlers.listCrews(undefined)).find(
    (c) => c.status !== 'off_shift' && now >= c.shiftStart && now < c.shiftEnd,
  )!;
  await handlers.assignCrew({ requestId: LOCATED_ID, crewId: crew.crewId });
  await page.getByRole('tab', { name: 'Crews' }).click();
  await expect(
    page
      .getByTestId('crew-roster')
      .locator(`[data-request-id="${LOCATED_ID}"]`),
  ).toContainText(ADDRESS);

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
