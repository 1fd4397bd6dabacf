// Runs a suite's tests in German, as the extension does when VS Code's display language is German: the same
// bundle the .vsix ships (l10n/bundle.l10n.de.json), set the way activate() sets it. English again after.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { useDisplayLanguage } from '../../src/locale/displayLanguage';

const root = path.resolve(__dirname, '..', '..', '..');

export function germanBundle(): Record<string, string> {
  return JSON.parse(fs.readFileSync(path.join(root, 'l10n', 'bundle.l10n.de.json'), 'utf8')) as Record<string, string>;
}

/** Call inside a `describe`: German for its tests, English again once they are done. */
export function inGerman(): void {
  before(() => useDisplayLanguage('de', germanBundle()));
  after(() => useDisplayLanguage('en', undefined));
}
