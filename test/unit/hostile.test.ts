// Hostile data (issue 9), below VS Code: every hostile string through the pure parts that shape what is shown:
// the capacity decoder, the profile page's description (VNodes) and HTML shell, the Markdown escaping of
// tooltips, and the helpers that keep links and icons out of notifications, input boxes and labels.
import * as assert from 'node:assert/strict';
import { decodeCapacity } from '../../src/kantata/decoders';
import type { User } from '../../src/kantata/types';
import { breakMessageLinks, clipText, iconLabelText, inputMessageText, notificationText, escapeMarkdownText } from '../../src/shared/displayText';
import { profileHtml } from '../../src/profile/profileHtml';
import { safeEmail, safeWebsiteUrl, toProfileData } from '../../src/profile/profileData';
import { renderCapacitySection } from '../../src/profile/view/capacityView';
import { renderError, renderProfile } from '../../src/profile/view/profileView';
import { textOf, type VElement, type VNode } from '../../src/profile/view/vnode';
import { HOSTILE_STRINGS, hostileUserId } from '../sandbox/hostileStrings';
import { startSandbox } from '../sandbox/server';
import { linksIn, markdownTextProblem, visibleIconLabel, visibleMessage } from '../integration/support/hostileModel';

function elements(node: VNode): VElement[] {
  return typeof node === 'string' ? [] : [node, ...node.children.flatMap(elements)];
}

function hostileUser(text: string): User {
  return {
    id: '30001',
    fullName: text,
    emailAddress: text,
    headline: text,
    photoPath: text,
    bio: text,
    website: text,
    city: text,
    state: text,
    country: text,
    abbreviatedTimezone: text,
    classification: text,
    role: { id: '9001', name: text },
    manager: { id: '30002', fullName: text, emailAddress: text, headline: text },
    accountMembership: { id: '3', permission: text, disabledAt: text },
    skillMemberships: [{ id: '4', level: 3, maxLevel: 5, skillName: text, skill: { id: '5', name: text } }],
    customFieldValues: [{ id: '6', name: text, displayValue: text }],
  };
}

/** The tags and attributes the page is made of, whatever the data: nothing else may appear. */
const PAGE_TAGS = new Set(['div', 'header', 'img', 'h1', 'h2', 'span', 'p', 'button', 'section', 'dl', 'dt', 'dd', 'a', 'ul', 'li', 'form', 'label', 'input', 'table', 'caption', 'thead', 'tbody', 'tr', 'th', 'td', 'details', 'summary', 'svg', 'rect', 'title', 'strong']);

