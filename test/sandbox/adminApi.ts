import type { IncomingMessage, ServerResponse } from 'node:http';
import { readBody } from './body';
import type { FaultSpec } from './faults';
import type { Sandbox } from './server';

/**
 * The sandbox's control routes for other processes (outside /api/v1, no auth):
 *   GET  /__sandbox/info        origin, baseUrl, tokens and user ids
 *   POST /__sandbox/faults      a FaultSpec as JSON; `path` as a string or `"pathRegex": "^/users/\\d+$"`;
 *                               `times` a number or "Infinity"
 *   GET  /__sandbox/requests    the request log (JSON array); DELETE clears it
 *   GET  /__sandbox/stats       {"requests": n, "maxConcurrent": n}
 *   POST /__sandbox/reset       faults, log, latency and data back to the start
 *   POST /__sandbox/latency     {"ms": 250}: latency added to every API request
 */
export async function handleAdminRequest(sandbox: Sandbox, request: IncomingMessage, response: ServerResponse, path: string): Promise<void> {
  const send = (status: number, body?: unknown) => {
    if (body === undefined) {
      response.writeHead(status).end();
    } else {
      response.writeHead(status, { 'content-type': 'application/json; charset=utf-8' }).end(JSON.stringify(body, null, 2));
    }
  };
  const raw = await readBody(request, 64 * 1024);
  let json: unknown;
  try {
    json = raw.bytes.length > 0 ? JSON.parse(raw.bytes.toString('utf8')) : undefined;
  } catch {
    send(400, { error: 'the body is not valid JSON' });
    return;
  }
  const route = `${request.method ?? 'GET'} ${path.replace(/\/+$/, '')}`;
  try {
    switch (route) {
      case 'GET /__sandbox/info':
        send(200, { origin: sandbox.origin, baseUrl: sandbox.baseUrl, adminToken: sandbox.adminToken, memberToken: sandbox.memberToken, adminUserId: sandbox.adminUserId, memberUserId: sandbox.memberUserId });
        return;
      case 'POST /__sandbox/faults':
        sandbox.injectFault(faultFromJson(json));
        send(201, { ok: true });
        return;
      case 'GET /__sandbox/requests':
        send(200, sandbox.requests);
        return;
      case 'DELETE /__sandbox/requests':
        sandbox.clearRequests();
        send(204);
        return;
      case 'GET /__sandbox/stats':
        send(200, { requests: sandbox.requests.length, maxConcurrent: sandbox.maxConcurrent(), held: sandbox.heldCount });
        return;
      case 'POST /__sandbox/release':
        sandbox.releaseHeld();
        send(204);
        return;
      case 'POST /__sandbox/reset':
        sandbox.reset();
        send(204);
        return;
      case 'POST /__sandbox/latency': {
        const ms = (json as { ms?: unknown } | undefined)?.ms;
        if (typeof ms !== 'number' || !(ms >= 0)) {
          send(400, { error: 'expected {"ms": <number >= 0>}' });
          return;
        }
        sandbox.setLatency(ms);
        send(204);
        return;
      }
      default:
        send(404, { error: `no sandbox route ${route}` });
    }
  } catch (error) {
    send(400, { error: error instanceof Error ? error.message : String(error) });
  }
}

/** A FaultSpec from JSON, where a RegExp and Infinity cannot be written directly. */
export function faultFromJson(json: unknown): FaultSpec {
  if (typeof json !== 'object' || json === null) {
    throw new Error('expected a FaultSpec object');
  }
  const { pathRegex, times, ...rest } = json as Record<string, unknown> & { pathRegex?: unknown; times?: unknown };
  const spec = { ...rest } as unknown as FaultSpec;
  if (typeof pathRegex === 'string') {
    spec.path = new RegExp(pathRegex);
  }
  if (times === 'Infinity' || times === null) {
    spec.times = Infinity;
  } else if (times !== undefined) {
    spec.times = Number(times);
  }
  return spec;
}
