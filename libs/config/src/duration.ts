// ISO 8601 durations limited to fixed-length units (weeks, days, hours, minutes,
// seconds): months and years have no fixed length, so a deadline built on them
// would be ambiguous.
const DURATION = /^P(?:(\d+(?:\.\d+)?)W)?(?:(\d+(?:\.\d+)?)D)?(?:T(?:(\d+(?:\.\d+)?)H)?(?:(\d+(?:\.\d+)?)M)?(?:(\d+(?:\.\d+)?)S)?)?$/;
const UNIT_MS = [7 * 86_400_000, 86_400_000, 3_600_000, 60_000, 1000];

export function durationToMs(iso: string): number {
  const match = DURATION.exec(iso);
  if (!match || iso === 'P' || iso.endsWith('T')) {
    throw new Error(`"${iso}" is not an ISO 8601 duration such as P3D, PT2H or PT5S`);
  }
  return Math.round(match.slice(1).reduce((ms, part, i) => ms + (part ? Number(part) * UNIT_MS[i] : 0), 0));
}

export function isValidDuration(iso: string): boolean {
  try {
    durationToMs(iso);
    return true;
  } catch {
    return false;
  }
}