describe('hostile strings below VS Code', () => {
  it(`the corpus: at least 30 strings, each of its kinds present`, () => {
    assert.ok(HOSTILE_STRINGS.length >= 30, `${HOSTILE_STRINGS.length} strings`);
    assert.equal(new Set(HOSTILE_STRINGS.map((hostile) => hostile.name)).size, HOSTILE_STRINGS.length, 'names are not unique');
    const texts = HOSTILE_STRINGS.map((hostile) => hostile.text);
    const has = (pattern: RegExp) => texts.some((text) => pattern.test(text));
    for (const [kind, pattern] of Object.entries({
      'script tag': /<script>/,
      'event handler': /\bon\w+=/,
      'javascript: URL': /^\s*javascript:/i,
      'data: URL': /^data:/,
      SVG: /<svg/,
      'command: link': /\]\(command:/,
      'right-to-left override': /\u202E/,
      'zero-width character': /\u200B/,
      '10,000 characters': /^[\s\S]{10000}$/,
      emoji: /\p{Extended_Pictographic}/u,
      'combining mark': /\p{M}/u,
    })) {
      assert.ok(has(pattern), `no ${kind}`);
    }
  });

  for (const { name, text } of HOSTILE_STRINGS) {
    describe(name, () => {
      it('the profile page shows every field as text: no element or attribute is made of it', () => {
        const profile = toProfileData(hostileUser(text), { isMe: false });
        assert.equal(profile.emailIsAddress, false);
        if (profile.website !== undefined) {
          assert.match(profile.website, /^https?:\/\/[^\s"'<>`]+$/, 'a website link that is not plain http(s)');
        }
        assert.equal(safeEmail(text), undefined);
        const page = renderProfile(profile);
        for (const element of elements(page)) {
          assert.ok(PAGE_TAGS.has(element.tag), `element <${element.tag}>`);
          for (const [attribute, value] of Object.entries(element.attrs)) {
            assert.ok(!/^on/i.test(attribute), `event handler attribute ${attribute}`);
            if (attribute === 'href') {
              assert.equal(value, profile.website, 'a link to something other than the checked website');
            } else if (text.length > 3) {
              assert.ok(!value.includes(text), `${element.tag}[${attribute}] holds the string`);
            }
          }
        }
        const shown = textOf(page);
        for (const field of [profile.fullName, profile.headline, profile.bio, profile.role, profile.manager]) {
          assert.ok(field !== undefined && shown.includes(field), 'a field is not shown as text');
        }
      });

      it('the page shell escapes the title and the user id', () => {
        const html = profileHtml({ cspSource: 'https://x', nonce: 'n0nce', script: 'void 0;', style: 'body {}', title: text, userId: text });
        assert.equal((html.match(/<script\b/g) ?? []).length, 1, 'a second script element');
        const title = /<title>([\s\S]*?)<\/title>/.exec(html)?.[1] ?? '';
        assert.doesNotMatch(title, /[<>"']/, 'the title is not escaped');
        assert.doesNotMatch(/data-user-id="([^"]*)"/.exec(html)?.[1] ?? '', /[<>'"]/);
      });

      it('error boxes and capacity sections show a message as text', () => {
        const error = renderError({ message: text, canRetry: true, canSignIn: true }, 'refresh');
        assert.ok(textOf(error).includes(text));
        const section = renderCapacitySection({ status: 'error', range: { start: '2026-01-05', end: '2026-01-11' }, error: { message: text, canRetry: true, canSignIn: false } });
        for (const element of [...elements(error), ...elements(section)]) {
          assert.ok(PAGE_TAGS.has(element.tag), `element <${element.tag}>`);
          assert.ok(Object.values(element.attrs).every((value) => text.length <= 3 || !value.includes(text)), 'an attribute holds the string');
        }
      });

      it('capacity: as a key it is ignored, as a value the answer is refused without repeating it', () => {
        const capacity = decodeCapacity({ start_date: '2026-01-05', end_date: '2026-01-06', hours: { '2026-01-05': 8, [text]: 8, '2026-01-06': 4 } }, { startDate: '2026-01-05', endDate: '2026-01-06' });
        assert.deepEqual(capacity.days, [
          { date: '2026-01-05', hours: 8 },
          { date: '2026-01-06', hours: 4 },
        ]);
        const value = (): unknown => decodeCapacity({ start_date: '2026-01-05', end_date: '2026-01-05', hours: { '2026-01-05': text } }, { startDate: '2026-01-05', endDate: '2026-01-05' });
        assert.throws(value, (error: Error) => !error.message.includes(text.slice(0, 10)) || text.length < 4);
        assert.throws(() => decodeCapacity({ start_date: text, end_date: '2026-01-05', hours: {} }, { startDate: '2026-01-05', endDate: '2026-01-05' }), (error: Error) => !error.message.includes(text.slice(0, 10)) || text.length < 4);
        assert.throws(() => decodeCapacity({ start_date: '2026-01-05', end_date: '2026-01-05', hours: { [text]: 8 } }, { startDate: '2026-01-05', endDate: '2026-01-05' }), /date keys/);
      });

      it('a Markdown tooltip shows it as text, with no Markdown, HTML or icon made of it', () => {
        assert.equal(markdownTextProblem(escapeMarkdownText(text), text), undefined);
      });

      it('notifications and input boxes make no link of it, labels draw no icon, and each shows the same text', () => {
        const notification = notificationText(`Couldn't update ${text}: Kantata ran into a problem.`);
        assert.equal(linksIn(notification), 0);
        assert.equal(visibleMessage(notification), visibleMessage(`Couldn't update ${text}: Kantata ran into a problem.`));
        const message = inputMessageText(`Was: ${text}`);
        assert.equal(linksIn(message), 0);
        const shown = visibleIconLabel(message);
        assert.equal(shown.icons, 0);
        assert.equal(visibleMessage(shown.visible), visibleMessage(`Was: ${text}`));
        const label = visibleIconLabel(iconLabelText(text));
        assert.deepEqual(label, { visible: text, icons: 0 });
      });

      it('clipping keeps whole characters', () => {
        const clipped = clipText(text, 20);
        assert.ok(Array.from(clipped).length <= 20);
        const lone = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
        assert.ok(lone.test(text) || !lone.test(clipped), 'a character was cut in half');
      });
    });
  }

  it('links are broken only where the syntax would make one', () => {
    assert.equal(breakMessageLinks('[a](command:x) and [b] (c)'), '[a]\u200B(command:x) and [b] (c)');
    assert.equal(notificationText(notificationText('[a](https://x)')), notificationText('[a](https://x)'), 'not idempotent');
    assert.equal(iconLabelText('\\$(alert)'), '\\\\$(alert)');
    assert.deepEqual(visibleIconLabel(iconLabelText('\\$(alert)')), { visible: '\\$(alert)', icons: 0 });
  });

  it('the website link only for http(s), never javascript:, data: or command:', () => {
    for (const { text } of HOSTILE_STRINGS) {
      const url = safeWebsiteUrl(text);
      assert.ok(url === undefined || /^https?:$/.test(new URL(url).protocol), `${text.slice(0, 30)} → ${url}`);
    }
  });

  it('the sandbox seeds them on request: every field of one user per string, an extra capacity key, the rest untouched', async () => {
    const sandbox = await startSandbox({ hostile: true });
    const plain = await startSandbox();
    try {
      const get = async (server: typeof sandbox, path: string) => {
        const response = await fetch(`${server.baseUrl}${path}`, { headers: { Authorization: `Bearer ${server.adminToken}` } });
        assert.equal(response.status, 200, path);
        return (await response.json()) as Record<string, unknown>;
      };
      const include = 'include=role,manager,skills,skill_memberships,custom_field_values&optional_fields=bio,website,city,state,country,abbreviated_timezone,classification';
      for (const [index, { name, text }] of HOSTILE_STRINGS.entries()) {
        const id = hostileUserId(index);
        const body = await get(sandbox, `/users/${id}?${include}`);
        const user = (body.users as Record<string, Record<string, unknown>>)[id]!;
        for (const field of ['full_name', 'email_address', 'headline', 'bio', 'website', 'city', 'state', 'country', 'abbreviated_timezone', 'classification']) {
          assert.equal(user[field], text, `${name}: ${field}`);
        }
        const role = (body.roles as Record<string, { name: string }>)[String(user.role_id)];
        assert.equal(role?.name, text, `${name}: role`);
        const manager = (body.users as Record<string, { full_name: string }>)[String(user.manager_id)];
        assert.equal(manager?.full_name, HOSTILE_STRINGS[(index + 1) % HOSTILE_STRINGS.length]!.text, `${name}: manager`);
        const field = Object.values(body.custom_field_values as Record<string, { custom_field_name: string; display_value: string }>)[0];
        assert.deepEqual([field?.custom_field_name, field?.display_value], [text, text], `${name}: custom field`);
        const capacity = await get(sandbox, `/users/${id}/capacity?start_date=2026-01-05&end_date=2026-01-06`);
        assert.deepEqual(Object.keys(capacity.hours as object), ['2026-01-05', '2026-01-06', text], `${name}: capacity keys`);
      }
      const everyone = async (server: typeof sandbox) => ((await get(server, '/users?per_page=200')).results as { id: string }[]).map((result) => result.id);
      const [withHostile, without] = [await everyone(sandbox), await everyone(plain)];
      assert.equal(withHostile.length, without.length + HOSTILE_STRINGS.length);
      assert.deepEqual(await get(sandbox, '/users/20003'), await get(plain, '/users/20003').then((body) => JSON.parse(JSON.stringify(body).split(plain.origin).join(sandbox.origin)) as Record<string, unknown>));
    } finally {
      await sandbox.close();
      await plain.close();
    }
  });

  it('the sandbox answers what a test asks: any body, a redirect, 404 and 422 in the documented shape', async () => {
    const sandbox = await startSandbox();
    try {
      const me = () => fetch(`${sandbox.baseUrl}/users/me`, { headers: { Authorization: `Bearer ${sandbox.adminToken}` }, redirect: 'manual' });
      sandbox.injectFault({ path: '/users/me', kind: 'body', status: 200, body: '<html>a web site</html>', contentType: 'text/html' });
      const page = await me();
      assert.equal(page.headers.get('content-type'), 'text/html');
      assert.equal(await page.text(), '<html>a web site</html>');
      sandbox.injectFault({ path: '/users/me', kind: 'body', status: 403, body: { errors: [{ type: 'system', message: 'echo' }] } });
      assert.deepEqual(await (await me()).json(), { errors: [{ type: 'system', message: 'echo' }] });
      sandbox.injectFault({ path: '/users/me', kind: 'redirect', status: 307, location: 'http://127.0.0.1:9/elsewhere' });
      const moved = await me();
      assert.equal(moved.status, 307);
      assert.equal(moved.headers.get('location'), 'http://127.0.0.1:9/elsewhere');
      for (const [status, type] of [[404, 'system'], [422, 'validation']] as const) {
        sandbox.injectFault({ path: '/users/me', kind: 'status', status });
        const answer = await me();
        assert.equal(answer.status, status);
        assert.equal(((await answer.json()) as { errors: { type: string }[] }).errors[0]?.type, type);
      }
      assert.throws(() => sandbox.injectFault({ kind: 'redirect' }), /location/);
      assert.equal((await me()).status, 200);
    } finally {
      await sandbox.close();
    }
  });
});
