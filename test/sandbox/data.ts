import { createHash } from 'node:crypto';
import type {
  AccountMembershipRecord,
  CustomFieldValueRecord,
  Dataset,
  Permission,
  PhotoState,
  RoleRecord,
  SkillMembershipRecord,
  SkillRecord,
  TimeOffRule,
  UserRecord,
  Workweek,
} from './model';
import { asciiSlug, BIOS, COST_CENTERS, FIRST_NAMES, HEADLINES, LAST_NAMES, MIDDLE_INITIALS, PLACES, ROLE_NAMES, SKILL_NAMES } from './names';
import type { Place } from './names';
import { hostileRecords } from './hostileStrings';
import { FULL_TIME, NOTABLE_USERS, VISIBLE_NOTABLE_COUNT } from './notableUsers';
import type { NotableSkill, NotableUserSpec } from './notableUsers';
import { Prng } from './prng';
import { HIDDEN_ONLY_PROJECT_INDEX } from './projects';

export const DEFAULT_SEED = 20_251_122;
/** With the 6 hidden users on top (3% of the visible ones, at least 6): 146 users in all. */
export const DEFAULT_VISIBLE_USERS = 140;

export interface DataOptions {
  readonly visibleUsers?: number;
  readonly emptyAccount?: boolean;
  readonly seed?: number;
  /** Also one user per hostile string (./hostileStrings.ts), visible to the administrator. */
  readonly hostile?: boolean;
}

const ACCOUNT_DOMAIN = 'acme-consulting.example';
const OUTSIDE_DOMAIN = 'northwind-partners.example';
const FIRST_RANDOM_USER_ID = 20_001 + NOTABLE_USERS.length;
const DAY_MS = 86_400_000;
/** All seeded timestamps lie before this instant, so that nothing depends on the clock. */
const ANCHOR_MS = Date.UTC(2025, 10, 3, 9, 0, 0);

const PART_TIME_WEEKS: readonly Workweek[] = [
  [0, 480, 480, 480, 0, 0, 0],
  [0, 240, 240, 240, 240, 240, 0],
  [0, 360, 360, 360, 360, 0, 0],
  [0, 0, 480, 480, 480, 0, 0],
];

/** Generates the whole account for the options: the same options give the same data, byte for byte. */
export function generateDataset(options: DataOptions = {}): Dataset {
  const seed = options.seed ?? DEFAULT_SEED;
  const visible = Math.max(0, Math.floor(options.visibleUsers ?? DEFAULT_VISIBLE_USERS));
  const hidden = Math.max(6, Math.round(visible * 0.03));
  const projectCount = Math.max(4, Math.ceil(visible / 12));
  const prng = new Prng(seed);

  const roles = generateRoles(prng.fork(1));
  const skills = generateSkills(prng.fork(2));
  const builder = new UserBuilder(seed, roles, skills, projectCount);

  const users: UserRecord[] = NOTABLE_USERS.map((spec, index) => builder.notable(spec, index < VISIBLE_NOTABLE_COUNT && index < visible));
  const randomVisible = Math.max(0, visible - VISIBLE_NOTABLE_COUNT);
  const randomHidden = Math.max(0, hidden - (NOTABLE_USERS.length - VISIBLE_NOTABLE_COUNT));
  // Random users pick their managers among the users made before them, so every managerId points to a real user.
  for (let i = 0; i < randomVisible + randomHidden; i++) {
    const hiddenIndex = i - randomVisible;
    const kind = hiddenIndex < 0 ? 'visible' : hiddenIndex % 2 === 0 ? 'disabled' : 'noProject';
    users.push(builder.random(FIRST_RANDOM_USER_ID + i, kind));
  }

  // Hostile users come after the seeded ones, so every other user keeps its id and data whatever this option.
  const hostile = options.hostile ? hostileRecords(0) : undefined;
  if (hostile) {
    users.push(...hostile.users);
    roles.push(...hostile.roles);
    skills.push(...hostile.skills);
    builder.skillMemberships.push(...hostile.skillMemberships);
    builder.customFieldValues.push(...hostile.customFieldValues);
  }
  const finalUsers = options.emptyAccount ? users.map((user) => ({ ...user, projectIds: [] })) : users;
  const companyDays = [
    { month: 4, day: 18 },
    { month: 6, day: 20 },
    { month: 10, day: 10 },
  ] as const;
  return {
    users: finalUsers,
    roles,
    skills,
    skillMemberships: builder.skillMemberships,
    customFieldValues: builder.customFieldValues,
    adminUserId: NOTABLE_USERS[0]!.id,
    memberUserId: NOTABLE_USERS[1]!.id,
    adminToken: token(seed, 'admin'),
    memberToken: token(seed, 'member'),
    companyDay: prng.fork(3).pick(companyDays),
    ...(hostile ? { extraCapacityKeys: hostile.capacityKeys } : {}),
  };
}

