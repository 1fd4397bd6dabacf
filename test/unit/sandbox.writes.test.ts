import * as assert from 'node:assert/strict';
import { NOTABLE_USER_IDS } from '../sandbox/notableUsers';
import { startSandbox } from '../sandbox/server';
import type { Sandbox } from '../sandbox/server';
import { allUsers, call, envelopeOf, errorsOf, objectsOf, singleUser } from '../support/sandboxHttp';

const ids = NOTABLE_USER_IDS;

describe('sandbox: PUT /users/{id}', () => {
  let sandbox: Sandbox;
  before(async () => {
    sandbox = await startSandbox();
  });
  after(() => sandbox.close());
  beforeEach(() => sandbox.reset());

  const put = (id: string, body: unknown, token?: string, query = '') => call(sandbox, `/users/${id}${query}`, { method: 'PUT', body, token });

  it('updates the writable fields, answers the user envelope, and keeps the change until reset()', async () => {
    const result = await put(ids.accented, { user: { full_name: 'José Müller-Schmidt', headline: 'Staff Engineer', email_address: 'jose.ms@acme-consulting.example' } });
    const updated = singleUser(result);
    assert.deepEqual(
      [updated.full_name, updated.headline, updated.email_address],
      ['José Müller-Schmidt', 'Staff Engineer', 'jose.ms@acme-consulting.example'],
    );
    assert.equal(singleUser(await call(sandbox, `/users/${ids.accented}`)).headline, 'Staff Engineer');
    assert.ok((await allUsers(sandbox, 'by_full_name=schmidt')).some((user) => user.id === ids.accented), 'searchable under the new name');
    sandbox.reset();
    assert.equal(singleUser(await call(sandbox, `/users/${ids.accented}`)).headline, 'Senior Developer');
  });

  it('keeps the list in alphabetical order after a rename', async () => {
    await put(ids.accented, { user: { full_name: 'Aaaa First' } });
    const first = (await allUsers(sandbox))[0]!;
    assert.equal(first.id, ids.accented);
  });

  it('honours include and optional_fields on the answer', async () => {
    const body = envelopeOf(await put(ids.accented, { user: { headline: 'x' } }, undefined, '?include=role&optional_fields=city'));
    const user = objectsOf(body, 'users')[ids.accented]!;
    assert.equal(user.city, 'Berlin');
    assert.ok(Object.keys(objectsOf(body, 'roles')).includes(String(user.role_id)));
  });

  it('accepts a Rails-style form body too', async () => {
    const form = new URLSearchParams({ 'user[headline]': 'Form-encoded' }).toString();
    const result = await call(sandbox, `/users/${ids.accented}`, { method: 'PUT', body: form, headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    assert.equal(singleUser(result).headline, 'Form-encoded');
  });

  it('stores an external reference and includes it', async () => {
    const reference = { service_name: 'jira', service_model: 'Issue', service_model_ref: 'KT-42', external_link: 'https://jira.example/KT-42' };
    const body = envelopeOf(await put(ids.accented, { user: { external_reference: reference } }, undefined, '?include=external_references'));
    const user = objectsOf(body, 'users')[ids.accented]!;
    const [referenceId] = user.external_reference_ids as string[];
    const stored = objectsOf<Record<string, unknown>>(body, 'external_references')[referenceId!]!;
    assert.deepEqual([stored.service_name, stored.service_model_ref, stored.subject_type, stored.subject_id], ['jira', 'KT-42', 'User', Number(ids.accented)]);
  });

  describe('errors', () => {
    it('400 without a user object, with a body that is not JSON, and with no body', async () => {
      const missing = errorsOf(await put(ids.accented, { full_name: 'No wrapper' }), 400);
      assert.deepEqual(missing, [{ type: 'system', message: 'param is missing or the value is empty: user' }]);
      errorsOf(await put(ids.accented, { user: 'not an object' }), 400);
      const invalid = errorsOf(await call(sandbox, `/users/${ids.accented}`, { method: 'PUT', body: '{"user": {', headers: { 'content-type': 'application/json' } }), 400);
      assert.equal(invalid[0]!.message, 'The request body is not valid JSON.');
      errorsOf(await call(sandbox, `/users/${ids.accented}`, { method: 'PUT' }), 400);
    });

    it('422 for a blank name and a malformed e-mail, one error per field', async () => {
      const errors = errorsOf(await put(ids.accented, { user: { full_name: '   ', email_address: 'nope' } }), 422);
      assert.deepEqual(errors, [
        { type: 'validation', field: 'full_name', message: "can't be blank" },
        { type: 'validation', field: 'email_address', message: 'is invalid' },
      ]);
      assert.equal(singleUser(await call(sandbox, `/users/${ids.accented}`)).full_name, 'José Müller', 'nothing changed');
    });

    it('422 for attributes that cannot be written', async () => {
      const errors = errorsOf(await put(ids.accented, { user: { photo_path: 'http://x/y.png', id: '1', headline: 'ok' } }), 422);
      assert.deepEqual(
        errors.map((error) => [error.field, error.message]),
        [
          ['photo_path', 'is not a writable attribute'],
          ['id', 'is not a writable attribute'],
        ],
      );
    });

    it('422 for over-long values, wrong types and a taken e-mail', async () => {
      const long = 'x'.repeat(256);
      const errors = errorsOf(await put(ids.accented, { user: { full_name: long, headline: 42, email_address: 'alex.rivera@acme-consulting.example' } }), 422);
      assert.deepEqual(
        errors.map((error) => [error.field, error.message]),
        [
          ['full_name', 'is too long (maximum is 255 characters)'],
          ['headline', 'must be a string'],
          ['email_address', 'has already been taken'],
        ],
      );
      singleUser(await put(ids.accented, { user: { full_name: 'ü'.repeat(255) } })); // 255 characters is fine
    });

    it("403 when a member edits anyone but themself; a member may edit their own profile", async () => {
      const errors = errorsOf(await put(sandbox.adminUserId, { user: { headline: 'x' } }, sandbox.memberToken), 403);
      assert.deepEqual(errors, [{ type: 'system', message: 'You do not have permission to edit this user.' }]);
      assert.equal(singleUser(await put(sandbox.memberUserId, { user: { headline: 'Mine' } }, sandbox.memberToken)).headline, 'Mine');
    });

    it('403 when the administrator edits an outside user', async () => {
      errorsOf(await put(ids.outside, { user: { headline: 'x' } }), 403);
    });

    it('404 for an unknown user, a user the member cannot see, and a disabled user without show_disabled', async () => {
      errorsOf(await put('999999', { user: { headline: 'x' } }), 404);
      errorsOf(await put(ids.japanese, { user: { headline: 'x' } }, sandbox.memberToken), 404);
      errorsOf(await put(ids.disabled, { user: { headline: 'x' } }), 404);
      assert.equal(singleUser(await put(ids.disabled, { user: { headline: 'Back' } }, undefined, '?show_disabled=true')).headline, 'Back');
    });
  });
});
