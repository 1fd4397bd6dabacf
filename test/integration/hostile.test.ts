// Hostile data on every surface (issue 9): every hostile string of test/sandbox/hostileStrings.ts in every user
// field the extension shows, on every surface it shows it: tree labels, descriptions, tooltips and group rows;
// QuickPick items; input boxes; notifications and progress titles; the status bar; every field of the profile
// panel (on a fake webview panel, see support/fakeWebviewPanel.ts); capacity keys and values.
//
// What "safe" means depends on what VS Code does with the string on that surface (read from VS Code 1.100's
// source): plain labels show text as it is; QuickPick items, the status bar and input-box messages turn
// `$(name)` into icons; notifications and input-box messages turn `[label](command:…)` into links that run
// commands; tooltips are Markdown. Each cell checks that the string comes out as the same visible text, with no
// icon, link, Markdown or HTML made from it. The suite prints the matrix size and how many cells passed.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { TeammatePickLike } from './support/hostileModel';
import { linksIn, markdownTooltipProblems, sameOrClipped, visibleIconLabel, visibleMessage } from './support/hostileModel';
import type { KantataTestApi } from '../../src/testApi';
import type { TeammateNode } from '../../src/teammates/teammateNodes';
import { accountStatusBarContent } from '../../src/accounts/accountStatusBarItem';
import { HOSTILE_STRINGS, hostileUserId, managedByHostile, type HostileString } from '../sandbox/hostileStrings';
import { Sandbox, startSandbox } from '../sandbox/server';
import { activateExtension, waitFor } from './support/extensionUnderTest';
import { openFakeProfile, waitForSent } from './support/fakeWebviewPanel';
import { rowOf, waitForGrouping } from './support/teammatesRows';
import type { GroupBy } from '../../src/teammates/teammateGrouping';
import { ExtensionHostLog } from './support/hostHealth';
import { ScriptedTokenPrompt } from './support/scriptedTokenPrompt';
import { afterLoad, signInTo, signOutAndReset } from './support/signedIn';
import { recordWindow, type WindowRecording } from './support/windowRecorder';

interface Cell {
  readonly surface: string;
  readonly field: string;
  readonly string: string;
  readonly problem?: string;
}

