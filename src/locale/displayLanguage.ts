/**
 * The display language, in one place for the extension and for its pages: the translated strings that
 * `l10n.t` returns, and the locale that numbers, dates and name order follow. VS Code's display language,
 * not the machine's (the extension host's `Intl` default is the operating system's locale, which in a
 * remote window is a server's).
 *
 * Set once: by `activate()` from `vscode.env.language` and `vscode.l10n.bundle`, and by each page's script
 * from what the extension wrote into the page (see `pageLanguageAttributes`). Code below VS Code (this folder,
 * src/kantata, src/capacity, the pages) calls `l10n.t` from `@vscode/l10n`; code that has VS Code calls
 * `vscode.l10n.t`. Both read the same bundle, `l10n/bundle.l10n.<language>.json`, exported by `npm run l10n`.
 * Every `t()` is called when the text is needed, never at module load (eslint checks): modules load before
 * the bundle is set.
 */
import * as l10n from '@vscode/l10n';

/** What VS Code reports when no language pack is in use. */
export const DEFAULT_LANGUAGE = 'en';

let language = DEFAULT_LANGUAGE;
let translations: l10n.l10nJsonFormat | undefined;
const numberFormats = new Map<string, Intl.NumberFormat>();
const dateFormats = new Map<string, Intl.DateTimeFormat>();
let collator: Intl.Collator | undefined;
let relativeTimeFormat: Intl.RelativeTimeFormat | undefined;

/**
 * Makes `language` (a VS Code language id: `en`, `de`, `pt-br`, …) the one `l10n.t` and the formatters use,
 * with `bundle` its translations (`undefined` for English, whose strings are in the code).
 */
export function useDisplayLanguage(languageId: string | undefined, bundle: l10n.l10nJsonFormat | undefined): void {
  language = languageId && isLocale(languageId) ? languageId : DEFAULT_LANGUAGE;
  translations = bundle;
  l10n.config({ contents: bundle ?? {} });
  numberFormats.clear();
  dateFormats.clear();
  collator = undefined;
  relativeTimeFormat = undefined;
}

/** The display language's id, also a BCP 47 tag for `Intl` and `<html lang>`. */
export function displayLanguage(): string {
  return language;
}

/**
 * What a page needs to speak the same language (the extension writes it into the page, see pageHtml): the
 * language id and the translations, `undefined` in English.
 */
export function pageLanguage(): { readonly language: string; readonly bundle: l10n.l10nJsonFormat | undefined } {
  return { language, bundle: translations };
}

function isLocale(languageId: string): boolean {
  try {
    return Intl.getCanonicalLocales(languageId).length > 0;
  } catch {
    return false;
  }
}

/** The formatter for `options`, made once per display language (making one costs far more than using it). */
function formatterFor<T>(formats: Map<string, T>, options: object, make: () => T): T {
  const key = JSON.stringify(options);
  let format = formats.get(key);
  if (!format) {
    format = make();
    formats.set(key, format);
  }
  return format;
}

/** `1,234` in English, `1.234` in German. */
export function formatNumber(value: number, options: Intl.NumberFormatOptions = {}): string {
  return formatterFor(numberFormats, options, () => new Intl.NumberFormat(language, options)).format(value);
}

/** A date (or time) in the display language: `Jan 6` / `6. Jan.` for `{ day: 'numeric', month: 'short' }`. */
export function formatDate(value: Date, options: Intl.DateTimeFormatOptions): string {
  return formatterFor(dateFormats, options, () => new Intl.DateTimeFormat(language, options)).format(value);
}

/** Orders names as a reader of the display language expects: case and accents aside, numbers by value. */
export function compareText(a: string, b: string): number {
  collator ??= new Intl.Collator(language, { sensitivity: 'base', numeric: true });
  return collator.compare(a, b);
}

/**
 * How long ago something happened, in whole minutes (at least one), hours, days, months or years: `3 hours
 * ago` in English, `vor 3 Stunden` in German.
 */
export function formatTimeAgo(elapsedMs: number): string {
  const minutes = Math.max(1, Math.floor(elapsedMs / 60_000));
  const hours = Math.floor(minutes / 60);
  const days = Math.floor(hours / 24);
  const [value, unit]: [number, Intl.RelativeTimeFormatUnit] =
    minutes < 60 ? [minutes, 'minute'] : hours < 24 ? [hours, 'hour'] : days < 30 ? [days, 'day'] : days < 365 ? [Math.floor(days / 30), 'month'] : [Math.floor(days / 365), 'year'];
  relativeTimeFormat ??= new Intl.RelativeTimeFormat(language, { numeric: 'always' });
  return relativeTimeFormat.format(-value, unit);
}
