/**
 * The Kantata objects the extension works with, decoded from the API's snake_case JSON into plain,
 * trusted objects. Ids are always strings. Optional fields are absent (never null) when the API
 * left them out or they were not asked for.
 */

export interface Role {
  readonly id: string;
  readonly name: string;
}

export interface AccountMembership {
  readonly id: string;
  /** Permission level, e.g. `administrator`, `project_lead`, `collaborator`. */
  readonly permission?: string;
  readonly isAdministrator?: boolean;
  readonly isOwner?: boolean;
  readonly disabledAt?: string;
}

export interface Skill {
  readonly id: string;
  readonly name: string;
  readonly description?: string;
  /** 5 for a skill with proficiency levels 1–5; 1 for a yes/no skill (a certification). Kantata allows only these. */
  readonly maxLevel?: number;
}

export interface SkillMembership {
  readonly id: string;
  readonly skillId?: string;
  /** Proficiency 1–5 where the skill has levels. */
  readonly level?: number;
  readonly maxLevel?: number;
  /** The skill's name as the membership caches it; used when the skill itself was not included. */
  readonly skillName?: string;
  readonly skill?: Skill;
}

/** One of a user's skills, with the user's proficiency where the skill has levels. */
export interface UserSkill {
  readonly skill: Skill;
  /**
   * 1 to `skill.maxLevel`. Absent for a skill without levels, and when the skill memberships (which carry the
   * levels) were not included.
   */
  readonly level?: number;
}

export interface CustomFieldValue {
  readonly id: string;
  readonly customFieldId?: string;
  readonly name: string;
  /** What Kantata shows for the value (choices resolved, dates and currencies formatted). */
  readonly displayValue: string;
  readonly value?: string;
}

/** The fields every user has, plus the optional fields that were asked for. */
export interface UserFields {
  readonly id: string;
  readonly fullName: string;
  readonly emailAddress: string;
  readonly headline: string;
  /** URL of the profile photo; absent when Kantata sent none. */
  readonly photoPath?: string;
  readonly bio?: string;
  readonly website?: string;
  readonly city?: string;
  readonly state?: string;
  readonly country?: string;
  readonly abbreviatedTimezone?: string;
  /** `Internal` or `External`. */
  readonly classification?: string;
  readonly lastSiteActivity?: string;
}

/** A user with whichever associations were included in the request. */
export interface User extends UserFields {
  readonly roleId?: string;
  readonly role?: Role;
  readonly accountMembershipId?: string;
  readonly accountMembership?: AccountMembership;
  readonly managerId?: string;
  /** The manager's own fields; their associations are not followed. */
  readonly manager?: UserFields;
  readonly skills?: readonly Skill[];
  readonly skillMemberships?: readonly SkillMembership[];
  /** The user's skills (from `include=skills`) with their levels (from `include=skill_memberships`), in Kantata's order. */
  readonly skillsWithLevels?: readonly UserSkill[];
  readonly customFieldValues?: readonly CustomFieldValue[];
}

/**
 * Work capacity for the asked date range: one entry per day of it that Kantata reported, in date order. The
 * range is the one asked for, whatever the answer claimed (days outside it are left out).
 */
export interface Capacity {
  /** `YYYY-MM-DD`: the asked start */
  readonly startDate: string;
  /** `YYYY-MM-DD`: the asked end */
  readonly endDate: string;
  readonly days: readonly CapacityDay[];
}

export interface CapacityDay {
  /** `YYYY-MM-DD` */
  readonly date: string;
  readonly hours: number;
}

/** One page of a paged index route. */
export interface Page<T> {
  readonly items: readonly T[];
  /** Total matches of the whole query. */
  readonly count: number;
  readonly pageCount: number;
  readonly pageNumber: number;
}

/** A file to upload as a profile photo. */
export interface PhotoFile {
  readonly fileName: string;
  /** `image/png`, `image/jpeg` or `image/gif`. */
  readonly contentType: string;
  readonly data: Uint8Array;
}
