import { envelope } from './envelope';
import type { Envelope, WireObject } from './envelope';
import type { SkillRecord, UserRecord } from './model';
import { photoUrl } from './photoUrls';
import { parseChoices } from './query';
import type { Paging } from './query';
import type { Store } from './store';

/** Associations a users route can include (the OpenAPI description's list). */
export const USER_INCLUDES = [
  'account_membership',
  'custom_field_values',
  'external_references',
  'manager',
  'role',
  'skill_memberships',
  'skills',
  'work_samples',
] as const;

/** The top-level key each include's objects go under (managers are users). */
const INCLUDE_KEYS: Readonly<Record<(typeof USER_INCLUDES)[number], string>> = {
  account_membership: 'account_memberships',
  custom_field_values: 'custom_field_values',
  external_references: 'external_references',
  manager: 'users',
  role: 'roles',
  skill_memberships: 'skill_memberships',
  skills: 'skills',
  work_samples: 'work_samples',
};

/** Optional fields, in the order the description lists them. */
export const USER_OPTIONAL_FIELDS = ['bio', 'website', 'city', 'state', 'country', 'abbreviated_timezone', 'last_site_activity', 'classification'] as const;

type OptionalField = (typeof USER_OPTIONAL_FIELDS)[number];

/** What to put in each user object, from the request's `include` and `optional_fields`. */
export interface UserView {
  readonly includes: ReadonlySet<string>;
  readonly optionalFields: ReadonlySet<string>;
  /** last_site_activity is for administrators' eyes only (the docs). */
  readonly requesterIsAdmin: boolean;
  readonly origin: string;
}

export function parseUserView(params: URLSearchParams, requesterIsAdmin: boolean, origin: string): UserView {
  return {
    includes: parseChoices(params, 'include', USER_INCLUDES, 'include'),
    optionalFields: parseChoices(params, 'optional_fields', USER_OPTIONAL_FIELDS, 'optional field'),
    requesterIsAdmin,
    origin,
  };
}

/** The always-present fields, then the optional ones asked for; association ids only for matches. */
function userObject(store: Store, user: UserRecord, view: UserView, withAssociationIds: boolean): WireObject {
  const object: WireObject = {
    id: user.id,
    full_name: user.full_name,
    email_address: user.email_address,
    headline: user.headline,
    photo_path: photoUrl(view.origin, user),
  };
  for (const field of USER_OPTIONAL_FIELDS) {
    if (view.optionalFields.has(field) && (field !== 'last_site_activity' || view.requesterIsAdmin)) {
      // A field the user left empty is omitted rather than null: the description types them all as strings.
      const value = user[field as OptionalField];
      if (value !== undefined) {
        object[field] = value;
      }
    }
  }
  if (!withAssociationIds) {
    return object;
  }
  const has = (name: string) => view.includes.has(name);
  if (has('account_membership') && user.accountMembership) {
    object.account_membership_id = user.accountMembership.id;
  }
  if (has('custom_field_values')) {
    object.custom_field_value_ids = [...user.customFieldValueIds];
  }
  if (has('external_references')) {
    object.external_reference_ids = [...user.externalReferenceIds];
  }
  if (has('manager') && user.managerId !== undefined) {
    object.manager_id = user.managerId;
  }
  if (has('role') && user.roleId !== undefined) {
    object.role_id = user.roleId;
  }
  if (has('skills')) {
    object.skill_ids = user.skillMembershipIds.map((id) => store.skillMemberships.get(id)?.skillId).filter((id): id is string => id !== undefined);
  }
  if (has('skill_memberships')) {
    object.skill_membership_ids = [...user.skillMembershipIds];
  }
  if (has('work_samples')) {
    object.work_sample_ids = [];
  }
  return object;
}

