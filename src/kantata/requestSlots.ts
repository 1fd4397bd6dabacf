import { cancelledError } from './errors';
import { sleep } from './retryPolicy';

/**
 * At most `size` requests in flight. A slot is held from sending a request to the last byte of its answer,
 * not while the answer is parsed and decoded: the next page of a listing goes out first, and its round trip
 * covers the decoding of the one before (a few ms per 200 users, once per page).
 */
export class RequestSlots {
  private free: number;
  private readonly waiting: (() => void)[] = [];
  /** `Date.now()` before which no new request goes out: the server said 429 to one of them. */
  private pausedUntil = 0;

  constructor(size: number) {
    this.free = Math.max(1, size);
  }

  /**
   * Holds back every request not yet sent for `ms` (a 429's `Retry-After`, or the back-off chosen): the server
   * throttles the account, not the one request, so the others wait too instead of earning 429s of their own.
   */
  pause(ms: number): void {
    this.pausedUntil = Math.max(this.pausedUntil, Date.now() + ms);
  }

  /**
   * Waits for a slot, first come first served, and then for any pause to end; rejects as cancelled if
   * `signal` aborts first (a slot already taken is given back).
   */
  async acquire(signal?: AbortSignal): Promise<void> {
    await this.takeSlot(signal);
    try {
      for (let wait = this.pausedUntil - Date.now(); wait > 0; wait = this.pausedUntil - Date.now()) {
        await sleep(wait, signal);
      }
    } catch (error) {
      this.release();
      throw error;
    }
  }

  private takeSlot(signal?: AbortSignal): Promise<void> {
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
