// Every string a user reads is translatable and translated (issue 21): the manifest's through package.nls.json,
// the code's through `l10n.t` (exported by `npm run l10n` into l10n/bundle.l10n.json), the walkthrough's pages
// as `<page>.nls.<language>.md`. Each test fails naming what is missing, so a new English string without its
// German fails the suite.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { getL10nJson } from '@vscode/l10n-dev';

const root = path.resolve(__dirname, '..', '..', '..');
/** The languages shipped besides English (the code's own). */
const LANGUAGES = ['de'];

type Bundle = Record<string, string | { message: string; comment: string[] }>;
const readJson = <T>(file: string): T => JSON.parse(fs.readFileSync(path.join(root, file), 'utf8')) as T;
const messageOf = (value: Bundle[string]): string => (typeof value === 'string' ? value : value.message);
/** `{0}`, `{1}`, `{name}`: what a translation must keep, in any order. */
const placeholders = (text: string): string[] => [...new Set(text.match(/\{[^{}\s]+\}/g) ?? [])].sort();
/** Command links, settings links and web links in Markdown: a translation keeps their targets. */
const linkTargets = (text: string): string[] => [...text.matchAll(/\]\(([^)]+)\)/g)].map((match) => match[1] ?? '').sort();

/**
 * Strings that read the same in German: names, and words German takes from English. Any other German string
 * equal to its English is taken for one not yet translated.
 */
const SAME_IN_GERMAN = new Set(['Kantata', 'Kantata Teammates', 'Kantata OX', 'Token', 'Sandbox', 'Name', 'Skills', 'Skill', 'Details', 'Website', 'Status', 'E-Mail', 'Manager', 'Markdown', 'CSV', 'OK', '{0}']);

