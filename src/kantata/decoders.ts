import {
  DecodeError,
  DecodeNote,
  expectObject,
  JsonObject,
  optionalBoolean,
  optionalId,
  optionalIdList,
  optionalNumber,
  optionalString,
  requiredString,
  textOrEmpty,
} from './decode';
import { Envelope, EnvelopeResult } from './envelope';
import {
  AccountMembership,
  Capacity,
  CapacityDay,
  CustomFieldValue,
  Page,
  Role,
  Skill,
  SkillMembership,
  User,
  UserFields,
  UserSkill,
} from './types';
import { isIsoDate } from './isoDate';

/**
 * Turns envelope objects into the typed objects of ./types. Included associations are resolved through
 * the envelope; an association id whose object the response left out is kept as an id only, because
 * Kantata omits objects the requester may not see.
 */

export function decodeRole(object: JsonObject, id: string, path: string): Role {
  return { id, name: requiredString(object, 'name', path) };
}

function decodeAccountMembership(object: JsonObject, id: string, path: string): AccountMembership {
  return {
    id,
    permission: optionalString(object, 'permission', path),
    isAdministrator: optionalBoolean(object, 'is_administrator', path),
    isOwner: optionalBoolean(object, 'is_owner', path),
    disabledAt: optionalString(object, 'disabled_at', path),
  };
}

/**
 * A level from `min` to `max`. A value that is not a number is not Kantata's (the answer fails); a number outside
 * the range or not whole (a level of 2.5, of 40) is read as no level: one odd skill must not cost the whole listing.
 */
function optionalLevel(object: JsonObject, key: string, path: string, min: number, max: number): number | undefined {
  const value = optionalNumber(object, key, path);
  return value !== undefined && Number.isInteger(value) && value >= min && value <= max ? value : undefined;
}

/** Kantata's proficiency levels go up to 5; a skill's max_level is 1 (no levels) or 5. */
const MAX_SKILL_LEVEL = 5;

function decodeSkill(object: JsonObject, id: string, path: string): Skill {
  return {
    id,
    name: requiredString(object, 'name', path),
    description: optionalString(object, 'description', path),
    // Typed as a string in the description ("5"), as an integer on skill memberships: optionalNumber reads both.
    maxLevel: optionalLevel(object, 'max_level', path, 1, MAX_SKILL_LEVEL),
  };
}

/**
 * A skill membership. Its level is kept only where the skill has levels: a skill without levels (max_level 1) has
 * level 0 on its memberships (Kantata's default when no level is given), which is no proficiency to show.
 */
function decodeSkillMembership(envelope: Envelope, object: JsonObject, id: string, path: string): SkillMembership {
  const skillId = optionalId(object, 'skill_id', path);
  const level = optionalLevel(object, 'level', path, 0, MAX_SKILL_LEVEL);
  const maxLevel = optionalLevel(object, 'max_level', path, 1, MAX_SKILL_LEVEL);
  const skill = resolveOne(envelope, 'skills', skillId, decodeSkill);
  const hasLevels = (maxLevel ?? skill?.maxLevel ?? MAX_SKILL_LEVEL) > 1;
  return {
    id,
    skillId,
    level: hasLevels && level !== undefined && level >= 1 ? level : undefined,
    maxLevel,
    skillName: optionalString(object, 'cached_skill_name', path),
    skill,
  };
}

/**
 * The user's skills with their levels: each skill of `skill_ids`, with the level of the membership for it. Undefined
 * unless the skills were included; levels only when the memberships were too (they name their skill then).
 */
function skillsWithLevels(skills: readonly Skill[] | undefined, memberships: readonly SkillMembership[] | undefined): UserSkill[] | undefined {
  if (skills === undefined) {
    return undefined;
  }
  const levels = new Map<string, number>();
  for (const membership of memberships ?? []) {
    if (membership.skillId !== undefined && membership.level !== undefined) {
      levels.set(membership.skillId, membership.level);
    }
  }
  return skills.map((skill) => {
    const level = levels.get(skill.id);
    return level === undefined || (skill.maxLevel !== undefined && level > skill.maxLevel) ? { skill } : { skill, level };
  });
}

