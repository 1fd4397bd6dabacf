import { badRequest } from './errors';
import type { SkillMembershipRecord, UserRecord } from './model';
import { lastValue } from './query';
import type { Store } from './store';

/**
 * `with_skills`: users.yml documents it as `{'skill_id':[level,level],'skill_id':[level],'operation':'<or/and>'}`,
 * quoted inside a quoted description. The sandbox reads it as JSON (what a Rails controller would parse), and
 * settles what the reference leaves open (see README.md, "Skills"):
 * - a skill's list holds the levels that match; an empty list matches the skill at any level (the only way to
 *   ask for a skill without levels, whose memberships have level 0);
 * - `operation` is `and` (every skill) or `or` (any of them); `and` when absent ("a set of skills");
 * - an unknown skill id is not an error: it matches nobody, as filters do;
 * - anything else (not JSON, not an object, a key that is not an id, a level that is not an integer 0–5, another
 *   operation, no skill at all) is a 400, as for the other malformed parameters.
 */
export interface SkillsWanted {
  readonly operation: 'and' | 'or';
  /** Skill id → the levels that match; empty: any level. */
  readonly levels: ReadonlyMap<string, ReadonlySet<number>>;
}

const NAME = 'with_skills';

function malformed(raw: string, problem: string): Error {
  const shown = raw.length > 200 ? `${raw.slice(0, 200)}…` : raw;
  return badRequest(
    `Invalid value for ${NAME}: '${shown}' (${problem}). Expected {"skill_id":[level,level],"skill_id":[level],"operation":"or|and"}.`,
  );
}

function parseLevels(raw: string, skillId: string, value: unknown): Set<number> {
  if (!Array.isArray(value)) {
    throw malformed(raw, `the levels of skill ${skillId} are not a list`);
  }
  return new Set(
    value.map((level: unknown) => {
      if (typeof level !== 'number' || !Number.isInteger(level) || level < 0 || level > 5) {
        throw malformed(raw, `skill ${skillId} has a level that is not an integer from 0 to 5`);
      }
      return level;
    }),
  );
}

export function parseWithSkills(params: URLSearchParams): SkillsWanted | undefined {
  const raw = lastValue(params, NAME);
  if (raw === undefined) {
    return undefined;
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    throw malformed(raw, 'not JSON');
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw malformed(raw, 'not an object');
  }
  let operation: SkillsWanted['operation'] = 'and';
  const levels = new Map<string, ReadonlySet<number>>();
  for (const [key, value] of Object.entries(parsed)) {
    if (key === 'operation') {
      if (value !== 'and' && value !== 'or') {
        throw malformed(raw, 'the operation is neither "and" nor "or"');
      }
      operation = value;
    } else if (/^\d{1,18}$/.test(key)) {
      levels.set(String(Number(key)), parseLevels(raw, key, value));
    } else {
      throw malformed(raw, `"${key.slice(0, 40)}" is not a skill id`);
    }
  }
  if (levels.size === 0) {
    throw malformed(raw, 'no skill');
  }
  return { operation, levels };
}

/** Whether the user has the wanted skills at one of the wanted levels (all of them for `and`, one for `or`). */
export function skillsPredicate(store: Store, wanted: SkillsWanted): (user: UserRecord) => boolean {
  return (user) => {
    const own = new Map<string, SkillMembershipRecord>();
    for (const id of user.skillMembershipIds) {
      const membership = store.skillMemberships.get(id);
      if (membership) {
        own.set(membership.skillId, membership);
      }
    }
    const meets = ([skillId, levels]: [string, ReadonlySet<number>]) => {
      const membership = own.get(skillId);
      return membership !== undefined && (levels.size === 0 || levels.has(membership.level));
    };
    const entries = [...wanted.levels];
    return wanted.operation === 'and' ? entries.every(meets) : entries.some(meets);
  };
}
