import * as l10n from '@vscode/l10n';
import type { DecodeNote } from './decode';
import { decodeEnvelope } from './envelope';
import { decodeCapacity, decodeRolePage, decodeSingleUser, decodeUserPage } from './decoders';
import { KantataError } from './errors';
import { Capacity, Page, PhotoFile, Role, User } from './types';

/**
 * One typed description per API operation: method, path, query, body and the decoder of its answer.
 * The client runs them; nothing else builds a URL or reads an envelope. Paths carry no `.json` suffix.
 */

export type HttpMethod = 'GET' | 'PUT' | 'POST' | 'DELETE';

export type RequestBody =
  | { readonly kind: 'json'; readonly value: unknown }
  | { readonly kind: 'multipart'; readonly fileField: string; readonly file: PhotoFile };

export interface Operation<T> {
  /** For logs and error messages: `listUsers`, `getCapacity`, … */
  readonly name: string;
  readonly method: HttpMethod;
  /** Relative to the base URL, starting with `/`. */
  readonly path: string;
  readonly query: Readonly<Record<string, string>>;
  readonly body?: RequestBody;
  /**
   * Decodes a successful answer: parsed JSON, or undefined for an empty body (204). `note` takes what the log
   * should know about an answer accepted after a correction.
   */
  readonly decode: (body: unknown, note: DecodeNote) => T;
}

/** The multipart field Kantata reads the photo from (Rails naming of `user.profile_photo_attachment_file`). */
export const PROFILE_PHOTO_FIELD = 'user[profile_photo_attachment_file]';

/** Kantata's maximum page size; every index route is read with it. */
export const MAX_PER_PAGE = 200;

export type UserInclude =
  | 'role'
  | 'account_membership'
  | 'manager'
  | 'skills'
  | 'skill_memberships'
  | 'custom_field_values';

export type UserOptionalField =
  | 'bio'
  | 'website'
  | 'city'
  | 'state'
  | 'country'
  | 'abbreviated_timezone'
  | 'classification'
  | 'last_site_activity';

/** The includes that give each user their skills with levels (`User.skillsWithLevels`): the memberships carry the levels. */
export const SKILLS_WITH_LEVELS: readonly UserInclude[] = ['skills', 'skill_memberships'];

/** Which associations and optional fields come back with the users. */
export interface UserSelection {
  readonly include?: readonly UserInclude[];
  readonly optionalFields?: readonly UserOptionalField[];
}

export interface ListUsersParams extends UserSelection {
  /** Every member of the requester's account, including those in no project. */
  readonly onMyAccount?: boolean;
  readonly showDisabled?: boolean;
  readonly byFullName?: string;
  readonly search?: string;
  /** Fetch these ids only (never 404s). */
  readonly only?: readonly string[];
  readonly order?: 'alphabetical:asc' | 'alphabetical:desc';
  /** The users on this project (its numeric id); an unknown project is an empty list. */
  readonly participantIn?: string;
  /** Users whose address is one of these: 1 to MAX_EMAIL_ADDRESSES (see KantataClient.listUsersByEmailAddresses). */
  readonly byEmailAddresses?: readonly string[];
  readonly withSkills?: WithSkills;
}

/** A skill a user must have, at one of `levels` (1–5); no levels, or an empty list: at any level. */
export interface SkillWanted {
  readonly skillId: string;
  /** Leave out for a skill without levels (a certification): its memberships have no level to match. */
  readonly levels?: readonly number[];
}

/** The `with_skills` filter: users with every one (`and`) or any one (`or`) of the skills. */
export interface WithSkills {
  readonly operation: 'and' | 'or';
  readonly skills: readonly SkillWanted[];
}

/** The reference: "You can specify up to 200 email addresses" in one `by_email_addresses`. */
export const MAX_EMAIL_ADDRESSES = 200;

export interface GetUserParams extends UserSelection {
  /** Show routes honour the default filters: a disabled user is 404 without this. */
  readonly showDisabled?: boolean;
}

/** The writable fields of a user; only the ones present are sent. */
export interface UserChanges {
  readonly fullName?: string;
  readonly headline?: string;
  readonly emailAddress?: string;
}

