// Loaded by the extension host in place of the real test module when a run scans the logs: runs the real
// module (KANTATA_HARNESS_TESTS_MODULE), then keeps the extension host alive for KANTATA_HARNESS_SETTLE_MS.
// VS Code logs an unhandled rejection 1 s after it happens, and the workbench ends the extension host as
// soon as run() settles, so without this wait a rejection from the suite's last second is never logged.
export async function run(): Promise<void> {
  const target = process.env.KANTATA_HARNESS_TESTS_MODULE;
  if (!target) {
    throw new Error('KANTATA_HARNESS_TESTS_MODULE is not set');
  }
  const settleMs = Number(process.env.KANTATA_HARNESS_SETTLE_MS ?? '1500');
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- the module is only known at run time
  const tests = require(target) as { run(): Promise<void> };
  try {
    await tests.run();
  } finally {
    await new Promise((resolve) => setTimeout(resolve, settleMs));
  }
}
