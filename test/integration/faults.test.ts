// Faults (issue 9): every fault × every operation that talks to Kantata, in the real extension against the
// sandbox. Operations: the tree (Refresh Teammates), Find Teammate after a failed first load, the profile and
// capacity of the profile panel (Open Profile / Show Capacity), Sign In, Update User…,
// Update Profile Photo… and Reset Profile Photo (the other commands make no request: Show My Capacity opens the panel for the account's own user). Faults: 401 mid-session,
// 403, 404 for a user deleted since the tree loaded, 422, 429 with and without Retry-After, 500, 503, malformed
// JSON, an HTML error page, a refused connection, a request that never answers (the time-out, and Cancel on the
// progress notification), and a base URL that is not a Kantata API.
//
// Each cell checks: a plain message of its own (no stack, code or markup, and not another fault's message), a
// way forward (a button, or what to do in the message), the extension host staying responsive, and nothing
// typed lost (the values of Update User…, the custom capacity range). The suite reads the extension host log and
// fails on an unhandled error of the extension; it prints the fault × operation matrix and its pass count.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { UserEditPrompts } from '../../src/editing/userEditPrompts';
import type { EditableField } from '../../src/editing/userFieldRules';
import type { User } from '../../src/kantata/types';
import type { KantataTestApi, ProfilePanelProbe } from '../../src/testApi';
import type { ToWebview } from '../../src/profile/protocol';
import type { FaultSpec } from '../sandbox/faults';
import { coloredSquarePng } from '../sandbox/png';
import { Sandbox, startSandbox } from '../sandbox/server';
import { activateExtension, setBaseUrl, setTimeoutSeconds, waitFor } from './support/extensionUnderTest';
import { openFakeProfile, postedTo, sentOfType } from './support/fakeWebviewPanel';
import { ExtensionHostLog, watchResponsiveness, workbenchRoundTripMs } from './support/hostHealth';
import { ScriptedTokenPrompt } from './support/scriptedTokenPrompt';
import { rowOf } from './support/teammatesRows';
import { recordWindow, type WindowRecording } from './support/windowRecorder';

/** What the user sees after the operation failed. */
interface Observation {
  /** The message they read (a notification, a tree row, the page's error box, the sign-in box). */
  readonly message: string | undefined;
  /** Buttons or actions offered with it (Show Logs aside). */
  readonly ways: readonly string[];
  /** Whether what they had typed is still there (undefined: nothing was typed). */
  readonly kept?: boolean;
}

interface Operation {
  readonly name: string;
  /** The request of this operation the fault hits. */
  readonly target: Pick<FaultSpec, 'method' | 'path'>;
  /** Which faults make no sense for it. */
  readonly skip?: readonly string[];
  /** Runs before the fault is armed. */
  prepare?(): Promise<void>;
  run(recording: WindowRecording): Promise<Observation>;
}

interface Fault {
  readonly name: string;
  /** Sets the fault up for `operation`'s requests; resolves with what undoes it. */
  arm(operation: Operation): Promise<() => Promise<void>>;
  /** Presses Cancel on the progress notification once it shows, instead of waiting for the time-out. */
  readonly cancels?: boolean;
}

interface CellResult {
  readonly fault: string;
  readonly operation: string;
  readonly observation?: Observation;
  readonly problems: string[];
  readonly ms: number;
}

