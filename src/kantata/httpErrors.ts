import * as l10n from '@vscode/l10n';
import { FieldError, KantataError, KantataErrorInit } from './errors';
import { redact } from './logger';
import { parseRetryAfter } from './retryPolicy';

/**
 * Turns what came back (a status and a body, or a transport failure) into a KantataError with a message a
 * person can act on. Kantata's error bodies are `{"errors":[{type, message, field}]}`, but proxies answer
 * with HTML and some failures have no body at all, so the body is read defensively.
 */

interface ParsedErrorBody {
  /** True when the body was Kantata's documented error shape. */
  readonly isKantataShape: boolean;
  readonly messages: readonly string[];
  readonly fieldErrors: readonly FieldError[];
}

const maxMessageLength = 300;

/**
 * One line of at most 300 characters, with `secret` (the token) replaced first: cut first, a token across the
 * cut would leave a prefix that no later redaction recognises.
 */
function clip(text: string, secret?: string): string {
  const single = redact(text, secret).replace(/\s+/g, ' ').trim();
  return single.length > maxMessageLength ? `${single.slice(0, maxMessageLength - 1)}…` : single;
}

/** `secret`, the token, is replaced in the messages before they are shortened. */
export function parseErrorBody(text: string, secret?: string): ParsedErrorBody {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return { isKantataShape: false, messages: [], fieldErrors: [] };
  }
  const errors = (parsed as { errors?: unknown } | null)?.errors;
  if (!Array.isArray(errors)) {
    return { isKantataShape: false, messages: [], fieldErrors: [] };
  }
  const fieldErrors: FieldError[] = [];
  for (const item of errors) {
    const message = (item as { message?: unknown } | null)?.message;
    const field = (item as { field?: unknown } | null)?.field;
    if (typeof message === 'string' && message.trim() !== '') {
      fieldErrors.push({ message: clip(message, secret), field: typeof field === 'string' && field !== '' ? redact(field, secret) : undefined });
    }
  }
  return { isKantataShape: true, messages: fieldErrors.map((e) => e.message), fieldErrors };
}

/** What answered instead of the API, by what its body looks like: nothing, a web page, or something else. */
function notKantataMessage(host: string, status: number, contentType: string | undefined, text: string): string {
  if (text.trim() === '') {
    return l10n.t("The server at {0} doesn't answer like the Kantata API (HTTP {1} with an empty answer). Check the Kantata base URL setting.", host, status);
  }
  if (contentType?.includes('html') || /^\s*</.test(text)) {
    return l10n.t("The server at {0} doesn't answer like the Kantata API (HTTP {1} with a web page instead of data). Check the Kantata base URL setting.", host, status);
  }
  return l10n.t("The server at {0} doesn't answer like the Kantata API (HTTP {1} with an answer that is not JSON). Check the Kantata base URL setting.", host, status);
}

/** Something other than the Kantata API answered: a web site, a proxy's login page, another API. */
export function notKantata(host: string, status: number, contentType: string | undefined, text: string): KantataError {
  return new KantataError({
    kind: 'badResponse',
    status,
    userMessage: notKantataMessage(host, status, contentType, text),
    remedies: ['openSettings', 'retry'],
    detail: `HTTP ${status}, content-type ${contentType ?? 'none'}, ${text.length} bytes`,
    namesBaseUrlSetting: true,
  });
}

/** `base`, a whole sentence, followed by Kantata's own messages (which stay as Kantata wrote them). */
function withServerMessage(base: string, messages: readonly string[]): string {
  return messages.length ? l10n.t({ message: '{0} Kantata said: {1}', args: [base, messages.join(' ')], comment: ["{0} is a whole sentence; {1} is the server's own message, untranslated"] }) : base;
}

export interface ResponseFacts {
  readonly status: number;
  readonly contentType?: string;
  readonly retryAfter?: string;
  readonly text: string;
  readonly host: string;
  /** The request's method: a 422 to a read is not a refused change. */
  readonly method?: string;
  /** The token the request carried: a server may echo it, and it is replaced before messages are shortened. */
  readonly secret?: string;
}

/** What every error made from a status shares: the status, Kantata's own messages and the log's detail. */
type StatusFacts = Required<Pick<KantataErrorInit, 'status' | 'serverMessages' | 'fieldErrors' | 'detail'>>;

