import type { LevelChoice, SkillEntry } from '../../../src/skills/skillCatalogue';
import type { LevelAnswer, LiveState, ResultsAnswer, ResultsStep, SkillAnswer, SkillPrompts, StepState } from '../../../src/skills/skillPrompts';

/** What the command showed, in order. */
export type ShownStep =
  | { readonly step: 'skill'; readonly state: LiveState<readonly SkillEntry[]> }
  | { readonly step: 'level'; readonly skill: SkillEntry; readonly choices: readonly LevelChoice[] }
  | { readonly step: 'results'; readonly results: ResultsStep };

export type ScriptedAnswer = SkillAnswer | LevelAnswer | ResultsAnswer | undefined;

/** Plays the user of Find by Skill: each step shown gets the next answer of the script, which may wait on what is shown. */
export class ScriptedSkillPrompts implements SkillPrompts {
  readonly shown: ShownStep[] = [];

  constructor(private readonly script: ((shown: ShownStep) => ScriptedAnswer | Promise<ScriptedAnswer>)[]) {}

  get steps(): string[] {
    return this.shown.map((shown) => shown.step);
  }

  pickSkill(state: LiveState<readonly SkillEntry[]>): Promise<SkillAnswer | undefined> {
    return this.next({ step: 'skill', state }) as Promise<SkillAnswer | undefined>;
  }

  pickLevel(skill: SkillEntry, choices: readonly LevelChoice[]): Promise<LevelAnswer | undefined> {
    return this.next({ step: 'level', skill, choices }) as Promise<LevelAnswer | undefined>;
  }

  showResults(results: ResultsStep): Promise<ResultsAnswer | undefined> {
    return this.next({ step: 'results', results }) as Promise<ResultsAnswer | undefined>;
  }

  private async next(shown: ShownStep): Promise<ScriptedAnswer> {
    this.shown.push(shown);
    const answer = this.script.shift();
    if (!answer) {
      throw new Error(`the script has no answer for the ${shown.step} step (steps so far: ${this.steps.join(', ')})`);
    }
    return answer(shown);
  }
}

/** Resolves with the state once `accept` takes it, looking again at each change the command announces. */
export function whenState<T>(live: LiveState<T>, accept: (state: StepState<T>) => boolean): Promise<StepState<T>> {
  if (accept(live.current)) {
    return Promise.resolve(live.current);
  }
  return new Promise((resolve) => {
    const listener = live.onDidChange(() => {
      if (accept(live.current)) {
        listener.dispose();
        resolve(live.current);
      }
    });
  });
}

/** The loaded value, or a failure thrown with its message. */
export async function whenLoaded<T>(live: LiveState<T>): Promise<T> {
  const state = await whenState(live, (candidate) => candidate.kind !== 'loading');
  if (state.kind !== 'loaded') {
    throw new Error(`the step failed: ${state.kind === 'failed' ? state.error.userMessage : state.kind}`);
  }
  return state.value;
}
