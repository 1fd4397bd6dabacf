import * as fs from 'node:fs';
import * as path from 'node:path';
import * as yaml from 'js-yaml';

/** The repository root, found from this file whether it runs from test/ (ts-node) or out/test/ (compiled). */
export function repoRoot(): string {
  let dir = __dirname;
  while (!fs.existsSync(path.join(dir, 'package.json'))) {
    const parent = path.dirname(dir);
    if (parent === dir) {
      throw new Error(`no package.json above ${__dirname}`);
    }
    dir = parent;
  }
  return dir;
}

/** The vendored, unmodified OpenAPI files (copies of ../shared/kantata-openapi/). */
export const OPENAPI_FILES = {
  users: path.join(repoRoot(), 'test', 'openapi', 'users.yml'),
  roles: path.join(repoRoot(), 'test', 'openapi', 'roles.yml'),
} as const;

export type OpenApiDocument = Record<string, unknown> & { openapi: string; paths: Record<string, unknown> };

export function loadDocument(file: string): OpenApiDocument {
  const document = yaml.load(fs.readFileSync(file, 'utf8'));
  if (typeof document !== 'object' || document === null || typeof (document as { openapi?: unknown }).openapi !== 'string') {
    throw new Error(`${file} is not an OpenAPI document`);
  }
  return document as OpenApiDocument;
}

/**
 * A copy of the document with every local `$ref` (`#/...`) replaced by what it points to, synchronously
 * (openapi-backend's own dereferencing is async, and the checker must answer synchronously).
 */
export function dereference(document: OpenApiDocument): OpenApiDocument {
  const resolving = new Set<string>();
  const resolved = new Map<string, unknown>();
  const lookup = (ref: string): unknown => {
    if (!ref.startsWith('#/')) {
      throw new Error(`only local $refs are supported, got ${ref}`);
    }
    let target: unknown = document;
    for (const raw of ref.slice(2).split('/')) {
      const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
      target = typeof target === 'object' && target !== null ? (target as Record<string, unknown>)[key] : undefined;
    }
    if (target === undefined) {
      throw new Error(`unresolvable $ref ${ref}`);
    }
    return target;
  };
  const walk = (node: unknown): unknown => {
    if (Array.isArray(node)) {
      return node.map(walk);
    }
    if (typeof node !== 'object' || node === null) {
      return node;
    }
    const ref = (node as { $ref?: unknown }).$ref;
    if (typeof ref === 'string') {
      if (resolving.has(ref)) {
        throw new Error(`circular $ref ${ref}`);
      }
      if (!resolved.has(ref)) {
        resolving.add(ref);
        resolved.set(ref, walk(lookup(ref)));
        resolving.delete(ref);
      }
      return resolved.get(ref);
    }
    return Object.fromEntries(Object.entries(node).map(([key, value]) => [key, walk(value)]));
  };
  return walk(document) as OpenApiDocument;
}

/**
 * Constructs of OpenAPI 3.1/3.2 that the checker's toolchain (openapi-backend validates documents with the
 * 3.0 meta-schema, and its Ajv runs in draft-07 mode) would misread. The vendored files use none; this
 * makes an updated file that starts using one fail loudly instead of being half-checked.
 */
export function newerFeaturesIn(document: OpenApiDocument): string[] {
  const found: string[] = [];
  for (const key of ['webhooks', 'jsonSchemaDialect']) {
    if (key in document) {
      found.push(key);
    }
  }
  const walk = (node: unknown, at: string) => {
    if (Array.isArray(node)) {
      node.forEach((item, index) => walk(item, `${at}/${index}`));
      return;
    }
    if (typeof node !== 'object' || node === null) {
      return;
    }
    const object = node as Record<string, unknown>;
    if (Array.isArray(object.type)) {
      found.push(`${at}: type as an array`);
    }
    for (const key of ['const', 'prefixItems', '$dynamicRef', 'unevaluatedProperties', 'itemSchema', 'additionalOperations']) {
      if (key in object) {
        found.push(`${at}: ${key}`);
      }
    }
    if (object.in === 'querystring') {
      found.push(`${at}: a "querystring" parameter`);
    }
    for (const [key, value] of Object.entries(object)) {
      walk(value, `${at}/${key}`);
    }
  };
  walk(document.paths, '#/paths');
  walk(document.components, '#/components');
  return found;
}
