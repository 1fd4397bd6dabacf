import type * as vscode from 'vscode';
import type { KantataError, Remedy } from '../kantata/errors';
import type { User } from '../kantata/types';
import type { LevelChoice, SkillEntry } from './skillCatalogue';

/** What a step shows while its answer is coming: loading (with progress), the answer, or why there is none. */
export type StepState<T> =
  | { readonly kind: 'loading'; readonly message?: string }
  | { readonly kind: 'loaded'; readonly value: T }
  | { readonly kind: 'failed'; readonly error: KantataError };

/** A step's state that changes while it is shown; `onDidChange` fires after each change. */
export interface LiveState<T> {
  readonly current: StepState<T>;
  readonly onDidChange: vscode.Event<void>;
}

/** A way forward from a failure: the error's remedies, and the logs. */
export type FailureAction = Remedy | 'showLogs';

export type SkillAnswer =
  | { readonly kind: 'skill'; readonly skill: SkillEntry }
  | { readonly kind: 'reload' }
  | { readonly kind: 'failure'; readonly action: FailureAction };

export type LevelAnswer = { readonly kind: 'level'; readonly choice: LevelChoice } | { readonly kind: 'back' };

/** One person found, with their week ahead (`Loading this week…` until it is known). */
export interface PersonRow {
  readonly user: User;
  readonly week: string;
}

export interface ResultsStep {
  /** The skill and level chosen: `TypeScript (level ≥ 4)`. */
  readonly choice: string;
  readonly state: LiveState<readonly PersonRow[]>;
}

export type ResultsAnswer =
  | { readonly kind: 'open'; readonly user: User }
  | { readonly kind: 'availability' }
  | { readonly kind: 'back' }
  | { readonly kind: 'failure'; readonly action: FailureAction };

/**
 * The three steps of Find by Skill as the user sees them. Each resolves with the answer, or undefined when
 * dismissed (Escape) or when `until` aborts (the command's account ended). The real one uses QuickPicks; the
 * extension-host tests substitute a scripted one.
 */
export interface SkillPrompts {
  /** Step 1: the catalogue, busy while it loads. */
  pickSkill(state: LiveState<readonly SkillEntry[]>, until: AbortSignal): Promise<SkillAnswer | undefined>;
  /** Step 2, for a skill with levels. */
  pickLevel(skill: SkillEntry, choices: readonly LevelChoice[], until: AbortSignal): Promise<LevelAnswer | undefined>;
  /** Step 3: the people found, their week ahead filling in. */
  showResults(step: ResultsStep, until: AbortSignal): Promise<ResultsAnswer | undefined>;
}
