import type { ErrorData, ProfileData } from '../protocol';
import { h, VElement } from './vnode';
import { Commands } from '../../shared/ids';

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
        profile.isMe && [' ', h('span', { class: 'badge' }, 'you')],
        profile.disabled && [' ', h('span', { class: 'badge warning' }, 'disabled')],
      ),
      profile.headline && h('p', { class: 'headline' }, profile.headline),
      meta.length > 0 && h('p', { class: 'meta' }, meta.join(' · ')),
    ),
  );
}

function toolbar(): VElement {
  const command = (id: string, label: string) => h('button', { type: 'button', 'data-action': 'command', 'data-command': id }, label);
  return h(
    'div',
    { class: 'toolbar', role: 'toolbar', 'aria-label': 'Profile actions' },
    h('button', { type: 'button', 'data-action': 'refresh' }, 'Refresh'),
    command(Commands.updateUser, 'Update User…'),
    command(Commands.updateProfilePhoto, 'Update Photo…'),
    command(Commands.resetProfilePhoto, 'Reset Photo'),
  );
}

function details(profile: ProfileData): VElement | undefined {
  const rows = [
    ...(profile.email
      ? detail('Email', profile.emailIsAddress ? h('a', { href: `mailto:${profile.email}`, 'data-action': 'sendEmail' }, profile.email) : profile.email)
      : []),
    ...(profile.role ? detail('Role', profile.role) : []),
    ...(profile.manager ? detail('Manager', profile.manager) : []),
    ...(profile.permission ? detail('Account permission', profile.permission) : []),
    ...(profile.classification ? detail('Classification', profile.classification) : []),
    ...(profile.location ? detail('Location', profile.location) : []),
    ...(profile.timeZone ? detail('Time zone', profile.timeZone) : []),
    ...(profile.website ? detail('Website', h('a', { href: profile.website, 'data-action': 'openWebsite' }, profile.website)) : []),
  ];
  return rows.length > 0 ? h('section', { 'aria-labelledby': 'details-heading' }, h('h2', { id: 'details-heading' }, 'Details'), h('dl', {}, rows)) : undefined;
}

/** The person: header, actions, details, bio, skills and custom fields. Missing fields are left out. */
export function renderProfile(profile: ProfileData): VElement {
  return h(
    'div',
    { class: 'profile' },
    header(profile),
    toolbar(),
    details(profile),
    profile.bio && h('section', { 'aria-labelledby': 'bio-heading' }, h('h2', { id: 'bio-heading' }, 'About'), h('p', { class: 'bio' }, profile.bio)),
    profile.skills.length > 0 &&
      h(
        'section',
        { 'aria-labelledby': 'skills-heading' },
        h('h2', { id: 'skills-heading' }, 'Skills'),
        h('ul', { class: 'skills' }, profile.skills.map((skill) => h('li', {}, skill.name, skill.level && h('span', { class: 'level' }, ` level ${skill.level}`)))),
      ),
    profile.customFields.length > 0 &&
      h(
        'section',
        { 'aria-labelledby': 'fields-heading' },
        h('h2', { id: 'fields-heading' }, 'Custom fields'),
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
    error.canRetry && h('button', { type: 'button', 'data-action': retryAction }, 'Retry'),
    error.canSignIn && h('button', { type: 'button', 'data-action': 'signIn' }, 'Sign In'),
    h('button', { type: 'button', 'data-action': 'showLogs' }, 'Show Logs'),
  );
}

export function renderLoading(what: string): VElement {
  return h('p', { class: 'loading', role: 'status' }, `Loading ${what}…`);
}