function decodeCustomFieldValue(object: JsonObject, id: string, path: string): CustomFieldValue {
  const value = object.value;
  return {
    id,
    customFieldId: optionalId(object, 'custom_field_id', path),
    name: textOrEmpty(object, 'custom_field_name', path),
    displayValue: textOrEmpty(object, 'display_value', path),
    // `value` is a string, a number or a list of choice ids depending on the field's type: keep it as text.
    // (JSON.stringify recurses: the client refuses answers nested deeper than MAX_JSON_DEPTH before decoding.)
    value: value === undefined || value === null ? undefined : typeof value === 'string' ? value : JSON.stringify(value),
  };
}

export function decodeUserFields(object: JsonObject, id: string, path: string): UserFields {
  const ownId = optionalId(object, 'id', path);
  if (ownId !== undefined && ownId !== id) {
    throw new DecodeError(`${path}.id`, `is ${ownId}, but the object is filed under ${id}`);
  }
  return {
    id,
    fullName: requiredString(object, 'full_name', path),
    emailAddress: textOrEmpty(object, 'email_address', path),
    headline: textOrEmpty(object, 'headline', path),
    photoPath: optionalString(object, 'photo_path', path),
    bio: optionalString(object, 'bio', path),
    website: optionalString(object, 'website', path),
    city: optionalString(object, 'city', path),
    state: optionalString(object, 'state', path),
    country: optionalString(object, 'country', path),
    abbreviatedTimezone: optionalString(object, 'abbreviated_timezone', path),
    classification: optionalString(object, 'classification', path),
    lastSiteActivity: optionalString(object, 'last_site_activity', path),
  };
}

/** Resolves each id of an association list through its top-level key, skipping what was left out. */
function resolveAll<T>(
  envelope: Envelope,
  key: string,
  ids: readonly string[] | undefined,
  decode: (object: JsonObject, id: string, path: string) => T,
): readonly T[] | undefined {
  if (ids === undefined) {
    return undefined;
  }
  return ids.flatMap((id) => {
    const object = envelope.find(key, id);
    return object ? [decode(object, id, `${key}.${id}`)] : [];
  });
}

function resolveOne<T>(
  envelope: Envelope,
  key: string,
  id: string | undefined,
  decode: (object: JsonObject, id: string, path: string) => T,
): T | undefined {
  if (id === undefined) {
    return undefined;
  }
  const object = envelope.find(key, id);
  return object ? decode(object, id, `${key}.${id}`) : undefined;
}

export function decodeUser(result: EnvelopeResult, envelope: Envelope): User {
  const { object, id, path } = result;
  const roleId = optionalId(object, 'role_id', path);
  const accountMembershipId = optionalId(object, 'account_membership_id', path);
  const managerId = optionalId(object, 'manager_id', path);
  const skillMemberships = resolveAll(
    envelope,
    'skill_memberships',
    optionalIdList(object, 'skill_membership_ids', path),
    (membership, membershipId, membershipPath) => decodeSkillMembership(envelope, membership, membershipId, membershipPath),
  );
  const skills = resolveAll(envelope, 'skills', optionalIdList(object, 'skill_ids', path), decodeSkill);
  // Object.assign, not `{ ...fields, roleId, … }`: V8 builds that spread-and-extend literal on a slow path,
  // which made decoding six times slower (20 µs a user; bench/: time to full tree).
  return Object.assign(decodeUserFields(object, id, path), {
    roleId,
    role: resolveOne(envelope, 'roles', roleId, decodeRole),
    accountMembershipId,
    accountMembership: resolveOne(envelope, 'account_memberships', accountMembershipId, decodeAccountMembership),
    managerId,
    manager: resolveOne(envelope, 'users', managerId, decodeUserFields),
    skills,
    skillMemberships,
    skillsWithLevels: skillsWithLevels(skills, skillMemberships),
    customFieldValues: resolveAll(
      envelope,
      'custom_field_values',
      optionalIdList(object, 'custom_field_value_ids', path),
      decodeCustomFieldValue,
    ),
  });
}

function expectKey(result: EnvelopeResult, key: string): EnvelopeResult {
  if (result.key !== key) {
    throw new DecodeError(result.path, `expected a result of kind "${key}"`);
  }
  return result;
}

export function decodeUserPage(envelope: Envelope): Page<User> {
  return {
    items: envelope.results.map((result) => decodeUser(expectKey(result, 'users'), envelope)),
    count: envelope.count,
    pageCount: envelope.pageCount,
    pageNumber: envelope.pageNumber,
  };
}

