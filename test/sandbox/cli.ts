/**
 * Runs the Kantata sandbox as a process, for demos, benchmarks and the extension under manual test.
 *
 *   node out/test/sandbox/cli.js [--port N] [--users N] [--empty] [--hostile] [--latency MS] [--seed N]
 *
 * --hostile adds one user per hostile string of hostileStrings.ts (script tags, command links, …).
 * Prints the base URL and both tokens, then serves until SIGINT/SIGTERM. Other processes steer it through
 * the control routes (no auth; see adminApi.ts):
 *   GET  /__sandbox/info                     tokens, user ids, URLs
 *   POST /__sandbox/faults                   {"kind":"status","status":503,"path":"/users","times":2}
 *                                            ("pathRegex":"^/users/\\d+$" for a pattern, "times":"Infinity")
 *   GET  /__sandbox/requests                 the request log; DELETE /__sandbox/requests clears it
 *   GET  /__sandbox/stats                    {"requests": n, "maxConcurrent": n}
 *   POST /__sandbox/reset                    faults, log, latency and data back to the start
 *   POST /__sandbox/latency                  {"ms": 250}
 */
import { startSandbox } from './server';
import type { SandboxOptions } from './server';

function parseArguments(argv: readonly string[]): SandboxOptions {
  const options: SandboxOptions = {};
  const number = (flag: string, value: string | undefined): number => {
    const parsed = Number(value);
    if (value === undefined || !Number.isFinite(parsed) || parsed < 0) {
      throw new Error(`${flag} needs a non-negative number`);
    }
    return parsed;
  };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    switch (flag) {
      case '--port':
        options.port = number(flag, argv[++i]);
        break;
      case '--users':
        options.visibleUsers = number(flag, argv[++i]);
        break;
      case '--latency':
        options.latencyMs = number(flag, argv[++i]);
        break;
      case '--seed':
        options.seed = number(flag, argv[++i]);
        break;
      case '--empty':
        options.emptyAccount = true;
        break;
      case '--hostile':
        options.hostile = true;
        break;
      case '--help':
      case '-h':
        console.log('usage: node out/test/sandbox/cli.js [--port N] [--users N] [--empty] [--hostile] [--latency MS] [--seed N]');
        process.exit(0);
        break;
      default:
        throw new Error(`unknown argument ${String(flag)} (try --help)`);
    }
  }
  return options;
}

async function main(): Promise<void> {
  const options = parseArguments(process.argv.slice(2));
  const sandbox = await startSandbox(options);
  console.log(
    [
      'Kantata sandbox is running.',
      `  Base URL:      ${sandbox.baseUrl}`,
      `  Admin token:   ${sandbox.adminToken}   (user ${sandbox.adminUserId}, account administrator)`,
      `  Member token:  ${sandbox.memberToken}   (user ${sandbox.memberUserId}, collaborator)`,
      `  Control API:   ${sandbox.origin}/__sandbox/info`,
      'Press Ctrl+C to stop.',
    ].join('\n'),
  );
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) {
      return;
    }
    stopping = true;
    console.log(`\n${signal}: stopping the sandbox.`);
    sandbox.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
});
