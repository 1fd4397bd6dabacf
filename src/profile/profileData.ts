import * as l10n from '@vscode/l10n';
import type { User } from '../kantata/types';
import type { ProfileData, ErrorData } from './protocol';
import { isKantataError } from '../kantata/errors';
import { compareText } from '../locale/displayLanguage';

/** Only absolute http(s) URLs are ever opened; `javascript:`, `file:`, `command:` and the like are dropped. */
export function safeWebsiteUrl(raw: string | undefined): string | undefined {
  const text = raw?.trim();
  if (!text) {
    return undefined;
  }
  // Kantata stores what people typed: "example.com" means https://example.com.
  const candidate = /^[a-z][a-z0-9+.-]*:/i.test(text) ? text : `https://${text}`;
  try {
    const url = new URL(candidate);
    return (url.protocol === 'https:' || url.protocol === 'http:') && url.hostname && !url.username && !url.password ? url.href : undefined;
  } catch {
    return undefined;
  }
}

/** One plain address (`name@example.com`): what Update User accepts, and what the profile offers as a mailto link. */
export function isEmailAddress(text: string): boolean {
  return /^[^\s@<>()[\]\\,;:"]+@[^\s@<>()[\]\\,;:".]+(\.[^\s@<>()[\]\\,;:".]+)+$/.test(text);
}

/** A plausible single address, for the mailto link; anything else is shown as text only. */
export function safeEmail(raw: string | undefined): string | undefined {
  const text = raw?.trim();
  return text && isEmailAddress(text) ? text : undefined;
}

/** "José Müller" → "JM"; one name gives one letter; no letters gives "?". */
export function initialsOf(fullName: string): string {
  const letters = fullName
    .split(/\s+/)
    .map((part) => Array.from(part.replace(/^[^\p{L}\p{N}]+/u, ''))[0])
    .filter((letter): letter is string => Boolean(letter));
  const picked = letters.length > 1 ? [letters[0], letters[letters.length - 1]] : letters.slice(0, 1);
  return picked.join('').toLocaleUpperCase() || '?';
}

/** "project lead" → "Project lead": Kantata stores permissions as identifiers. */
function sentenceCase(value: string | undefined): string | undefined {
  return value ? value.charAt(0).toLocaleUpperCase() + value.slice(1) : undefined;
}

function present(value: string | undefined): string | undefined {
  const text = value?.trim();
  return text ? text : undefined;
}

/** The plain data the profile page renders; missing fields stay undefined and are left out of the page. */
export function toProfileData(user: User, options: { isMe: boolean; photoDataUrl?: string | undefined }): ProfileData {
  const location = [user.city, user.state, user.country].map(present).filter(Boolean).join(', ');
  const membership = user.accountMembership;
  return {
    id: user.id,
    fullName: user.fullName,
    initials: initialsOf(user.fullName),
    isMe: options.isMe,
    photoDataUrl: options.photoDataUrl,
    headline: present(user.headline),
    role: present(user.role?.name),
    email: present(user.emailAddress),
    emailIsAddress: safeEmail(user.emailAddress) !== undefined,
    manager: present(user.manager?.fullName),
    location: location || undefined,
    timeZone: present(user.abbreviatedTimezone),
    bio: present(user.bio),
    website: safeWebsiteUrl(user.website),
    classification: present(user.classification),
    permission: sentenceCase(present(membership?.permission?.replace(/_/g, ' '))),
    disabled: Boolean(membership?.disabledAt),
    skills: (user.skillMemberships ?? [])
      .map((membershipOfSkill) => ({
        name: membershipOfSkill.skill?.name ?? membershipOfSkill.skillName ?? '',
        level: membershipOfSkill.level,
        maxLevel: membershipOfSkill.maxLevel || undefined,
      }))
      .filter((skill) => skill.name)
      .sort((a, b) => compareText(a.name, b.name)),
    customFields: (user.customFieldValues ?? [])
      .map((field) => ({ name: field.name, value: field.displayValue }))
      .filter((field) => field.name && field.value),
  };
}

/** The error's own plain message and what can be done about it, for the page. */
export function toErrorData(error: unknown): ErrorData {
  if (isKantataError(error)) {
    return {
      message: error.userMessage,
      canRetry: error.remedies.includes('retry') || error.kind === 'cancelled',
      canSignIn: error.remedies.includes('signIn'),
    };
  }
  return { message: l10n.t('Something went wrong: {0}', error instanceof Error ? error.message : String(error)), canRetry: true, canSignIn: false };
}
