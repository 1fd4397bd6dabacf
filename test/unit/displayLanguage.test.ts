// src/locale: one display language for translations, numbers, dates and name order, in the extension and in
// its pages (which read it back from the page the extension wrote).
import * as assert from 'node:assert/strict';
import * as l10n from '@vscode/l10n';
import { compareText, displayLanguage, formatDate, formatNumber, formatTimeAgo, pageLanguage, useDisplayLanguage } from '../../src/locale/displayLanguage';
import { usePageLanguage } from '../../src/locale/pageLanguage';
import { pageHtml } from '../../src/profile/profileHtml';

const shell = { cspSource: 'vscode-webview://x', nonce: 'n0nce', script: 'void 0;', style: 'body {}', title: 'Page' };
/** What a browser's `dataset.l10n` gives for the page's body: the attribute's value, entities decoded. */
function bodyDataset(html: string): { lang: string; l10n: string | undefined } {
  const decode = (text: string) => text.replace(/&#(\d+);/g, (_match, code: string) => String.fromCharCode(Number(code)));
  const lang = /<html lang="([^"]*)">/.exec(html)?.[1] ?? '';
  const bundle = /<body[^>]* data-l10n="([^"]*)"/.exec(html)?.[1];
  return { lang: decode(lang), l10n: bundle === undefined ? undefined : decode(bundle) };
}

describe('display language (src/locale)', () => {
  afterEach(() => useDisplayLanguage('en', undefined));

  it('is English until the extension sets it, with no translations for pages to carry', () => {
    assert.equal(displayLanguage(), 'en');
    assert.deepEqual(pageLanguage(), { language: 'en', bundle: undefined });
    assert.equal(l10n.t('Retry'), 'Retry');
  });

  it('translates with the bundle it is given, and formats numbers, dates and name order for that language', () => {
    useDisplayLanguage('de', { 'Loading {0} of {1} people': '{0} von {1} Personen werden geladen' });
    assert.equal(l10n.t('Loading {0} of {1} people', formatNumber(1234), formatNumber(5000)), '1.234 von 5.000 Personen werden geladen');
    assert.equal(formatDate(new Date(Date.UTC(2027, 0, 6)), { day: 'numeric', month: 'short', timeZone: 'UTC' }), '6. Jan.');
    assert.equal(formatNumber(32.5), '32,5');
    assert.ok(compareText('Ärger', 'Zorn') < 0, 'German order puts Ä with A');
    assert.equal(l10n.t('A string with no translation yet'), 'A string with no translation yet');
  });

  it('goes back to English formats and strings when set to English again', () => {
    useDisplayLanguage('de', { Retry: 'Erneut versuchen' });
    assert.equal(formatNumber(1234.5), '1.234,5');
    useDisplayLanguage('en', undefined);
    assert.equal(formatNumber(1234.5), '1,234.5');
    assert.equal(l10n.t('Retry'), 'Retry');
  });

  it('says how long ago in whole minutes (at least one), hours, days, months or years, in the display language', () => {
    const minute = 60_000;
    const day = 24 * 60 * minute;
    assert.equal(formatTimeAgo(0), '1 minute ago');
    assert.equal(formatTimeAgo(-5 * minute), '1 minute ago', 'a clock set back is not "in 5 minutes"');
    assert.equal(formatTimeAgo(59 * minute), '59 minutes ago');
    assert.equal(formatTimeAgo(3 * 60 * minute + 59 * minute), '3 hours ago');
    assert.equal(formatTimeAgo(day), '1 day ago');
    assert.equal(formatTimeAgo(45 * day), '1 month ago');
    assert.equal(formatTimeAgo(800 * day), '2 years ago');
    useDisplayLanguage('de', undefined);
    assert.equal(formatTimeAgo(3 * 60 * minute), 'vor 3 Stunden');
  });

  it('falls back to English for a language id Intl cannot read, rather than failing', () => {
    useDisplayLanguage('not a language!', undefined);
    assert.equal(displayLanguage(), 'en');
    assert.equal(formatNumber(1000), '1,000');
  });

  describe('pages', () => {
    it('an English page says lang="en" and carries no translations', () => {
      const html = pageHtml(shell, '', '<main></main>');
      assert.deepEqual(bodyDataset(html), { lang: 'en', l10n: undefined });
    });

    it('a German page carries its language and translations, escaped, and the page reads back exactly what the extension had', () => {
      const bundle = { 'Say "{0}"': 'Sagen Sie „{0}“ <b>&amp;</b>', Retry: "Erneut versuchen'" };
      useDisplayLanguage('de', bundle);
      const html = pageHtml(shell, '', '<main></main>');
      assert.ok(!html.includes('<b>'), 'the translations are text in an attribute, never markup');
      const { lang, l10n: json } = bodyDataset(html);
      assert.equal(lang, 'de');

      useDisplayLanguage('en', undefined);
      usePageLanguage(lang, json);
      assert.equal(displayLanguage(), 'de');
      assert.equal(l10n.t('Say "{0}"', 'hallo'), 'Sagen Sie „hallo“ <b>&amp;</b>');
      assert.equal(l10n.t('Retry'), "Erneut versuchen'");
    });

    it('a page whose translations cannot be read shows English rather than failing', () => {
      usePageLanguage('de', '{not json');
      assert.equal(l10n.t('Retry'), 'Retry');
      assert.equal(displayLanguage(), 'de');
    });
  });
});
