// How the queue writes ages, SLA countdowns and due times.
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/**
 * A duration in the two largest units that matter to a dispatcher:
 * "3 d 4 h", "5 h 12 min", "7 min"; under a minute reads "< 1 min".
 */
export function formatDuration(ms: number): string {
  const total = Math.max(0, ms);
  if (total < MINUTE) return '< 1 min';

  const days = Math.floor(total / DAY);
  const hours = Math.floor((total % DAY) / HOUR);
  const minutes = Math.floor((total % HOUR) / MINUTE);

  if (days > 0) return hours > 0 ? `${days} d ${hours} h` : `${days} d`;
  if (hours > 0)
    return minutes > 0 ? `${hours} h ${minutes} min` : `${hours} h`;

  return `${minutes} min`;
}

/** "in 2 h 5 min" before the due time, "3 d 4 h late" after it. */
export function formatCountdown(dueAt: number, now: number): string {
  const left = dueAt - now;

  return left > 0
    ? `in ${formatDuration(left)}`
    : `${formatDuration(-left)} late`;
}

/**
 * The due time: clock time when due today, else month and day too. The
 * time zone is the dispatcher's own unless given (tests pin one).
 */
export function formatDueTime(
  dueAt: number,
  now: number,
  timeZone?: string,
): string {
  const day = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  });
  const sameDay = day.format(dueAt) === day.format(now);

  return new Intl.DateTimeFormat('en-US', {
    timeZone,
    ...(sameDay ? {} : { month: 'short', day: 'numeric' }),
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(dueAt);
}
