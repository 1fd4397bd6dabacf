// Last-resort clean-up: synchronous callbacks run when this Node process exits, or gets SIGINT/SIGTERM,
// before the resource was released normally (Ctrl+C, a crash, test-electron forwarding Ctrl+C to its
// "VS Code"). Without it a detached code-server process group and the temp folders would outlive the run.
const callbacks = new Set<() => void>();
let installed = false;

function runAll(): void {
  for (const callback of [...callbacks]) {
    try {
      callback();
    } catch {
      // best effort: carry on with the others
    }
  }
  callbacks.clear();
}

/** Registers a synchronous clean-up; call the returned function once the resource was released normally. */
export function onAbort(callback: () => void): () => void {
  if (!installed) {
    installed = true;
    process.on('exit', runAll);
    for (const [signal, code] of [['SIGINT', 130], ['SIGTERM', 143]] as const) {
      process.once(signal, () => {
        runAll();
        process.exit(code); // as the signal would have; Playwright's own 'exit' handler kills the browser
      });
    }
  }
  callbacks.add(callback);
  return () => {
    callbacks.delete(callback);
  };
}
