import * as assert from 'node:assert/strict';
import type { Capacity, User } from '../../src/kantata/types';
import { contentSecurityPolicy, escapeHtml, makeNonce, profileHtml } from '../../src/profile/profileHtml';
import { initialsOf, safeEmail, safeWebsiteUrl, toProfileData } from '../../src/profile/profileData';
import { isFromWebview } from '../../src/profile/protocol';
import { renderCapacitySection } from '../../src/profile/view/capacityView';
import { renderProfile } from '../../src/profile/view/profileView';
import { textOf, VElement, VNode } from '../../src/profile/view/vnode';

const hostile = '<script>alert(1)</script><img src=x onerror=alert(2)>"\'&';

function hostileUser(): User {
  return {
    id: '20099',
    fullName: `Eve ${hostile}`,
    emailAddress: `eve${hostile}@example.com`,
    headline: `Head ${hostile}`,
    photoPath: 'https://example.com/p.png',
    bio: `Bio ${hostile}\nsecond line`,
    website: 'javascript:alert(1)',
    city: `City ${hostile}`,
    country: 'Germany',
    abbreviatedTimezone: 'CET',
    classification: 'Internal',
    role: { id: '1', name: `Role ${hostile}` },
    manager: { id: '2', fullName: `Boss ${hostile}`, emailAddress: 'b@example.com', headline: '' },
    accountMembership: { id: '3', permission: 'project_lead' },
    skillMemberships: [{ id: '4', level: 3, maxLevel: 5, skill: { id: '5', name: `Skill ${hostile}` } }],
    customFieldValues: [{ id: '6', name: `Field ${hostile}`, displayValue: `Value ${hostile}` }],
  };
}

function elements(node: VNode): VElement[] {
  return typeof node === 'string' ? [] : [node, ...node.children.flatMap(elements)];
}

