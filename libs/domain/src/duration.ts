// Only fixed-length units: a year or a month has no fixed length in milliseconds, so
// P1M would make deadlines depend on the calendar. A day is 24 h (all times are UTC).
// Not tinyduration (a dependency): its pattern is unanchored ("P3Dxyz" parses) and allows Y, M and signs.
const ISO_DURATION = /^P(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?)?$/;

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const WEEK = 7 * DAY;

/** Milliseconds in an ISO 8601 duration made of W, D, H, M, S (decimal seconds allowed); throws on anything else. */
export function parseDuration(iso: string): number {
  const match = ISO_DURATION.exec(iso);
  // The pattern also matches "P", "PT" and "P1DT", which name no amount at all.
  if (!match || iso.endsWith('T') || match.slice(1).every((part) => part === undefined)) {
    throw new Error(`invalid duration "${iso}": expected ISO 8601 such as P3D, PT2H, PT0.5S or P1DT2H (no years or months)`);
  }
  const [weeks, days, hours, minutes, seconds] = match.slice(1).map((part) => Number(part ?? 0));
  return Math.round(weeks * WEEK + days * DAY + hours * HOUR + minutes * MINUTE + seconds * SECOND);
}

export function addDuration(date: Date, iso: string): Date {
  return new Date(date.getTime() + parseDuration(iso));
}

// Calendar periods (DOMAIN.md "Supplier standing": the eligibility period is calendar months back from now).
// Only for that: a deadline never depends on the calendar.
const CALENDAR_PERIOD = /^P(?:(\d+)Y)?(?:(\d+)M)?$/;

/** Whole months in `P6M`, `P1Y`, `P1Y6M`; throws on anything else (days and times included). */
export function parseCalendarPeriod(iso: string): { months: number } {
  const match = CALENDAR_PERIOD.exec(iso);
  const months = match ? Number(match[1] ?? 0) * 12 + Number(match[2] ?? 0) : 0;
  if (!match || months === 0) throw new Error(`invalid calendar period "${iso}": expected whole months or years such as P6M, P1Y or P1Y6M`);
  return { months };
}

/**
 * The same time of day `period` calendar months before `date`, in UTC. A day the earlier month does not have
 * becomes its last day: 31 August minus six months is 28 (or 29) February.
 */
export function calendarPeriodBefore(date: Date, period: string): Date {
  const { months } = parseCalendarPeriod(period);
  const target = date.getUTCFullYear() * 12 + date.getUTCMonth() - months;
  const year = Math.floor(target / 12);
  const month = target - year * 12;
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  const shifted = new Date(date.getTime());
  shifted.setUTCFullYear(year, month, Math.min(date.getUTCDate(), lastDay));
  return shifted;
}
