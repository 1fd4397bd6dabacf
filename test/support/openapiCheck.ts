/**
 * Checks requests and responses against the vendored Kantata OpenAPI description (test/openapi/*.yml) with
 * openapi-backend, plus a few rules of our own where the description is silent. Every function answers
 * synchronously with a list of problems: empty means conforming.
 *
 * Our own rules, on top of the description:
 *   - unknown query parameters are problems (the description does not forbid them; a typo would pass);
 *   - `per_page` at most 200 where an operation's schema gives no maximum (the docs' rule);
 *   - PUT /users/{id} and POST /users/{id}/profile_photo need a `user` object (the description does not
 *     mark it required, but Kantata answers 400 without it);
 *   - no body on an operation without a request body;
 *   - a 200 envelope's `results` must all be found under their keys.
 */
import type { ErrorObject } from 'ajv';
import addFormats from 'ajv-formats';
import { OpenAPIBackend, OpenAPIRouter, OpenAPIValidator } from 'openapi-backend';
import type { Document, Operation } from 'openapi-backend';
import { parseRailsForm } from '../sandbox/railsForm';
import type { RecordedRequest } from '../sandbox/server';
import { dereference, loadDocument, newerFeaturesIn, OPENAPI_FILES } from './openapiDocuments';
import type { OpenApiDocument } from './openapiDocuments';

/** What validateRequest needs of a request; a RecordedRequest from the sandbox log fits. */
export type CheckedRequest = Pick<RecordedRequest, 'method' | 'path' | 'query' | 'headers' | 'body'> & { readonly rawQuery?: string };

/** An operation by id (`GetUsers`) or by method and path (`/users/5`, `/api/v1/users/me.json` and `/users/{id}` all work). */
export type OperationRef = string | { readonly method: string; readonly path: string };

interface Api {
  readonly file: string;
  readonly basePath: string;
  readonly router: OpenAPIRouter<Document>;
  readonly validator: OpenAPIValidator<Document>;
}

let apis: readonly Api[] | undefined;

function loadApi(file: string): Api {
  const document = loadDocument(file);
  // The one place that deals with the version: the files say 3.2.0. openapi-backend checks any 3.x document
  // against its OpenAPI 3.0 meta-schema, which accepts that version string, and the schemas in these files
  // are plain 3.0-style JSON Schema. So we accept 3.2.x here and refuse any newer construct explicitly.
  if (!/^3\.[0-2]\.\d+$/.test(document.openapi)) {
    throw new Error(`${file}: OpenAPI ${document.openapi} is not supported by this checker (3.0–3.2 only)`);
  }
  const newer = newerFeaturesIn(document);
  if (newer.length > 0) {
    throw new Error(`${file} uses OpenAPI 3.1+ constructs the checker cannot validate:\n  ${newer.join('\n  ')}`);
  }
  // openapi-backend's own definition check (its init() is async, so it is called directly); throws when invalid.
  const backend = new OpenAPIBackend({ definition: document as unknown as Document, strict: true });
  backend.document = document as unknown as Document;
  backend.validateDefinition();

  const definition = dereference(document) as unknown as Document;
  const router = new OpenAPIRouter({ definition, apiRoot: '/' });
  const validator = new OpenAPIValidator({
    definition,
    router,
    // Compiling every response schema up front takes seconds; compile each operation when first checked.
    lazyCompileValidators: true,
    ajvOpts: { allErrors: true, strict: false, logger: false },
    customizeAjv: (ajv) => {
      addFormats(ajv); // date, date-time, int32, float…: unknown formats would otherwise be ignored
      return ajv;
    },
  });
  const server = (document.servers as { url?: string }[] | undefined)?.[0]?.url ?? '';
  return { file, basePath: new URL(server, 'http://localhost').pathname.replace(/\/$/, ''), router, validator };
}

function allApis(): readonly Api[] {
  apis ??= [loadApi(OPENAPI_FILES.users), loadApi(OPENAPI_FILES.roles)];
  return apis;
}

/** Every operation described, for tests that must cover them all. */
export function describedOperations(): { operationId: string; method: string; path: string }[] {
  return allApis().flatMap((api) =>
    api.router.getOperations().map((operation) => ({ operationId: String(operation.operationId), method: operation.method.toUpperCase(), path: operation.path })),
  );
}

/**
 * The path as the description writes it: without the server's base path (/api/v1) and without the `.json`
 * suffix the docs' examples use, which the description's paths never have.
 */
function describedPath(api: Api, path: string): string | undefined {
  const withoutQuery = path.split('?')[0]!;
  if (withoutQuery !== api.basePath && !withoutQuery.startsWith(`${api.basePath}/`) && withoutQuery.startsWith('/api/')) {
    return undefined;
  }
  const relative = withoutQuery.startsWith(`${api.basePath}/`) ? withoutQuery.slice(api.basePath.length) : withoutQuery;
  return relative.replace(/\.json$/, '');
}

