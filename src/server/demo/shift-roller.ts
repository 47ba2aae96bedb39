// The demo's crews work real shifts: day, evening and night, in Boston
// time. A demo left running, or started again another day, moves each
// crew's shift on as the clock does, so crews come on and go off shift and
// suggestions never run out of crews on shift. A status a dispatcher set
// during a shift (en route, on site, or off shift early) is kept until the
// shift ends.
import type { Logger } from '../../main/log/logger';
import type { CentralStore, CrewPatch } from '../storage/central-store';
import type { Crew } from '../../shared/sync-protocol';
import { bostonCrews } from './crews';

/** How often a running demo looks at the shifts. */
export const SHIFT_CHECK_MS = 5 * 60_000;

/** What a stored crew needs to stand as the plan says at `now`. */
export function shiftPatch(
  stored: Crew,
  planned: Crew,
  now: number,
): CrewPatch {
  const patch: CrewPatch = {};
  if (
    stored.shiftStart !== planned.shiftStart ||
    stored.shiftEnd !== planned.shiftEnd
  ) {
    patch.shiftStart = planned.shiftStart;
    patch.shiftEnd = planned.shiftEnd;
  }

  const onShift = now >= planned.shiftStart && now < planned.shiftEnd;
  const newShift = patch.shiftStart !== undefined;
  if (!onShift && stored.status !== 'off_shift') {
    patch.status = 'off_shift';
  } else if (onShift && newShift && stored.status === 'off_shift') {
    // Only a new shift brings a crew on: one a dispatcher sent home during
    // this shift stays home.
    patch.status = planned.status;
    patch.lastLat = planned.lastLat;
    patch.lastLong = planned.lastLong;
  }
  return patch;
}

/** Moves every demo crew's shift to the one around `now`; returns how many changed. */
export async function rollCrewShifts(
  store: CentralStore,
  now: number,
): Promise<number> {
  return store.transaction(async (tx) => {
    let changed = 0;
    for (const planned of bostonCrews(now)) {
      const stored = await tx.getCrew(planned.crewId);
      // A crew the city added or removed itself is the city's to run.
      if (stored === null) continue;
      const patch = shiftPatch(stored, planned, now);
      if (Object.keys(patch).length === 0) continue;
      await tx.updateCrew(planned.crewId, patch);
      changed += 1;
    }
    return changed;
  });
}

export function startShiftRoller(options: {
  store: CentralStore;
  now: () => number;
  logger: Logger;
  intervalMs?: number;
}): { stop(): void } {
  const roll = () =>
    rollCrewShifts(options.store, options.now()).then(
      (changed) => {
        if (changed > 0)
          options.logger.info('crew shifts moved on', { changed });
      },
      (error: unknown) =>
        options.logger.warn('crew shifts could not move on', {
          error: String(error),
        }),
    );
  void roll();
  const timer = setInterval(
    () => void roll(),
    options.intervalMs ?? SHIFT_CHECK_MS,
  );
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
