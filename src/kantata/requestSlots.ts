import { cancelledError } from './errors';

/**
 * At most `size` requests in flight. A slot is held from sending a request to the last byte of its answer,
 * not while the answer is parsed and decoded: the next page of a listing goes out first, and its round trip
 * covers the decoding of the one before (a few ms per 200 users, once per page).
 */
export class RequestSlots {
  private free: number;
  private readonly waiting: (() => void)[] = [];

  constructor(size: number) {
    this.free = Math.max(1, size);
  }

  /** Waits for a slot, first come first served; rejects as cancelled if `signal` aborts first. */
  acquire(signal?: AbortSignal): Promise<void> {
    if (signal?.aborted) {
      return Promise.reject(cancelledError());
    }
    if (this.free > 0) {
      this.free--;
      return Promise.resolve();
    }
    return new Promise<void>((resolve, reject) => {
      const granted = () => {
        signal?.removeEventListener('abort', aborted);
        resolve();
      };
      const aborted = () => {
        const index = this.waiting.indexOf(granted);
        if (index >= 0) {
          this.waiting.splice(index, 1);
        }
        reject(cancelledError());
      };
      signal?.addEventListener('abort', aborted, { once: true });
      this.waiting.push(granted);
    });
  }

  /** Hands the slot to the longest waiting request, or frees it. */
  release(): void {
    const next = this.waiting.shift();
    if (next) {
      next();
    } else {
      this.free++;
    }
  }
}

/** Lets callbacks already due run (a request just handed a slot goes out) before more work is done here. */
export function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