function findOperation(ref: OperationRef): { api: Api; operation: Operation<Document> } | undefined {
  for (const api of allApis()) {
    if (typeof ref === 'string') {
      const operation = api.router.getOperation(ref);
      if (operation) {
        return { api, operation };
      }
      continue;
    }
    const path = describedPath(api, ref.path);
    const byTemplate = api.router.getOperations().find((op) => op.path === path && op.method.toUpperCase() === ref.method.toUpperCase());
    const operation = byTemplate ?? (path === undefined ? undefined : api.router.matchOperation({ method: ref.method.toLowerCase(), path, headers: {} }));
    if (operation) {
      return { api, operation };
    }
  }
  return undefined;
}

/** Ajv errors of a response as readable lines: `response hours.2025-01-01: must be number`. */
function describeResponseErrors(errors: readonly ErrorObject[] | null | undefined): string[] {
  return (errors ?? []).map((error) => {
    const where = error.instancePath === '' ? 'response' : `response ${error.instancePath.slice(1).split('/').join('.')}`;
    const params = error.params as Record<string, unknown>;
    const detail = error.keyword === 'enum' ? ` (allowed: ${(params.allowedValues as unknown[]).join(', ')})` : '';
    return `${where}: ${error.message ?? error.keyword}${detail}`;
  });
}

/** Ajv errors of a request as readable lines: `query parameter per_page: must be <= 200`. */
function describeErrors(errors: readonly ErrorObject[] | null | undefined): string[] {
  return (errors ?? []).map((error) => {
    const [, section, ...rest] = error.instancePath.split('/');
    const where =
      section === 'query' ? `query parameter ${rest.join('.')}`
      : section === 'path' ? `path parameter ${rest.join('.')}`
      : section === 'requestBody' ? `body${rest.length > 0 ? ` ${rest.join('.')}` : ''}`
      : section === 'header' ? `header ${rest.join('.')}`
      : error.instancePath || 'body';
    const params = error.params as Record<string, unknown>;
    const detail =
      error.keyword === 'enum' ? ` (allowed: ${(params.allowedValues as unknown[]).join(', ')})`
      : error.keyword === 'required' && error.instancePath === '' ? ''
      : error.keyword === 'additionalProperties' ? ` (${String(params.additionalProperty)})`
      : '';
    if (error.keyword === 'required' && error.instancePath === '' && params.missingProperty === 'requestBody') {
      return 'body: required by the description but missing';
    }
    return `${where}: ${error.message ?? error.keyword}${detail}`.trim();
  });
}

