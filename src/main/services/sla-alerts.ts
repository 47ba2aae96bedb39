// Alerts when a request a crew holds, or one the user watches, falls at
// risk or breaches its SLA. Checked on the server-corrected clock every
// little while; a surge (a whole district tipping over at the hour) is
// rate-limited to a few alerts a minute and one summary of the rest, so it
// cannot flood the screen.
import type { SlaAlert } from '../../shared/contract';
import { slaState, type SlaState } from '../../shared/domain';
import type { AlertCandidate } from '../queue/queue-reads';

/** Alerts shown in any one minute before the rest are summed up. */
export const ALERTS_PER_MINUTE = 3;
const MINUTE = 60_000;

/** Longest address an alert quotes: alerts are a glance, not a record. */
const MAX_ADDRESS = 80;

export type SlaAlerts = {
  /** Looks for changes now; returns the alerts it raised. */
  check(): SlaAlert[];
  stop(): void;
};

const WORSE: Record<SlaState, number> = {
  no_sla: 0,
  on_track: 1,
  at_risk: 2,
  breached: 3,
};

function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

function alertFor(candidate: AlertCandidate, state: SlaState): SlaAlert {
  const why = candidate.watched ? 'watched' : 'assigned';
  const where = clip(candidate.address ?? 'no address given', MAX_ADDRESS);
  return {
    requestId: candidate.serviceRequestId,
    state: state === 'breached' ? 'breached' : 'at_risk',
    title:
      state === 'breached'
        ? `SLA breached: ${clip(candidate.serviceName, 60)}`
        : `SLA at risk: ${clip(candidate.serviceName, 60)}`,
    body: `Request ${candidate.serviceRequestId} (${why}), ${where}.`,
  };
}

export function createSlaAlerts(options: {
  candidates: () => AlertCandidate[];
  now: () => number;
  onAlert: (alert: SlaAlert) => void;
  /**
   * Whether the person wants alerts of this kind (their preferences).
   * Asked before the rate limit, so alerts they turned off never use up
   * the minute's room or swell the summary.
   */
  wanted?: (state: 'at_risk' | 'breached') => boolean;
  /** 0 checks only when asked (tests). */
  intervalMs?: number;
}): SlaAlerts {
  // The state each candidate was last seen in; a first sight is a
  // baseline, not news: a console opening on old breaches stays quiet.
  const seen = new Map<string, SlaState>();
  const shownAt: number[] = [];
  let heldBack = 0;

  const check = (): SlaAlert[] => {
    const now = options.now();
    const raised: SlaAlert[] = [];
    const current = new Map<string, SlaState>();

    for (const candidate of options.candidates()) {
      const id = candidate.serviceRequestId;
      const state = slaState(candidate.requestedAt, candidate.slaDueAt, now);
      current.set(id, state);
      const before = seen.get(id);
      const news =
        before !== undefined &&
        WORSE[state] > WORSE[before] &&
        (state === 'at_risk' || state === 'breached');
      if (!news) continue;
      const alert = alertFor(candidate, state);
      if (options.wanted?.(alert.state) ?? true) raised.push(alert);
    }
    seen.clear();
    for (const [id, state] of current) seen.set(id, state);

    while (shownAt.length > 0 && now - shownAt[0]! >= MINUTE) shownAt.shift();
    const room = Math.max(0, ALERTS_PER_MINUTE - shownAt.length);
    const shown = raised.slice(0, room);
    heldBack += raised.length - shown.length;
    if (shown.length < room && heldBack > 0) {
      shown.push({
        requestId: null,
        state: 'breached',
        title: 'More SLA alerts',
        body:
          `${heldBack} more assigned or watched request` +
          `${heldBack === 1 ? '' : 's'} fell at risk or breached; see the ` +
          'SLA view.',
      });
      heldBack = 0;
    }
    for (const alert of shown) {
      shownAt.push(now);
      options.onAlert(alert);
    }
    return shown;
  };

  const interval = options.intervalMs ?? 30_000;
  const timer = interval > 0 ? setInterval(check, interval) : null;
  timer?.unref();

  return {
    check,
    stop: () => {
      if (timer !== null) clearInterval(timer);
    },
  };
}
