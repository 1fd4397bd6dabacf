import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { NOTABLE_USER_IDS } from '../sandbox/notableUsers';
import { startSandbox } from '../sandbox/server';
import type { Sandbox } from '../sandbox/server';
import { OPENAPI_FILES, repoRoot } from '../support/openapiDocuments';
import { ensurePrism, startPrism } from '../support/prism';
import type { PrismMock } from '../support/prism';
import { compareShapes } from '../support/shapeCompare';

const INCLUDES = 'role,account_membership,manager,skills,skill_memberships,custom_field_values,external_references,work_samples';
const OPTIONAL_FIELDS = ['bio', 'website', 'city', 'state', 'country', 'abbreviated_timezone', 'last_site_activity', 'classification'];
/** Prism checks requests against the description, which types optional_fields as an (exploded) array. */
const prismFields = OPTIONAL_FIELDS.map((field) => `optional_fields=${field}`).join('&');
const sandboxFields = `optional_fields=${OPTIONAL_FIELDS.join(',')}`;

interface Read {
  readonly name: string;
  readonly mock: 'users' | 'roles';
  readonly prismPath: string;
  readonly sandboxPath: string;
  readonly status: number;
  /** Keys that must not be omitted (maps written as `*`). */
  readonly required: readonly string[];
  /** Keys the sandbox sends beyond the description, each with the reason. */
  readonly extra?: Readonly<Record<string, string>>;
}

const ENVELOPE = ['$.count', '$.meta', '$.meta.count', '$.meta.page_count', '$.meta.page_number', '$.meta.page_size', '$.results', '$.results[].key', '$.results[].id'];
const USER = ['$.users', '$.users.*.full_name', '$.users.*.email_address', '$.users.*.headline', '$.users.*.photo_path'];
/** Every Kantata object carries its id; the description's schemas (User, Role, Skill…) leave it out. */
const ID_EXTRA = { id: 'Kantata sends the id in every object; the component schemas omit it' };
const id = NOTABLE_USER_IDS.accented;

const READS: readonly Read[] = [
  {
    name: 'GET /users',
    mock: 'users',
    prismPath: `/users?per_page=200&include=${INCLUDES}&${prismFields}`,
    sandboxPath: `/users?per_page=200&include=${INCLUDES}&${sandboxFields}`,
    status: 200,
    required: [...ENVELOPE, ...USER, '$.roles.*.name', '$.skill_memberships.*.level', '$.custom_field_values.*.display_value'],
    extra: ID_EXTRA,
  },
  { name: 'GET /users/me', mock: 'users', prismPath: `/users/me?include=${INCLUDES}&${prismFields}`, sandboxPath: `/users/me?include=${INCLUDES}&${sandboxFields}`, status: 200, required: [...ENVELOPE, ...USER], extra: ID_EXTRA },
  { name: 'GET /users/{id}', mock: 'users', prismPath: `/users/${id}?include=${INCLUDES}&${prismFields}`, sandboxPath: `/users/${id}?include=${INCLUDES}&${sandboxFields}`, status: 200, required: [...ENVELOPE, ...USER], extra: ID_EXTRA },
  {
    name: 'GET /users/{id}/capacity',
    mock: 'users',
    prismPath: `/users/${id}/capacity?start_date=2025-03-03&end_date=2025-03-16`,
    sandboxPath: `/users/${id}/capacity?start_date=2025-03-03&end_date=2025-03-16`,
    status: 200,
    required: ['$.start_date', '$.end_date', '$.hours'],
  },
  {
    name: 'GET /users/{id}/capacity without dates (422)',
    mock: 'users',
    prismPath: `/users/${id}/capacity`,
    sandboxPath: `/users/${id}/capacity`,
    status: 422,
    required: ['$.errors', '$.errors[].type', '$.errors[].message'],
    extra: { field: "Kantata's documented validation errors name the field; the Error schema leaves it out" },
  },
  { name: 'GET /roles', mock: 'roles', prismPath: '/roles?per_page=200', sandboxPath: '/roles?per_page=200', status: 200, required: [...ENVELOPE, '$.roles', '$.roles.*.name', '$.roles.*.created_at'], extra: ID_EXTRA },
];

async function getJson(url: string, token?: string): Promise<{ status: number; json: unknown }> {
  const response = await fetch(url, { headers: token ? { authorization: `Bearer ${token}` } : {} });
  const text = await response.text();
  return { status: response.status, json: JSON.parse(text) as unknown };
}

describe('sandbox: answers shaped like a Prism mock of the description', function () {
  this.timeout(60_000);
  const mocks: Partial<Record<Read['mock'], PrismMock>> = {};
  let sandbox: Sandbox;
  const report: Record<string, { differences: string[]; omitted: string[] }> = {};

  before(async function () {
    // Installing Prism into .cache/prism/ (gitignored) takes a minute or two the first time, then nothing.
    this.timeout(600_000);
    const entryPoint = ensurePrism();
    const [users, roles] = await Promise.all([startPrism(entryPoint, OPENAPI_FILES.users), startPrism(entryPoint, OPENAPI_FILES.roles)]);
    Object.assign(mocks, { users, roles });
    sandbox = await startSandbox();
  });

  after(async () => {
    await Promise.all([mocks.users?.stop(), mocks.roles?.stop(), sandbox?.close()]);
    // The omitted optional keys are worth a look, not a failure: keep them beside the other test results.
    const file = path.join(repoRoot(), 'test-results', 'prism-shapes.json');
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, JSON.stringify(report, null, 2));
  });

  for (const read of READS) {
    it(`${read.name}: the same shape as Prism's`, async () => {
      const prism = await getJson(`${mocks[read.mock]!.origin}${read.prismPath}`);
      assert.equal(prism.status, read.status, `prism answered ${prism.status}: ${JSON.stringify(prism.json).slice(0, 300)}`);
      const ours = await getJson(`${sandbox.baseUrl}${read.sandboxPath}`, sandbox.adminToken);
      assert.equal(ours.status, read.status);

      const extra = read.extra ?? {};
      const comparison = compareShapes(prism.json, ours.json, { allowExtra: (_path, key) => key in extra });
      report[read.name] = comparison;
      assert.deepEqual(comparison.differences, [], 'the sandbox disagrees with the description on these');
      const missing = read.required.filter((key) => comparison.omitted.includes(key));
      assert.deepEqual(missing, [], 'the sandbox left out keys it must send');
    });
  }
});