describe('hostile data on every surface', function () {
  this.timeout(60_000);
  let api: KantataTestApi;
  let sandbox: Sandbox;
  let hostLog: ExtensionHostLog;
  const cells: Cell[] = [];

  /** Records one cell: `problem` undefined means it passed. */
  const cell = (surface: string, field: string, hostile: HostileString, problem?: string | false): void => {
    cells.push({ surface, field, string: hostile.name, problem: problem || undefined });
  };
  /** Fails the current test with every failed cell of `surface`. */
  const assertSurface = (surface: string): void => {
    const own = cells.filter((entry) => entry.surface === surface);
    assert.ok(own.length > 0, `no cells for ${surface}`);
    const failed = own.filter((entry) => entry.problem);
    assert.equal(failed.length, 0, `${failed.length} of ${own.length} cells failed on ${surface}:\n${failed.map((entry) => `  ${entry.field} × ${entry.string}: ${entry.problem}`).join('\n')}`);
  };
  const each = (run: (hostile: HostileString, index: number, id: string) => void): void => HOSTILE_STRINGS.forEach((hostile, index) => run(hostile, index, hostileUserId(index)));
  const userNode = (id: string): TeammateNode => {
    const node = rowOf(api, id);
    assert.ok(node, `user ${id} is not in the tree`);
    return node;
  };
  const item = (node: TeammateNode) => api.teammatesTree.item(node);
  const groupBy = async (command: string, value: GroupBy): Promise<void> => {
    await vscode.commands.executeCommand(command);
    await waitForGrouping(api, value);
  };
  /** Plain text surfaces (tree labels, webview text, tab titles) show the string as it is. */
  const plain = (shown: unknown, expected: string): string | undefined =>
    typeof shown !== 'string' ? `not text: ${String(shown)}` : sameOrClipped(shown, expected) ? undefined : `shows ${JSON.stringify(shown.slice(0, 80))}`;

  before(async () => {
    api = await activateExtension();
    hostLog = ExtensionHostLog.open(api);
    sandbox = await startSandbox({ hostile: true });
    await afterLoad(api, () => signInTo(api, sandbox));
    assert.equal(api.teammates.users?.filter((user) => Number(user.id) >= Number(hostileUserId(0))).length, HOSTILE_STRINGS.length);
  });

  after(async () => {
    api.setUserEditPrompts(undefined);
    await signOutAndReset(api);
    await sandbox.close();
    const surfaces = [...new Set(cells.map((entry) => entry.surface))];
    const width = Math.max(...surfaces.map((surface) => surface.length));
    console.log(`\n      hostile-data matrix: ${HOSTILE_STRINGS.length} strings × fields × surfaces = ${cells.length} cells, ${cells.filter((entry) => !entry.problem).length} passed`);
    for (const surface of surfaces) {
      const own = cells.filter((entry) => entry.surface === surface);
      const fields = [...new Set(own.map((entry) => entry.field))];
      console.log(`        ${surface.padEnd(width)}  ${String(own.filter((entry) => !entry.problem).length).padStart(4)}/${String(own.length).padEnd(4)} ${fields.join(', ')}`);
    }
    await hostLog.assertNoProblems();
  });

  it('the Teammates tree: labels and descriptions as text, tooltips without Markdown, HTML or icons from the data', () => {
    each((hostile, index, id) => {
      const row = item(userNode(id));
      cell('tree row', 'label: full name', hostile, plain(row.label, hostile.text));
      cell('tree row', 'description: headline', hostile, plain(row.description, hostile.text));
      cell('tree row', 'accessible name', hostile, row.accessibilityInformation?.label.startsWith(hostile.text) ? undefined : 'the name is not read out as it is');
      const tooltip = row.tooltip;
      if (!(tooltip instanceof vscode.MarkdownString)) {
        cell('tree tooltip', 'all fields', hostile, `not Markdown: ${typeof tooltip}`);
        return;
      }
      const problems = markdownTooltipProblems(tooltip, [hostile.text, hostile.text, hostile.text, hostile.text]);
      for (const [field, problem] of [['full name', problems[0]], ['headline', problems[1]], ['email', problems[2]], ['role', problems[3]]] as const) {
        cell('tree tooltip', field, hostile, problem ?? problems.whole);
      }
      void index;
    });
    assertSurface('tree row');
    assertSurface('tree tooltip');
  });

  it('the Teammates tree: group rows named by role, country and classification show them as text', async () => {
    try {
      const check = (field: string, key: (hostile: HostileString, index: number) => string) => {
        const groups = api.teammatesTree.roots();
        each((hostile, index) => {
          const group = groups.find((node) => node.kind === 'group' && node.group.key === key(hostile, index));
          cell('tree group row', field, hostile, group ? plain(item(group).label, hostile.text) : 'no group');
        });
      };
      check('role', (_hostile, index) => `role:${9001 + index}`);
      await groupBy('kantata.teammates.groupByCountry', 'country');
      check('country', (hostile) => `country:${hostile.text}`);
      await groupBy('kantata.teammates.groupByClassification', 'classification');
      check('classification', (hostile) => `classification:${hostile.text}`);
    } finally {
      await groupBy('kantata.teammates.groupByRole', 'role');
    }
    assertSurface('tree group row');
  });

  it('Find Teammate: QuickPick items render no icons from the data', async () => {
    const recording = recordWindow();
    try {
      const picked = vscode.commands.executeCommand('kantata.findTeammate');
      await waitFor(() => (recording.createdQuickPicks[0]?.items.length ?? 0) >= HOSTILE_STRINGS.length, 'the picker to fill');
      const picker = recording.createdQuickPicks[0] as vscode.QuickPick<TeammatePickLike>;
      each((hostile, _index, id) => {
        const pick = picker.items.find((candidate) => candidate.user.id === id);
        if (!pick) {
          cell('Find Teammate item', 'all fields', hostile, 'missing');
          return;
        }
        const label = visibleIconLabel(pick.label);
        cell('Find Teammate item', 'label: full name', hostile, label.icons > 0 ? `${label.icons} icon(s) drawn` : plain(label.visible, hostile.text));
        const description = visibleIconLabel(pick.description ?? '');
        cell('Find Teammate item', 'description: role', hostile, description.icons > 0 ? `${description.icons} icon(s) drawn` : plain(description.visible, hostile.text));
        const detail = visibleIconLabel(pick.detail ?? '');
        const [email, headline] = detail.visible.split(' · ');
        cell('Find Teammate item', 'detail: email', hostile, detail.icons > 0 ? `${detail.icons} icon(s) drawn` : detail.visible.startsWith(hostile.text) ? undefined : `shows ${JSON.stringify(email?.slice(0, 60))}`);
        cell('Find Teammate item', 'detail: headline', hostile, detail.icons > 0 ? `${detail.icons} icon(s) drawn` : detail.visible.endsWith(hostile.text) ? undefined : `shows ${JSON.stringify(headline?.slice(0, 60))}`);
      });
      picker.hide();
      assert.equal(await picked, undefined);
    } finally {
      recording.restore();
    }
    assertSurface('Find Teammate item');
  });

  it('Update User…: the field picker, the input box, the progress and error notifications', async () => {
    api.setUserEditPrompts(undefined); // the real prompts, talking to the recorded window
    for (const [index, hostile] of HOSTILE_STRINGS.entries()) {
      const id = hostileUserId(index);
      const recording = recordWindow({
        pick: (picked) => picked.items.filter((pick) => pick.label === 'Headline'),
        input: (options) => `${options.value ?? ''} (edited)`,
      });
      // The PUT fails, so the data stays hostile for the next checks, and the error notification shows.
      sandbox.injectFault({ method: 'PUT', path: `/users/${id}`, kind: 'status', status: 500 });
      try {
        assert.equal(await vscode.commands.executeCommand('kantata.updateUser', { userId: id }), 'failed');
      } finally {
        recording.restore();
      }
      checkUpdatePrompts(hostile, recording);
      // Reset Profile Photo asks first, in a modal dialog (plain text there): declined, nothing is sent.
      const dialog = recordWindow();
      try {
        assert.equal(await vscode.commands.executeCommand('kantata.resetProfilePhoto', { userId: id }), 'cancelled');
      } finally {
        dialog.restore();
      }
      const question = dialog.messages.find((message) => message.modal)?.message ?? '';
      const suffix = "'s profile photo?";
      cell('dialog', 'reset photo: full name', hostile, question.startsWith('Reset ') && question.endsWith(suffix) ? plain(question.slice('Reset '.length, -suffix.length), hostile.text) : `asks ${JSON.stringify(question.slice(0, 60))}`);
    }
    assertSurface('dialog');
    assertSurface('Update User field picker');
    assertSurface('Update User input box');
    assertSurface('notification');
  });

  function checkUpdatePrompts(hostile: HostileString, recording: WindowRecording): void {
    const picks = recording.quickPicks[0]?.items ?? [];
    for (const [label, field] of [['Full name', 'full name'], ['Headline', 'headline'], ['Email address', 'email']] as const) {
      const description = visibleIconLabel(picks.find((pick) => pick.label === label)?.description ?? '');
      cell('Update User field picker', `description: ${field}`, hostile, description.icons > 0 ? `${description.icons} icon(s) drawn` : plain(description.visible, hostile.text));
    }
    const box = recording.inputBoxes[0];
    cell('Update User input box', 'title: full name', hostile, box?.title?.includes(hostile.text) || sameOrClipped(box?.title?.replace(/^Kantata: Update /, '').replace(/: Headline$/, '') ?? '', hostile.text) ? undefined : `title ${JSON.stringify(box?.title?.slice(0, 60))}`);
    const prompt = box?.prompt ?? '';
    const links = linksIn(prompt);
    const promptText = visibleIconLabel(prompt);
    cell('Update User input box', 'prompt: headline', hostile, links > 0 ? `${links} link(s) made` : promptText.icons > 0 ? `${promptText.icons} icon(s) drawn` : plain(visibleMessage(promptText.visible), `Was: ${visibleMessage(hostile.text)}`));
    cell('Update User input box', 'value: headline', hostile, box?.value === hostile.text ? undefined : 'the box does not start with the current value');
    const progress = recording.progress.find((entry) => entry.options.location === vscode.ProgressLocation.Notification);
    const title = progress?.options.title ?? '';
    cell('notification', 'progress title: full name', hostile, linksIn(title) > 0 ? 'a link is made' : plain(visibleMessage(title), `Updating ${visibleMessage(hostile.text)}…`));
    const error = recording.messages.find((message) => message.severity === 'error')?.message ?? '';
    cell('notification', 'error: full name', hostile, linksIn(error) > 0 ? `${linksIn(error)} link(s) made` : visibleMessage(error).startsWith(`Couldn't update ${visibleMessage(hostile.text)}: `) ? undefined : `says ${JSON.stringify(error.slice(0, 80))}`);
  }

  it('sign-in notification and the status bar, for a hostile "you"', async () => {
    for (const [index, hostile] of HOSTILE_STRINGS.entries()) {
      const response = await fetch(`${sandbox.baseUrl}/users/${hostileUserId(index)}`, { headers: { Authorization: `Bearer ${sandbox.adminToken}` } });
      sandbox.injectFault({ method: 'GET', path: '/users/me', kind: 'body', body: await response.json() });
      const recording = recordWindow();
      try {
        api.setTokenPrompt(new ScriptedTokenPrompt([sandbox.adminToken]));
        assert.equal(await vscode.commands.executeCommand('kantata.signIn'), true);
      } finally {
        recording.restore();
        api.setTokenPrompt(undefined);
      }
      const signedIn = recording.messages.find((message) => message.severity === 'info')?.message ?? '';
      cell('notification', 'signed in as: full name', hostile, linksIn(signedIn) > 0 ? 'a link is made' : plain(visibleMessage(signedIn), `Signed in as ${visibleMessage(hostile.text)}`));
      const state = api.session.state;
      assert.equal(state.kind === 'signedIn' && state.user?.fullName, hostile.text);
      const status = accountStatusBarContent(state.kind === 'signedIn' ? state.user?.fullName : undefined, api.session.baseUrl);
      const text = visibleIconLabel(status.text);
      // One line: white space (line breaks included) shows as single spaces.
      cell('status bar', 'text: full name', hostile, text.icons !== 1 ? `${text.icons} icons drawn` : plain(text.visible.replace(/^ /, ''), hostile.text.replace(/\s+/g, ' ')));
      const tooltip = markdownTooltipProblems(status.tooltip, [hostile.text]);
      cell('status bar', 'tooltip: full name', hostile, tooltip.whole ?? tooltip[0]);
      cell('status bar', 'accessible name', hostile, status.accessibilityLabel.includes(hostile.text.slice(0, 40)) ? undefined : 'the name is not read out');
    }
    sandbox.clearRequests();
    // Back to the administrator: another account, so the tree loads again (wait for it: the next test reads it).
    await afterLoad(api, () => signInTo(api, sandbox));
    assertSurface('status bar');
    assert.ok(cells.some((entry) => entry.field === 'signed in as: full name'));
    assertSurface('notification');
  });

  it('Copy Email: the status-bar message shows the address as text', async () => {
    const recording = recordWindow();
    try {
      for (const [index, hostile] of HOSTILE_STRINGS.entries()) {
        await vscode.commands.executeCommand('kantata.copyEmail', userNode(hostileUserId(index)));
        const shown = visibleIconLabel(recording.statusBarMessages.at(-1) ?? '');
        cell('status bar', 'copied: email', hostile, shown.icons > 0 ? `${shown.icons} icon(s) drawn` : plain(shown.visible.replace(/^Copied /, ''), hostile.text.replace(/\s+/g, ' ')));
        assert.equal(await vscode.env.clipboard.readText(), hostile.text, 'the clipboard holds something else');
      }
    } finally {
      recording.restore();
    }
    assertSurface('status bar');
  });

  it('the profile panel: every field reaches the page as text; capacity keys and values that are not dates or hours are not shown', async () => {
    for (const [index, hostile] of HOSTILE_STRINGS.entries()) {
      const id = hostileUserId(index);
      const { panel, fake } = openFakeProfile(api, id, { preset: 'thisWeek' });
      try {
        fake.fromPage({ type: 'ready' });
        const { profile } = await waitForSent(panel, 'profile');
        const text = hostile.text.trim();
        const fields: [string, unknown][] = [
          ['full name', profile.fullName],
          ['headline', profile.headline],
          ['role', profile.role],
          ['email', profile.email],
          ['time zone', profile.timeZone],
          ['bio', profile.bio],
          ['classification', profile.classification],
          ['skill', profile.skills[0]?.name],
          ['custom field name', profile.customFields[0]?.name],
          ['custom field value', profile.customFields[0]?.value],
        ];
        // Free-text fields are shown trimmed; the name, skills and custom fields as they are.
        const asIs = new Set(['full name', 'skill', 'custom field name', 'custom field value']);
        for (const [field, value] of fields) {
          cell('profile panel', field, hostile, plain(value, asIs.has(field) ? hostile.text : text));
        }
        cell('profile panel', 'location: city, state, country', hostile, plain(profile.location, [text, text, text].join(', ')));
        cell('profile panel', 'email link', hostile, profile.emailIsAddress ? 'offered as a mailto: link' : undefined);
        const website = profile.website;
        cell('profile panel', 'website link', hostile, website === undefined || (/^https?:\/\/[^\s"'<>`]+$/.test(website) && new URL(website).protocol.startsWith('http')) ? undefined : `links to ${website.slice(0, 60)}`);
        cell('profile panel', 'initials', hostile, /^(\p{L}|\p{N}){1,2}$|^\?$/u.test(profile.initials) ? undefined : `initials ${JSON.stringify(profile.initials)}`);
        // An editor tab is one line as wide as its title: white space collapses, and long names are clipped.
        cell('profile panel', 'tab title', hostile, Array.from(fake.title).length > 40 ? `a ${fake.title.length}-character tab title` : plain(fake.title, hostile.text.replace(/\s+/g, ' ').trim()));
        cell('profile panel', 'page HTML', hostile, hostile.text.length > 3 && fake.webview.html.includes(hostile.text) ? 'the HTML holds the string' : undefined);

        const capacity = await waitForSent(panel, 'capacity');
        const days = capacity.capacity.days;
        cell('capacity', 'keys', hostile, days.every((day) => /^\d{4}-\d{2}-\d{2}$/.test(day.date) && day.date >= capacity.range.start && day.date <= capacity.range.end) && days.length === 7 && !JSON.stringify(capacity).includes(JSON.stringify(hostile.text).slice(1, -1)) ? undefined : `days ${JSON.stringify(days).slice(0, 120)}`);

        sandbox.injectFault({ method: 'GET', path: `/users/${id}/capacity`, kind: 'body', body: { start_date: capacity.range.start, end_date: capacity.range.end, hours: { [capacity.range.start]: hostile.text } } });
        fake.fromPage({ type: 'retryCapacity' });
        const rejected = await waitForSent(panel, 'capacityError');
        cell('capacity', 'values', hostile, rejected.error.message.includes(hostile.text.slice(0, 12)) ? 'the error shows the value' : rejected.error.canRetry ? undefined : 'no Retry');
      } finally {
        fake.dispose();
      }
      // The manager field shows the name of hostile user `index`: it is the manager of the previous one.
      const managed = openFakeProfile(api, hostileUserId(managedByHostile(index)));
      try {
        managed.fake.fromPage({ type: 'ready' });
        const { profile } = await waitForSent(managed.panel, 'profile');
        cell('profile panel', 'manager', hostile, plain(profile.manager, hostile.text.trim()));
      } finally {
        managed.fake.dispose();
      }
    }
    assertSurface('profile panel');
    assertSurface('capacity');
  });
});
