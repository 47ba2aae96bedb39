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

/** The formats formatDueTime uses, in one time zone. */
type DueFormats = {
  day: Intl.DateTimeFormat;
  time: Intl.DateTimeFormat;
  dayAndTime: Intl.DateTimeFormat;
};

// Making a format costs far more than using one, and the queue writes a
// due time for every visible row at every render: one set per time zone.
const dueFormats = new Map<string, DueFormats>();

function dueFormatsIn(timeZone: string | undefined): DueFormats {
  const key = timeZone ?? '';
  let formats = dueFormats.get(key);
  if (formats === undefined) {
    const clock = {
      timeZone,
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    } as const;
    formats = {
      day: new Intl.DateTimeFormat('en-CA', {
        timeZone,
        year: 'numeric',
        month: '2-digit',
        day: '2-digit',
      }),
      time: new Intl.DateTimeFormat('en-US', clock),
      dayAndTime: new Intl.DateTimeFormat('en-US', {
        ...clock,
        month: 'short',
        day: 'numeric',
      }),
    };
    dueFormats.set(key, formats);
  }
  return formats;
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
  const formats = dueFormatsIn(timeZone);
  const sameDay = formats.day.format(dueAt) === formats.day.format(now);

  return (sameDay ? formats.time : formats.dayAndTime).format(dueAt);
}