function programmerError(message: string): KantataError {
  return new KantataError({ kind: 'badRequest', userMessage: message });
}

/** Path ids are numbers; anything else (say, hostile data) never reaches a URL. */
function userPath(id: string, suffix = ''): string {
  if (!/^\d{1,18}$/.test(id)) {
    throw programmerError(l10n.t('"{0}" is not a Kantata user id.', id.slice(0, 20)));
  }
  return `/users/${id}${suffix}`;
}

function selectionQuery(selection: UserSelection): Record<string, string> {
  const query: Record<string, string> = {};
  if (selection.include?.length) {
    query.include = selection.include.join(',');
  }
  if (selection.optionalFields?.length) {
    // The documentation sends optional fields comma-separated (the OpenAPI file types it as an array).
    query.optional_fields = selection.optionalFields.join(',');
  }
  return query;
}

function flag(query: Record<string, string>, name: string, value: boolean | undefined): void {
  if (value !== undefined) {
    query[name] = String(value);
  }
}

const decodeUserEnvelope = (body: unknown): User => decodeSingleUser(decodeEnvelope(body));

/**
 * `with_skills` as documented, `{"<skill id>":[level,level],"<skill id>":[],"operation":"and"}`: the one place that
 * knows the format. The reference prints it with single quotes inside a quoted description; this sends JSON (what a
 * Rails controller parses), with the operation always given since the reference names no default.
 */
export function encodeWithSkills(filter: WithSkills): string {
  if (filter.skills.length === 0) {
    throw programmerError(l10n.t('A skills filter needs at least one skill.'));
  }
  const encoded: Record<string, unknown> = {};
  for (const { skillId, levels = [] } of filter.skills) {
    if (!/^\d{1,18}$/.test(skillId) || skillId in encoded) {
      throw programmerError(l10n.t('"{0}" is not a Kantata skill id, or is named twice.', skillId.slice(0, 20)));
    }
    if (levels.some((level) => !Number.isInteger(level) || level < 1 || level > 5)) {
      throw programmerError(l10n.t('Skill levels are whole numbers from 1 to 5.'));
    }
    encoded[skillId] = [...new Set(levels)];
  }
  encoded.operation = filter.operation;
  return JSON.stringify(encoded);
}

/**
 * The addresses to ask for, in batches of at most MAX_EMAIL_ADDRESSES: trimmed, empty ones and exact duplicates left
 * out, and those with a comma too (they cannot travel in the comma-separated form, and no real address has one).
 * Case is kept: the reference says "exactly match" and not whether Kantata ignores case (the sandbox does not), so
 * `Ann@x` and `ann@x` are both asked for, and the caller compares the answers case-insensitively.
 */
export function emailAddressBatches(addresses: readonly string[]): string[][] {
  const wanted = [...new Set(addresses.map((address) => address.trim()).filter((address) => address !== '' && !address.includes(',')))];
  const batches: string[][] = [];
  for (let start = 0; start < wanted.length; start += MAX_EMAIL_ADDRESSES) {
    batches.push(wanted.slice(start, start + MAX_EMAIL_ADDRESSES));
  }
  return batches;
}

/** The filters of a user listing that narrow it to people in a context: a project, addresses, skills. */
function contextQuery(params: ListUsersParams, query: Record<string, string>): void {
  if (params.participantIn !== undefined) {
    if (!/^\d{1,18}$/.test(params.participantIn)) {
      throw programmerError(l10n.t('"{0}" is not a Kantata project id.', params.participantIn.slice(0, 20)));
    }
    query.participant_in = params.participantIn;
  }
  if (params.byEmailAddresses !== undefined) {
    const addresses = params.byEmailAddresses;
    // An empty list would send no filter at all, and list everyone.
    if (addresses.length === 0 || addresses.length > MAX_EMAIL_ADDRESSES || addresses.some((address) => address.includes(','))) {
      throw programmerError(l10n.t('Ask for 1 to {0} email addresses without commas at a time (see emailAddressBatches).', MAX_EMAIL_ADDRESSES));
    }
    // Sent as given: Kantata's matching is exact, and whether it ignores case is not documented (see emailAddressBatches).
    query.by_email_addresses = addresses.join(',');
  }
  if (params.withSkills !== undefined) {
    query.with_skills = encodeWithSkills(params.withSkills);
  }
}

