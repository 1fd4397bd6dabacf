import * as assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { NOTABLE_USER_IDS } from '../sandbox/notableUsers';
import { coloredSquarePng } from '../sandbox/png';
import { startSandbox } from '../sandbox/server';
import type { RecordedRequest, Sandbox } from '../sandbox/server';
import { describedOperations, validateRequest, validateResponse } from '../support/openapiCheck';
import { loadDocument, OPENAPI_FILES, repoRoot } from '../support/openapiDocuments';
import { call } from '../support/sandboxHttp';
import type { CallOptions } from '../support/sandboxHttp';

/** The published hashes (../shared/kantata-openapi/README.md), also kept here so that a changed README shows up too. */
const EXPECTED_SHA256 = {
  users: '48397421fb71c9f8ecdf1fe99338193d2e9b54d8673e52ca0440eaebdc6571b3',
  roles: '4fc2d031797d03412205749db927f744843068ecb3899de0b9f9203b700d89da',
} as const;
const SHARED_DIR = path.join(repoRoot(), '..', 'shared', 'kantata-openapi');

const ids = NOTABLE_USER_IDS;
const ALL_INCLUDES = 'include=role,account_membership,manager,skills,skill_memberships,custom_field_values,external_references,work_samples';
const ALL_FIELDS = 'optional_fields=bio,website,city,state,country,abbreviated_timezone,last_site_activity,classification';

