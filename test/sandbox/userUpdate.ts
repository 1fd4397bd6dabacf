import type { ParsedBody } from './body';
import type { ApiResponse, RequestContext } from './context';
import { badRequest, forbidden, MESSAGES, validationFailed } from './errors';
import type { FieldProblem } from './errors';
import type { UserRecord } from './model';
import { parseRailsForm } from './railsForm';
import { findVisibleUser, singleUserResponse } from './users';

/** The attributes PUT /users/{id} accepts (the OpenAPI description's request body). */
export const WRITABLE_USER_ATTRIBUTES = ['full_name', 'headline', 'email_address', 'external_reference'] as const;
export const MAX_TEXT_LENGTH = 255;

const EMAIL_PATTERN = /^[^\s@]+@[^\s@.]+(\.[^\s@.]+)+$/;
const REFERENCE_STATUSES = ['successful', 'pending', 'failed'];

/** PUT /users/{id}: 404 unless visible, 403 unless allowed, 400 without a `user` object, 422 per invalid field. */
export function updateUser(context: RequestContext): ApiResponse {
  const target = findVisibleUser(context);
  authorizeEdit(context, target);
  const attributes = userAttributes(context.body);
  const problems = validateAttributes(context, target, attributes);
  if (problems.length > 0) {
    throw validationFailed(problems);
  }
  const updated: UserRecord = { ...target };
  if (typeof attributes.full_name === 'string') {
    updated.full_name = attributes.full_name.trim();
  }
  if (typeof attributes.headline === 'string') {
    updated.headline = attributes.headline;
  }
  if (typeof attributes.email_address === 'string') {
    updated.email_address = attributes.email_address.trim();
  }
  if (isObject(attributes.external_reference)) {
    updated.externalReferenceIds = upsertExternalReference(context, target, attributes.external_reference);
  }
  context.store.replaceUser(updated);
  return singleUserResponse(context, updated);
}

/** An administrator edits anyone on the account; everyone else only themself. */
export function authorizeEdit(context: RequestContext, target: UserRecord): void {
  const { requester, store } = context;
  if (target.id === requester.id) {
    return;
  }
  if (!store.isAdministrator(requester)) {
    throw forbidden(MESSAGES.forbiddenEdit);
  }
  if (target.accountMembership === undefined) {
    throw forbidden(MESSAGES.forbiddenOutsideUser);
  }
}

type Attributes = Record<string, unknown>;

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The `user` object of a JSON or Rails-style form body; anything else is a 400. */
function userAttributes(body: ParsedBody): Attributes {
  switch (body.kind) {
    case 'json':
      if (isObject(body.value) && isObject(body.value.user)) {
        return body.value.user;
      }
      throw badRequest(MESSAGES.missingUser);
    case 'form': {
      const form = parseRailsForm(body.text);
      if (isObject(form.user)) {
        return form.user;
      }
      throw badRequest(MESSAGES.missingUser);
    }
    case 'invalidJson':
      throw badRequest(MESSAGES.invalidJson);
    case 'tooLarge':
      throw badRequest(MESSAGES.bodyTooLarge);
    case 'none':
      throw badRequest(MESSAGES.missingUser);
    case 'multipart':
    case 'invalidMultipart':
    case 'text':
      throw badRequest('Unsupported request body: send JSON (application/json) or a form (application/x-www-form-urlencoded).');
  }
}

function textProblem(field: string, value: unknown, required: boolean): FieldProblem | undefined {
  if (typeof value !== 'string') {
    return { field, message: 'must be a string' };
  }
  if (required && value.trim() === '') {
    return { field, message: "can't be blank" };
  }
  if ([...value].length > MAX_TEXT_LENGTH) {
    return { field, message: `is too long (maximum is ${MAX_TEXT_LENGTH} characters)` };
  }
  return undefined;
}

function validateAttributes(context: RequestContext, target: UserRecord, attributes: Attributes): FieldProblem[] {
  const problems: FieldProblem[] = [];
  for (const [name, value] of Object.entries(attributes)) {
    switch (name) {
      case 'full_name':
        pushDefined(problems, textProblem(name, value, true));
        break;
      case 'headline':
        pushDefined(problems, textProblem(name, value, false));
        break;
      case 'email_address': {
        const problem = textProblem(name, value, true);
        if (problem) {
          problems.push(problem);
        } else if (!EMAIL_PATTERN.test(String(value).trim())) {
          problems.push({ field: name, message: 'is invalid' });
        } else if (emailTaken(context, target, String(value).trim())) {
          problems.push({ field: name, message: 'has already been taken' });
        }
        break;
      }
      case 'external_reference':
        problems.push(...externalReferenceProblems(value));
        break;
      default:
        problems.push({ field: name, message: 'is not a writable attribute' });
    }
  }
  return problems;
}

function pushDefined(problems: FieldProblem[], problem: FieldProblem | undefined): void {
  if (problem) {
    problems.push(problem);
  }
}

function emailTaken(context: RequestContext, target: UserRecord, email: string): boolean {
  const wanted = email.toLowerCase();
  return context.store.usersInOrder().some((user) => user.id !== target.id && user.email_address.toLowerCase() === wanted);
}

function externalReferenceProblems(value: unknown): FieldProblem[] {
  if (!isObject(value)) {
    return [{ field: 'external_reference', message: 'must be an object' }];
  }
  const problems: FieldProblem[] = [];
  for (const name of ['service_name', 'service_model', 'service_model_ref']) {
    pushDefined(problems, textProblem(`external_reference.${name}`, value[name], true));
  }
  for (const name of ['external_message', 'external_link', 'external_status']) {
    if (value[name] !== undefined) {
      pushDefined(problems, textProblem(`external_reference.${name}`, value[name], false));
    }
  }
  if (value.status !== undefined && !REFERENCE_STATUSES.includes(String(value.status))) {
    problems.push({ field: 'external_reference.status', message: `must be one of ${REFERENCE_STATUSES.join(', ')}` });
  }
  if (value.locked !== undefined && typeof value.locked !== 'boolean' && value.locked !== 'true' && value.locked !== 'false') {
    problems.push({ field: 'external_reference.locked', message: 'must be true or false' });
  }
  const known = new Set(['service_name', 'service_model', 'service_model_ref', 'status', 'external_message', 'external_link', 'external_status', 'locked']);
  for (const name of Object.keys(value).filter((key) => !known.has(key))) {
    problems.push({ field: `external_reference.${name}`, message: 'is not a writable attribute' });
  }
  return problems;
}

/** One reference per service name: a second PUT for the same service replaces the first. */
function upsertExternalReference(context: RequestContext, target: UserRecord, value: Record<string, unknown>): string[] {
  const { store } = context;
  const serviceName = String(value.service_name);
  const kept = target.externalReferenceIds.filter((id) => store.externalReference(id)?.service_name !== serviceName);
  const now = new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');
  const optionalText = (name: string) => (typeof value[name] === 'string' ? { [name]: value[name] as string } : {});
  const reference = store.addExternalReference({
    userId: target.id,
    service_name: serviceName,
    service_model: String(value.service_model),
    service_model_ref: String(value.service_model_ref),
    status: typeof value.status === 'string' ? value.status : 'successful',
    ...optionalText('external_message'),
    ...optionalText('external_link'),
    ...optionalText('external_status'),
    locked: value.locked === true || value.locked === 'true',
    created_at: now,
    updated_at: now,
  });
  return [...kept, reference.id];
}
