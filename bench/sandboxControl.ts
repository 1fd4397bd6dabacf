// The sandbox's control routes (/__sandbox/…: latency, request log, faults), asked over HTTP by the benchmarks,
// whether they run in this process or in an extension host.

/** Calls `route` of the sandbox at `origin`; its JSON answer, or undefined for an empty one. */
export async function sandboxControl(sandbox: { readonly origin: string }, method: string, route: string, body?: unknown): Promise<unknown> {
  const response = await fetch(`${sandbox.origin}/__sandbox/${route}`, {
    method,
    ...(body === undefined ? {} : { body: JSON.stringify(body), headers: { 'content-type': 'application/json' } }),
  });
  if (!response.ok) {
    throw new Error(`${method} /__sandbox/${route}: ${response.status} ${await response.text()}`);
  }
  const text = await response.text();
  return text ? (JSON.parse(text) as unknown) : undefined;
}