function token(seed: number, who: string): string {
  return `sbx-${who}-${createHash('sha256').update(`kantata-sandbox:${seed}:${who}`).digest('hex').slice(0, 32)}`;
}

/** An ISO timestamp (UTC, second precision) `minDays`–`maxDays` days before the anchor. */
function pastTimestamp(prng: Prng, minDays: number, maxDays: number): string {
  const ms = ANCHOR_MS - prng.int(minDays, maxDays) * DAY_MS - prng.int(0, 86_399) * 1000;
  return new Date(ms).toISOString().replace('.000Z', 'Z');
}

function generateRoles(prng: Prng): RoleRecord[] {
  const roles: RoleRecord[] = ROLE_NAMES.map((name, index) => {
    const created = pastTimestamp(prng, 1500, 2500);
    return { id: String(1001 + index), name, created_at: created, updated_at: created };
  });
  const created = pastTimestamp(prng, 1500, 2500);
  roles.push({ id: String(1001 + roles.length), name: 'Intern', created_at: created, updated_at: created, deleted_at: pastTimestamp(prng, 100, 400) });
  return roles;
}

function generateSkills(prng: Prng): SkillRecord[] {
  return SKILL_NAMES.map(([name, description, maxLevel], index) => {
    const created = pastTimestamp(prng, 1000, 2000);
    return { id: seededSkillId(index), name, description, maxLevel, created_at: created, updated_at: created };
  });
}

function seededSkillId(index: number): string {
  return String(2001 + index);
}

/** The id of a seeded skill (names.ts), the same for every seed and size: for tests and demos. */
export function skillIdByName(name: (typeof SKILL_NAMES)[number][0]): string {
  return seededSkillId(SKILL_NAMES.findIndex(([candidate]) => candidate === name));
}

