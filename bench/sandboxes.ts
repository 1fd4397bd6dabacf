// Sandboxes as processes of their own (node out/test/sandbox/cli.js), one per account size: the extension
// host then shares neither its event loop nor its heap with the server it measures against. Steered through
// the sandbox's control routes (/__sandbox/latency, /__sandbox/requests).
import { spawn, type ChildProcess } from 'node:child_process';
import * as path from 'node:path';
import { onAbort } from '../test/harness/cleanup';

export interface SandboxProcess {
  /** Visible users: what the administrator's default GET /users returns. */
  readonly users: number;
  readonly origin: string;
  readonly baseUrl: string;
  readonly adminToken: string;
  stop(): void;
}

export async function startSandboxProcess(users: number, timeoutMs = 60_000): Promise<SandboxProcess> {
  const cli = path.join(__dirname, '..', 'test', 'sandbox', 'cli.js');
  const child: ChildProcess = spawn(process.execPath, [cli, '--users', String(users)], { stdio: ['ignore', 'pipe', 'pipe'] });
  const released = onAbort(() => child.kill('SIGKILL'));
  let output = '';
  const ready = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the sandbox with ${users} users did not start within ${timeoutMs} ms:\n${output}`)), timeoutMs);
    const onData = (chunk: Buffer) => {
      output += chunk.toString('utf8');
      if (output.includes('Press Ctrl+C')) {
        clearTimeout(timer);
        resolve(output);
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the sandbox with ${users} users exited (${code}):\n${output}`));
    });
  }).catch((error: unknown) => {
    child.kill('SIGKILL');
    released();
    throw error;
  });
  child.stdout?.resume();
  child.stderr?.resume();
  const baseUrl = /Base URL:\s+(\S+)/.exec(ready)?.[1];
  const adminToken = /Admin token:\s+(\S+)/.exec(ready)?.[1];
  if (!baseUrl || !adminToken) {
    child.kill('SIGKILL');
    released();
    throw new Error(`unexpected sandbox output:\n${ready}`);
  }
  return {
    users,
    origin: new URL(baseUrl).origin,
    baseUrl,
    adminToken,
    stop() {
      child.kill('SIGTERM');
      released();
    },
  };
}
