import * as l10n from '@vscode/l10n';
import type { ErrorData, ProfileData } from '../protocol';
import { h, VElement } from './vnode';
import { Commands } from '../../shared/ids';
import { formatNumber } from '../../locale/displayLanguage';

function detail(term: string, ...value: Parameters<typeof h>[2][]): VElement[] {
  return [h('dt', {}, term), h('dd', {}, ...value)];
}

function header(profile: ProfileData): VElement {
  const picture = profile.photoDataUrl
    ? h('img', { class: 'photo', src: profile.photoDataUrl, alt: '' })
    : h('div', { class: 'photo initials', 'aria-hidden': 'true' }, profile.initials);
  const meta = [profile.role, profile.location, profile.timeZone].filter((part): part is string => Boolean(part));
  return h(
    'header',
    { class: 'profile-header' },
    picture,
    h(
      'div',
      { class: 'identity' },
      // The spaces keep the badges apart from the name when read as text ("Alex Rivera you").
      h(
        'h1',
        { id: 'profile-name' },
        profile.fullName,
        profile.isMe && [' ', h('span', { class: 'badge' }, l10n.t({ message: 'you', comment: ['A badge after the name on your own profile'] }))],
        profile.disabled && [' ', h('span', { class: 'badge warning' }, l10n.t({ message: 'disabled', comment: ['A badge after the name of a person whose account is disabled'] }))],
      ),
      profile.headline && h('p', { class: 'headline' }, profile.headline),
      meta.length > 0 && h('p', { class: 'meta' }, meta.join(' · ')),
    ),
  );
}

/** A preview panel's first button: the next teammate clicked would replace the page, unless it is kept. */
function keepOpenButton(): VElement {
  return h(
    'button',
    { type: 'button', 'data-action': 'keepOpen', class: 'keep-open', title: l10n.t('This is a preview: the next teammate you click replaces it. Keep it open to see both.') },
    l10n.t('Keep Open'),
  );
}

function toolbar(preview: boolean): VElement {
  const command = (id: string, label: string) => h('button', { type: 'button', 'data-action': 'command', 'data-command': id }, label);
  return h(
    'div',
    { class: 'toolbar', role: 'toolbar', 'aria-label': l10n.t('Profile actions') },
    preview && keepOpenButton(),
    h('button', { type: 'button', 'data-action': 'refresh' }, l10n.t({ message: 'Refresh', comment: ['A button: loads again'] })),
    command(Commands.updateUser, l10n.t('Update User…')),
    command(Commands.updateProfilePhoto, l10n.t('Update Photo…')),
    command(Commands.resetProfilePhoto, l10n.t('Reset Photo')),
  );
}

function details(profile: ProfileData): VElement | undefined {
  const rows = [
    ...(profile.email
      ? detail(l10n.t('Email'), profile.emailIsAddress ? h('a', { href: `mailto:${profile.email}`, 'data-action': 'sendEmail' }, profile.email) : profile.email)
      : []),
    ...(profile.role ? detail(l10n.t('Role'), profile.role) : []),
    ...(profile.manager ? detail(l10n.t('Manager'), profile.manager) : []),
    ...(profile.permission ? detail(l10n.t('Account permission'), profile.permission) : []),
    ...(profile.classification ? detail(l10n.t('Classification'), profile.classification) : []),
    ...(profile.location ? detail(l10n.t('Location'), profile.location) : []),
    ...(profile.timeZone ? detail(l10n.t('Time zone'), profile.timeZone) : []),
    ...(profile.website ? detail(l10n.t('Website'), h('a', { href: profile.website, 'data-action': 'openWebsite' }, profile.website)) : []),
  ];
  return rows.length > 0 ? h('section', { 'aria-labelledby': 'details-heading' }, h('h2', { id: 'details-heading' }, l10n.t('Details')), h('dl', {}, rows)) : undefined;
}

/** `level 3 of 5`, or `level 3` for a skill without a highest level. */
function skillLevel(level: number, maxLevel: number | undefined): string {
  return maxLevel ? l10n.t('level {0} of {1}', formatNumber(level), formatNumber(maxLevel)) : l10n.t('level {0}', formatNumber(level));
}

/**
 * The person: header, actions, details, bio, skills and custom fields. Missing fields are left out. A preview
 * panel's actions start with Keep Open.
 */
export function renderProfile(profile: ProfileData, options: { readonly preview?: boolean } = {}): VElement {
  return h(
    'div',
    { class: 'profile' },
    header(profile),
    toolbar(options.preview ?? false),
    details(profile),
    profile.bio && h('section', { 'aria-labelledby': 'bio-heading' }, h('h2', { id: 'bio-heading' }, l10n.t({ message: 'About', comment: ["A heading: the person's bio follows"] })), h('p', { class: 'bio' }, profile.bio)),
    profile.skills.length > 0 &&
      h(
        'section',
        { 'aria-labelledby': 'skills-heading' },
        h('h2', { id: 'skills-heading' }, l10n.t('Skills')),
        h('ul', { class: 'skills' }, profile.skills.map((skill) => h('li', {}, skill.name, skill.level !== undefined && h('span', { class: 'level' }, ` ${skillLevel(skill.level, skill.maxLevel)}`)))),
      ),
    profile.customFields.length > 0 &&
      h(
        'section',
        { 'aria-labelledby': 'fields-heading' },
        h('h2', { id: 'fields-heading' }, l10n.t('Custom fields')),
        h('dl', {}, profile.customFields.flatMap((field) => detail(field.name, field.value))),
      ),
  );
}

/** A failure inside the page, with the actions that can help. */
export function renderError(error: ErrorData, retryAction: string): VElement {
  return h(
    'div',
    { class: 'error', role: 'alert' },
    h('p', {}, error.message),
    error.canRetry && h('button', { type: 'button', 'data-action': retryAction }, l10n.t('Retry')),
    error.canSignIn && h('button', { type: 'button', 'data-action': 'signIn' }, l10n.t('Sign In')),
    h('button', { type: 'button', 'data-action': 'showLogs' }, l10n.t('Show Logs')),
  );
}

/** `text`: what is loading, as a whole sentence (`Loading profile…`). */
export function renderLoading(text: string): VElement {
  return h('p', { class: 'loading', role: 'status' }, text);
}