export function decodeRolePage(envelope: Envelope): Page<Role> {
  return {
    items: envelope.results.map((result) => decodeRole(expectKey(result, 'roles').object, result.id, result.path)),
    count: envelope.count,
    pageCount: envelope.pageCount,
    pageNumber: envelope.pageNumber,
  };
}

/** Show routes answer with an envelope holding exactly one user. */
export function decodeSingleUser(envelope: Envelope): User {
  const [first, ...rest] = envelope.results;
  if (!first || rest.length > 0) {
    throw new DecodeError('response.results', `expected exactly one user, got ${envelope.results.length}`);
  }
  return decodeUser(expectKey(first, 'users'), envelope);
}

/**
 * A capacity key: `2024-01-31`, or a full ISO timestamp on that date (`2024-01-31T00:00:00Z`), and nothing
 * before or after it. Anchored at both ends: a key that merely starts with a date (`2024-01-31<script>`) is
 * not one.
 */
const dateKey = /^(\d{4})-(\d{2})-(\d{2})(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/;

/** A day has 24 hours: a bigger figure is not Kantata's. */
const maxHoursPerDay = 24;

/**
 * The `YYYY-MM-DD` date of a key, or undefined when it is not a real calendar date in one of the forms above.
 * Capacity keys are documented only as "the date": this is the one place that decides the key format.
 */
function capacityDate(key: string): string | undefined {
  const match = dateKey.exec(key);
  if (!match) {
    return undefined;
  }
  const date = `${match[1]}-${match[2]}-${match[3]}`;
  return isIsoDate(date) ? date : undefined;
}

function requiredCapacityDate(root: JsonObject, key: string): string {
  const date = capacityDate(requiredString(root, key, 'response'));
  if (date === undefined) {
    // The value is not echoed: it is whatever the server sent, and this message reaches the user.
    throw new DecodeError(`response.${key}`, 'expected a date like 2024-01-31');
  }
  return date;
}

/** The dates a capacity request asked for, `YYYY-MM-DD`, both included. */
export interface CapacityRange {
  readonly startDate: string;
  readonly endDate: string;
}

/**
 * Capacity is not the standard envelope: `{start_date, end_date, hours: {date: number}}`. The answer is read for
 * the range that was asked, never the one it claims: a server answering 1900 to 2099 to a two-week question
 * would otherwise have the page draw 73,000 bars. Its own dates are data to check (real dates, or the answer is
 * refused); days outside the asked range are left out, and a mismatch goes to `note` (the log), not the page.
 *
 * Keys that are not dates are ignored (hostile or unknown extras never reach the page, and the real days still
 * show), unless no key is a date at all: then the format is not what this client knows, and the answer is
 * refused rather than shown as a range without capacity. A second key for a date already seen is ignored too.
 */
export function decodeCapacity(body: unknown, asked: CapacityRange, note: DecodeNote = () => undefined): Capacity {
  const root = expectObject(body, 'response');
  const hours = expectObject(root.hours, 'response.hours');
  const keys = Object.keys(hours);
  const seen = new Set<string>();
  const days: CapacityDay[] = [];
  let dated = 0;
  let outside = 0;
  for (const key of keys) {
    const date = capacityDate(key);
    if (date === undefined) {
      continue;
    }
    dated++;
    // `YYYY-MM-DD` strings compare as the dates they stand for.
    if (date < asked.startDate || date > asked.endDate) {
      outside++;
      continue;
    }
    if (seen.has(date)) {
      continue;
    }
    seen.add(date);
    const value = hours[key];
    const number = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
    if (typeof number !== 'number' || !Number.isFinite(number) || number < 0 || number > maxHoursPerDay) {
      throw new DecodeError(`response.hours["${date}"]`, 'expected a number of hours');
    }
    days.push({ date, hours: number });
  }
  if (keys.length > 0 && dated === 0) {
    throw new DecodeError('response.hours', 'expected date keys like 2024-01-31');
  }
  const startDate = requiredCapacityDate(root, 'start_date');
  const endDate = requiredCapacityDate(root, 'end_date');
  if (startDate !== asked.startDate || endDate !== asked.endDate || outside > 0) {
    note(
      `the capacity answer covers ${startDate} to ${endDate} with ${dated} dated entries, ${outside} of them outside the ` +
        `asked ${asked.startDate} to ${asked.endDate}: only the asked days are kept`,
    );
  }
  days.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  return { startDate: asked.startDate, endDate: asked.endDate, days };
}
