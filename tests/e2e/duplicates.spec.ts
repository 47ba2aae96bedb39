// Duplicates end to end: a supervisor merges three reports of one problem
// into one and undoes it; a dispatcher cannot merge; a merge made offline
// that the city's own close overtook is refused and shown.
import type { NewRequest } from '../../src/server/storage/central-store';
import { closeCityRequest } from '../../src/server/sync/city-events';
import { expect, test } from './console-fixture';
import { findRows, inDistrict, showRow } from './dispatch-helpers';
import type { RunningConsole } from './console-fixture';

/**
 * Two new reports of the same problem at the same spot, a little later;
 * with `elsewhere`, at a spot of their own, 2 km north, and a new address.
 */
async function reportAgain(
  runningConsole: RunningConsole,
  originalId: string,
  elsewhere = false,
): Promise<string[]> {
  const { central, services } = runningConsole;
  const original = (await central.store.getRequest(originalId))!;
  const now = (await services.handlers.getServerTime(undefined)).now;
  const ids = ['E2E-DUP-1', 'E2E-DUP-2'];
  const copies: NewRequest[] = ids.map((id, at) => ({
    ...original,
    serviceRequestId: id,
    requestedAt: Math.max(
      original.requestedAt + 60_000,
      now - (at + 1) * 60_000,
    ),
    description: `${original.serviceName} again, reported by a neighbour`,
    ...(elsewhere
      ? {
          lat: (original.lat ?? 42.33) + 0.018,
          long: original.long ?? -71.08,
          address: '1 Streetdesk Test St Boston MA 02118',
        }
      : {}),
    source: 'Citizens Connect App',
    workStatus: 'open',
    assignedCrewId: null,
    mergedInto: null,
    closedAt: null,
    closureReason: null,
    status: 'open',
    updatedAt: null,
  }));
  await central.store.transaction((tx) => tx.insertRequests(copies));
  // They arrive through the change feed, checked for duplicates at once.
  const [newer, older] = ids as [string, string];
  await expect
    .poll(async () =>
      (
        await services.handlers.listDuplicateCandidates(
          elsewhere ? newer : originalId,
        )
      ).map((candidate) => candidate.serviceRequestId),
    )
    .toEqual(expect.arrayContaining(elsewhere ? [older] : ids));
  return ids;
}