const TARGET_USER = '20003'; // José Müller: a collaborator the administrator may edit
const TIME_OUT_SECONDS = 1;
const NOT_KANTATA_PAGE = '<!doctype html><html><head><title>Example Domain</title></head><body><h1>Example Domain</h1><p>This domain is for use in illustrative examples.</p></body></html>';
/** Words that belong in a log, not in a message to a person. */
const TECHNICAL = /\b(undefined|null|NaN|\[object|TypeError|SyntaxError|ReferenceError|AxiosError|stack|ECONN\w+|ETIMEDOUT|EPIPE|ENOTFOUND|ERR_\w+)\b|\bat \S+ \(|<\/?[a-z][a-z0-9]*[\s>]|\{"/;
/** A message can point the way itself. */
const INSTRUCTION = /\b(try again|sign in|check|wait|ask|refresh|choose|press enter|in \d+ (seconds?|minutes)|reload)\b/i;

/** Plays the user of Update User… and the photo commands, recording what they were shown, actions included. */
class RecordingEditPrompts implements UserEditPrompts {
  readonly asked: { field: EditableField; value: string; error?: string }[] = [];
  readonly errors: { message: string; actions: string[] }[] = [];
  readonly infos: string[] = [];

  constructor(
    private readonly photo: vscode.Uri | undefined,
    /** The value typed for the field, each time it is asked. */
    private readonly typed: string,
  ) {}

  async chooseFields(): Promise<readonly EditableField[]> {
    return ['headline'];
  }
  async askValue(field: EditableField, options: { readonly user: User; readonly value: string; readonly error?: string }): Promise<string | undefined> {
    this.asked.push({ field, value: options.value, error: options.error });
    return this.asked.length <= 2 ? this.typed : undefined;
  }
  async confirmEmailChange(): Promise<boolean> {
    return true;
  }
  async choosePhotoFile(): Promise<vscode.Uri | undefined> {
    return this.photo;
  }
  async confirmPhotoReset(): Promise<boolean> {
    return true;
  }
  /** Edits again once when offered (to see the typed value come back), else dismisses. */
  async showError(message: string, ...actions: string[]): Promise<string | undefined> {
    this.errors.push({ message, actions });
    return this.errors.length === 1 && actions.includes('Edit Again') ? 'Edit Again' : undefined;
  }
  showInfo(message: string): void {
    this.infos.push(message);
  }
}

describe('faults × operations', function () {
  this.timeout(90_000);
  let api: KantataTestApi;
  let sandbox: Sandbox;
  let port: number;
  let hostLog: ExtensionHostLog;
  let photoFile: vscode.Uri;
  let folder: string;
  const results: CellResult[] = [];
  let me: User | undefined;
  /** The longest the extension host's event loop was held up during a cell, in ms. */
  let worstLag = 0;

  const signIn = async (): Promise<void> => {
    api.setTokenPrompt(new ScriptedTokenPrompt([sandbox.adminToken]));
    try {
      assert.equal(await vscode.commands.executeCommand('kantata.signIn'), true, 'signing in again failed');
    } finally {
      api.setTokenPrompt(undefined);
    }
  };

  /** Signed in, no fault, the list loaded: the state every cell starts from. */
  const ready = async (): Promise<void> => {
    sandbox.reset();
    api.setUserEditPrompts(undefined);
    if (!api.session.isSignedIn) {
      await signIn();
    }
    await waitFor(() => !api.teammates.isLoading, 'a load in progress to finish', 15_000);
    if (api.teammates.error || !api.teammates.users?.some((user) => user.id === TARGET_USER)) {
      await vscode.commands.executeCommand('kantata.refreshTeammates');
    }
    assert.ok(api.teammates.users?.some((user) => user.id === TARGET_USER), 'the teammates did not load');
  };

  const treeObservation = (recording: WindowRecording, usersBefore: number): Observation => {
    if (!api.session.isSignedIn) {
      return notification(recording);
    }
    const [first] = api.teammatesTree.roots();
    if (first?.kind !== 'notice') {
      return { message: undefined, ways: [] };
    }
    const row = api.teammatesTree.item(first);
    const remedies = String(row.contextValue ?? '')
      .split(' ')
      .filter((part) => part.startsWith('remedy.'))
      .map((part) => part.slice('remedy.'.length));
    return { message: String(row.label), ways: remedies, kept: (api.teammates.users?.length ?? 0) === usersBefore };
  };

  /** The last warning or error notification (the rejected token, a failed command). */
  const notification = (recording: WindowRecording): Observation => {
    const shown = [...recording.messages].reverse().find((message) => message.severity !== 'info') ?? recording.messages.at(-1);
    return { message: shown?.message, ways: shown?.actions.filter((action) => action !== 'Show Logs') ?? [] };
  };

  const editObservation = (prompts: RecordingEditPrompts, recording: WindowRecording, typed: string | undefined): Observation => {
    const error = prompts.errors[0];
    if (!error) {
      return notification(recording);
    }
    // Edit Again (chosen by the prompts) must bring back what was typed. Where it is not offered, editing again
    // would not help (no permission, nobody to edit), and the message says so instead.
    const kept = typed !== undefined && error.actions.includes('Edit Again') ? prompts.asked[1]?.value === typed : undefined;
    return { message: error.message, ways: error.actions.filter((action) => action !== 'Show Logs'), kept };
  };

  /**
   * Waits until the panel has posted one of `types` to its page after the page's "ready", or has closed (a
   * rejected token signs out, and the account's panels close with it).
   */
  const pageAnswered = (panel: ProfilePanelProbe, types: readonly ToWebview['type'][]): Promise<void> =>
    waitFor(() => panel.isDisposed || postedTo(panel).some((message) => types.includes(message.type)), () => `the page to get one of ${types.join(', ')}`, 80_000);

  const panelError = (error: { message: string; canRetry: boolean; canSignIn: boolean } | undefined): Observation => ({
    message: error?.message,
    ways: [...(error?.canRetry ? ['Retry'] : []), ...(error?.canSignIn ? ['Sign In'] : [])],
  });

  const operations: Operation[] = [
    {
      name: 'tree',
      target: { method: 'GET', path: '/users' },
      skip: ['404 (deleted user)'],
      async run(recording) {
        const before = api.teammates.users?.length ?? 0;
        await vscode.commands.executeCommand('kantata.refreshTeammates');
        return treeObservation(recording, before);
      },
    },
    {
      name: 'Find Teammate',
      target: { method: 'GET', path: '/users' },
      skip: ['404 (deleted user)', 'never answers (Cancel)'],
      async prepare() {
        await api.session.signOut();
      },
      async run(recording) {
        // After a first load that failed: signed in (the token was checked before the fault), nothing listed.
        await api.session.signIn(sandbox.baseUrl, sandbox.adminToken, me as User);
        await waitFor(() => !api.teammates.isLoading, 'the first load to end', 15_000);
        const picked = vscode.commands.executeCommand('kantata.findTeammate');
        if (!api.session.isSignedIn) {
          await picked;
          return notification(recording);
        }
        await waitFor(() => recording.createdQuickPicks.length > 0, 'the picker');
        const picker = recording.createdQuickPicks[0] as vscode.QuickPick<vscode.QuickPickItem>;
        await waitFor(() => !picker.busy, 'the picker to stop waiting');
        const message = picker.placeholder;
        picker.hide();
        await picked;
        return { message, ways: [] };
      },
    },
    {
      name: 'profile',
      target: { method: 'GET', path: `/users/${TARGET_USER}` },
      skip: ['never answers (Cancel)'],
      async run(recording) {
        const { panel, fake } = openFakeProfile(api, TARGET_USER);
        try {
          fake.fromPage({ type: 'ready' });
          await pageAnswered(panel, ['profile', 'profileError']);
          return panel.isDisposed ? notification(recording) : panelError(sentOfType(panel, 'profileError')[0]?.error);
        } finally {
          fake.dispose();
        }
      },
    },
    {
      name: 'capacity',
      target: { method: 'GET', path: `/users/${TARGET_USER}/capacity` },
      skip: ['never answers (Cancel)'],
      async run(recording) {
        const typed = { start: '2026-03-02', end: '2026-03-15' };
        const { panel, fake } = openFakeProfile(api, TARGET_USER, { range: typed });
        try {
          fake.fromPage({ type: 'ready' });
          await pageAnswered(panel, ['capacity', 'capacityError', 'capacityInvalid']);
          if (panel.isDisposed) {
            return notification(recording);
          }
          const failed = sentOfType(panel, 'capacityError')[0];
          return { ...panelError(failed?.error), kept: failed?.range.start === typed.start && failed.range.end === typed.end };
        } finally {
          fake.dispose();
        }
      },
    },
    {
      name: 'Sign In',
      target: { method: 'GET', path: '/users/me' },
      skip: ['404 (deleted user)', 'never answers (Cancel)'],
      async run() {
        const prompt = new ScriptedTokenPrompt([sandbox.adminToken]);
        api.setTokenPrompt(prompt);
        try {
          assert.equal(await vscode.commands.executeCommand('kantata.signIn'), false, 'signed in despite the fault');
        } finally {
          api.setTokenPrompt(undefined);
        }
        // The box stays open with the token typed and this message under it (the box never clears its value).
        return { message: prompt.messages[0], ways: [] };
      },
    },
    {
      name: 'Update User',
      target: { method: 'PUT', path: `/users/${TARGET_USER}` },
      async run(recording) {
        const typed = 'Typed before the fault';
        const prompts = new RecordingEditPrompts(undefined, typed);
        api.setUserEditPrompts(prompts);
        const node = rowOf(api, TARGET_USER);
        assert.ok(node);
        const outcome = await vscode.commands.executeCommand('kantata.updateUser', node);
        assert.notEqual(outcome, 'updated');
        return editObservation(prompts, recording, typed);
      },
    },
    {
      name: 'Update Photo',
      target: { method: 'POST', path: `/users/${TARGET_USER}/profile_photo` },
      async run(recording) {
        const prompts = new RecordingEditPrompts(photoFile, '');
        api.setUserEditPrompts(prompts);
        assert.notEqual(await vscode.commands.executeCommand('kantata.updateProfilePhoto', { userId: TARGET_USER }), 'updated');
        return editObservation(prompts, recording, undefined);
      },
    },
    {
      name: 'Reset Photo',
      target: { method: 'DELETE', path: `/users/${TARGET_USER}/profile_photo` },
      async run(recording) {
        const prompts = new RecordingEditPrompts(undefined, '');
        api.setUserEditPrompts(prompts);
        assert.notEqual(await vscode.commands.executeCommand('kantata.resetProfilePhoto', { userId: TARGET_USER }), 'updated');
        return editObservation(prompts, recording, undefined);
      },
    },
  ];

  const injecting = (spec: Omit<FaultSpec, 'method' | 'path'>, everywhere = false) =>
    async (operation: Operation): Promise<() => Promise<void>> => {
      sandbox.injectFault({ ...spec, ...(everywhere ? {} : operation.target), times: spec.times ?? Infinity } as FaultSpec);
      return async () => sandbox.reset();
    };

  const faults: Fault[] = [
    { name: '401 mid-session', arm: injecting({ kind: 'status', status: 401 }) },
    { name: '403', arm: injecting({ kind: 'status', status: 403 }) },
    { name: '404 (deleted user)', arm: injecting({ kind: 'status', status: 404 }) },
    { name: '422', arm: injecting({ kind: 'status', status: 422 }) },
    { name: '429 + Retry-After', arm: injecting({ kind: 'status', status: 429, retryAfterSeconds: 120 }) },
    { name: '429', arm: injecting({ kind: 'status', status: 429 }) },
    { name: '500', arm: injecting({ kind: 'status', status: 500 }) },
    { name: '503', arm: injecting({ kind: 'status', status: 503 }) },
    { name: 'malformed JSON', arm: injecting({ kind: 'malformedJson' }) },
    { name: 'HTML error page', arm: injecting({ kind: 'htmlError', status: 502 }) },
    {
      name: 'refused connection',
      async arm() {
        await sandbox.close();
        return async () => {
          sandbox = await startSandbox({ port });
        };
      },
    },
    { name: 'never answers (time-out)', arm: injecting({ kind: 'hang' }) },
    {
      name: 'never answers (Cancel)',
      cancels: true,
      async arm(operation) {
        // A time-out long enough for the progress notification (shown after 2 s for a load) to be cancelled.
        await setTimeoutSeconds(30);
        await waitFor(() => !api.teammates.isLoading, 'the reload after the setting change', 15_000);
        sandbox.injectFault({ kind: 'hang', ...operation.target, times: Infinity });
        return async () => {
          sandbox.reset();
          await setTimeoutSeconds(TIME_OUT_SECONDS);
          await waitFor(() => !api.teammates.isLoading, 'the reload after the setting change', 15_000);
        };
      },
    },
    { name: 'not a Kantata API', arm: injecting({ kind: 'body', status: 200, body: NOT_KANTATA_PAGE, contentType: 'text/html; charset=utf-8' }, true) },
  ];

  // The client backs off a random 0–100 % of 0.5 s, 1 s… before retrying (full jitter): pinned near 0 here, the
  // retries of 429, 502 and 503 take milliseconds, and how many there are and what the user reads is unchanged.
  // (The extension runs in this process, on this Math.)
  const random = Math.random;
  before(() => {
    Math.random = () => 0.01;
  });
  after(() => {
    Math.random = random;
  });

  before(async () => {
    api = await activateExtension();
    hostLog = ExtensionHostLog.open(api);
    folder = fs.mkdtempSync(path.join(os.tmpdir(), 'kantata-faults-'));
    const file = path.join(folder, 'photo.png');
    fs.writeFileSync(file, coloredSquarePng([10, 120, 200]));
    photoFile = vscode.Uri.file(file);
    sandbox = await startSandbox();
    port = Number(new URL(sandbox.origin).port);
    await setTimeoutSeconds(TIME_OUT_SECONDS);
    await setBaseUrl(api, sandbox.baseUrl);
    await signIn();
    await ready();
    const state = api.session.state;
    me = state.kind === 'signedIn' ? state.user : undefined;
    assert.ok(me, 'who you are is not known');
  });

  after(async () => {
    api.setUserEditPrompts(undefined);
    api.setTokenPrompt(undefined);
    if (api.session.isSignedIn) {
      await api.session.signOut();
    }
    await setTimeoutSeconds(undefined);
    await setBaseUrl(api, undefined);
    await sandbox.close();
    fs.rmSync(folder, { recursive: true, force: true });
    printMatrix();
    await hostLog.assertNoProblems();
  });

  function printMatrix(): void {
    const width = Math.max(...faults.map((fault) => fault.name.length));
    const columns = operations.map((operation) => operation.name);
    const ran = results.length;
    const passed = results.filter((result) => result.problems.length === 0).length;
    console.log(`\n      fault × operation matrix: ${faults.length} faults × ${operations.length} operations, ${ran} cells run (· = not applicable), ${passed} passed; the extension host was never held up more than ${worstLag} ms`);
    console.log(`        ${''.padEnd(width)}  ${columns.map((column) => column.padEnd(Math.max(column.length, 3))).join(' ')}`);
    for (const fault of faults) {
      const row = operations.map((operation) => {
        const result = results.find((entry) => entry.fault === fault.name && entry.operation === operation.name);
        const mark = !result ? '·' : result.problems.length === 0 ? '✓' : '✗';
        return mark.padEnd(Math.max(operation.name.length, 3));
      });
      console.log(`        ${fault.name.padEnd(width)}  ${row.join(' ')}`);
    }
    const perOperation = operations.map((operation) => `${operation.name} ${(results.filter((result) => result.operation === operation.name).reduce((sum, result) => sum + result.ms, 0) / 1000).toFixed(1)} s`);
    console.log(`        time per operation: ${perOperation.join(', ')}`);
  }

  for (const fault of faults) {
    it(fault.name, async () => {
      for (const operation of operations.filter((candidate) => !candidate.skip?.includes(fault.name))) {
        await ready();
        const started = performance.now();
        const recording = recordWindow();
        const problems: string[] = [];
        let observation: Observation | undefined;
        await operation.prepare?.();
        const watch = watchResponsiveness();
        const undo = await fault.arm(operation);
        try {
          let settled = false;
          const running = operation.run(recording).finally(() => (settled = true));
          if (fault.cancels) {
            // Cancel on the progress notification as soon as it shows, and again on any that follows (Try Again).
            const notifications = () => recording.progress.filter((entry) => entry.options.location === vscode.ProgressLocation.Notification);
            await waitFor(() => notifications().length > 0 || settled, 'a progress notification', 10_000).catch(() => undefined);
            const first = notifications()[0];
            if (!first) {
              problems.push('no progress notification to cancel');
            } else if (first.options.cancellable !== true) {
              problems.push('the progress notification has no Cancel');
            }
            while (!settled) {
              notifications().forEach((entry) => entry.settled || entry.cancel());
              await new Promise((resolve) => setTimeout(resolve, 50));
            }
          }
          observation = await running;
        } catch (error) {
          problems.push(`failed: ${error instanceof Error ? error.message : String(error)}`);
        } finally {
          recording.restore();
          await undo();
        }
        const lag = watch.stop();
        worstLag = Math.max(worstLag, lag);
        // A second without an answer is a frozen window; less may be a garbage collection on a busy machine.
        if (lag > 1000) {
          problems.push(`the extension host was blocked for ${lag} ms`);
        }
        const roundTrip = await workbenchRoundTripMs();
        if (roundTrip > 2000) {
          problems.push(`a round trip to the workbench took ${roundTrip} ms`);
        }
        if (observation) {
          const { message, ways, kept } = observation;
          if (!message?.trim()) {
            problems.push('no message');
          } else {
            if (TECHNICAL.test(message)) {
              problems.push(`not plain: ${JSON.stringify(message)}`);
            }
            if (ways.length === 0 && !INSTRUCTION.test(message)) {
              problems.push(`no way forward: ${JSON.stringify(message)}`);
            }
          }
          if (kept === false) {
            problems.push('what was typed is lost');
          }
        }
        results.push({ fault: fault.name, operation: operation.name, observation, problems, ms: Math.round(performance.now() - started) });
      }
      // Its own message: no other fault gives the same one for the same operation (checked as the rows arrive).
      for (const result of results.filter((entry) => entry.fault === fault.name)) {
        const message = result.observation?.message;
        const twin = results.find((other) => other.operation === result.operation && other.fault !== fault.name && other.observation?.message === message && message !== undefined);
        if (twin) {
          result.problems.push(`the same message as "${twin.fault}": ${JSON.stringify(message)}`);
        }
      }
      const failed = results.filter((entry) => entry.fault === fault.name && entry.problems.length > 0);
      assert.equal(failed.length, 0, failed.map((entry) => `${entry.operation}: ${entry.problems.join('; ')}${entry.observation ? ` (message: ${JSON.stringify(entry.observation.message)}; ways: ${entry.observation.ways.join(', ') || 'none'})` : ''}`).join('\n'));
    });
  }
});
