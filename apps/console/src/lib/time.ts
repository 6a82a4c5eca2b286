// Formatters are costly to make and cheap to use: one of each, kept (a case page shows hundreds of times).
const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(locale: string | undefined, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${locale ?? ''}|${JSON.stringify(options)}`;
  let format = formatters.get(key);
  if (!format) formatters.set(key, (format = new Intl.DateTimeFormat(locale, options)));
  return format;
}

/** A moment in the viewer's own time zone, as people read dates: `3 Dec 2030, 14:05`. */
export function formatLocal(iso: string, locale?: string): string {
  return formatter(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso));
}

/** The same moment in UTC, for the hover text: `2030-12-03 13:05 UTC`. */
export function formatUtc(iso: string): string {
  return `${new Date(iso).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

export function formatDate(iso: string, locale?: string): string {
  return formatter(locale, { dateStyle: 'medium' }).format(new Date(iso));
}