test.describe('as a supervisor', () => {
  test.use({ consoleUser: 'super' });

  test('merges three reports into one and undoes it', async ({
    consolePage: page,
    runningConsole,
  }, testInfo) => {
    const { handlers } = runningConsole.services;
    const [target] = await findRows(handlers, inDistrict);
    const targetId = target!.serviceRequestId;
    const copies = await reportAgain(runningConsole, targetId);

    // The newer reports are marked in the queue as they arrive.
    const copyRow = await showRow(page, handlers, copies[0]!);
    await expect(copyRow.getByTestId('duplicate-mark')).toBeVisible();
    await expect(copyRow.getByTestId('duplicate-mark')).toHaveAttribute(
      'title',
      /Likely a duplicate of request/,
    );

    const row = await showRow(page, handlers, targetId);
    await row.click();
    const section = page.getByTestId('duplicates');
    for (const id of copies) {
      const candidate = section.locator(
        `[data-testid="duplicate-candidate"][data-request-id="${id}"]`,
      );
      await expect(candidate).toContainText('same type');
      await candidate.getByRole('checkbox').check();
    }
    await page.screenshot({ path: testInfo.outputPath('merge-picked.png') });
    await section
      .getByRole('button', { name: /Merge 2 into this request/ })
      .click();

    const store = runningConsole.central.store;
    for (const id of copies) {
      await expect
        .poll(async () => (await store.getRequest(id))?.mergedInto)
        .toBe(targetId);
    }
    // Their reports are on the request that stays open.
    await expect
      .poll(async () => (await store.listNotes(targetId)).length)
      .toBeGreaterThanOrEqual(2);
    // Listed in the order they were ticked, which follows the ranking.
    const merged = page
      .getByTestId('history')
      .getByText(/^merged .* into this request/);
    for (const id of copies) await expect(merged).toContainText(id);

    await page.getByTestId('undo-merge').click();
    for (const id of copies) {
      await expect
        .poll(async () => (await store.getRequest(id))?.status)
        .toBe('open');
    }
    await expect(page.getByTestId('history')).toContainText(
      'undid the merge of',
    );
  });

  test('merges a group from the Duplicates tab', async ({
    consolePage: page,
    runningConsole,
  }) => {
    const { handlers } = runningConsole.services;
    const [target] = await findRows(handlers, inDistrict);
    const copies = await reportAgain(
      runningConsole,
      target!.serviceRequestId,
      true,
    );

    await page.getByRole('tab', { name: 'Duplicates' }).click();
    // The two fresh reports are one group (the same words, a minute apart),
    // the newest of the strongest, so at the top.
    const group = page
      .getByTestId('duplicate-group')
      .filter({ has: page.locator(`[data-request-id="${copies[0]}"]`) });
    await expect(group).toContainText('same type');
    await expect(
      group.locator(`[data-request-id="${copies[1]}"]`),
    ).toBeVisible();
    // Members are listed oldest first, and the oldest is offered to keep.
    const members = await group
      .getByTestId('duplicate-member')
      .evaluateAll((nodes) =>
        nodes.map((node) => node.dataset.requestId ?? ''),
      );
    const keptId = members[0]!;
    await expect(
      group.getByRole('radio', { name: `Keep request ${keptId}` }),
    ).toBeChecked();
    await group
      .getByRole('button', {
        name: `Merge ${members.length - 1} into ${keptId}`,
      })
      .click();

    const store = runningConsole.central.store;
    for (const id of members.slice(1)) {
      await expect
        .poll(async () => (await store.getRequest(id))?.mergedInto)
        .toBe(keptId);
    }
  });

  test('a merge made offline that a close overtook is refused and shown', async ({
    consolePage: page,
    runningConsole,
  }) => {
    test.setTimeout(120_000);
    const { handlers } = runningConsole.services;
    const [target] = await findRows(handlers, inDistrict);
    const targetId = target!.serviceRequestId;
    const [copy] = await reportAgain(runningConsole, targetId);

    const store = runningConsole.central.store;
    const versionBefore = (await store.getRequest(targetId))!.version;

    runningConsole.network.setPartitioned(true);
    await expect(page.getByTestId('offline-banner')).toBeVisible({
      timeout: 30_000,
    });
    await handlers.mergeRequests({ targetId, duplicateIds: [copy!] });
    // Meanwhile the city closes the copy in its own system.
    await closeCityRequest(store, copy!, 'Fixed', Date.now());

    runningConsole.network.setPartitioned(false);
    await expect(page.getByTestId('conflicts-button')).toHaveText(
      '1 conflict',
      { timeout: 70_000 },
    );
    await page.getByTestId('conflicts-button').click();
    await expect(page.getByTestId('conflict')).toContainText(
      `Request ${copy} was closed`,
    );
    // Nothing was half done: the target took nothing from the merge.
    expect((await store.getRequest(targetId))?.version).toBe(versionBefore);
    expect(await store.listNotes(targetId)).toEqual([]);
  });
});

test('a dispatcher sees likely duplicates but cannot merge them', async ({
  consolePage: page,
  runningConsole,
}) => {
  const { handlers } = runningConsole.services;
  const [target] = await findRows(handlers, inDistrict);
  const targetId = target!.serviceRequestId;
  const copies = await reportAgain(runningConsole, targetId);

  const row = await showRow(page, handlers, targetId);
  await row.click();
  const section = page.getByTestId('duplicates');
  await expect(section.getByTestId('duplicate-candidate')).toHaveCount(
    copies.length,
  );
  await expect(section.getByRole('checkbox')).toHaveCount(0);
  await expect(section).toContainText('Only a supervisor can merge');

  expect(() =>
    handlers.mergeRequests({ targetId, duplicateIds: copies }),
  ).toThrow(/needs a supervisor or admin/);
  // Nothing went to the server either.
  for (const id of copies) {
    expect(
      (await runningConsole.central.store.getRequest(id))?.mergedInto,
    ).toBeNull();
  }
});
