import * as vscode from 'vscode';

/**
 * Records what the extension hands to VS Code's window API (notifications, quick picks, input boxes,
 * progress, status-bar messages) and answers for the user, by swapping the functions of `vscode.window`.
 * The extension and the tests share one API object in the extension host (one per extension, and the tests
 * live in the extension's folder), so the extension's own calls come here. `restore()` puts the real ones back.
 *
 * This sees the exact strings VS Code would render, which the extension-host tests cannot read from the DOM.
 */

export type Severity = 'info' | 'warning' | 'error';

export interface RecordedMessage {
  readonly severity: Severity;
  readonly message: string;
  readonly modal: boolean;
  readonly detail?: string;
  /** The action buttons' titles. */
  readonly actions: readonly string[];
}

export interface RecordedProgress {
  readonly options: vscode.ProgressOptions;
  /** Presses Cancel, as on a cancellable progress notification. */
  cancel(): void;
  settled: boolean;
}

export interface RecordedQuickPick {
  readonly items: readonly vscode.QuickPickItem[];
  readonly options?: vscode.QuickPickOptions;
}

export interface WindowScript {
  /** The action chosen in a notification or dialog; undefined dismisses it. Default: dismiss. */
  answer?(message: RecordedMessage): string | undefined;
  /** The items picked in showQuickPick; default: none (cancelled). */
  pick?(picked: RecordedQuickPick): readonly vscode.QuickPickItem[] | vscode.QuickPickItem | undefined;
  /** The value typed into showInputBox; default: cancelled. */
  input?(options: vscode.InputBoxOptions): string | undefined;
}

export interface WindowRecording {
  readonly messages: RecordedMessage[];
  readonly progress: RecordedProgress[];
  readonly quickPicks: RecordedQuickPick[];
  readonly inputBoxes: vscode.InputBoxOptions[];
  /** Pickers made with createQuickPick, live: their items are what the extension set. */
  readonly createdQuickPicks: vscode.QuickPick<vscode.QuickPickItem>[];
  readonly statusBarMessages: string[];
  /** Also records the validation messages the extension shows for what is typed. */
  readonly validationMessages: string[];
  restore(): void;
}

type Window = typeof vscode.window;
type Mutable<T> = { -readonly [K in keyof T]: T[K] };

function titleOf(item: unknown): string {
  return typeof item === 'string' ? item : String((item as { title?: unknown })?.title ?? '');
}

export function recordWindow(script: WindowScript = {}): WindowRecording {
  const window = vscode.window as Mutable<Window>;
  const originals = {
    showInformationMessage: window.showInformationMessage,
    showWarningMessage: window.showWarningMessage,
    showErrorMessage: window.showErrorMessage,
    withProgress: window.withProgress,
    showQuickPick: window.showQuickPick,
    showInputBox: window.showInputBox,
    createQuickPick: window.createQuickPick,
    setStatusBarMessage: window.setStatusBarMessage,
  };
  const recording: WindowRecording = {
    messages: [],
    progress: [],
    quickPicks: [],
    inputBoxes: [],
    createdQuickPicks: [],
    statusBarMessages: [],
    validationMessages: [],
    restore: () => Object.assign(window, originals),
  };

  const message = (severity: Severity) =>
    async (text: string, ...rest: unknown[]): Promise<unknown> => {
      const first = rest[0];
      const options = typeof first === 'object' && first !== null && !('title' in first) ? (first as vscode.MessageOptions) : undefined;
      const items = options ? rest.slice(1) : rest;
      const recorded: RecordedMessage = { severity, message: text, modal: options?.modal === true, detail: options?.detail, actions: items.map(titleOf) };
      recording.messages.push(recorded);
      const answer = script.answer?.(recorded);
      return answer === undefined ? undefined : items.find((item) => titleOf(item) === answer);
    };
  window.showInformationMessage = message('info') as Window['showInformationMessage'];
  window.showWarningMessage = message('warning') as Window['showWarningMessage'];
  window.showErrorMessage = message('error') as Window['showErrorMessage'];

  window.withProgress = (<R>(options: vscode.ProgressOptions, task: (progress: vscode.Progress<{ message?: string; increment?: number }>, token: vscode.CancellationToken) => Thenable<R>) =>
    originals.withProgress(options, (progress, token) => {
      const source = new vscode.CancellationTokenSource();
      const listener = token.onCancellationRequested(() => source.cancel());
      const entry: RecordedProgress = { options, cancel: () => source.cancel(), settled: false };
      recording.progress.push(entry);
      return Promise.resolve(task(progress, source.token)).finally(() => {
        entry.settled = true;
        listener.dispose();
        source.dispose();
      });
    })) as Window['withProgress'];

  window.showQuickPick = (async (items: readonly vscode.QuickPickItem[] | Thenable<readonly vscode.QuickPickItem[]>, options?: vscode.QuickPickOptions) => {
    const picked: RecordedQuickPick = { items: await items, options };
    recording.quickPicks.push(picked);
    return script.pick?.(picked);
  }) as unknown as Window['showQuickPick'];

  window.showInputBox = (async (options: vscode.InputBoxOptions = {}) => {
    recording.inputBoxes.push(options);
    const value = script.input?.(options);
    if (value !== undefined && options.validateInput) {
      const validation = await options.validateInput(value);
      const text = typeof validation === 'string' ? validation : validation?.message;
      if (text) {
        recording.validationMessages.push(text);
      }
    }
    return value;
  }) as Window['showInputBox'];

  window.createQuickPick = (() => {
    const picker = originals.createQuickPick();
    recording.createdQuickPicks.push(picker);
    return picker;
  }) as Window['createQuickPick'];

  window.setStatusBarMessage = ((text: string, ...rest: unknown[]) => {
    recording.statusBarMessages.push(text);
    return (originals.setStatusBarMessage as (text: string, ...rest: unknown[]) => vscode.Disposable)(text, ...rest);
  }) as Window['setStatusBarMessage'];

  return recording;
}
