import * as vscode from 'vscode';
import { registerAccounts } from './accounts/registerAccounts';
import type { KantataSession } from './accounts/session';
import { registerAvailability } from './availability/availabilityCommands';
import { registerFilePeople } from './filePeople/registerFilePeople';
import { useDisplayLanguage } from './locale/displayLanguage';
import { CapacityCache } from './capacity/capacityCache';
import { WeekAheadStore } from './capacity/weekAheadStore';
import { readAvailabilityConcurrency } from './availability/availabilityPanelManager';
import { TokenInputBox, TokenPrompt } from './accounts/tokenInputBox';
import { UserEditPrompts } from './editing/userEditPrompts';
import { registerUserCommands } from './editing/userCommands';
import { VsCodeUserEditPrompts } from './editing/vscodeUserEditPrompts';
import { registerPhotos } from './photos/photoCache';
import { registerProfiles } from './profile/profileCommands';
import { reportConnectionSettingProblems } from './settings/settingsProblems';
import { Commands } from './shared/ids';
import { registerFindBySkill } from './skills/findBySkill';
import { SkillCatalogueStore } from './skills/skillCatalogueStore';
import type { SkillPrompts } from './skills/skillPrompts';
import { VsCodeSkillPrompts } from './skills/vscodeSkillPrompts';
import { registerTeammates } from './teammates/registerTeammates';
import { KantataTestApi, makeTestApi } from './testApi';

/** Wires the features together. No network call is awaited here: the stored token is checked in the background. */
export function activate(context: vscode.ExtensionContext): KantataTestApi | undefined {
  const activateStart = performance.now();
  useDisplayLanguage(vscode.env.language, vscode.l10n.bundle);
  const log = registerLog(context);
  // The prompts the extension-host tests replace (through the test API below); each is read when used.
  const realPrompt = new TokenInputBox(() => session.baseUrl);
  let tokenPrompt: TokenPrompt = realPrompt;
  const realUserEditPrompts = new VsCodeUserEditPrompts();
  let userEditPrompts: UserEditPrompts = realUserEditPrompts;
  const realSkillPrompts = new VsCodeSkillPrompts();
  let skillPrompts: SkillPrompts = realSkillPrompts;

  const { session, authentication } = registerAccounts(context, log, () => tokenPrompt);
  const photos = registerPhotos(context, session, log);
  const { capacities, weekAhead, skillCatalogues } = registerAccountCaches(context, session);
  const { teammates, teammatesView } = registerTeammates(context, session, photos, log, weekAhead);
  const { filePeople, filePeopleView } = registerFilePeople(context, session, weekAhead, photos, log);
  const profiles = registerProfiles(context, { session, photos, capacities, log, teammates, teammatesView });
  const availability = registerAvailability(context, { session, photos, capacities, log, teammates });
  context.subscriptions.push(registerUserCommands({ session, store: teammates, panels: profiles, photos, log, prompts: () => userEditPrompts }));
  context.subscriptions.push(registerFindBySkill({ session, catalogues: skillCatalogues, weekAhead, log, prompts: () => skillPrompts }));

  session.restore().catch((error: unknown) => log.error(`Restoring the sign-in failed: ${String(error)}`));
  reportConnectionSettingProblems(log);
  logActivationTiming(log, activateStart);

  if (context.extensionMode !== vscode.ExtensionMode.Test) {
    return undefined;
  }
  return makeTestApi({
    context,
    session,
    authentication,
    teammates,
    teammatesView,
    profiles,
    availability,
    capacities,
    filePeople,
    filePeopleView,
    setTokenPrompt: (prompt) => {
      tokenPrompt = prompt ?? realPrompt;
    },
    setUserEditPrompts: (prompts) => {
      userEditPrompts = prompts ?? realUserEditPrompts;
    },
    setSkillPrompts: (prompts) => {
      skillPrompts = prompts ?? realSkillPrompts;
    },
  });
}

/**
 * What the session keeps per account, dropped when the account changes: capacity answers (the grid's open in a
 * profile without a request), the week ahead of the people a view shows (a project's team, a file's authors, a
 * skill's holders), and the skills of the visible people (loaded on the first Find by Skill).
 */
function registerAccountCaches(context: vscode.ExtensionContext, session: KantataSession) {
  const capacities = new CapacityCache();
  const weekAhead = new WeekAheadStore({ cache: capacities, concurrency: readAvailabilityConcurrency });
  const skillCatalogues = new SkillCatalogueStore();
  const clear = () => {
    capacities.clear();
    weekAhead.clear();
    skillCatalogues.clear();
  };
  context.subscriptions.push(session.onDidChangeAccount(clear), { dispose: () => skillCatalogues.clear() });
  return { capacities, weekAhead, skillCatalogues };
}

/** The Kantata output channel, and Show Logs to open it. */
function registerLog(context: vscode.ExtensionContext): vscode.LogOutputChannel {
  const log = vscode.window.createOutputChannel('Kantata', { log: true });
  context.subscriptions.push(log, vscode.commands.registerCommand(Commands.showLogs, () => log.show()));
  return log;
}

/**
 * The bundle's banner and footer record when its first and last lines ran (esbuild.js); the benchmark reads
 * this line. Load is evaluating the bundle plus however long VS Code then takes to call activate() (it
 * prepares the extension's context, its storage included, meanwhile). The clock time activate() was entered
 * is written out: lines logged before the channel's file is open get the time they are written at.
 */
function logActivationTiming(log: vscode.LogOutputChannel, activateStart: number): void {
  const { __kantataBundleStart: bundleStart, __kantataBundleEnd: bundleEnd } = globalThis as { __kantataBundleStart?: number; __kantataBundleEnd?: number };
  const load = bundleStart === undefined ? 'unknown' : (activateStart - bundleStart).toFixed(2);
  const evaluated = bundleStart === undefined || bundleEnd === undefined ? 'unknown' : (bundleEnd - bundleStart).toFixed(2);
  const entered = new Date(performance.timeOrigin + activateStart).toISOString();
  log.info(`Activated: load ${load} ms, activate ${(performance.now() - activateStart).toFixed(2)} ms (bundle evaluated in ${evaluated} ms). activate() entered at ${entered}.`);
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
