import { afterEach, describe, expect, it } from 'vitest';

import { bostonCrews } from '../../../src/server/demo/crews';
import {
  rollCrewShifts,
  shiftPatch,
} from '../../../src/server/demo/shift-roller';
import type { CentralStore } from '../../../src/server/storage/central-store';
import { openSqliteCentralStore } from '../../../src/server/storage/sqlite/sqlite-central-store';

const MONDAY_NOON = Date.parse('2026-05-04T12:00:00-04:00');
const TUESDAY_NOON = Date.parse('2026-05-05T12:00:00-04:00');
const TUESDAY_LATE = Date.parse('2026-05-05T16:00:00-04:00');
const HOUR = 3_600_000;

let store: CentralStore | null = null;
afterEach(async () => {
  await store?.close();
  store = null;
});

const onShift = (crew: { shiftStart: number; shiftEnd: number }, at: number) =>
  at >= crew.shiftStart && at < crew.shiftEnd;

describe('the demo crews’ shifts', () => {
  it('move a day on, bringing crews on shift and keeping a status set during it', () => {
    const monday = bostonCrews(MONDAY_NOON);
    const tuesday = bostonCrews(TUESDAY_NOON);
    const dayCrew = monday.findIndex((crew) => onShift(crew, MONDAY_NOON));
    const stored = { ...monday[dayCrew]!, status: 'on_site' as const };
    const planned = tuesday[dayCrew]!;

    // A day on: the shift moves; the status set on Monday is over.
    const overnight = shiftPatch(
      { ...stored, status: 'off_shift' },
      planned,
      TUESDAY_NOON,
    );
    expect(overnight.shiftStart).toBe(planned.shiftStart);
    expect(overnight.shiftStart! - stored.shiftStart).toBe(24 * HOUR);
    expect(overnight.status).toBe(planned.status);
    expect(overnight.status).not.toBe('off_shift');

    // During the shift, a dispatcher's status stands, sent home early too.
    expect(shiftPatch(stored, monday[dayCrew]!, MONDAY_NOON + HOUR)).toEqual(
      {},
    );
    expect(
      shiftPatch(
        { ...stored, status: 'off_shift' },
        monday[dayCrew]!,
        MONDAY_NOON + HOUR,
      ),
    ).toEqual({});
    // At its end the crew goes off shift.
    const after = bostonCrews(stored.shiftEnd + 1)[dayCrew]!;
    expect(shiftPatch(stored, after, stored.shiftEnd + 1).status).toBe(
      'off_shift',
    );
  });

  it('rolls a stored demo a day on, once, through the change feed', async () => {
    store = openSqliteCentralStore({ path: ':memory:' });
    await store.transaction((tx) =>
      tx.insertCrews(
        bostonCrews(MONDAY_NOON).map(({ version: _v, ...crew }) => crew),
      ),
    );
    const seqBefore = (await store.changeWindow()).lastSeq;

    const changed = await rollCrewShifts(store, TUESDAY_LATE);
    const crews = await store.listCrews();
    expect(changed).toBe(crews.length);
    expect((await store.changeWindow()).lastSeq).toBe(seqBefore + changed);
    // Every crew's shift is Tuesday's, and the evening crews are on.
    const planned = new Map(
      bostonCrews(TUESDAY_LATE).map((crew) => [crew.crewId, crew]),
    );
    for (const crew of crews) {
      const plan = planned.get(crew.crewId)!;
      expect([crew.shiftStart, crew.shiftEnd]).toEqual([
        plan.shiftStart,
        plan.shiftEnd,
      ]);
      expect(crew.status === 'off_shift').toBe(!onShift(plan, TUESDAY_LATE));
      expect(crew.version).toBe(2);
    }
    expect(crews.some((crew) => crew.status !== 'off_shift')).toBe(true);

    expect(await rollCrewShifts(store, TUESDAY_LATE + 60_000)).toBe(0);
  });
});