describe('sandbox: conformance to the OpenAPI description', () => {
  describe('the vendored description', () => {
    it('is an unmodified copy: sha256 as published', function () {
      for (const [name, file] of Object.entries(OPENAPI_FILES)) {
        const hash = createHash('sha256').update(fs.readFileSync(file)).digest('hex');
        assert.equal(hash, EXPECTED_SHA256[name as keyof typeof EXPECTED_SHA256], `${name}.yml`);
      }
      const readme = path.join(SHARED_DIR, 'README.md');
      if (!fs.existsSync(readme)) {
        this.skip(); // ../shared is not checked out beside this clone
      }
      const text = fs.readFileSync(readme, 'utf8');
      for (const [name, hash] of Object.entries(EXPECTED_SHA256)) {
        assert.match(text, new RegExp(`\`${name}\\.yml\`[^\\n]*\\n[^\\n]*sha256 ${hash}`), `README's hash for ${name}.yml`);
      }
    });

    it('is OpenAPI 3.2.0, loaded by the checker with every operation', () => {
      for (const file of Object.values(OPENAPI_FILES)) {
        assert.equal(loadDocument(file).openapi, '3.2.0');
      }
      const operations = describedOperations().map((operation) => `${operation.method} ${operation.path} ${operation.operationId}`);
      for (const expected of [
        'GET /users GetUsers',
        'GET /users/me GetMyUserData',
        'GET /users/{id} GetUser',
        'PUT /users/{id} UpdateUser',
        'GET /users/{id}/capacity GetMyWorkCapacity',
        'POST /users/{id}/profile_photo UpdateUserProfilePhoto',
        'DELETE /users/{id}/profile_photo ResetUserProfilePhoto',
        'GET /roles GetRoles',
      ]) {
        assert.ok(operations.includes(expected), expected);
      }
    });
  });

  describe("the sandbox's answers, for every operation it serves", () => {
    let sandbox: Sandbox;
    before(async () => {
      sandbox = await startSandbox();
    });
    after(() => sandbox.close());

    const photo = () => {
      const form = new FormData();
      form.append('user[profile_photo_attachment_file]', new Blob([coloredSquarePng([1, 2, 3])], { type: 'image/png' }), 'p.png');
      return form;
    };
    const me = ids.admin;

    interface Case {
      readonly operationId: string;
      readonly status: number;
      readonly path: string;
      readonly options?: CallOptions;
      readonly fault?: Parameters<Sandbox['injectFault']>[0];
      /** What the request checker must say about the request (default: nothing). */
      readonly requestProblems?: string[];
    }
    // Every status the sandbox produces that the description lists (200/204, 400, 401, 403, 404, 422, 503).
    const cases: Case[] = [
      { operationId: 'GetUsers', status: 200, path: `/users?per_page=200&${ALL_INCLUDES}&${ALL_FIELDS}` },
      { operationId: 'GetUsers', status: 200, path: '/users?show_disabled=true&on_my_account=true', options: { token: 'member' } },
      { operationId: 'GetUsers', status: 200, path: '/users?page=99' },
      { operationId: 'GetUsers', status: 400, path: '/users?include=nope' },
      { operationId: 'GetUsers', status: 401, path: '/users', options: { token: null } },
      { operationId: 'GetUsers', status: 403, path: '/users', fault: { kind: 'status', status: 403 } },
      { operationId: 'GetUsers', status: 503, path: '/users', fault: { kind: 'status', status: 503 } },
      { operationId: 'GetMyUserData', status: 200, path: `/users/me?${ALL_INCLUDES}&${ALL_FIELDS}` },
      { operationId: 'GetMyUserData', status: 400, path: '/users/me?optional_fields=nope' },
      { operationId: 'GetMyUserData', status: 401, path: '/users/me', options: { token: 'wrong' } },
      { operationId: 'GetUser', status: 200, path: `/users/${ids.accented}?${ALL_INCLUDES}&${ALL_FIELDS}` },
      {
        operationId: 'GetUser',
        status: 200,
        path: `/users/${ids.disabled}?show_disabled=true&${ALL_INCLUDES}&${ALL_FIELDS}`,
        // The description is silent here: show routes honour the index filters (Kantata's docs: a show route
        // 404s for what the default filters hide), but GetUser lists only include and optional_fields.
        requestProblems: ['query parameter show_disabled: not in the description (misspelled or unsupported)'],
      },
      { operationId: 'GetUser', status: 200, path: `/users/${ids.outside}?${ALL_INCLUDES}&${ALL_FIELDS}` },
      { operationId: 'GetUser', status: 404, path: '/users/999999' },
      { operationId: 'UpdateUser', status: 200, path: `/users/${ids.accented}?${ALL_INCLUDES}`, options: { method: 'PUT', body: { user: { headline: 'x', external_reference: { service_name: 's', service_model: 'm', service_model_ref: '1' } } } } },
      { operationId: 'UpdateUser', status: 400, path: `/users/${ids.accented}`, options: { method: 'PUT', body: { headline: 'x' } } },
      { operationId: 'UpdateUser', status: 403, path: `/users/${me}`, options: { method: 'PUT', body: { user: {} }, token: 'member' } },
      { operationId: 'UpdateUser', status: 404, path: '/users/999999', options: { method: 'PUT', body: { user: {} } } },
      { operationId: 'UpdateUser', status: 422, path: `/users/${ids.accented}`, options: { method: 'PUT', body: { user: { full_name: '' } } } },
      { operationId: 'GetMyWorkCapacity', status: 200, path: `/users/${me}/capacity?start_date=2025-01-01&end_date=2025-12-31` },
      { operationId: 'GetMyWorkCapacity', status: 404, path: '/users/999999/capacity?start_date=2025-01-01&end_date=2025-01-02' },
      { operationId: 'GetMyWorkCapacity', status: 422, path: `/users/${me}/capacity?start_date=2025-02-30` },
      { operationId: 'UpdateUserProfilePhoto', status: 200, path: `/users/${me}/profile_photo?include=role`, options: { method: 'POST', body: 'photo' } },
      { operationId: 'UpdateUserProfilePhoto', status: 400, path: `/users/${me}/profile_photo`, options: { method: 'POST', body: 'x', headers: { 'content-type': 'multipart/form-data; boundary=b' } } },
      { operationId: 'UpdateUserProfilePhoto', status: 403, path: `/users/${me}/profile_photo`, options: { method: 'POST', body: 'photo', token: 'member' } },
      { operationId: 'UpdateUserProfilePhoto', status: 422, path: `/users/${me}/profile_photo`, options: { method: 'POST', body: new FormData() } },
      { operationId: 'ResetUserProfilePhoto', status: 204, path: `/users/${me}/profile_photo`, options: { method: 'DELETE' } },
      { operationId: 'ResetUserProfilePhoto', status: 404, path: '/users/999999/profile_photo', options: { method: 'DELETE' } },
      { operationId: 'GetRoles', status: 200, path: '/roles?include=external_references&only_active=false' },
      { operationId: 'GetRoles', status: 400, path: '/roles?order=name' },
      { operationId: 'GetRoles', status: 401, path: '/roles', options: { token: null } },
    ];

    for (const testCase of cases) {
      it(`${testCase.operationId} ${testCase.status}: ${testCase.options?.method ?? 'GET'} ${testCase.path.slice(0, 70)}`, async () => {
        sandbox.reset();
        if (testCase.fault) {
          sandbox.injectFault(testCase.fault);
        }
        const options = testCase.options ?? {};
        const token = options.token === 'member' ? sandbox.memberToken : options.token;
        const body = options.body === 'photo' ? photo() : options.body;
        const result = await call(sandbox, testCase.path, { ...options, token, body, conform: false });
        assert.equal(result.status, testCase.status, result.text.slice(0, 300));
        const [method, requestPath] = [options.method ?? 'GET', `/api/v1${testCase.path.split('?')[0]}`];
        assert.deepEqual(validateResponse(testCase.operationId, result.status, result.json), []);
        assert.deepEqual(validateResponse({ method, path: requestPath }, result.status, result.json), [], 'found by method and path too');
        if (result.status < 300) {
          // A well-formed request, so the sandbox's log of it must pass the request checker as well.
          const problems = sandbox.requests.flatMap((request) => validateRequest(request));
          assert.deepEqual(problems, testCase.requestProblems ?? []);
        }
      });
    }

    it('covers every Users operation and GET /roles', () => {
      const covered = new Set(cases.map((testCase) => testCase.operationId));
      for (const operation of describedOperations().filter((op) => op.path.startsWith('/users') || op.operationId === 'GetRoles')) {
        assert.ok(covered.has(operation.operationId), operation.operationId);
      }
    });
  });

  describe('validateRequest', () => {
    const request = (overrides: Partial<RecordedRequest>): RecordedRequest => ({
      id: 1,
      method: 'GET',
      path: '/api/v1/users',
      query: {},
      rawQuery: '',
      headers: {},
      body: undefined,
      status: 200,
      startedAt: 0,
      finishedAt: 0,
      ...overrides,
    });
    const withQuery = (rawQuery: string, overrides: Partial<RecordedRequest> = {}) =>
      request({ rawQuery, query: Object.fromEntries(new URLSearchParams(rawQuery)), ...overrides });

    it('accepts what a well-behaved client sends', () => {
      assert.deepEqual(validateRequest(withQuery('per_page=200&page=3&include=role,manager&optional_fields=bio,city&order=alphabetical:desc&show_disabled=true')), []);
      assert.deepEqual(validateRequest(withQuery('include=account_membership', { path: '/api/v1/users/me.json' })), [], 'the .json suffix is stripped');
      assert.deepEqual(validateRequest(withQuery('start_date=2025-01-01&end_date=2025-01-31', { path: '/api/v1/users/12/capacity' })), []);
      assert.deepEqual(validateRequest(request({ method: 'DELETE', path: '/api/v1/users/12/profile_photo' })), []);
      assert.deepEqual(validateRequest(withQuery('per_page=200', { path: '/api/v1/roles' })), []);
      const put = request({ method: 'PUT', path: '/api/v1/users/12', headers: { 'content-type': 'application/json' }, body: { user: { headline: 'x' } } });
      assert.deepEqual(validateRequest(put), []);
      const form = request({ method: 'PUT', path: '/api/v1/users/12', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'user%5Bheadline%5D=x' });
      assert.deepEqual(validateRequest(form), []);
      const upload = request({
        method: 'POST',
        path: '/api/v1/users/12/profile_photo',
        headers: { 'content-type': 'multipart/form-data; boundary=x' },
        body: { fields: {}, files: [{ field: 'user[profile_photo_attachment_file]', filename: 'a.png', contentType: 'image/png', size: 9 }] },
      });
      assert.deepEqual(validateRequest(upload), [], 'multipart is exempt from the JSON-only content type');
      assert.deepEqual(validateRequest({ method: 'GET', path: '/api/v1/users', query: { per_page: '20' }, headers: {}, body: undefined }), [], 'rawQuery is optional');
    });

    it('catches a misspelled parameter', () => {
      assert.deepEqual(validateRequest(withQuery('per_pag=20')), ['query parameter per_pag: not in the description (misspelled or unsupported)']);
      assert.deepEqual(validateRequest(withQuery('limit=20&offset=40')).length, 2, 'limit/offset are documented in prose only');
    });

    it('catches per_page over 200', () => {
      assert.deepEqual(validateRequest(withQuery('per_page=500')), ['query parameter per_page: must be <= 200']);
      assert.deepEqual(validateRequest(withQuery('per_page=500', { path: '/api/v1/roles' })), ['query parameter per_page: must be <= 200']);
    });

    it('catches wrong types: a boolean that is not one, a non-integer id or page', () => {
      assert.deepEqual(validateRequest(withQuery('show_disabled=maybe')), ['query parameter show_disabled: must be boolean']);
      assert.deepEqual(validateRequest(request({ path: '/api/v1/users/abc' })), ['path parameter id: must be integer']);
      assert.deepEqual(validateRequest(request({ path: '/api/v1/users/1.5/capacity', rawQuery: 'start_date=2025-01-01&end_date=2025-01-02', query: {} })), ['path parameter id: must be integer']);
      assert.deepEqual(validateRequest(withQuery('page=two')), ['query parameter page: must be integer']);
    });

    it('catches a bad value in optional_fields, split from its comma form (include stays a string)', () => {
      assert.deepEqual(validateRequest(withQuery('optional_fields=bio,shoe_size&include=role,anything')), [
        'query parameter optional_fields.1: must be equal to one of the allowed values (allowed: bio, website, city, state, country, abbreviated_timezone, last_site_activity, classification)',
      ]);
    });

    it('catches a PUT body without a user object, or in a content type the description does not take', () => {
      const put = (body: unknown, contentType = 'application/json') => validateRequest(request({ method: 'PUT', path: '/api/v1/users/12', headers: { 'content-type': contentType }, body }));
      assert.deepEqual(put({ full_name: 'x' }), ['body: has no "user" object']);
      assert.deepEqual(put(undefined), ['body: has no "user" object', 'body: required by the description but missing']);
      assert.deepEqual(put({ user: { full_name: 5 } }), ['body user.full_name: must be string']);
      assert.deepEqual(put('{"user":{}}', 'text/plain'), ['header content-type: text/plain is not one the description accepts (application/json)', 'body: has no "user" object']);
    });

    it('catches an upload under the wrong field, missing dates, a body where none belongs, and unknown routes', () => {
      const upload = request({
        method: 'POST',
        path: '/api/v1/users/12/profile_photo',
        headers: { 'content-type': 'multipart/form-data; boundary=x' },
        body: { fields: {}, files: [{ field: 'file', filename: 'a.png', contentType: 'image/png', size: 9 }] },
      });
      assert.deepEqual(validateRequest(upload), ['body: has no "user" object']);
      assert.deepEqual(validateRequest(withQuery('start_date=2025-02-30', { path: '/api/v1/users/12/capacity' })), [
        "query parameter : must have required property 'end_date'",
        'query parameter start_date: must match format "date"',
      ]);
      assert.deepEqual(validateRequest(request({ body: { a: 1 } })), ['body: GetUsers takes no request body']);
      assert.deepEqual(validateRequest(request({ path: '/api/v1/projects' })), ['no operation GET /api/v1/projects in the OpenAPI description']);
      assert.deepEqual(validateRequest(request({ method: 'PATCH', path: '/api/v1/users/1' })), ['no operation PATCH /api/v1/users/1 in the OpenAPI description']);
      assert.deepEqual(validateRequest(withQuery('include=role&include=manager')), ['query parameter include: repeated (2 times); it takes one value']);
    });
  });

  describe('validateResponse', () => {
    it('catches wrong types, results missing from their key, and undescribed statuses', () => {
      const envelope = { count: 1, meta: { count: 1, page_count: 1, page_number: 1, page_size: 20 }, results: [{ key: 'users', id: '1' }], users: { 1: { id: '1', full_name: 'A' } } };
      assert.deepEqual(validateResponse('GetUsers', 200, envelope), []);
      assert.deepEqual(validateResponse('GetUsers', 200, { ...envelope, count: '1' }), ['response count: must be integer']);
      assert.deepEqual(validateResponse('GetUsers', 200, { ...envelope, users: {} }), ['response results[0]: users/1 is not in the top-level "users"']);
      assert.deepEqual(validateResponse('GetUsers', 200, { ...envelope, users: { 1: { full_name: 5 } } }), ['response users.1.full_name: must be string']);
      assert.deepEqual(validateResponse('GetUsers', 429, { errors: [] }), ['status 429: not described for GetUsers (described: 200, 400, 401, 403, 404, 422, 503)']);
      assert.deepEqual(validateResponse('ResetUserProfilePhoto', 204, { a: 1 }), ['response: must be null']);
      assert.deepEqual(validateResponse({ method: 'GET', path: '/users/{id}/capacity' }, 200, { start_date: '2025-01-01', end_date: 'x', hours: { '2025-01-01': 'eight' } }), [
        'response end_date: must match format "date"',
        'response hours.2025-01-01: must be number',
      ]);
    });
  });
});