function sourceFiles(folder: string): string[] {
  return fs.readdirSync(path.join(root, folder), { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.ts'))
    .map((entry) => path.join(entry.parentPath, entry.name));
}

function checkTranslation(english: Bundle, translated: Bundle, language: string, file: string): void {
  const missing = Object.keys(english).filter((key) => !(key in translated));
  const extra = Object.keys(translated).filter((key) => !(key in english));
  assert.deepEqual(missing, [], `${file} lacks ${missing.length} strings (translate them): ${missing.slice(0, 20).join(' | ')}`);
  assert.deepEqual(extra, [], `${file} has strings the English no longer has (remove them): ${extra.slice(0, 20).join(' | ')}`);
  for (const [key, value] of Object.entries(english)) {
    const source = messageOf(value);
    const target = messageOf(translated[key] ?? '');
    assert.ok(target.trim() !== '', `${file}: "${key}" is empty`);
    assert.deepEqual(placeholders(target), placeholders(source), `${file}: "${key}" must keep the placeholders ${placeholders(source).join(' ') || '(none)'}`);
    assert.deepEqual(linkTargets(target), linkTargets(source), `${file}: "${key}" must keep its links`);
    if (language === 'de' && target === source && !SAME_IN_GERMAN.has(source)) {
      assert.fail(`${file}: "${key}" is still English`);
    }
  }
}

describe('localization', () => {
  describe('the code: l10n.t and vscode.l10n.t', () => {
    it('l10n/bundle.l10n.json holds exactly the strings in src/ (run `npm run l10n` after changing one)', async () => {
      const files = sourceFiles('src').map((file) => ({ extension: path.extname(file), contents: fs.readFileSync(file, 'utf8') }));
      const exported = await getL10nJson(files);
      const committed = readJson<Bundle>('l10n/bundle.l10n.json');
      assert.deepEqual(Object.keys(committed).sort(), Object.keys(exported).sort());
      assert.ok(Object.keys(exported).length > 100, `only ${Object.keys(exported).length} strings found in src/`);
    });

    it('writes messages with their own characters, never \\u escapes (the exporter misreads them: its key would never match)', () => {
      const escaped = sourceFiles('src').flatMap((file) =>
        [...fs.readFileSync(file, 'utf8').matchAll(/(?:l10n\.t\(\s*|message:\s*)(['"])((?:(?!\1)[^\\]|\\.)*)\1/g)]
          .filter((match) => /\\u[0-9a-fA-F{]/.test(match[2] ?? ''))
          .map((match) => `${path.relative(root, file)}: ${match[2]}`),
      );
      assert.deepEqual(escaped, []);
    });

    for (const language of LANGUAGES) {
      it(`l10n/bundle.l10n.${language}.json translates every one`, () => {
        checkTranslation(readJson<Bundle>('l10n/bundle.l10n.json'), readJson<Bundle>(`l10n/bundle.l10n.${language}.json`), language, `bundle.l10n.${language}.json`);
      });
    }
  });

  describe('the manifest: package.nls.json', () => {
    const manifestText = fs.readFileSync(path.join(root, 'package.json'), 'utf8');
    const nls = readJson<Bundle>('package.nls.json');

    it('names every string a user reads by a %key% that package.nls.json defines, and uses every key', () => {
      const manifest = JSON.parse(manifestText) as Record<string, unknown>;
      const visible = userVisibleStrings(manifest);
      const literal = visible.filter(({ value }) => !/^%[^%]+%$/.test(value));
      assert.deepEqual(literal.map(({ where }) => where), [], 'these manifest strings are not localized');
      const used = new Set(visible.map(({ value }) => value.slice(1, -1)));
      assert.deepEqual([...used].filter((key) => !(key in nls)), [], 'keys missing from package.nls.json');
      assert.deepEqual(Object.keys(nls).filter((key) => !used.has(key)), [], 'keys package.json no longer uses');
    });

    for (const language of LANGUAGES) {
      it(`package.nls.${language}.json translates every one`, () => {
        checkTranslation(nls, readJson<Bundle>(`package.nls.${language}.json`), language, `package.nls.${language}.json`);
      });
    }
  });

  describe("the walkthrough's pages", () => {
    const pages = fs.readdirSync(path.join(root, 'media', 'walkthrough')).filter((name) => /^[^.]+\.md$/.test(name));

    it('has pages to translate', () => assert.ok(pages.length >= 4, pages.join(', ')));

    for (const language of LANGUAGES) {
      it(`has every page in ${language} (<page>.nls.${language}.md), with the same commands and links`, () => {
        for (const page of pages) {
          const translatedFile = path.join('media', 'walkthrough', page.replace(/\.md$/, `.nls.${language}.md`));
          assert.ok(fs.existsSync(path.join(root, translatedFile)), `${translatedFile} is missing`);
          const english = fs.readFileSync(path.join(root, 'media', 'walkthrough', page), 'utf8');
          const translated = fs.readFileSync(path.join(root, translatedFile), 'utf8');
          assert.deepEqual(linkTargets(translated), linkTargets(english), `${translatedFile} must keep the links of ${page}`);
          assert.notEqual(translated, english, `${translatedFile} is still English`);
        }
      });
    }
  });
});

interface VisibleString {
  readonly where: string;
  readonly value: string;
}

/** The manifest's strings VS Code shows: names, titles, descriptions, welcome texts, the walkthrough. */
function userVisibleStrings(manifest: Record<string, unknown>): VisibleString[] {
  const found: VisibleString[] = [];
  const shown = new Set(['displayName', 'description', 'label', 'title', 'shortTitle', 'category', 'name', 'contextualTitle', 'contents', 'markdownDescription', 'patternErrorMessage', 'deprecationMessage', 'markdownDeprecationMessage', 'enumDescriptions', 'markdownEnumDescriptions', 'altText']);
  const visit = (value: unknown, where: string, key: string): void => {
    if (typeof value === 'string') {
      if (shown.has(key)) {
        found.push({ where, value });
      }
    } else if (Array.isArray(value)) {
      value.forEach((item, index) => visit(item, `${where}[${index}]`, shown.has(key) && typeof item === 'string' ? key : ''));
    } else if (typeof value === 'object' && value !== null) {
      for (const [child, item] of Object.entries(value)) {
        visit(item, `${where}.${child}`, child);
      }
    }
  };
  visit({ displayName: manifest.displayName, description: manifest.description }, 'package', '');
  visit(manifest.contributes, 'contributes', '');
  visit(manifest.capabilities, 'capabilities', '');
  return found;
}
