import type { AccountMembershipRecord, CustomFieldValueRecord, RoleRecord, SkillMembershipRecord, SkillRecord, UserRecord } from './model';

/**
 * Hostile data: strings that try to run script, form links or commands, break HTML or layouts, or hide what
 * they say. `startSandbox({ hostile: true })` seeds one user per string (ids from HOSTILE_FIRST_USER_ID), with
 * the string in every text field the API has: name, email, headline, bio, website, city, state, country, time
 * zone, classification, role name, skill name and description, custom field name and value, and as the name of
 * another hostile user's manager. Their capacity answers carry the string as an extra date key too.
 *
 * The strings are plain data for tests: nothing here is ever interpreted by the sandbox.
 */
export interface HostileString {
  /** A short, stable name for reports: `script-tag`, `rtl-override`, … */
  readonly name: string;
  readonly text: string;
}

const long = (unit: string, length: number): string => unit.repeat(Math.ceil(length / unit.length)).slice(0, length);

export const HOSTILE_STRINGS: readonly HostileString[] = [
  // Script, one way or another.
  { name: 'script-tag', text: `<script>document.title='pwned';alert('pwned')</script>` },
  { name: 'img-onerror', text: `<img src=x onerror="document.title='pwned';alert(1)">` },
  { name: 'event-handler-attribute', text: `" onmouseover="alert(1)" onfocus="alert(2)" autofocus x="` },
  { name: 'single-quote-breakout', text: `' onclick='alert(1)' data-pwned='1` },
  { name: 'svg-onload', text: `<svg onload="document.title='pwned'"><circle r="40"/></svg>` },
  { name: 'svg-script', text: `<svg><script>alert(document.domain)</script><foreignObject><iframe srcdoc="<script>parent.alert(1)</script>"></iframe></foreignObject></svg>` },
  { name: 'javascript-url', text: 'javascript:alert(document.cookie)//' },
  { name: 'javascript-url-obfuscated', text: ' JaVaScRiPt:\tvoid(document.title="pwned")' },
  { name: 'data-url', text: 'data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==' },
  { name: 'iframe', text: '<iframe src="https://evil.example/" width="2000" height="2000"></iframe>' },
  { name: 'meta-refresh', text: '<meta http-equiv="refresh" content="0;url=https://evil.example/">' },
  { name: 'style-injection', text: '<style>*{display:none!important}body::after{content:"pwned"}</style>' },
  { name: 'template-injection', text: "{{constructor.constructor('alert(1)')()}} ${alert(1)} #{7*7} <%= 7*7 %>" },
  // Broken HTML and entities.
  { name: 'broken-html', text: `</textarea></title></style></script><b id="pwned" data-pwned="1">bold<i>unclosed <a href=` },
  { name: 'html-comment-cdata', text: '<!-- hidden --><![CDATA[ x ]]><!DOCTYPE html>' },
  { name: 'html-entities', text: '&lt;script&gt;alert(1)&lt;/script&gt; &amp;amp; &#x3C;b&#x3E; &quot;' },
  // Markdown and command links.
  { name: 'markdown-command-link', text: '[Sign out](command:kantata.signOut) [Terminal](command:workbench.action.terminal.new)' },
  { name: 'markdown-command-args', text: '[Click me](command:workbench.action.terminal.sendSequence?%7B%22text%22%3A%22echo%20pwned%5Cn%22%7D "Run")' },
  { name: 'markdown-javascript-link', text: '[click](javascript:alert(1)) [file](file:///etc/passwd)' },
  { name: 'markdown-image', text: '![tracker](https://evil.example/pixel.png)' },
  { name: 'markdown-autolink', text: '<https://evil.example/phish> https://evil.example/login www.evil.example' },
  { name: 'markdown-formatting', text: '**bold** _em_ `code` ~~strike~~\n# Heading\n> quote\n- item\n---' },
  { name: 'html-command-link', text: '<a href="command:kantata.signOut">Sign out</a>' },
  { name: 'theme-icons', text: '$(alert) $(loading~spin) $(shield) Verified' },
  // Text that hides or reverses what it says.
  { name: 'rtl-override', text: 'Invoice\u202Egnp.exe\u202C for admin' },
  { name: 'bidi-isolates', text: 'admin\u2067@evil.example\u2069\u2066 \u200Fhello\u200E' },
  { name: 'zero-width', text: 'Ze\u200Bro\u200CWi\u200Ddth\uFEFF Na\u2060me' },
  { name: 'control-characters', text: 'null\u0000 bell\u0007 escape\u001B[31mred\u001B[0m backspace\u0008' },
  { name: 'line-breaks', text: 'Line one\nLine two\r\nLine three\u2028Line four\u2029Line five' },
  { name: 'homoglyphs', text: 'Аlех Rіvеrа' },
  // Length.
  { name: 'long-10000', text: long('A', 10_000) },
  { name: 'long-10000-words', text: long('Lorem ipsum dolor sit amet ', 10_000) },
  { name: 'long-10000-html', text: long('<b>x</b>', 10_000) },
  // Emoji and combining marks.
  { name: 'emoji', text: '👩🏽‍💻 Zoë 🏳️‍🌈 👨‍👩‍👧‍👦 🇯🇵 ✨' },
  { name: 'combining-marks', text: 'Z̴̧̛̪͖͎̗a̷̢̛̘͓̟l̸̨̛̖̣g̵̢̛̗̣o̶̢̡̗̝ T̵̛͖ȩ̷̛x̶̢̛t̴̨̛' },
  { name: 'lone-surrogate', text: 'broken \uD83D surrogate \uDE00 end' },
  // Paths, formats and other interpreters.
  { name: 'path-traversal', text: '../../../../etc/passwd C:\\Windows\\System32\\cmd.exe \\\\server\\share' },
  { name: 'format-strings', text: '%s %d %n %x {0} {{1}} $1 $& \\u0041 \\x41' },
  { name: 'prototype-keys', text: '__proto__' },
  { name: 'vscode-uri', text: 'vscode://vscode.git/clone?url=https%3A%2F%2Fevil.example%2Frepo command:workbench.action.quit' },
];