/** A pleasant, readable colour for a generated avatar. */
function avatarColor(prng: Prng): [number, number, number] {
  const hue = prng.int(0, 359) / 60;
  const chroma = 0.55 * 200;
  const x = chroma * (1 - Math.abs((hue % 2) - 1));
  const [r, g, b] = hue < 1 ? [chroma, x, 0] : hue < 2 ? [x, chroma, 0] : hue < 3 ? [0, chroma, x] : hue < 4 ? [0, x, chroma] : hue < 5 ? [x, 0, chroma] : [chroma, 0, x];
  const base = 55;
  return [Math.round(r + base), Math.round(g + base), Math.round(b + base)];
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** `count` distinct integers in [0, range), ascending, without building the range (it is large for 10,000 users). */
function distinctInts(prng: Prng, range: number, count: number): number[] {
  const chosen = new Set<number>();
  while (chosen.size < Math.min(count, range)) {
    chosen.add(prng.int(0, range - 1));
  }
  return [...chosen].sort((a, b) => a - b);
}

type RandomKind = 'visible' | 'disabled' | 'noProject';

/** Builds user records and their associated records, numbering the associated ids as it goes. */
class UserBuilder {
  readonly skillMemberships: SkillMembershipRecord[] = [];
  readonly customFieldValues: CustomFieldValueRecord[] = [];
  private readonly emails = new Set<string>();
  private readonly managerIds: string[] = [];
  private readonly activeRoles: RoleRecord[];

  constructor(
    private readonly seed: number,
    roles: readonly RoleRecord[],
    private readonly skills: readonly SkillRecord[],
    private readonly projectCount: number,
  ) {
    this.activeRoles = roles.filter((role) => role.deleted_at === undefined);
  }

  /** Each user draws from its own generator, so user N is the same whatever the dataset size. */
  private prngFor(userId: string): Prng {
    return new Prng((this.seed ^ Math.imul(Number(userId), 0x85ebca6b)) >>> 0);
  }

  notable(spec: NotableUserSpec, visible: boolean): UserRecord {
    const prng = this.prngFor(spec.id);
    const place = PLACES[spec.placeIndex % PLACES.length]!;
    // A notable user who does not fit in a small dataset is demoted to "in no project" (hidden by default).
    const projects = visible || spec.disabled === true ? spec.projects.map((p) => (p === HIDDEN_ONLY_PROJECT_INDEX ? p : p % this.projectCount)) : [];
    const roleId = spec.role === undefined ? undefined : this.activeRoles.find((role) => role.name === spec.role)?.id;
    if (spec.permission === 'administrator' || spec.permission === 'project_lead') {
      this.managerIds.push(spec.id);
    }
    return this.assemble(prng, {
      id: spec.id,
      fullName: spec.fullName,
      email: this.uniqueEmail(spec.emailLocal, spec.outside ? OUTSIDE_DOMAIN : ACCOUNT_DOMAIN),
      headline: spec.headline,
      place,
      roleId,
      managerId: spec.managerId,
      permission: spec.outside ? undefined : (spec.permission ?? 'collaborator'),
      isOwner: spec.permission === 'administrator',
      projects,
      disabled: spec.disabled === true,
      workweek: spec.workweek ?? FULL_TIME,
      timeOff: spec.timeOff ?? [],
      photo: spec.defaultPhoto ? { kind: 'default' } : { kind: 'generated', color: avatarColor(prng) },
      skills: spec.skills,
    });
  }

  random(idNumber: number, kind: RandomKind): UserRecord {
    const id = String(idNumber);
    const prng = this.prngFor(id);
    const first = prng.pick(FIRST_NAMES);
    const last = prng.pick(LAST_NAMES);
    const middle = prng.chance(0.3) ? ` ${prng.pick(MIDDLE_INITIALS)}.` : '';
    const outside = kind === 'visible' && prng.chance(0.04);
    const role = outside || prng.chance(0.07) ? undefined : prng.pick(this.activeRoles);
    const place = prng.pick(PLACES);
    const permission: Permission = prng.chance(0.03) ? 'administrator' : prng.chance(0.1) ? 'project_lead' : 'collaborator';
    const isManager = !outside && kind === 'visible' && prng.chance(0.08);
    const managerId = !outside && this.managerIds.length > 0 && prng.chance(0.85) ? prng.pick(this.managerIds) : undefined;
    if (isManager) {
      this.managerIds.push(id);
    }
    const projectCount = kind === 'noProject' ? 0 : prng.chance(0.6) ? 1 : prng.chance(0.75) ? 2 : 3;
    const projects = distinctInts(prng, this.projectCount, projectCount);
    const britishHours = place.country === 'United Kingdom' || place.country === 'Ireland';
    const workweek = prng.chance(0.1) ? prng.pick(PART_TIME_WEEKS) : britishHours ? ([0, 450, 450, 450, 450, 450, 0] as const) : FULL_TIME;
    const timeOff: TimeOffRule[] = [];
    if (prng.chance(0.35)) {
      const everyWeeks = prng.int(2, 4);
      timeOff.push({ kind: 'recurring', weekday: prng.int(1, 5), everyWeeks, phase: prng.int(0, everyWeeks - 1), fraction: prng.chance(0.25) ? 0.5 : 1 });
    }
    if (prng.chance(0.4)) {
      timeOff.push({ kind: 'annual', month: prng.int(1, 12), day: prng.int(1, 28), days: prng.int(3, 10) });
    }
    const photo: PhotoState = prng.chance(0.25) ? { kind: 'default' } : { kind: 'generated', color: avatarColor(prng) };
    return this.assemble(prng, {
      id,
      fullName: `${first}${middle} ${last}`,
      email: this.uniqueEmail(`${asciiSlug(first)}.${asciiSlug(last)}`, outside ? OUTSIDE_DOMAIN : ACCOUNT_DOMAIN),
      headline: prng.pick(HEADLINES[role?.name ?? ''] ?? HEADLINES['']!),
      place,
      roleId: role?.id,
      managerId: managerId === id ? undefined : managerId,
      permission: outside ? undefined : permission,
      isOwner: false,
      projects,
      disabled: kind === 'disabled',
      workweek,
      timeOff,
      photo,
    });
  }

  private uniqueEmail(local: string, domain: string): string {
    let candidate = `${local}@${domain}`;
    for (let n = 2; this.emails.has(candidate); n++) {
      candidate = `${local}${n}@${domain}`;
    }
    this.emails.add(candidate);
    return candidate;
  }

  /** The parts every user shares, drawn in a fixed order from the user's own generator. */
  private assemble(prng: Prng, draft: UserDraft): UserRecord {
    const outside = draft.permission === undefined;
    const created = pastTimestamp(prng, 200, 2400);
    const accountMembership: AccountMembershipRecord | undefined = outside
      ? undefined
      : {
          id: String(500_000 + Number(draft.id)),
          permission: draft.permission ?? 'collaborator',
          isOwner: draft.isOwner,
          created_at: created,
          updated_at: pastTimestamp(prng, 1, 199),
          disabled_at: draft.disabled ? pastTimestamp(prng, 30, 190) : undefined,
        };
    const bio = prng.chance(0.5) ? prng.pick(BIOS) : undefined;
    const website = prng.chance(0.3) ? `https://${asciiSlug(draft.fullName) || `user${draft.id}`}.example.com` : undefined;
    const lastActivity = draft.disabled ? pastTimestamp(prng, 200, 400) : pastTimestamp(prng, 0, 60);
    // Every record gets every property (undefined where absent): one object shape keeps filtering 10,000 users fast.
    return {
      id: draft.id,
      full_name: draft.fullName,
      email_address: draft.email,
      headline: draft.headline,
      bio,
      website,
      city: draft.place.city,
      state: draft.place.state,
      country: draft.place.country,
      abbreviated_timezone: draft.place.timezone,
      classification: outside ? 'External' : 'Internal',
      last_site_activity: lastActivity,
      roleId: draft.roleId,
      managerId: draft.managerId,
      accountMembership,
      skillMembershipIds: outside ? [] : this.addSkills(prng, draft.id, draft.skills),
      customFieldValueIds: outside ? [] : this.addCustomFields(prng, draft.id, draft.place),
      externalReferenceIds: [],
      projectIds: draft.projects,
      disabled: draft.disabled,
      workweek: draft.workweek,
      timeOff: draft.timeOff,
      photo: draft.photo,
    };
  }

  /**
   * The user's skill memberships. The same draws are made whether the skills are drawn or written out, and whatever
   * the skills' levels, so that what is drawn after them (custom fields) does not depend on either.
   */
  private addSkills(prng: Prng, userId: string, writtenOut: readonly NotableSkill[] | undefined): string[] {
    const drawn = prng.sample(this.skills, prng.int(0, 4)).map((skill) => ({ skill, created: pastTimestamp(prng, 10, 900), level: prng.int(1, 5) }));
    const chosen = writtenOut === undefined ? drawn : this.writtenOutSkills(userId, writtenOut);
    return chosen.map(({ skill, created, level }) => {
      const id = String(300_001 + this.skillMemberships.length);
      // A skill without levels has none: Kantata's level is 0 when none is given.
      const ownLevel = skill.maxLevel === 1 ? 0 : level;
      this.skillMemberships.push({ id, userId, skillId: skill.id, skillName: skill.name, level: ownLevel, created_at: created, updated_at: created });
      return id;
    });
  }

  /** A notable user's skills as written; their timestamps come from a generator of their own. */
  private writtenOutSkills(userId: string, skills: readonly NotableSkill[]): { skill: SkillRecord; created: string; level: number }[] {
    const prng = new Prng((this.seed ^ Math.imul(Number(userId), 0x27d4eb2d)) >>> 0);
    return skills.map(([name, level]) => {
      const skill = this.skills.find((candidate) => candidate.name === name);
      if (!skill) {
        throw new Error(`notableUsers.ts names a skill that names.ts does not have: ${name}`);
      }
      return { skill, created: pastTimestamp(prng, 10, 900), level: level ?? 0 };
    });
  }

  private addCustomFields(prng: Prng, userId: string, place: Place): string[] {
    const created = pastTimestamp(prng, 10, 900);
    const ids: string[] = [];
    const add = (name: string, type: 'string' | 'date', value: string, display: string) => {
      const id = String(400_001 + this.customFieldValues.length);
      this.customFieldValues.push({ id, userId, name, type, value, display_value: display, created_at: created, updated_at: created });
      ids.push(id);
    };
    add('Office', 'string', place.office, place.office);
    if (prng.chance(0.7)) {
      const center = prng.pick(COST_CENTERS);
      add('Cost center', 'string', center, center);
    }
    if (prng.chance(0.9)) {
      const start = new Date(ANCHOR_MS - prng.int(30, 3650) * DAY_MS);
      add('Start date', 'date', start.toISOString().slice(0, 10), `${MONTHS[start.getUTCMonth()]} ${start.getUTCDate()}, ${start.getUTCFullYear()}`);
    }
    return ids;
  }
}

interface UserDraft {
  readonly id: string;
  readonly fullName: string;
  readonly email: string;
  readonly headline: string;
  readonly place: Place;
  readonly roleId: string | undefined;
  readonly managerId: string | undefined;
  /** undefined for an outside user (no membership on this account). */
  readonly permission: Permission | undefined;
  readonly isOwner: boolean;
  readonly projects: readonly number[];
  readonly disabled: boolean;
  readonly workweek: Workweek;
  readonly timeOff: readonly TimeOffRule[];
  readonly photo: PhotoState;
  /** Written-out skills (notable users); undefined: drawn. */
  readonly skills?: readonly NotableSkill[];
}
