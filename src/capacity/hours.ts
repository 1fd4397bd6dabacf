/** Hour amounts as the capacity view shows them. Pure: no `vscode`, no DOM. */

/**
 * Hours to two decimals, so sums of binary fractions read as the user expects (7.999999999 → 8,
 * 0.1 + 0.2 → 0.3). Two decimals keep every quarter and tenth of an hour Kantata may report.
 */
export function roundHours(hours: number): number {
  // `+ 0` turns -0 (from rounding a tiny negative) into 0, which would otherwise print as "-0".
  return Math.round(hours * 100) / 100 + 0;
}

const formats = new Map<string, Intl.NumberFormat>();

/**
 * `7.5 h`, `0 h`, `1,234.25 h`: at most two decimals, grouped the way `locale` writes numbers
 * (the runtime's default locale when omitted; tests pass one so they do not depend on the machine).
 */
export function formatHours(hours: number, locale?: string): string {
  const key = locale ?? '';
  let format = formats.get(key);
  if (!format) {
    format = new Intl.NumberFormat(locale, { maximumFractionDigits: 2 });
    formats.set(key, format);
  }
  return `${format.format(roundHours(hours))} h`;
}
