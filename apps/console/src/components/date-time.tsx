import { formatDate, formatLocal, formatUtc } from '../lib/time';

/** A moment in the viewer's time zone, with the UTC time on hover. */
export function DateTime({ iso, dateOnly = false }: { iso: string; dateOnly?: boolean }) {
  return (
    <time dateTime={iso} title={formatUtc(iso)}>
      {dateOnly ? formatDate(iso) : formatLocal(iso)}
    </time>
  );
}
