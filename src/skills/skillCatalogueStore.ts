/**
 * The skill catalogue of each account, loaded on first use and kept for the session: Find by Skill asks for it
 * every time it opens, and only the first time (or Reload skills) costs a listing. Pure (no `vscode`): the
 * extension clears it when the account changes.
 */
import type { KantataClient, ListProgress } from '../kantata/client';
import { cancelledError } from '../kantata/errors';
import { loadSkillCatalogue, type SkillEntry, type SkillScope } from './skillCatalogue';

export interface SkillCatalogueAccount {
  readonly accountId: string;
  readonly client: KantataClient;
}

export interface CatalogueRequest {
  readonly scope: SkillScope;
  /** Gives up waiting; the load itself stops only when nobody is waiting for it any more. */
  readonly signal?: AbortSignal;
  readonly onProgress?: (progress: ListProgress) => void;
  /** Load again even when a catalogue is kept (Reload skills). */
  readonly fresh?: boolean;
}

interface Pending {
  readonly promise: Promise<SkillEntry[]>;
  readonly controller: AbortController;
  readonly progressListeners: Set<(progress: ListProgress) => void>;
  waiting: number;
}

export class SkillCatalogueStore {
  private readonly loaded = new Map<string, readonly SkillEntry[]>();
  private readonly pending = new Map<string, Pending>();

  /** The kept catalogue of the account in this scope, if any (no request). */
  peek(accountId: string, scope: SkillScope): readonly SkillEntry[] | undefined {
    return this.loaded.get(keyOf(accountId, scope));
  }

  /** The catalogue: the kept one, or one load shared by everyone who asks while it runs. */
  async get(account: SkillCatalogueAccount, request: CatalogueRequest): Promise<readonly SkillEntry[]> {
    const key = keyOf(account.accountId, request.scope);
    if (request.signal?.aborted) {
      throw cancelledError();
    }
    if (request.fresh) {
      this.loaded.delete(key);
    }
    const kept = this.loaded.get(key);
    if (kept) {
      return kept;
    }
    const pending = this.pending.get(key) ?? this.start(key, account, request.scope);
    return this.wait(pending, request);
  }

  /** Forgets every catalogue and stops the loads (the account changed). */
  clear(): void {
    this.loaded.clear();
    this.pending.forEach((pending) => pending.controller.abort());
    this.pending.clear();
  }

  private start(key: string, account: SkillCatalogueAccount, scope: SkillScope): Pending {
    const controller = new AbortController();
    const progressListeners = new Set<(progress: ListProgress) => void>();
    const promise = loadSkillCatalogue(account.client, scope, {
      signal: controller.signal,
      onProgress: (progress) => progressListeners.forEach((listener) => listener(progress)),
    });
    const pending: Pending = { promise, controller, progressListeners, waiting: 0 };
    this.pending.set(key, pending);
    promise.then(
      (catalogue) => {
        if (this.pending.get(key) === pending) {
          this.pending.delete(key);
          this.loaded.set(key, catalogue);
        }
      },
      () => {
        if (this.pending.get(key) === pending) {
          this.pending.delete(key);
        }
      },
    );
    return pending;
  }

  private forget(pending: Pending): void {
    for (const [key, candidate] of this.pending) {
      if (candidate === pending) {
        this.pending.delete(key);
      }
    }
  }

  private async wait(pending: Pending, request: CatalogueRequest): Promise<readonly SkillEntry[]> {
    pending.waiting++;
    if (request.onProgress) {
      pending.progressListeners.add(request.onProgress);
    }
    let giveUp: (() => void) | undefined;
    const abandoned = new Promise<never>((_, reject) => {
      giveUp = () => reject(cancelledError());
      request.signal?.addEventListener('abort', giveUp, { once: true });
    });
    try {
      return await Promise.race([pending.promise, abandoned]);
    } finally {
      request.signal?.removeEventListener('abort', giveUp as () => void);
      if (request.onProgress) {
        pending.progressListeners.delete(request.onProgress);
      }
      if (--pending.waiting === 0 && request.signal?.aborted) {
        // Nobody wants it any more: stop its requests, and let the next ask start afresh.
        pending.controller.abort();
        this.forget(pending);
      }
    }
  }
}

function keyOf(accountId: string, scope: SkillScope): string {
  return `${accountId}\u0000${scope.onMyAccount === true}\u0000${scope.showDisabled === true}`;
}
