// The case's policy and the API speak ISO 8601 durations (P3D, PT2H, P1DT12H); people read words.
const ISO_DURATION = /^P(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?)?$/;
const UNITS = ['week', 'day', 'hour', 'minute', 'second'] as const;

/**
 * A duration in words, in the units it was written in: `P3D` → "3 days", `PT24H` → "24 hours", `P1DT12H` →
 * "1 day 12 hours". Text that is not such a duration is returned as it is rather than hidden.
 */
export function describeDuration(iso: string): string {
  const match = ISO_DURATION.exec(iso);
  if (!match || iso.endsWith('T')) return iso;
  const parts = match.slice(1).flatMap((amount, i) => (amount === undefined || Number(amount) === 0 ? [] : [`${amount} ${UNITS[i]}${Number(amount) === 1 ? '' : 's'}`]));
  return parts.length ? parts.join(' ') : 'no time';
}

/** A list read as a sentence: "24 hours, 2 hours and 30 minutes". */
export function joinWords(words: string[]): string {
  return words.length < 2 ? (words[0] ?? '') : `${words.slice(0, -1).join(', ')} and ${words[words.length - 1]}`;
}

/**
 * A time the API gives in hours (a median first response, say), in words: "under a minute", "25 min", "5 h 15 min",
 * "3 d 2 h"; "none yet" when there is nothing to measure (null).
 */
export function describeHours(hours: number | null): string {
  if (hours === null) return 'none yet';
  if (hours * 60 < 1) return 'under a minute';
  const minutes = Math.round(hours * 60);
  if (minutes < 60) return `${minutes} min`;
  const [d, h, m] = [Math.floor(minutes / 1440), Math.floor((minutes % 1440) / 60), minutes % 60];
  if (d) return h ? `${d} d ${h} h` : `${d} d`;
  return m ? `${h} h ${m} min` : `${h} h`;
}
