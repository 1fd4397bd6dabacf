import * as l10n from '@vscode/l10n';
import { KantataError } from './errors';

/** Kantata OX's production API. */
export const DEFAULT_BASE_URL = 'https://api.mavenlink.com/api/v1';

export interface BaseUrl {
  /** Without a trailing slash: `https://api.mavenlink.com/api/v1`. */
  readonly href: string;
  /** The host the token may be sent to (`api.mavenlink.com`, `127.0.0.1:4010`). */
  readonly host: string;
}

export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  return host === 'localhost' || host.endsWith('.localhost') || host === '::1' || /^127(\.\d{1,3}){3}$/.test(host);
}

/**
 * Whether plain http to `hostname` can only reach this machine: a loopback address, or `localhost` itself.
 * Stricter than isLoopbackHost: a name under `.localhost` is looked up in DNS by Node, which may answer with any
 * address, and the token would then cross the network unencrypted (found by the token suite).
 */
export function isLoopbackForToken(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  return host === 'localhost' || host === '::1' || /^127(\.\d{1,3}){3}$/.test(host);
}

function invalid(userMessage: string): KantataError {
  return new KantataError({ kind: 'badRequest', userMessage, remedies: ['openSettings'] });
}

/**
 * Checks a configured base URL. The token travels in a header, so plain http is refused unless the server
 * is on this machine (the sandbox, a local proxy); credentials, queries and fragments have no place in it.
 */
export function parseBaseUrl(raw: string): BaseUrl {
  const trimmed = raw.trim();
  const shown = trimmed.slice(0, 200);
  let url: URL;
  try {
    url = new URL(trimmed);
  } catch {
    throw invalid(l10n.t('The Kantata base URL "{0}" is not a valid URL. It should look like {1}.', shown, DEFAULT_BASE_URL));
  }
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && isLoopbackForToken(url.hostname))) {
    throw invalid(l10n.t('The Kantata base URL "{0}" must start with https:// (plain http is allowed only for servers on this machine).', shown));
  }
  if (url.username || url.password) {
    throw invalid(l10n.t('The Kantata base URL "{0}" must not contain a user name or password: sign in with a token instead.', shown));
  }
  if (url.search || url.hash) {
    throw invalid(l10n.t('The Kantata base URL "{0}" must not contain a query (?) or a fragment (#).', shown));
  }
  const path = url.pathname.replace(/\/+$/, '');
  return { href: `${url.protocol}//${url.host}${path}`, host: url.host };
}
