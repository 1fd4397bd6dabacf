// What package.json declares for the Marketplace, workspace trust, virtual workspaces, where the extension runs
// and where each setting may be written, checked against what the settings decide (issue 21).
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Commands, ContextKeys, Settings, Views } from '../../src/shared/ids';

const root = path.resolve(__dirname, '..', '..', '..');

interface SettingSchema {
  scope?: 'application' | 'machine' | 'machine-overridable' | 'window' | 'resource' | 'language-overridable';
  markdownDescription?: string;
  default?: unknown;
}
interface Manifest {
  icon?: string;
  galleryBanner?: { color?: string; theme?: string };
  categories?: string[];
  keywords?: string[];
  repository?: { url?: string };
  bugs?: { url?: string };
  homepage?: string;
  extensionKind?: string[];
  capabilities?: {
    untrustedWorkspaces?: { supported: boolean | 'limited'; description?: string; restrictedConfigurations?: string[] };
    virtualWorkspaces?: boolean | { supported: boolean | 'limited'; description?: string };
  };
  contributes: {
    configuration: { properties: Record<string, SettingSchema> };
    walkthroughs?: { id: string; title: string; steps: { id: string; title: string; description: string; media: { markdown?: string; image?: string }; completionEvents?: string[] }[] }[];
  };
}

/** The manifest as VS Code shows it in English: each `%key%` replaced by its text in package.nls.json. */
const nls = JSON.parse(fs.readFileSync(path.join(root, 'package.nls.json'), 'utf8')) as Record<string, string>;
const manifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'), (_key, value: unknown) =>
  typeof value === 'string' && /^%[^%]+%$/.test(value) ? (nls[value.slice(1, -1)] ?? value) : value,
) as Manifest;
const properties = manifest.contributes.configuration.properties;
/** VS Code's default scope is `window`: a workspace can set such a setting. */
const scopeOf = (setting: string) => properties[setting]?.scope ?? 'window';
const workspaceCanSet = (setting: string) => !['application', 'machine'].includes(scopeOf(setting));

describe('package.json: trust, virtual workspaces, extension kind, setting scopes', () => {
  /** The settings that decide where requests (and so the token) go, or which people are asked for. */
  const DECIDE_WHERE_REQUESTS_GO = [Settings.baseUrl, Settings.projectId];

  it('is limited in Restricted Mode, with every workspace-settable setting that steers requests restricted', () => {
    const trust = manifest.capabilities?.untrustedWorkspaces;
    assert.equal(trust?.supported, 'limited');
    assert.ok(trust.description && trust.description.length > 40, 'says what is limited');
    assert.deepEqual([...(trust.restrictedConfigurations ?? [])].sort(), [...DECIDE_WHERE_REQUESTS_GO].sort());
    for (const setting of trust.restrictedConfigurations ?? []) {
      assert.ok(properties[setting], `${setting} is restricted but not contributed`);
      assert.ok(workspaceCanSet(setting), `${setting} cannot be set by a workspace: restricting it says nothing`);
    }
  });

  it('keeps the CA files out of workspaces: a machine setting, whose description says where it goes in a remote window', () => {
    assert.equal(scopeOf(Settings.caCertificates), 'machine');
    assert.match(properties[Settings.caCertificates]?.markdownDescription ?? '', /Remote settings/);
  });

  it('lets only the user decide whether the Teammates list is kept on disk (an application setting, on by default)', () => {
    assert.equal(scopeOf(Settings.teammatesRememberList), 'application');
    assert.equal(properties[Settings.teammatesRememberList]?.default, true);
  });

  it('reads the base URL wherever a user writes it, User settings included in a remote window (scope window)', () => {
    assert.equal(scopeOf(Settings.baseUrl), 'window');
    assert.match(properties[Settings.baseUrl]?.markdownDescription ?? '', /Restricted Mode/);
    assert.match(properties[Settings.projectId]?.markdownDescription ?? '', /Restricted Mode/);
  });

  it('declares virtual workspaces as limited (git history needs files on disk) and runs where the workspace is', () => {
    const virtual = manifest.capabilities?.virtualWorkspaces;
    assert.ok(typeof virtual === 'object' && virtual.supported === 'limited' && (virtual.description ?? '').includes('git'));
    // The git extension's API, which "People in this file" uses, lives in the workspace's extension host.
    assert.deepEqual(manifest.extensionKind, ['workspace']);
  });
});

describe('package.json: Marketplace metadata', () => {
  /** The Marketplace's categories (vsce refuses others). */
  const CATEGORIES = ['Programming Languages', 'Snippets', 'Linters', 'Themes', 'Debuggers', 'Formatters', 'Keymaps', 'SCM Providers', 'Other', 'Extension Packs', 'Language Packs', 'Data Science', 'Machine Learning', 'Visualization', 'Notebooks', 'Education', 'Testing', 'AI', 'Chat'];

  it('has a 128 px PNG icon (the Marketplace shows 128 × 128) and a banner colour', () => {
    assert.equal(manifest.icon, 'media/icon.png');
    const png = fs.readFileSync(path.join(root, manifest.icon));
    assert.equal(png.subarray(1, 4).toString('latin1'), 'PNG');
    assert.deepEqual([png.readUInt32BE(16), png.readUInt32BE(20)], [128, 128], 'width and height in the IHDR chunk');
    assert.match(manifest.galleryBanner?.color ?? '', /^#[0-9a-f]{6}$/i);
    assert.ok(['dark', 'light'].includes(manifest.galleryBanner?.theme ?? ''));
  });

  it('names real categories, at most 30 keywords, and where the code, the issues and the home page are', () => {
    assert.ok((manifest.categories ?? []).length > 0 && (manifest.categories ?? []).every((category) => CATEGORIES.includes(category)), String(manifest.categories));
    assert.ok((manifest.keywords ?? []).length > 0 && (manifest.keywords ?? []).length <= 30);
    for (const url of [manifest.repository?.url, manifest.bugs?.url, manifest.homepage]) {
      assert.match(url ?? '', /^https:\/\/github\.com\/kantata-teammates\/kantata-teammates/);
    }
  });
});

describe('package.json: the getting-started walkthrough', () => {
  const [walkthrough, ...others] = manifest.contributes.walkthroughs ?? [];
  const commands = new Set<string>(Object.values(Commands));

  it('has four steps, sign in to team availability, each completed by the real event', () => {
    assert.equal(others.length, 0);
    assert.deepEqual(walkthrough?.steps.map((step) => [step.id, step.completionEvents]), [
      ['signIn', [`onContext:${ContextKeys.signedIn}`]],
      ['browse', [`onView:${Views.teammates}`]],
      ['capacity', [`onCommand:${Commands.showMyCapacity}`]],
      ['availability', [`onCommand:${Commands.showTeamAvailability}`]],
    ]);
  });

  it('links only commands the extension contributes (or its view\'s focus), and shows media that exist', () => {
    for (const step of walkthrough?.steps ?? []) {
      const links = [...step.description.matchAll(/\(command:([\w.]+)\)/g)].map((match) => match[1] as string);
      assert.ok(links.length > 0, `${step.id} has a button`);
      for (const command of links) {
        assert.ok(commands.has(command) || command === `${Views.teammates}.focus`, `${step.id} links ${command}`);
      }
      const media = step.media.markdown ?? step.media.image ?? '';
      assert.ok(fs.existsSync(path.join(root, media)), `${step.id}: ${media}`);
    }
  });
});
