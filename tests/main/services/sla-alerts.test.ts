import { describe, expect, it } from 'vitest';

import type { AlertCandidate } from '../../../src/main/queue/queue-reads';
import {
  ALERTS_PER_MINUTE,
  createSlaAlerts,
} from '../../../src/main/services/sla-alerts';
import type { SlaAlert } from '../../../src/shared/contract';

const HOUR = 3_600_000;
const START = 1_700_000_000_000;

/** Due in 10 h of a 20 h window: at risk in 6 h (the last fifth, 4 h). */
function held(id: string, extra: Partial<AlertCandidate> = {}): AlertCandidate {
  return {
    serviceRequestId: id,
    serviceName: 'Pothole',
    address: '12 Main St',
    requestedAt: START - 10 * HOUR,
    slaDueAt: START + 10 * HOUR,
    assignedCrewId: 'C1',
    watched: false,
    ...extra,
  };
}

function harness(
  candidates: AlertCandidate[],
  wanted?: (state: 'at_risk' | 'breached') => boolean,
) {
  const clock = { now: START };
  const shown: SlaAlert[] = [];
  const alerts = createSlaAlerts({
    candidates: () => candidates,
    now: () => clock.now,
    onAlert: (alert) => shown.push(alert),
    ...(wanted === undefined ? {} : { wanted }),
    intervalMs: 0,
  });
  return { clock, shown, alerts };
}

describe('SLA alerts', () => {
  it('says nothing at first sight, then once at risk and once breached', () => {
    const { clock, shown, alerts } = harness([held('R1')]);

    expect(alerts.check()).toEqual([]);
    clock.now += 5 * HOUR;
    expect(alerts.check()).toEqual([]);
    clock.now += 2 * HOUR;
    expect(alerts.check()).toEqual([
      expect.objectContaining({ requestId: 'R1', state: 'at_risk' }),
    ]);
    clock.now += HOUR;
    expect(alerts.check()).toEqual([]);
    clock.now += 3 * HOUR;
    expect(alerts.check()).toEqual([
      expect.objectContaining({
        requestId: 'R1',
        state: 'breached',
        title: 'SLA breached: Pothole',
        body: 'Request R1 (assigned), 12 Main St.',
      }),
    ]);
    expect(shown).toHaveLength(2);
  });

  it('names a watched request as watched', () => {
    const { clock, alerts } = harness([
      held('W1', { watched: true, assignedCrewId: null }),
    ]);
    alerts.check();
    clock.now += 11 * HOUR;

    expect(alerts.check()[0]?.body).toBe('Request W1 (watched), 12 Main St.');
  });

  it('shows a few a minute in a surge, then one summary of the rest', () => {
    const surge = Array.from({ length: 20 }, (_, i) => held(`R${i}`));
    const { clock, shown, alerts } = harness(surge);
    alerts.check();

    clock.now += 11 * HOUR;
    alerts.check();
    expect(shown).toHaveLength(ALERTS_PER_MINUTE);

    clock.now += 30_000;
    alerts.check();
    expect(shown).toHaveLength(ALERTS_PER_MINUTE);

    clock.now += 31_000;
    alerts.check();
    expect(shown).toHaveLength(ALERTS_PER_MINUTE + 1);
    expect(shown.at(-1)?.requestId).toBeNull();
    expect(shown.at(-1)?.body).toContain(`${20 - ALERTS_PER_MINUTE} more`);
  });

  it('keeps the room for breaches when the person asked for breaches only', () => {
    // Ten requests fall at risk at once; one other breaches a minute later.
    const atRisk = Array.from({ length: 10 }, (_, i) => held(`R${i}`));
    const late = held('LATE', {
      requestedAt: START - 20 * HOUR,
      slaDueAt: START + 6 * HOUR + 30_000,
    });
    const { clock, shown, alerts } = harness(
      [...atRisk, late],
      (state) => state === 'breached',
    );
    alerts.check();
    clock.now += 6 * HOUR;
    alerts.check();
    // The at-risk news was not wanted: nothing shown, nothing held back.
    expect(shown).toEqual([]);

    clock.now += 40_000;
    alerts.check();
    expect(shown).toEqual([
      expect.objectContaining({ requestId: 'LATE', state: 'breached' }),
    ]);
  });

  it('cuts a long address in the alert', () => {
    const { clock, alerts } = harness([
      held('R1', { address: 'x'.repeat(500) }),
    ]);
    alerts.check();
    clock.now += 11 * HOUR;

    expect(alerts.check()[0]!.body.length).toBeLessThan(140);
  });
});
