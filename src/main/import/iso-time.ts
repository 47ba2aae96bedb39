// An ISO-8601 date-time with an explicit zone: what both the Boston export
// and Open311 GeoReport v2 use. Date.parse alone would also take "3/4/15"
// or a zone-less time read as local time, so the shape is checked first.
const ISO_DATE_TIME =
  /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-]\d{2}:?\d{2})$/;

/** Epoch ms for an ISO-8601 date-time with zone; null if it is not one. */
export function parseIsoDateTime(text: string): number | null {
  const match = ISO_DATE_TIME.exec(text.trim());
  if (match === null) return null;

  const [, year, month, day, hour, minute] = match.map(Number);
  const second = Number(match[6] ?? 0);
  if (
    year === undefined ||
    month === undefined ||
    day === undefined ||
    hour === undefined ||
    minute === undefined
  ) {
    return null;
  }

  // Reject dates that do not exist (2015-02-30) instead of rolling over.
  const wallClock = new Date(Date.UTC(year, month - 1, day));
  if (
    wallClock.getUTCMonth() !== month - 1 ||
    wallClock.getUTCDate() !== day ||
    hour > 23 ||
    minute > 59 ||
    second > 59
  ) {
    return null;
  }

  const epochMs = Date.parse(text.trim().replace(' ', 'T'));

  return Number.isFinite(epochMs) ? epochMs : null;
}
