/**
 * What "Link Workspace to Project…" accepts, read without VS Code so it can be unit-tested: a project number,
 * or a link to the project in Kantata's web app. The web app calls projects "workspaces"
 * (`https://app.mavenlink.com/workspaces/12345`, `https://acme.mavenlink.com/workspaces/12345/#tracker`,
 * `https://acme.kantata.com/workspaces/12345/...`); `/projects/<n>` is taken too.
 */
import * as l10n from '@vscode/l10n';
import { formatNumber } from '../locale/displayLanguage';

/**
 * Kantata ids are positive integers; 15 digits stay below 2^53, so the number survives any JSON reader on
 * the way, and is far above any real id.
 */
export const MAX_PROJECT_ID_DIGITS = 15;

export type ProjectReference = { readonly projectId: string } | { readonly problem: string };

const NUMBER = /^\d+$/;
const PROJECT_PATH = /\/(?:workspaces|projects)\/(\d+)(?=[/?#]|$)/;

/** The project id as the API wants it (no leading zeros), or why the digits are none. */
function projectIdOf(digits: string): ProjectReference {
  const trimmed = digits.replace(/^0+/, '');
  if (trimmed === '') {
    return { problem: l10n.t('A project number is 1 or more; 0 is no project.') };
  }
  if (trimmed.length > MAX_PROJECT_ID_DIGITS) {
    return { problem: l10n.t('That number is too long for a Kantata project (at most {0} digits).', formatNumber(MAX_PROJECT_ID_DIGITS)) };
  }
  return { projectId: trimmed };
}

/** Reads a typed or pasted project: a number, or a Kantata link with `/workspaces/<n>` (or `/projects/<n>`) in its path. */
export function parseProjectReference(input: string): ProjectReference {
  const text = input.trim();
  if (text === '') {
    return { problem: l10n.t('Type a project number, or paste a link to the project in Kantata.') };
  }
  const number = text.replace(/^#/, '');
  if (NUMBER.test(number)) {
    return projectIdOf(number);
  }
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return { problem: l10n.t('Not a project number or a link: type digits (e.g. 12345), or paste the project’s address from Kantata.') };
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    return { problem: l10n.t('Paste an https link to the project, e.g. https://app.mavenlink.com/workspaces/12345.') };
  }
  // Older links route in the fragment: https://app.mavenlink.com/#/workspaces/12345.
  const match = PROJECT_PATH.exec(url.pathname) ?? PROJECT_PATH.exec(url.hash);
  if (!match?.[1]) {
    return { problem: l10n.t('That link names no project: its path should hold /workspaces/<number>, e.g. https://app.mavenlink.com/workspaces/12345.') };
  }
  return projectIdOf(match[1]);
}

/** The project of the setting's value, or undefined when it is empty or names none (a link pasted into settings.json counts). */
export function projectIdOfSetting(value: unknown): string | undefined {
  if (typeof value !== 'string' || value.trim() === '') {
    return undefined;
  }
  const reference = parseProjectReference(value);
  return 'projectId' in reference ? reference.projectId : undefined;
}
