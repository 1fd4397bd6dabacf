/**
 * The sandbox's stored records. Wire objects (snake_case, ids as strings) are built from these by
 * serialize.ts; fields here are named as on the wire where they are sent as they are.
 */

export interface RoleRecord {
  readonly id: string;
  readonly name: string;
  readonly created_at: string;
  readonly updated_at: string;
  /** Deleted roles stay in the data (users' history) but GET /roles leaves them out. */
  readonly deleted_at?: string;
}

export interface SkillRecord {
  readonly id: string;
  readonly name: string;
  readonly description: string;
  /** 5: the skill has proficiency levels 1–5; 1: a yes/no skill (a certification). Kantata allows only these two. */
  readonly maxLevel: 1 | 5;
  readonly created_at: string;
  readonly updated_at: string;
}

export interface SkillMembershipRecord {
  readonly id: string;
  readonly userId: string;
  readonly skillId: string;
  readonly skillName: string;
  /** 1–5; 0 for a skill without levels (Kantata's default when no level is given). */
  readonly level: number;
  readonly created_at: string;
  readonly updated_at: string;
}

export interface CustomFieldValueRecord {
  readonly id: string;
  readonly userId: string;
  readonly name: string;
  readonly type: 'string' | 'date';
  readonly value: string;
  readonly display_value: string;
  readonly created_at: string;
  readonly updated_at: string;
}

export type Permission = 'administrator' | 'project_lead' | 'collaborator';

export interface AccountMembershipRecord {
  readonly id: string;
  readonly permission: Permission;
  readonly isOwner: boolean;
  readonly created_at: string;
  readonly updated_at: string;
  readonly disabled_at: string | undefined;
}

export interface ExternalReferenceRecord {
  readonly id: string;
  readonly userId: string;
  readonly service_name: string;
  readonly service_model: string;
  readonly service_model_ref: string;
  readonly status: string;
  readonly external_message?: string;
  readonly external_link?: string;
  readonly external_status?: string;
  readonly locked: boolean;
  readonly created_at: string;
  readonly updated_at: string;
}

/** Available working minutes per weekday, Sunday first (the index of Date#getUTCDay). */
export type Workweek = readonly [number, number, number, number, number, number, number];

/** Time off that repeats by rule, so that capacity is deterministic for any date range, past or future. */
export type TimeOffRule =
  /** Off on `weekday` (1 = Monday) every `everyWeeks` weeks, in the weeks where weekIndex % everyWeeks === phase. */
  | { readonly kind: 'recurring'; readonly weekday: number; readonly everyWeeks: number; readonly phase: number; readonly fraction: 1 | 0.5 }
  /** Annual leave: `days` consecutive calendar days from month/day, every year. */
  | { readonly kind: 'annual'; readonly month: number; readonly day: number; readonly days: number };

export type PhotoState =
  | { readonly kind: 'default' }
  /** A coloured square drawn on request; `version` 1 for every seeded user. */
  | { readonly kind: 'generated'; readonly color: readonly [number, number, number] }
  | { readonly kind: 'uploaded'; readonly version: number; readonly ext: string; readonly contentType: string; readonly bytes: Buffer };

export interface UserRecord {
  readonly id: string;
  full_name: string;
  email_address: string;
  headline: string;
  readonly bio: string | undefined;
  readonly website: string | undefined;
  readonly city: string | undefined;
  readonly state: string | undefined;
  readonly country: string | undefined;
  readonly abbreviated_timezone: string | undefined;
  readonly classification: 'Internal' | 'External';
  readonly last_site_activity: string | undefined;
  readonly roleId: string | undefined;
  readonly managerId: string | undefined;
  /** Undefined for outside users: they belong to another account. */
  readonly accountMembership: AccountMembershipRecord | undefined;
  readonly skillMembershipIds: readonly string[];
  readonly customFieldValueIds: readonly string[];
  externalReferenceIds: readonly string[];
  /** Projects on the account this user participates in; visibility follows them. */
  readonly projectIds: readonly number[];
  readonly disabled: boolean;
  readonly workweek: Workweek;
  readonly timeOff: readonly TimeOffRule[];
  photo: PhotoState;
}

export interface Dataset {
  readonly users: readonly UserRecord[];
  readonly roles: readonly RoleRecord[];
  readonly skills: readonly SkillRecord[];
  readonly skillMemberships: readonly SkillMembershipRecord[];
  readonly customFieldValues: readonly CustomFieldValueRecord[];
  readonly adminUserId: string;
  readonly memberUserId: string;
  readonly adminToken: string;
  readonly memberToken: string;
  /** A date chosen by the seed, one of the account holidays (see capacity.ts). */
  readonly companyDay: { readonly month: number; readonly day: number };
  /** Hostile data (./hostileStrings.ts): user id → keys that are not dates, added to their capacity answers. */
  readonly extraCapacityKeys?: ReadonlyMap<string, readonly string[]>;
}
