/**
 * Find by Skill, the part without `vscode`: the skills present among the visible people (the catalogue), the
 * level choices of a skill, and the `with_skills` listing a choice means. The catalogue comes from one paged
 * listing with the skills and their memberships included, so each skill knows how many people hold it at each
 * level before anyone is asked for by skill.
 */
import * as l10n from '@vscode/l10n';
import type { KantataClient, ListOptions } from '../kantata/client';
import { encodeWithSkills, SKILLS_WITH_LEVELS, type ListUsersParams, type UserSelection, type WithSkills } from '../kantata/operations';
import type { User } from '../kantata/types';
import { compareText, formatNumber } from '../locale/displayLanguage';

/** One skill of the catalogue. */
export interface SkillEntry {
  readonly id: string;
  readonly name: string;
  readonly description?: string;
  /** 1 for a yes/no skill (a certification), else the highest level (5 in Kantata). */
  readonly maxLevel: number;
  /** Visible people who hold it. */
  readonly people: number;
  /** `peopleAtLevel[n]`: holders at level n (index 0: holders whose level is not known or not kept). */
  readonly peopleAtLevel: readonly number[];
}

/** A skill with levels is asked for at a level; a yes/no skill (`max_level` 1) or certification is not. */
export function hasLevels(skill: Pick<SkillEntry, 'maxLevel'>): boolean {
  return skill.maxLevel > 1;
}

/** `certification` or `levels 1–5`, for the skill picker. */
export function skillKindText(skill: Pick<SkillEntry, 'maxLevel'>): string {
  return hasLevels(skill) ? l10n.t('levels 1–{0}', formatNumber(skill.maxLevel)) : l10n.t('certification');
}

/** `1 person`, `3 people`. */
export function peopleText(count: number): string {
  return count === 1 ? l10n.t('{0} person', formatNumber(count)) : l10n.t('{0} people', formatNumber(count));
}

/**
 * The skills the users hold, sorted by name, each with how many of them hold it and at which level. Only what
 * the users carry counts (`skillsWithLevels`): a skill nobody visible holds is not offered.
 */
export function buildSkillCatalogue(users: readonly User[]): SkillEntry[] {
  const entries = new Map<string, { entry: Omit<SkillEntry, 'people' | 'peopleAtLevel'>; holders: Set<string>; atLevel: number[] }>();
  for (const user of users) {
    for (const { skill, level } of user.skillsWithLevels ?? []) {
      const maxLevel = Math.max(1, Math.floor(skill.maxLevel ?? 1));
      let found = entries.get(skill.id);
      if (!found) {
        found = { entry: { id: skill.id, name: skill.name, description: skill.description, maxLevel }, holders: new Set(), atLevel: new Array<number>(maxLevel + 1).fill(0) };
        entries.set(skill.id, found);
      }
      if (found.holders.has(user.id)) {
        continue;
      }
      found.holders.add(user.id);
      const index = level !== undefined && level >= 1 && level <= found.entry.maxLevel ? level : 0;
      found.atLevel[index] = (found.atLevel[index] ?? 0) + 1;
    }
  }
  return [...entries.values()]
    .map(({ entry, holders, atLevel }) => ({ ...entry, people: holders.size, peopleAtLevel: atLevel }))
    .sort((a, b) => compareText(a.name, b.name) || compareText(a.id, b.id));
}

/** One choice of the level step: the lowest level wanted (undefined: any level). */
export interface LevelChoice {
  readonly minLevel: number | undefined;
  /** `Any level`, `Level 2 or higher`, …, `Level 5`. */
  readonly label: string;
  /** Holders at the chosen level or higher, from the catalogue. */
  readonly people: number;
}

/** "Any level", then "Level 2 or higher" … up to the skill's top level. A skill without levels has none. */
export function levelChoices(skill: SkillEntry): LevelChoice[] {
  if (!hasLevels(skill)) {
    return [];
  }
  const atOrAbove = (min: number) => skill.peopleAtLevel.slice(min).reduce((sum, count) => sum + count, 0);
  const choices: LevelChoice[] = [{ minLevel: undefined, label: l10n.t('Any level'), people: skill.people }];
  for (let level = 2; level <= skill.maxLevel; level++) {
    const label = level === skill.maxLevel ? l10n.t('Level {0}', formatNumber(level)) : l10n.t('Level {0} or higher', formatNumber(level));
    choices.push({ minLevel: level, label, people: atOrAbove(level) });
  }
  return choices;
}

/** The filter for a skill at `minLevel` or higher (undefined: at any level; the only way for a certification). */
export function skillFilter(skill: SkillEntry, minLevel: number | undefined): WithSkills {
  const top = Math.min(skill.maxLevel, 5);
  const levels = minLevel === undefined || !hasLevels(skill) ? undefined : Array.from({ length: top - minLevel + 1 }, (_, index) => minLevel + index);
  return { operation: 'and', skills: [{ skillId: skill.id, levels }] };
}

/** What `with_skills` carries for the choice, as sent (for logs and tests). */
export function skillFilterText(skill: SkillEntry, minLevel: number | undefined): string {
  return encodeWithSkills(skillFilter(skill, minLevel));
}

/** `TypeScript`, `TypeScript (level ≥ 4)`: the choice, for titles. */
export function skillChoiceText(skill: SkillEntry, minLevel: number | undefined): string {
  return minLevel === undefined || !hasLevels(skill) ? skill.name : l10n.t('{0} (level ≥ {1})', skill.name, formatNumber(minLevel));
}

/** The scope of the people listed: the Teammates view's (its settings), so counts and results agree with it. */
export type SkillScope = Pick<ListUsersParams, 'onMyAccount' | 'showDisabled'>;

/** Every visible person's skills, one paged listing (200 a page), turned into the catalogue. */
export async function loadSkillCatalogue(client: KantataClient, scope: SkillScope, options: ListOptions = {}): Promise<SkillEntry[]> {
  const users = await client.listUsers({ ...scope, include: [...SKILLS_WITH_LEVELS] }, options);
  return buildSkillCatalogue(users);
}

/** The people with the skill at `minLevel` or higher (a `with_skills` listing), in the scope, every page. */
export function listPeopleWithSkill(
  client: KantataClient,
  request: { readonly scope: SkillScope; readonly skill: SkillEntry; readonly minLevel: number | undefined; readonly selection: UserSelection },
  options: ListOptions = {},
): Promise<User[]> {
  const { scope, skill, minLevel, selection } = request;
  return client.listUsers({ ...scope, ...selection, withSkills: skillFilter(skill, minLevel) }, options);
}

/** `TypeScript (level ≥ 4): 3 people`; while loading, the choice alone. */
export function resultsTitle(choice: string, count: number | undefined): string {
  if (count === undefined) {
    return choice;
  }
  return count === 1 ? l10n.t('{0}: {1} person', choice, formatNumber(count)) : l10n.t('{0}: {1} people', choice, formatNumber(count));
}