/** The error for a response whose status is not a success: one step per family of statuses. */
export function errorFromResponse({ status, contentType, retryAfter, text, host, method, secret }: ResponseFacts): KantataError {
  const body = parseErrorBody(text, secret);
  const common: StatusFacts = { status, serverMessages: body.messages, fieldErrors: body.fieldErrors, detail: `HTTP ${status}` };
  if (status === 429) {
    return tooManyRequests(common, retryAfter);
  }
  if (status >= 500) {
    return serverFailure(common);
  }
  if (status >= 300 && status < 400) {
    return redirected(common, host);
  }
  // From here on, a body that is not Kantata's error shape means something else answered: a proxy's login
  // page, a web site, a different API. Saying "bad token" or "not found" then would send the user astray.
  if (!body.isKantataShape && status !== 400 && status !== 422) {
    return notKantata(host, status, contentType, text);
  }
  return requestRefused(common, method);
}

/** 429. */
function tooManyRequests(common: StatusFacts, retryAfter: string | undefined): KantataError {
  const wait = parseRetryAfter(retryAfter);
  return new KantataError({
    ...common,
    kind: 'rateLimited',
    retryAfterSeconds: wait,
    userMessage: tooManyRequestsMessage(wait),
    remedies: ['retry'],
  });
}

/** 5xx. */
function serverFailure(common: StatusFacts): KantataError {
  const { status } = common;
  return new KantataError({
    ...common,
    kind: 'server',
    userMessage: status === 503 ? l10n.t('Kantata is unavailable right now (HTTP 503). Try again in a moment.') : l10n.t('Kantata ran into a problem (HTTP {0}). Try again in a moment.', status),
    remedies: ['retry'],
  });
}

/** 3xx: the API never redirects, so something in front of it did. */
function redirected(common: StatusFacts, host: string): KantataError {
  return new KantataError({
    ...common,
    kind: 'badResponse',
    userMessage: l10n.t("The server at {0} redirected the request elsewhere (HTTP {1}); the Kantata API doesn't. Check the Kantata base URL setting.", host, common.status),
    remedies: ['openSettings'],
    namesBaseUrlSetting: true,
  });
}

/** 4xx other than 429, answered by Kantata itself (or a 400 or 422 with any body). */
function requestRefused(common: StatusFacts, method: string | undefined): KantataError {
  const { status, serverMessages: messages } = common;
  switch (status) {
    case 401:
      return new KantataError({
        ...common,
        kind: 'unauthorized',
        userMessage: l10n.t('Kantata rejected your token: it may have been revoked. Sign in again.'),
        remedies: ['signIn'],
      });
    case 403:
      return new KantataError({
        ...common,
        kind: 'forbidden',
        // What to do about it, since trying again won't help (found by the faults suite).
        userMessage: withServerMessage(l10n.t("You don't have permission to do that in Kantata: ask an account administrator if you need it."), messages),
      });
    case 404:
      return new KantataError({
        ...common,
        kind: 'notFound',
        userMessage: l10n.t("Kantata couldn't find it: it may have been deleted, disabled or hidden from you."),
        remedies: ['retry'],
      });
    case 422:
      return unprocessable(common, method);
    default:
      return new KantataError({
        ...common,
        kind: 'badRequest',
        userMessage: withServerMessage(l10n.t("Kantata couldn't process the request (HTTP {0}).", status), messages),
      });
  }
}

/** 422: a refused change, except to a read, which changes nothing (found by the faults suite). */
function unprocessable(common: StatusFacts, method: string | undefined): KantataError {
  const messages = common.serverMessages;
  if (method === 'GET') {
    return new KantataError({
      ...common,
      kind: 'badRequest',
      userMessage: withServerMessage(l10n.t("Kantata couldn't process the request (HTTP 422). Try again; if it keeps happening, check the Kantata base URL setting."), messages),
      remedies: ['retry', 'openSettings'],
      namesBaseUrlSetting: true,
    });
  }
  return new KantataError({
    ...common,
    kind: 'validation',
    userMessage: messages.length
      ? l10n.t({ message: "Kantata didn't accept the change: {0}", args: [messages.join(' ')], comment: ["{0} is the server's own message, untranslated"] })
      : l10n.t("Kantata didn't accept the change."),
  });
}

/** 429's message: when to try again, in seconds up to 90, else in minutes (rounded up). */
function tooManyRequestsMessage(wait: number | undefined): string {
  if (wait === undefined) {
    return l10n.t('Kantata is receiving too many requests. Wait a moment and try again.');
  }
  if (wait === 1) {
    return l10n.t('Kantata is receiving too many requests. Try again in {0} second.', wait);
  }
  if (wait < 90) {
    return l10n.t('Kantata is receiving too many requests. Try again in {0} seconds.', wait);
  }
  return l10n.t('Kantata is receiving too many requests. Try again in {0} minutes.', Math.ceil(wait / 60));
}

