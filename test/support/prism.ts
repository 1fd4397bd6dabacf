import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import * as net from 'node:net';
import * as path from 'node:path';
import { repoRoot } from './openapiDocuments';

/** scripts/ensurePrism.js: installs Prism into .cache/prism/ once, and returns its CLI entry point. */
export function ensurePrism(): string {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const installer = require(path.join(repoRoot(), 'scripts', 'ensurePrism.js')) as { ensurePrism(): string };
  return installer.ensurePrism();
}

export interface PrismMock {
  readonly origin: string;
  stop(): Promise<void>;
}

/** A free loopback port (there is a small window in which another process could take it). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** Starts `prism mock` on one OpenAPI file (paths served at the root) and waits until it listens. */
export async function startPrism(entryPoint: string, openApiFile: string, timeoutMs = 60_000): Promise<PrismMock> {
  const port = await freePort();
  // Its own process group, so that stop() ends Prism and anything it started, and nothing else.
  const child = spawn(process.execPath, [entryPoint, 'mock', '-h', '127.0.0.1', '-p', String(port), openApiFile], {
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let output = '';
  const collect = (chunk: Buffer) => {
    output = (output + chunk.toString('utf8')).slice(-20_000);
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);
  const origin = `http://127.0.0.1:${port}`;
  const mock: PrismMock = { origin, stop: () => stopProcess(child) };
  const deadline = Date.now() + timeoutMs;
  while (!/Prism is listening/.test(output)) {
    if (child.exitCode !== null || Date.now() > deadline) {
      await mock.stop();
      throw new Error(`prism mock did not start (exit ${String(child.exitCode)}):\n${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return mock;
}

function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) {
    return Promise.resolve();
  }
  const pid = child.pid;
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      try {
        process.kill(-pid, 'SIGKILL');
      } catch {
        // already gone
      }
    }, 3000);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    try {
      process.kill(-pid, 'SIGTERM');
    } catch {
      clearTimeout(timer);
      resolve();
    }
  });
}
