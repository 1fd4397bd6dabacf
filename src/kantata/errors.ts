import * as l10n from '@vscode/l10n';
import { redact } from './logger';

/**
 * The one error type of the API layer. Every failure, whatever its cause (HTTP status, network, time-out,
 * cancellation, a body that is not Kantata's), becomes a KantataError that carries a plain-language
 * message for the user and the remedies that fit, so the UI never inspects status codes.
 */

export type KantataErrorKind =
  | 'badRequest'
  | 'unauthorized'
  | 'forbidden'
  | 'notFound'
  | 'validation'
  | 'rateLimited'
  | 'server'
  | 'network'
  | 'timeout'
  | 'cancelled'
  | 'badResponse';

/** What the user can do about an error; the UI turns each into a button. */
export type Remedy = 'retry' | 'signIn' | 'openSettings';

export interface FieldError {
  /** The API's field name, e.g. `email_address`; absent for messages about the whole object. */
  readonly field?: string;
  readonly message: string;
}

export interface KantataErrorInit {
  readonly kind: KantataErrorKind;
  readonly userMessage: string;
  readonly remedies?: readonly Remedy[];
  readonly status?: number;
  readonly serverMessages?: readonly string[];
  readonly fieldErrors?: readonly FieldError[];
  readonly retryAfterSeconds?: number;
  /** Node's error code for failures without an HTTP answer (`ECONNRESET`, `ECONNREFUSED`, …). */
  readonly code?: string;
  /** Technical detail for the log (never shown as the main message, never holding the token). */
  readonly detail?: string;
  /** The message already tells the user to check the Kantata base URL setting (so no hint need repeat it). */
  readonly namesBaseUrlSetting?: boolean;
}

export class KantataError extends Error {
  readonly kind: KantataErrorKind;
  readonly userMessage: string;
  readonly remedies: readonly Remedy[];
  readonly status?: number;
  readonly serverMessages: readonly string[];
  readonly fieldErrors: readonly FieldError[];
  readonly retryAfterSeconds?: number;
  readonly code?: string;
  readonly detail?: string;
  readonly namesBaseUrlSetting: boolean;

  constructor(init: KantataErrorInit) {
    super(init.userMessage);
    this.name = 'KantataError';
    this.kind = init.kind;
    this.userMessage = init.userMessage;
    this.remedies = init.remedies ?? [];
    this.status = init.status;
    this.serverMessages = init.serverMessages ?? [];
    this.fieldErrors = init.fieldErrors ?? [];
    this.retryAfterSeconds = init.retryAfterSeconds;
    this.code = init.code;
    this.detail = init.detail;
    this.namesBaseUrlSetting = init.namesBaseUrlSetting ?? false;
  }

  /** Per-field messages keyed by the API's field name; whole-object messages under `''`. */
  messagesByField(): ReadonlyMap<string, readonly string[]> {
    const byField = new Map<string, string[]>();
    for (const { field, message } of this.fieldErrors) {
      const key = field ?? '';
      byField.set(key, [...(byField.get(key) ?? []), message]);
    }
    return byField;
  }
}

export function isKantataError(value: unknown): value is KantataError {
  return value instanceof KantataError;
}

/**
 * The same error with `secret` (the token) replaced in every text it carries: user message, server messages,
 * field messages and detail. Returns `error` itself when the secret is in none of them.
 */
export function withoutSecret(error: KantataError, secret: string | undefined): KantataError {
  if (!secret || secret.length < 4) {
    return error;
  }
  const texts = [error.userMessage, error.detail ?? '', ...error.serverMessages, ...error.fieldErrors.map((fieldError) => `${fieldError.field ?? ''} ${fieldError.message}`)];
  if (!texts.some((text) => text.includes(secret))) {
    return error;
  }
  const clean = (text: string): string => redact(text, secret);
  return new KantataError({
    kind: error.kind,
    userMessage: clean(error.userMessage),
    remedies: error.remedies,
    status: error.status,
    serverMessages: error.serverMessages.map(clean),
    fieldErrors: error.fieldErrors.map((fieldError) => ({ field: fieldError.field === undefined ? undefined : clean(fieldError.field), message: clean(fieldError.message) })),
    retryAfterSeconds: error.retryAfterSeconds,
    code: error.code,
    detail: error.detail === undefined ? undefined : clean(error.detail),
    namesBaseUrlSetting: error.namesBaseUrlSetting,
  });
}

/**
 * What a failed step gives its view: the KantataError it failed with, or anything else thrown (a bug, a rejection
 * from outside the client) as one with Retry, named by the step: `Loading teammates failed unexpectedly: …`.
 */
export function asKantataError(error: unknown, step: string): KantataError {
  if (isKantataError(error)) {
    return error;
  }
  const userMessage = l10n.t({
    message: '{0} failed unexpectedly: {1}',
    args: [step, String(error)],
    comment: ['{0} is the step that failed, such as "Loading teammates"; {1} is the error thrown'],
  });
  return new KantataError({ kind: 'badResponse', userMessage, remedies: ['retry'] });
}

export function cancelledError(): KantataError {
  return new KantataError({ kind: 'cancelled', userMessage: l10n.t('The request to Kantata was cancelled.') });
}

/** A request with no token to send: the user is not signed in (or no longer, in this window). */
export function notSignedInError(): KantataError {
  return new KantataError({ kind: 'unauthorized', userMessage: l10n.t("You're not signed in to Kantata."), remedies: ['signIn'] });
}
