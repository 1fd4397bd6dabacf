import * as assert from 'node:assert/strict';
import type * as vscode from 'vscode';
import { accountId, accountLabel, AccountStore, StoredAccount, SecretStorageError } from '../../src/accounts/accountStore';

/** VS Code's global state and secret storage, in memory: what the store writes is what it reads back. */
function fakes(): { state: vscode.Memento & { values: Map<string, unknown> }; secrets: vscode.SecretStorage & { values: Map<string, string>; failing: boolean } } {
  const values = new Map<string, unknown>();
  const state = {
    values,
    keys: () => [...values.keys()],
    get: <T>(key: string, fallback?: T) => (values.has(key) ? (values.get(key) as T) : fallback),
    update: async (key: string, value: unknown) => void (value === undefined ? values.delete(key) : values.set(key, JSON.parse(JSON.stringify(value)))),
  } as vscode.Memento & { values: Map<string, unknown> };
  const secretValues = new Map<string, string>();
  const secrets = {
    values: secretValues,
    failing: false,
    get: async (key: string) => {
      check();
      return secretValues.get(key);
    },
    store: async (key: string, value: string) => {
      check();
      secretValues.set(key, value);
    },
    delete: async (key: string) => void secretValues.delete(key),
    onDidChange: () => ({ dispose: () => undefined }),
  };
  function check(): void {
    if (secrets.failing) {
      throw new Error('keyring locked');
    }
  }
  return { state, secrets: secrets as unknown as vscode.SecretStorage & { values: Map<string, string>; failing: boolean } };
}

const server = 'https://api.mavenlink.com/api/v1';
const other = 'https://kantata.example.com/api/v1';
const account = (baseUrl: string, userId: string, userName: string): StoredAccount => ({ id: accountId(baseUrl, userId), baseUrl, userId, userName });

describe('the account store: accounts in global state, tokens only in secret storage', () => {
  it('lists saved accounts, keeps each token under its own account, and replaces a person\'s token when they sign in again', async () => {
    const { state, secrets } = fakes();
    const store = new AccountStore(secrets, state);
    const alex = account(server, '1', 'Alex');
    const sam = account(server, '2', 'Sam');
    await store.save(alex, 'token-a');
    await store.save(sam, 'token-s');
    await store.save(alex, 'token-a2');
    assert.deepEqual(store.list().map((known) => known.userId), ['2', '1']);
    assert.equal(await store.token(alex), 'token-a2');
    assert.equal(await store.token(sam), 'token-s');
    assert.ok(!JSON.stringify([...state.values]).includes('token-'), 'a token reached the global state');
  });

  it('the active account of a server: the chosen one, else the first of that server, none after a sign-out', async () => {
    const { state, secrets } = fakes();
    const store = new AccountStore(secrets, state);
    const alex = account(server, '1', 'Alex');
    const sam = account(server, '2', 'Sam');
    const elsewhere = account(other, '1', 'Alex');
    for (const known of [alex, sam, elsewhere]) {
      await store.save(known, 't');
    }
    assert.equal(store.activeFor(server)?.id, alex.id);
    await store.setActive(server, sam);
    assert.equal(store.activeFor(server)?.id, sam.id);
    assert.equal(store.activeFor(other)?.id, elsewhere.id, 'another server\'s choice');
    await store.setActive(server, undefined);
    assert.equal(store.activeFor(server), undefined, 'signed out, yet another account was used');
    await store.setActive(server, sam);
    await store.remove(sam);
    assert.equal(await store.token(sam), undefined);
    assert.equal(store.activeFor(server)?.id, alex.id, 'removing the chosen account falls back to the next one');
    assert.equal(store.activeFor('https://nowhere.example.com/api/v1'), undefined);
  });

  it('ignores what is not an account in the global state (a hand-edited or older state)', () => {
    const { state, secrets } = fakes();
    state.values.set('kantata.accounts', [null, 'x', { id: 'forged', baseUrl: server, userId: '1', userName: 'A' }, account(server, '3', 'Kim')]);
    state.values.set('kantata.activeAccounts', 'nonsense');
    const store = new AccountStore(secrets, state);
    assert.deepEqual(store.list().map((known) => known.userId), ['3']);
    assert.equal(store.activeFor(server)?.userId, '3');
  });

  it('a keyring failure is a SecretStorageError, and an account is listed only once its token is stored', async () => {
    const { state, secrets } = fakes();
    const store = new AccountStore(secrets, state);
    secrets.failing = true;
    await assert.rejects(store.save(account(server, '1', 'Alex'), 't'), SecretStorageError);
    assert.deepEqual(store.list(), []);
    await assert.rejects(store.token(account(server, '1', 'Alex')), SecretStorageError);
  });

  it('labels an account with the name and the server\'s host', () => {
    assert.equal(accountLabel({ baseUrl: 'https://api.mavenlink.com/api/v1', userName: 'Alex Rivera' }), 'Alex Rivera (api.mavenlink.com)');
    assert.equal(accountLabel({ baseUrl: 'http://127.0.0.1:8080/api/v1', userName: 'Sam' }), 'Sam (127.0.0.1:8080)');
  });
});
