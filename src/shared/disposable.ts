import * as vscode from 'vscode';

/**
 * Owns what it registers and disposes it, last registered first. Subclasses call `register()` for every
 * emitter, listener and UI object they create, so nothing outlives them.
 */
export class DisposableStore implements vscode.Disposable {
  private readonly owned: vscode.Disposable[] = [];
  private disposed = false;

  register<T extends vscode.Disposable>(disposable: T): T {
    if (this.disposed) {
      disposable.dispose();
    } else {
      this.owned.push(disposable);
    }
    return disposable;
  }

  get isDisposed(): boolean {
    return this.disposed;
  }

  dispose(): void {
    if (this.disposed) {
      return;
    }
    this.disposed = true;
    for (const disposable of this.owned.splice(0).reverse()) {
      disposable.dispose();
    }
  }
}

/** An AbortSignal that aborts when `token` is cancelled (a progress notification's Cancel), for the client. */
export function abortSignalOf(token: vscode.CancellationToken): AbortSignal {
  const controller = new AbortController();
  if (token.isCancellationRequested) {
    controller.abort();
  } else {
    const listener = token.onCancellationRequested(() => {
      listener.dispose();
      controller.abort();
    });
  }
  return controller.signal;
}
