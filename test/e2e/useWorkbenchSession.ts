// Mocha hooks for a scenario file: one workbench session for the whole file (the scenarios in a file build
// on each other, like a user would), a full-page screenshot of every failing test, and a failure when the
// extension host logs show an unhandled error of the extension.
import { formatLogProblems } from '../harness/scanLogs';
import { startWorkbenchSession, type SessionOptions, type WorkbenchSession } from './session';
import type { Workbench } from './workbench';

export interface SessionHandle {
  readonly session: WorkbenchSession;
  readonly workbench: Workbench;
}

/** Call inside a describe(): registers before/afterEach/after; read the handle's fields inside the tests. */
export function useWorkbenchSession(options: SessionOptions = {}): SessionHandle {
  let session: WorkbenchSession | undefined;
  let workbench: Workbench | undefined;
  const handle: SessionHandle = {
    get session() {
      if (!session) {
        throw new Error('the workbench session did not start (see the "before all" hook)');
      }
      return session;
    },
    get workbench() {
      if (!workbench) {
        throw new Error('the workbench did not open (see the "before all" hook)');
      }
      return workbench;
    },
  };

  before(async function () {
    this.timeout(120_000); // code-server start, VSIX install, Chromium, a cold workbench
    session = await startWorkbenchSession(options);
    workbench = await session.openWorkbench();
  });

  afterEach(async function () {
    if (this.currentTest?.state === 'failed' && workbench) {
      const file = await workbench.failureScreenshot(this.currentTest.fullTitle());
      if (file) {
        console.log(`      failure screenshot: ${file}`);
      }
    }
  });

  after(async function () {
    this.timeout(60_000);
    const problems = (await session?.stop()) ?? [];
    if (problems.length > 0) {
      throw new Error(`unhandled errors of the extension in the extension host logs:\n${formatLogProblems(problems)}`);
    }
  });

  return handle;
}