/** The top-level maps of included objects, keyed by their envelope key. */
function includedObjects(store: Store, users: readonly UserRecord[], view: UserView): Map<string, Map<string, WireObject>> {
  const has = (name: string) => view.includes.has(name);
  // Every association asked for gets its top-level key, even when no user has any (`"roles": {}`).
  const included = new Map<string, Map<string, WireObject>>(
    USER_INCLUDES.filter((name) => has(name) && name !== 'manager').map((name) => [INCLUDE_KEYS[name], new Map()]),
  );
  const add = (key: string, id: string, build: () => WireObject | undefined) => {
    let objects = included.get(key);
    if (!objects) {
      objects = new Map();
      included.set(key, objects);
    }
    if (!objects.has(id)) {
      const object = build();
      if (object) {
        objects.set(id, object);
      }
    }
  };
  for (const user of users) {
    const membership = user.accountMembership;
    if (has('account_membership') && membership) {
      add('account_memberships', membership.id, () => ({
        id: membership.id,
        permission: membership.permission,
        is_administrator: membership.permission === 'administrator',
        is_owner: membership.isOwner,
        is_project_lead: membership.permission !== 'collaborator',
        can_create_workspace: membership.permission !== 'collaborator',
        can_view_reports: membership.permission === 'administrator',
        default_read_only: false,
        created_at: membership.created_at,
        updated_at: membership.updated_at,
        ...(membership.disabled_at === undefined ? {} : { disabled_at: membership.disabled_at }),
      }));
    }
    if (has('custom_field_values')) {
      for (const id of user.customFieldValueIds) {
        add('custom_field_values', id, () => {
          const value = store.customFieldValues.get(id);
          return value && {
            id,
            custom_field_name: value.name,
            display_value: value.display_value,
            value: value.value,
            type: value.type,
            subject_type: 'User',
            subject_id: Number(user.id),
            can_edit: view.requesterIsAdmin,
            created_at: value.created_at,
            updated_at: value.updated_at,
          };
        });
      }
    }
    if (has('external_references')) {
      for (const id of user.externalReferenceIds) {
        add('external_references', id, () => {
          const reference = store.externalReference(id);
          if (!reference) {
            return undefined;
          }
          const { userId, ...fields } = reference;
          return { ...fields, subject_id: Number(userId), subject_type: 'User' };
        });
      }
    }
    if (has('manager') && user.managerId !== undefined) {
      const manager = store.user(user.managerId);
      if (manager) {
        add('users', manager.id, () => userObject(store, manager, view, false));
      }
    }
    if (has('role') && user.roleId !== undefined) {
      const role = store.roles.get(user.roleId);
      if (role) {
        add('roles', role.id, () => ({ ...role }));
      }
    }
    for (const id of user.skillMembershipIds) {
      const membership = store.skillMemberships.get(id);
      const skill = membership && store.skills.get(membership.skillId);
      if (!membership || !skill) {
        continue;
      }
      if (has('skill_memberships')) {
        add('skill_memberships', id, () => ({
          id,
          // 0 for a skill without levels (Kantata's default level); 1–5 otherwise.
          level: membership.level,
          max_level: skill.maxLevel,
          cached_skill_name: membership.skillName,
          // skill_id links a membership to its skill; sent when the skills are included too.
          ...(has('skills') ? { skill_id: membership.skillId } : {}),
          created_at: membership.created_at,
          updated_at: membership.updated_at,
        }));
      }
      if (has('skills')) {
        add('skills', skill.id, () => skillObject(skill));
      }
    }
  }
  return included;
}

/** A skill as sent: the description types Skill.max_level as a string ("1" or "5"; SkillMembership.max_level is an integer). */
function skillObject(skill: SkillRecord): WireObject {
  return {
    id: skill.id,
    name: skill.name,
    description: skill.description,
    max_level: String(skill.maxLevel),
    created_at: skill.created_at,
    updated_at: skill.updated_at,
  };
}

/** The envelope for a page of users (or one user, for the show routes). */
export function usersEnvelope(store: Store, users: readonly UserRecord[], count: number, paging: Paging, view: UserView): Envelope {
  const matches = users.map((user) => userObject(store, user, view, true));
  return envelope('users', matches, count, paging, includedObjects(store, users, view));
}
