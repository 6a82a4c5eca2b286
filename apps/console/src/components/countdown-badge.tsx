import { Badge } from '@mantine/core';
import { countdownTone, describeCountdown, TONE_COLOR } from '../lib/countdown';
import { useNow } from '../lib/use-now';
import { DateTime } from './date-time';

/** A live countdown to a deadline: green, amber in the last 24 hours, red and negative once it has passed. */
export function CountdownBadge({ dueAt, withDate = false }: { dueAt: string; withDate?: boolean }) {
  const now = useNow();
  const left = new Date(dueAt).getTime() - now;
  const tone = countdownTone(left);
  return (
    <span style={{ display: 'inline-flex', gap: 8, alignItems: 'center', flexWrap: 'wrap' }}>
      <Badge color={TONE_COLOR[tone]} variant={tone === 'ok' ? 'light' : 'filled'} data-tone={tone} styles={{ label: { textTransform: 'none' } }}>
        {describeCountdown(left)}
      </Badge>
      {withDate && (
        <span style={{ fontSize: 'var(--mantine-font-size-sm)' }}>
          (<DateTime iso={dueAt} />)
        </span>
      )}
    </span>
  );
}
