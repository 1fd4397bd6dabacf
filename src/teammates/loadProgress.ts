import * as vscode from 'vscode';

export interface LoadProgressReporter {
  report(message: string): void;
}

/** After this long a load also gets a notification, with a Cancel button. */
export const NOTIFY_AFTER_MS = 2000;

/**
 * Runs a load with a progress bar in the view, and, when it takes longer than NOTIFY_AFTER_MS, a progress
 * notification too whose Cancel aborts `controller`. Both end when the task settles.
 */
export async function withLoadProgress<T>(
  viewId: string,
  title: string,
  controller: AbortController,
  task: (progress: LoadProgressReporter) => Promise<T>,
): Promise<T> {
  let latest = '';
  let notification: vscode.Progress<{ message?: string }> | undefined;
  let endNotification: (() => void) | undefined;
  const ended = new Promise<void>((resolve) => (endNotification = resolve));
  const timer = setTimeout(() => {
    void vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title, cancellable: true },
      (progress, token) => {
        notification = progress;
        progress.report({ message: latest });
        token.onCancellationRequested(() => controller.abort());
        return ended;
      },
    );
  }, NOTIFY_AFTER_MS);
  const reporter: LoadProgressReporter = {
    report(message) {
      latest = message;
      notification?.report({ message });
    },
  };
  try {
    return await vscode.window.withProgress({ location: { viewId } }, () => task(reporter));
  } finally {
    clearTimeout(timer);
    endNotification?.();
  }
}
