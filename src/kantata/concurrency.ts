/**
 * Runs `worker` over `items` with at most `limit` running at once. The first failure aborts the shared
 * signal (so the others stop early) and is the one reported.
 */
export async function forEachWithConcurrency<T>(
  items: readonly T[],
  limit: number,
  worker: (item: T, signal: AbortSignal) => Promise<void>,
  signal?: AbortSignal,
): Promise<void> {
  const controller = new AbortController();
  const forwardAbort = () => controller.abort(signal?.reason);
  if (signal?.aborted) {
    forwardAbort();
  } else {
    signal?.addEventListener('abort', forwardAbort, { once: true });
  }
  let next = 0;
  let firstError: { error: unknown } | undefined;
  const lane = async () => {
    while (!firstError && next < items.length) {
      const item = items[next++] as T;
      try {
        await worker(item, controller.signal);
      } catch (error) {
        firstError ??= { error };
        controller.abort();
      }
    }
  };
  try {
    await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, lane));
  } finally {
    signal?.removeEventListener('abort', forwardAbort);
  }
  if (firstError) {
    throw firstError.error;
  }
}
