const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** green while there is time, amber within the last 24 hours, red once the deadline has passed. */
export type CountdownTone = 'ok' | 'soon' | 'overdue';

export function countdownTone(msLeft: number): CountdownTone {
  if (msLeft < 0) return 'overdue';
  return msLeft < DAY ? 'soon' : 'ok';
}

// Amber is a yellow dark text reads on; red and green in shades white text reads on (WCAG AA).
export const TONE_COLOR: Record<CountdownTone, string> = { ok: 'green.9', soon: 'yellow.5', overdue: 'red.9' };

/**
 * The time left, as people read it at a glance: `2 d 4 h`, `5 h 12 min`, `12 min 30 s`; negative once
 * overdue (`−1 h 5 min`). Two units at most: more precision than that is noise for a deadline.
 */
export function formatCountdown(msLeft: number): string {
  const sign = msLeft < 0 ? '−' : '';
  const ms = Math.abs(msLeft);
  const days = Math.floor(ms / DAY);
  const hours = Math.floor((ms % DAY) / HOUR);
  const minutes = Math.floor((ms % HOUR) / MINUTE);
  const seconds = Math.floor((ms % MINUTE) / 1000);
  if (days) return `${sign}${days} d ${hours} h`;
  if (hours) return `${sign}${hours} h ${minutes} min`;
  return `${sign}${minutes} min ${seconds} s`;
}

/** The sentence beside the countdown: `due in 5 h 12 min`, `overdue by 1 h 5 min`. */
export function describeCountdown(msLeft: number): string {
  return msLeft < 0 ? `overdue by ${formatCountdown(-msLeft)}` : `due in ${formatCountdown(msLeft)}`;
}
