#!/usr/bin/env node
// `npm run demo`: the extension in a real VS Code (code-server) against the sandbox, no Kantata account
// needed. Prepares the machine (scripts/setup.js), packages the .vsix, starts the sandbox and code-server
// with the extension installed and `kantata.baseUrl` pointing at the sandbox, and prints the address to
// open and the tokens to sign in with. Ctrl+C stops everything it started (the harness's clean-up).
// `npm run demo -- --check`: the same, headless: opens the workbench in Chromium, checks that the Kantata
// activity-bar item shows, that its container shows the welcome content and that the extension activated
// without an unhandled error; exits 0 or 1.
const path = require('node:path');
const { root, setup, compileIfNeeded, packageVsix } = require('./buildSteps');

const check = process.argv.includes('--check');
const CHECK_LIMIT_MS = 180_000; // after the build: code-server, Chromium, a cold workbench, activation

let workbench; // for a failure screenshot

async function runCheck(session) {
  workbench = await session.openWorkbench();
  console.log('demo check: the workbench loaded and shows the Kantata activity-bar item');
  await workbench.openKantata();
  const welcome = workbench.welcomeContent().filter({ hasText: 'Sign in to Kantata OX' });
  await welcome.waitFor({ timeout: 15_000 });
  console.log('demo check: the Kantata container shows the sign-in welcome content');
  await session.waitForActivation();
  console.log('demo check: the extension is active');
  const shot = await workbench.screenshot('demo-check', workbench.page.locator('.monaco-workbench'));
  console.log(`demo check: screenshot ${path.relative(root, shot)}`);
}

async function main() {
  setup();
  compileIfNeeded();
  const vsix = packageVsix();
  const { startWorkbenchSession } = require(path.join(root, 'out', 'test', 'e2e', 'session.js'));
  const { formatLogProblems } = require(path.join(root, 'out', 'test', 'harness', 'scanLogs.js'));

  if (check) {
    setTimeout(() => {
      console.error(`demo check: FAILED: not done within ${CHECK_LIMIT_MS} ms`);
      process.exit(1); // the harness's exit handlers kill code-server and Chromium
    }, CHECK_LIMIT_MS).unref();
  } else {
    // Runs before the harness's own SIGINT handler, which then kills code-server and exits.
    process.once('SIGINT', () => console.log('\nStopping the sandbox and code-server.'));
  }

  const session = await startWorkbenchSession({ vsix });
  const { sandbox } = session;
  if (!check) {
    console.log(
      [
        '',
        'Kantata Teammates demo: VS Code 1.100 (code-server) with the extension, against the Kantata sandbox.',
        '',
        `  Open in a browser on this machine:  ${session.url}`,
        '',
        '  Then click the Kantata icon in the activity bar and "Sign In" (or run "Kantata: Sign In"),',
        '  and paste a token:',
        `    administrator (Alex Rivera):      ${sandbox.adminToken}`,
        `    member (Sam Taylor, sees only project-mates):  ${sandbox.memberToken}`,
        '',
        `  Sandbox API: ${sandbox.baseUrl}   (steer it: ${sandbox.origin}/__sandbox/info)`,
        '',
        'Press Ctrl+C to stop.',
      ].join('\n'),
    );
    await new Promise(() => undefined); // serve until Ctrl+C
  }

  let failure;
  try {
    await runCheck(session);
  } catch (error) {
    failure = error;
    const shot = await workbench?.failureScreenshot('demo-check');
    if (shot) {
      console.error(`demo check: screenshot of the failure: ${path.relative(root, shot)}`);
    }
  }
  const problems = await session.stop();
  if (problems.length > 0) {
    console.error(`demo check: unhandled errors of the extension in the extension host logs:\n${formatLogProblems(problems)}`);
  }
  if (failure || problems.length > 0) {
    console.error(`demo check: FAILED${failure ? `: ${failure instanceof Error ? failure.message : String(failure)}` : ''}`);
    process.exit(1);
  }
  console.log('demo check: passed');
  process.exit(0);
}

main().catch((error) => {
  console.error(`demo: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