export function listUsersPage(params: ListUsersParams, page: number, perPage = MAX_PER_PAGE): Operation<Page<User>> {
  const query = selectionQuery(params);
  flag(query, 'on_my_account', params.onMyAccount);
  flag(query, 'show_disabled', params.showDisabled);
  if (params.byFullName !== undefined) {
    query.by_full_name = params.byFullName;
  }
  if (params.search !== undefined) {
    query.search = params.search;
  }
  if (params.only !== undefined) {
    params.only.forEach((id) => userPath(id));
    query.only = params.only.join(',');
  }
  if (params.order !== undefined) {
    query.order = params.order;
  }
  contextQuery(params, query);
  query.page = String(page);
  query.per_page = String(Math.min(perPage, MAX_PER_PAGE));
  return {
    name: 'listUsers',
    method: 'GET',
    path: '/users',
    query,
    decode: (body) => decodeUserPage(decodeEnvelope(body)),
  };
}

export function getMe(selection: UserSelection = {}): Operation<User> {
  return { name: 'getMe', method: 'GET', path: '/users/me', query: selectionQuery(selection), decode: decodeUserEnvelope };
}

export function getUser(id: string, params: GetUserParams = {}): Operation<User> {
  const query = selectionQuery(params);
  flag(query, 'show_disabled', params.showDisabled);
  return { name: 'getUser', method: 'GET', path: userPath(id), query, decode: decodeUserEnvelope };
}

export function updateUser(id: string, changes: UserChanges, selection: UserSelection = {}): Operation<User> {
  const user: Record<string, string> = {};
  if (changes.fullName !== undefined) {
    user.full_name = changes.fullName;
  }
  if (changes.headline !== undefined) {
    user.headline = changes.headline;
  }
  if (changes.emailAddress !== undefined) {
    user.email_address = changes.emailAddress;
  }
  if (Object.keys(user).length === 0) {
    throw programmerError(l10n.t('There are no changes to send.'));
  }
  return {
    name: 'updateUser',
    method: 'PUT',
    path: userPath(id),
    query: selectionQuery(selection),
    body: { kind: 'json', value: { user } },
    decode: decodeUserEnvelope,
  };
}

const calendarDate = /^\d{4}-\d{2}-\d{2}$/;

export function getCapacity(id: string, startDate: string, endDate: string): Operation<Capacity> {
  for (const date of [startDate, endDate]) {
    if (!calendarDate.test(date)) {
      throw programmerError(l10n.t('"{0}" is not a date in YYYY-MM-DD form.', date.slice(0, 20)));
    }
  }
  return {
    name: 'getCapacity',
    method: 'GET',
    path: userPath(id, '/capacity'),
    query: { start_date: startDate, end_date: endDate },
    decode: (body, note) => decodeCapacity(body, { startDate, endDate }, note),
  };
}

export function resetProfilePhoto(id: string): Operation<void> {
  return {
    name: 'resetProfilePhoto',
    method: 'DELETE',
    path: userPath(id, '/profile_photo'),
    query: {},
    decode: () => undefined,
  };
}

export function uploadProfilePhoto(id: string, file: PhotoFile, selection: UserSelection = {}): Operation<User> {
  return {
    name: 'uploadProfilePhoto',
    method: 'POST',
    path: userPath(id, '/profile_photo'),
    query: selectionQuery(selection),
    body: { kind: 'multipart', fileField: PROFILE_PHOTO_FIELD, file },
    decode: decodeUserEnvelope,
  };
}

export function listRolesPage(page: number, perPage = MAX_PER_PAGE): Operation<Page<Role>> {
  return {
    name: 'listRoles',
    method: 'GET',
    path: '/roles',
    query: { page: String(page), per_page: String(Math.min(perPage, MAX_PER_PAGE)) },
    decode: (body) => decodeRolePage(decodeEnvelope(body)),
  };
}