describe('the profile page', () => {
  it('shows every field of hostile data as text: no element or attribute comes from API strings', () => {
    const page = renderProfile(toProfileData(hostileUser(), { isMe: false }));
    const text = textOf(page);
    for (const field of ['Eve', 'Head', 'Bio', 'City', 'Role', 'Boss', 'Skill', 'Field', 'Value']) {
      assert.ok(text.includes(`${field} ${hostile}`), `${field} is not shown as text`);
    }
    const tags = new Set(elements(page).map((element) => element.tag));
    assert.ok(!tags.has('script') && !tags.has('img'), `unexpected elements: ${[...tags].join(', ')}`);
    for (const element of elements(page)) {
      for (const [name, value] of Object.entries(element.attrs)) {
        assert.ok(!name.startsWith('on'), `event handler attribute ${name}`);
        assert.ok(!value.includes('<') && !value.includes('alert'), `${element.tag}[${name}] holds API text: ${value}`);
      }
    }
    // A javascript: website and a malformed address get no link.
    assert.ok(!elements(page).some((element) => element.tag === 'a'));
  });

  it('links only a real website and a single email address; leaves missing fields out', () => {
    const user: User = { id: '1', fullName: 'Kim Park', emailAddress: 'kim@example.com', headline: '', website: 'example.com/kim' };
    const page = renderProfile(toProfileData(user, { isMe: true }));
    const links = elements(page).filter((element) => element.tag === 'a').map((element) => element.attrs.href);
    assert.deepEqual(links, ['mailto:kim@example.com', 'https://example.com/kim']);
    const headings = elements(page).filter((element) => /^h[1-6]$/.test(element.tag)).map((element) => `${element.tag} ${textOf(element)}`);
    assert.deepEqual(headings, ['h1 Kim Park you', 'h2 Details']);
    assert.ok(!textOf(page).includes('Manager'));
  });

  it('website and email checks', () => {
    for (const bad of ['javascript:alert(1)', 'JAVASCRIPT:alert(1)', 'file:///etc/passwd', 'command:kantata.signOut', 'data:text/html,x', 'vscode://x', 'https://user:pw@example.com', '', '   ']) {
      assert.equal(safeWebsiteUrl(bad), undefined, bad);
    }
    assert.equal(safeWebsiteUrl('http://example.com'), 'http://example.com/');
    assert.equal(safeWebsiteUrl(' example.com/a b '), 'https://example.com/a%20b');
    assert.equal(safeEmail('a@b.co'), 'a@b.co');
    for (const bad of ['a@b', 'a b@c.de', 'a@b.c,d@e.f', '<a@b.cd>', 'a@b.cd?subject=x']) {
      assert.equal(safeEmail(bad), bad.includes('?') ? 'a@b.cd?subject=x' : undefined, bad);
    }
  });

  it('initials', () => {
    assert.equal(initialsOf('José Müller'), 'JM');
    assert.equal(initialsOf("Siobhán O'Connor"), 'SO');
    assert.equal(initialsOf('李小龍'), '李');
    assert.equal(initialsOf('  '), '?');
    assert.equal(initialsOf('ana maría de la cruz'), 'AC');
  });

  it('the shell: a strict CSP with a nonce, nothing remote, the title escaped', () => {
    const nonce = makeNonce((size) => new Uint8Array(size).fill(7));
    assert.equal(nonce.length, 32);
    const html = profileHtml({
      cspSource: 'https://webview.example',
      nonce,
      script: 'document.title = "page"; const lt = 1 < 2;',
      style: 'body { color: var(--vscode-foreground); }',
      title: hostile,
      userId: '20001',
    });
    const csp = contentSecurityPolicy('https://webview.example', nonce);
    assert.ok(html.includes(`content="${escapeHtml(csp)}"`));
    assert.match(csp, /^default-src 'none'; /);
    assert.ok(csp.includes(`script-src 'nonce-${nonce}'`));
    assert.ok(!csp.includes('unsafe'));
    // Photos come with the profile as data: URLs; the page may load no image from disk or anywhere else.
    assert.match(csp, /(^|; )img-src data:(;|$)/);
    assert.ok(!/https?:\/\/(?!webview\.example)/.test(html), 'the page refers to another origin');
    assert.equal(html.match(/<script/g)?.length, 1);
    // The script and the style sheet are in the page, each with the nonce: no fetch before the page runs.
    assert.ok(html.includes(`<script nonce="${nonce}">document.title = "page"; const lt = 1 < 2;</script>`));
    assert.ok(html.includes(`<style nonce="${nonce}">body { color: var(--vscode-foreground); }</style>`));
    assert.ok(csp.includes(`style-src https://webview.example 'nonce-${nonce}'`));
    assert.ok(!/<link|<script[^>]*\bsrc=/.test(html), 'nothing linked');
    assert.ok(!html.includes(hostile));
    assert.ok(html.includes(`<title>${escapeHtml(hostile)}</title>`));
  });

  it('checks messages from the page', () => {
    assert.ok(isFromWebview({ type: 'ready' }));
    assert.ok(isFromWebview({ type: 'loadCapacity', preset: 'thisMonth' }));
    assert.ok(isFromWebview({ type: 'loadCapacity', range: { start: '2026-01-01', end: '2026-01-31' } }));
    assert.ok(isFromWebview({ type: 'runCommand', command: 'kantata.updateUser' }));
    for (const bad of [null, 'ready', {}, { type: 'eval' }, { type: 'loadCapacity', preset: 'forever' }, { type: 'loadCapacity', range: { start: 1 } }, { type: 'runCommand', command: 'workbench.action.terminal.new' }]) {
      assert.ok(!isFromWebview(bad), JSON.stringify(bad));
    }
  });
});