/** Query values by name from the raw query (to see repeats) or the recorded last-wins map. */
function queryValues(request: CheckedRequest): Map<string, string[]> {
  const values = new Map<string, string[]>();
  const entries = request.rawQuery !== undefined ? [...new URLSearchParams(request.rawQuery)] : Object.entries(request.query);
  for (const [name, value] of entries) {
    values.set(name, [...(values.get(name) ?? []), value]);
  }
  return values;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

interface QueryParameter {
  readonly name: string;
  readonly schema?: { type?: string; maximum?: number };
}

/** Validates one request (e.g. from the sandbox log) against the operation it names. */
export function validateRequest(request: CheckedRequest): string[] {
  const found = findOperation({ method: request.method, path: request.path });
  if (!found) {
    return [`no operation ${request.method} ${request.path} in the OpenAPI description`];
  }
  const { api, operation } = found;
  const problems: string[] = [];
  // The definition is dereferenced, so parameters are plain objects.
  const parameters = ((operation.parameters ?? []) as unknown as (QueryParameter & { in: string })[]).filter((p) => p.in === 'query');
  const byName = new Map<string, QueryParameter>(parameters.map((parameter) => [parameter.name, parameter]));

  const query: Record<string, string | string[]> = {};
  for (const [name, values] of queryValues(request)) {
    const parameter = byName.get(name);
    if (!parameter) {
      // Our rule: the description allows unknown parameters, Kantata ignores them, so a misspelling would pass.
      problems.push(`query parameter ${name}: not in the description (misspelled or unsupported)`);
      continue;
    }
    if (parameter.schema?.type === 'array') {
      // The docs send lists comma-separated (`optional_fields=bio,city`); the description types them as arrays.
      query[name] = values.flatMap((value) => value.split(','));
    } else {
      if (values.length > 1) {
        problems.push(`query parameter ${name}: repeated (${values.length} times); it takes one value`);
      }
      query[name] = values[values.length - 1]!;
    }
  }
  const perPage = byName.get('per_page');
  if (perPage && perPage.schema?.maximum === undefined && typeof query.per_page === 'string' && Number(query.per_page) > 200) {
    problems.push('query parameter per_page: must be <= 200 (the documented maximum)'); // our rule where the description is silent
  }

  const headers = Object.fromEntries(Object.entries(request.headers).map(([name, value]) => [name.toLowerCase(), value]));
  let body: unknown = request.body;
  const mediaType = (headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
  const content = (operation.requestBody && !('$ref' in operation.requestBody) ? operation.requestBody.content : undefined) ?? {};
  if (Object.keys(content).length === 0) {
    if (body !== undefined && body !== '') {
      problems.push(`body: ${operation.operationId} takes no request body`);
    }
  } else {
    if (mediaType === 'multipart/form-data' && !('multipart/form-data' in content) && isObject(body)) {
      // The profile photo upload: the description only has a JSON body, which cannot carry a file, and Kantata
      // takes multipart. We exempt the wire format from the content-type check, but still check the field
      // names by reading them (Rails style) into the JSON shape the description gives.
      body = multipartAsJson(body);
      headers['content-type'] = 'application/json';
    } else if (mediaType === 'application/x-www-form-urlencoded' && typeof body === 'string') {
      body = parseRailsForm(body); // Kantata accepts Rails-style forms for writes as well as JSON
      headers['content-type'] = 'application/json';
    } else if (!(mediaType in content)) {
      problems.push(`header content-type: ${mediaType || '(none)'} is not one the description accepts (${Object.keys(content).join(', ')})`);
    }
    if (!isObject(body) || !isObject(body.user)) {
      problems.push('body: has no "user" object'); // our rule: the description leaves `user` optional
    }
  }

  const result = api.validator.validateRequest(
    { method: request.method.toLowerCase(), path: describedPath(api, request.path) ?? request.path, headers, query, body: body === '' ? undefined : body },
    operation,
  );
  const errors = (result.errors ?? []).filter((error) => !(error.instancePath === '/query' && error.keyword === 'additionalProperties'));
  return [...problems, ...describeErrors(errors)];
}

/** `{fields, files}` from the request log → `{user: {profile_photo_attachment_file: "<filename>"}}`. */
function multipartAsJson(body: Record<string, unknown>): Record<string, unknown> {
  const pairs: [string, string][] = [];
  for (const [name, value] of Object.entries(isObject(body.fields) ? body.fields : {})) {
    pairs.push([name, String(value)]);
  }
  for (const file of Array.isArray(body.files) ? body.files : []) {
    if (isObject(file) && typeof file.field === 'string') {
      pairs.push([file.field, typeof file.filename === 'string' ? file.filename : '']);
    }
  }
  return parseRailsForm(new URLSearchParams(pairs).toString());
}

/** Validates a response body for a status against the operation's description (body undefined for none). */
export function validateResponse(operation: OperationRef, status: number, body: unknown): string[] {
  const found = findOperation(operation);
  if (!found) {
    return [`no operation ${typeof operation === 'string' ? operation : `${operation.method} ${operation.path}`} in the OpenAPI description`];
  }
  const { api, operation: described } = found;
  const responses = described.responses ?? {};
  if (!(String(status) in responses) && !(`${String(status)[0]}XX` in responses) && !('default' in responses)) {
    return [`status ${status}: not described for ${described.operationId} (described: ${Object.keys(responses).join(', ')})`];
  }
  const problems = describeResponseErrors(api.validator.validateResponse(body === undefined || body === '' ? null : body, described, status).errors);
  return [...problems, ...envelopeProblems(body)];
}

/** Our rule: every `results` entry of an envelope is found under its key, once. */
function envelopeProblems(body: unknown): string[] {
  if (!isObject(body) || !Array.isArray(body.results)) {
    return [];
  }
  const problems: string[] = [];
  const seen = new Set<string>();
  for (const [index, result] of body.results.entries()) {
    const key = isObject(result) ? result.key : undefined;
    const id = isObject(result) ? result.id : undefined;
    if (typeof key !== 'string' || typeof id !== 'string') {
      problems.push(`response results[${index}]: needs a string key and id`);
      continue;
    }
    const objects = body[key];
    if (!isObject(objects) || !isObject(objects[id])) {
      problems.push(`response results[${index}]: ${key}/${id} is not in the top-level "${key}"`);
    }
    if (seen.has(`${key}/${id}`)) {
      problems.push(`response results[${index}]: ${key}/${id} appears twice`);
    }
    seen.add(`${key}/${id}`);
  }
  return problems;
}

/** Checks an error body against the description's `Errors` schema, for statuses the description does not list (429, 5xx). */
export function validateErrorBody(body: unknown): string[] {
  // Every operation's 400 response is the Errors schema; GetUsers' stands for all.
  return validateResponse('GetUsers', 400, body);
}

export type { OpenApiDocument };
