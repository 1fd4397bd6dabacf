/**
 * A page's side of the display language: reads what the extension wrote into the page (pageHtml) and makes
 * it the page's, so the page's `l10n.t` and formatters say what the extension would. Runs first in each
 * page's script, before anything is rendered.
 */
import type { l10nJsonFormat } from '@vscode/l10n';
import { useDisplayLanguage } from './displayLanguage';

/** `lang`: the page's `<html lang>`; `bundleJson`: its `<body data-l10n>`, absent in English. */
export function usePageLanguage(lang: string, bundleJson: string | undefined): void {
  useDisplayLanguage(lang || undefined, readBundle(bundleJson));
}

function readBundle(json: string | undefined): l10nJsonFormat | undefined {
  if (!json) {
    return undefined;
  }
  try {
    const bundle: unknown = JSON.parse(json);
    return typeof bundle === 'object' && bundle !== null ? (bundle as l10nJsonFormat) : undefined;
  } catch {
    return undefined;
  }
}
