/** A rate the API gives as a fraction (0 to 1), as people read it: `0.3333` → "33.3 %", `0.05` → "5 %". */
export function formatPercent(fraction: number, locale?: string): string {
  return `${(Math.round(fraction * 1000) / 10).toLocaleString(locale)} %`;
}