/** Ids of the seeded hostile users: HOSTILE_FIRST_USER_ID + index in HOSTILE_STRINGS. */
export const HOSTILE_FIRST_USER_ID = 30_001;
const FIRST_ROLE_ID = 9_001;
const FIRST_SKILL_ID = 29_001;
const FIRST_SKILL_MEMBERSHIP_ID = 390_001;
const FIRST_CUSTOM_FIELD_VALUE_ID = 490_001;
const SEEDED_AT = '2025-06-01T09:00:00Z';

export function hostileUserId(index: number): string {
  return String(HOSTILE_FIRST_USER_ID + index);
}

/** The index of the hostile user whose manager is hostile user `index` (so that `index`'s name shows as a manager). */
export function managedByHostile(index: number): number {
  return (index + HOSTILE_STRINGS.length - 1) % HOSTILE_STRINGS.length;
}

export interface HostileRecords {
  readonly users: UserRecord[];
  readonly roles: RoleRecord[];
  readonly skills: SkillRecord[];
  readonly skillMemberships: SkillMembershipRecord[];
  readonly customFieldValues: CustomFieldValueRecord[];
  /** User id → extra capacity keys (a hostile string as a "date") the capacity answer carries. */
  readonly capacityKeys: ReadonlyMap<string, readonly string[]>;
}

/**
 * One account member per hostile string, in project `project` (one the administrator is in), with the string
 * in every field. Hostile user i's manager is hostile user i + 1, so each name also shows as a manager.
 */
export function hostileRecords(project: number): HostileRecords {
  const capacityKeys = new Map<string, readonly string[]>();
  const records: HostileRecords = { users: [], roles: [], skills: [], skillMemberships: [], customFieldValues: [], capacityKeys };
  const count = HOSTILE_STRINGS.length;
  HOSTILE_STRINGS.forEach(({ text }, index) => {
    const id = hostileUserId(index);
    const role: RoleRecord = { id: String(FIRST_ROLE_ID + index), name: text, created_at: SEEDED_AT, updated_at: SEEDED_AT };
    const skill: SkillRecord = { id: String(FIRST_SKILL_ID + index), name: text, description: text, maxLevel: 5, created_at: SEEDED_AT, updated_at: SEEDED_AT };
    const membership: SkillMembershipRecord = {
      id: String(FIRST_SKILL_MEMBERSHIP_ID + index),
      userId: id,
      skillId: skill.id,
      skillName: text,
      level: 3,
      created_at: SEEDED_AT,
      updated_at: SEEDED_AT,
    };
    const customField: CustomFieldValueRecord = {
      id: String(FIRST_CUSTOM_FIELD_VALUE_ID + index),
      userId: id,
      name: text,
      type: 'string',
      value: text,
      display_value: text,
      created_at: SEEDED_AT,
      updated_at: SEEDED_AT,
    };
    const accountMembership: AccountMembershipRecord = {
      id: String(500_000 + Number(id)),
      permission: 'collaborator',
      isOwner: false,
      created_at: SEEDED_AT,
      updated_at: SEEDED_AT,
      disabled_at: undefined,
    };
    records.roles.push(role);
    records.skills.push(skill);
    records.skillMemberships.push(membership);
    records.customFieldValues.push(customField);
    records.users.push({
      id,
      full_name: text,
      email_address: text,
      headline: text,
      bio: text,
      website: text,
      city: text,
      state: text,
      country: text,
      abbreviated_timezone: text,
      // Kantata's classification is Internal or External; a hostile server may send anything.
      classification: text as UserRecord['classification'],
      last_site_activity: SEEDED_AT,
      roleId: role.id,
      managerId: hostileUserId((index + 1) % count),
      accountMembership,
      skillMembershipIds: [membership.id],
      customFieldValueIds: [customField.id],
      externalReferenceIds: [],
      projectIds: [project],
      disabled: false,
      workweek: [0, 480, 480, 480, 480, 480, 0],
      timeOff: [],
      photo: { kind: 'default' },
    });
    capacityKeys.set(id, [text]);
  });
  return records;
}