describe('the capacity section', () => {
  const capacity: Capacity = {
    startDate: '2026-11-23',
    endDate: '2026-11-29',
    days: [
      { date: '2026-11-23', hours: 8 },
      { date: '2026-11-24', hours: 8 },
      { date: '2026-11-25', hours: 0 },
      { date: '2026-11-26', hours: 4.5 },
      { date: '2026-11-27', hours: 8 },
      { date: '2026-11-28', hours: 0 },
      { date: '2026-11-29', hours: 0 },
    ],
  };

  it('total, weeks, a chart marked decorative and a table with the same numbers', () => {
    const section = renderCapacitySection({ status: 'loaded', preset: 'thisWeek', range: { start: capacity.startDate, end: capacity.endDate }, capacity });
    const all = elements(section);
    const total = all.find((element) => element.attrs['data-testid'] === 'capacity-total');
    assert.equal(total && textOf(total), '28.5 h');
    const weeks = all.filter((element) => element.tag === 'li' && element.attrs.title);
    assert.deepEqual(weeks.map((week) => [week.attrs.title, textOf(week)]), [['2026-W48', '23 Nov – 29 Nov 28.5 h']]);
    const ticks = all.filter((element) => element.tag === 'text').map(textOf);
    assert.deepEqual(ticks, ['23 Nov'], 'a date under the first day and every Monday');
    const chart = all.find((element) => element.tag === 'svg');
    assert.equal(chart?.attrs['aria-hidden'], 'true');
    const bars = all.filter((element) => element.tag === 'rect');
    assert.equal(bars.length, 7);
    assert.deepEqual(bars.map((bar) => bar.attrs.class), ['bar work', 'bar work', 'bar zero', 'bar work', 'bar work', 'bar weekend', 'bar weekend']);
    const rows = all.filter((element) => element.tag === 'tr').slice(1);
    assert.equal(rows.length, 7);
    assert.ok(textOf(rows[3] as VElement).includes('4.5 h'));
    const pressed = all.filter((element) => element.attrs['aria-pressed'] === 'true').map(textOf);
    assert.deepEqual(pressed, ['This week']);
  });

  it('weeks the range cuts are marked as part weeks', () => {
    const cut: Capacity = { startDate: '2026-11-29', endDate: '2026-12-08', days: [{ date: '2026-12-01', hours: 6 }] };
    const all = elements(renderCapacitySection({ status: 'loaded', range: { start: cut.startDate, end: cut.endDate }, capacity: cut }));
    const weeks = all.filter((element) => element.tag === 'li' && element.attrs.title);
    assert.deepEqual(weeks.map((week) => [week.attrs.title, textOf(week)]), [
      ['2026-W48', '29 Nov (part) 0 h'],
      ['2026-W49', '30 Nov – 6 Dec 6 h'],
      ['2026-W50', '7 Dec – 8 Dec (part) 0 h'],
    ]);
    assert.equal(all.filter((element) => element.tag === 'rect').length, 10);
  });

  it('a bad range is explained next to the inputs; loading and errors stay in the section', () => {
    const invalid = renderCapacitySection({ status: 'idle', range: { start: '2026-02-30', end: '' }, invalid: { message: '2026-02-30 is not a date.', field: 'start' } });
    const message = elements(invalid).find((element) => element.attrs.id === 'range-message');
    assert.equal(message && textOf(message), '2026-02-30 is not a date.');
    assert.equal(elements(invalid).find((element) => element.attrs.id === 'range-start')?.attrs['aria-invalid'], 'true');
    assert.ok(textOf(renderCapacitySection({ status: 'loading' })).includes('Loading capacity'));
    const failed = renderCapacitySection({ status: 'error', error: { message: 'Kantata had a problem.', canRetry: true, canSignIn: false } });
    assert.ok(elements(failed).some((element) => element.attrs['data-action'] === 'retryCapacity'));
    assert.ok(elements(failed).some((element) => element.attrs['data-action'] === 'showLogs'), 'an error without Show Logs');
    assert.ok(textOf(failed).includes('Kantata had a problem.'));
  });
});
