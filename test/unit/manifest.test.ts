// src/shared/ids.ts against package.json, both ways: what the code names is what the manifest declares.
// (That every contributed command is registered at run time is checked in the extension host:
// test/integration/extension.test.ts.)
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Remedy } from '../../src/kantata/errors';
import {
  AUTHENTICATION_PROVIDER_ID,
  Commands,
  ContextKeys,
  PROFILE_WEBVIEW_TYPE,
  Settings,
  TreeItemContexts,
  Views,
} from '../../src/shared/ids';

const root = path.resolve(__dirname, '..', '..', '..');

interface Manifest {
  activationEvents: string[];
  contributes: {
    authentication: { id: string }[];
    commands: { command: string }[];
    menus: Record<string, { command?: string; submenu?: string; when?: string }[]>;
    submenus: { id: string }[];
    views: Record<string, { id: string }[]>;
    viewsContainers: { activitybar: { id: string }[] };
    viewsWelcome: { view: string; when?: string }[];
    configuration: { properties: Record<string, unknown> };
  };
}

const manifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as Manifest;
const contributes = manifest.contributes;
const sorted = (values: Iterable<string>) => [...new Set(values)].sort();
/** Every `when` clause of the manifest. */
const whenClauses = [...Object.values(contributes.menus).flat(), ...contributes.viewsWelcome].flatMap(({ when }) => (when ? [when] : []));
const REMEDIES: readonly Remedy[] = ['retry', 'signIn', 'openSettings'];

/** The .ts files under src/, with their text. */
function sources(dir = path.join(root, 'src')): { file: string; text: string }[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      return sources(full);
    }
    return entry.name.endsWith('.ts') ? [{ file: path.relative(root, full), text: fs.readFileSync(full, 'utf8') }] : [];
  });
}

describe('ids module and package.json', () => {
  it('the same commands on both sides', () => {
    assert.deepEqual(sorted(Object.values(Commands)), sorted(contributes.commands.map(({ command }) => command)));
  });

  it('menus name only contributed commands and submenus', () => {
    const commands = new Set<string>(Object.values(Commands));
    const submenus = new Set(contributes.submenus.map(({ id }) => id));
    for (const [menu, items] of Object.entries(contributes.menus)) {
      if (!['commandPalette', 'view/title', 'view/item/context', 'editor/title', 'editor/title/context', 'editor/context', 'explorer/context'].includes(menu)) {
        assert.ok(submenus.has(menu), `menu ${menu} is no submenu`);
      }
      for (const item of items) {
        assert.ok(item.command ? commands.has(item.command) : submenus.has(item.submenu ?? ''), `${menu}: ${JSON.stringify(item)}`);
      }
    }
    assert.deepEqual(sorted(submenus), [Views.groupByMenu]);
  });

  it('the same views, container, authentication provider and settings', () => {
    assert.deepEqual(contributes.viewsContainers.activitybar.map(({ id }) => id), [Views.container]);
    assert.deepEqual(contributes.views[Views.container]?.map(({ id }) => id), [Views.teammates, Views.filePeople]);
    assert.deepEqual(contributes.authentication.map(({ id }) => id), [AUTHENTICATION_PROVIDER_ID]);
    assert.deepEqual(sorted(Object.values(Settings)), sorted(Object.keys(contributes.configuration.properties)));
    assert.ok(manifest.activationEvents.includes(`onWebviewPanel:${PROFILE_WEBVIEW_TYPE}`), 'the profile panel is not restored after a reload');
  });

  it('every name a `when` clause reads is one the code sets', () => {
    const contextKeys = new Set<string>(Object.values(ContextKeys));
    const settings = new Set<string>(Object.values(Settings));
    const views = new Set<string>([Views.teammates, Views.filePeople]);
    // VS Code's own context keys that the menus read, with the values they are compared with.
    const builtIn = new Set(['resourceScheme', 'explorerResourceIsFolder', 'activeWebviewPanelId']);
    const itemWords = new Set<string>([
      TreeItemContexts.group,
      TreeItemContexts.user,
      TreeItemContexts.userWithEmail,
      TreeItemContexts.loadMore,
      TreeItemContexts.notice,
      ...REMEDIES.map((remedy) => `${TreeItemContexts.remedyPrefix}${remedy}`),
    ]);
    const unknown: string[] = [];
    for (const clause of whenClauses) {
      // `viewItem =~ /\bword\b/` (a word of the item's contextValue), `view == id`, `config.setting`, a context key.
      const rest = clause
        .replace(/viewItem =~ \/\\b([\w.\\]+?)\\b\//g, (_, word: string) => (itemWords.has(word.replace(/\\\./g, '.')) ? '' : (unknown.push(`viewItem ${word}`), '')))
        .replace(/view == ([\w.]+)/g, (_, view: string) => (views.has(view) ? '' : (unknown.push(`view ${view}`), '')))
        .replace(/config\.([\w.]+) [!=]= \w+/g, (_, setting: string) => (settings.has(setting) ? '' : (unknown.push(`setting ${setting}`), '')))
        // `key == value`: the value is no name to check.
        .replace(/([\w.]+) [!=]= [\w.]+/g, (_, key: string) => key);
      for (const key of rest.match(/[A-Za-z][\w.]*/g) ?? []) {
        if (key !== 'false' && !contextKeys.has(key) && !builtIn.has(key)) {
          unknown.push(`context key ${key} (in "${clause}")`);
        }
      }
    }
    assert.deepEqual(unknown, []);
    // And each context key is set by the code (with setContext), each one read by some clause.
    const text = sources().map(({ text }) => text).join('\n');
    for (const [name, key] of Object.entries(ContextKeys)) {
      assert.match(text, new RegExp(`'setContext', ContextKeys\\.${name}\\b`), `nothing sets ${key}`);
      assert.ok(whenClauses.some((clause) => clause.includes(key)), `no when clause reads ${key}`);
    }
  });

  it('no kantata.* id is written as a string outside src/shared/ids.ts (comments aside)', () => {
    const offenders = sources()
      .filter(({ file }) => file !== path.join('src', 'shared', 'ids.ts'))
      .flatMap(({ file, text }) =>
        text
          .split('\n')
          .map((line, index) => ({ line, where: `${file}:${index + 1}` }))
          .filter(({ line }) => !/^\s*(\/\/|\*|\/\*)/.test(line) && /(^|[\s'"`(])kantata\.[A-Za-z]|['"`]kantata['"`]/.test(line)),
      )
      .map(({ line, where }) => `${where}: ${line.trim()}`);
    assert.deepEqual(offenders, []);
  });
});