/** The error for a 2xx answer that is not what the operation documents. */
export function badResponse(host: string, problem: string, detail?: string): KantataError {
  return new KantataError({
    kind: 'badResponse',
    userMessage: l10n.t({
      message: 'Kantata sent a response the extension could not read ({0}). Check the Kantata base URL setting ({1}), or try again.',
      args: [clip(problem), host],
      comment: ['{0} is what was wrong with the response, in technical English; {1} is the server'],
    }),
    remedies: ['retry', 'openSettings'],
    detail: detail ?? problem,
    namesBaseUrlSetting: true,
  });
}

const certificateCodes = new Set([
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'ERR_TLS_CERT_ALTNAME_INVALID',
  'CERT_UNTRUSTED',
]);

/**
 * The error for a request that got no HTTP answer at all. `code` is Node's error code, when there is one;
 * `secret`, the token, is replaced in `rawMessage` before anything is made of it.
 */
export function errorFromTransport(
  code: string | undefined,
  host: string,
  unsafeMessage: string,
  { proxyHost, secret, caCertificatesSetting }: { proxyHost?: string; secret?: string; caCertificatesSetting?: string } = {},
): KantataError {
  const rawMessage = redact(unsafeMessage, secret);
  const detail = `${code ?? 'no code'}: ${rawMessage}${proxyHost ? ` (through the proxy ${proxyHost})` : ''}`;
  // VS Code's proxy support (@vscode/proxy-agent), which routes requests itself, reports a proxy it could not
  // connect to or tunnel through with this message and no code: "… to proxies: PROXY proxy.example.com:3128".
  const vscodeProxy = code === undefined ? /Failed to establish a socket connection to proxies: (?:PROXY|HTTPS|SOCKS[45]?) (\S+)/.exec(rawMessage)?.[1] : undefined;
  // Through a proxy, a refused or unreachable connection is usually the proxy's: say which one.
  if (vscodeProxy || (proxyHost && (code === 'ECONNREFUSED' || code === 'ENOTFOUND' || code === 'EAI_AGAIN' || code === 'EHOSTUNREACH' || code === 'ECONNRESET'))) {
    const proxy = vscodeProxy ?? proxyHost;
    return new KantataError({
      kind: 'network',
      userMessage: code
        ? l10n.t("Couldn't reach {0} through the proxy {1} ({2}). Check the http.proxy setting or the HTTPS_PROXY variable.", host, proxy ?? '', code)
        : l10n.t("Couldn't reach {0} through the proxy {1} (no connection through it). Check the http.proxy setting or the HTTPS_PROXY variable.", host, proxy ?? ''),
      remedies: ['retry', 'openSettings'],
      code,
      detail,
    });
  }
  const network = (userMessage: string, remedies: KantataError['remedies'] = ['retry', 'openSettings'], namesBaseUrlSetting = false) =>
    new KantataError({ kind: 'network', userMessage, remedies, code, detail, namesBaseUrlSetting });
  switch (code) {
    case 'ECONNREFUSED':
      return network(l10n.t("Couldn't connect to {0}: the connection was refused. Check the Kantata base URL setting, or try again later.", host), undefined, true);
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return network(l10n.t("Couldn't find the server {0}. Check your network connection and the Kantata base URL setting.", host), undefined, true);
    case 'ECONNRESET':
    case 'EPIPE':
      return network(l10n.t('The connection to {0} was interrupted. Try again.', host), ['retry']);
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
    case 'ENETDOWN':
      return network(l10n.t("Couldn't reach {0}: the network is unreachable. Check your connection or proxy settings.", host));
    default:
      if (code && certificateCodes.has(code)) {
        return network(untrustedCertificateMessage(host, code, caCertificatesSetting), ['openSettings']);
      }
      return network(otherFailureMessage(host, clip(rawMessage)));
  }
}

function untrustedCertificateMessage(host: string, code: string, caCertificatesSetting: string | undefined): string {
  return caCertificatesSetting
    ? l10n.t("The certificate of {0} isn't trusted ({1}). If your company inspects secure traffic, add its certificate authority to the {2} setting.", host, code, caCertificatesSetting)
    : l10n.t("The certificate of {0} isn't trusted ({1}). If your company inspects secure traffic, add its certificate authority to the extra certificate authorities setting.", host, code);
}

/** `reason`: Node's own words for the failure (technical English), or empty. */
function otherFailureMessage(host: string, reason: string): string {
  return reason
    ? l10n.t({ message: "Couldn't talk to {0}: {1}. Check your connection and try again.", args: [host, reason], comment: ["{1} is the system's own error message, in English"] })
    : l10n.t("Couldn't talk to {0}: the request failed. Check your connection and try again.", host);
}
