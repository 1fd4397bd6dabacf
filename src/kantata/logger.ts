/**
 * What the client logs through. VS Code's LogOutputChannel fits it as it is; tests pass a recorder.
 */
export interface KantataLogger {
  debug(message: string): void;
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

export const silentLogger: KantataLogger = {
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
};

/** Query parameters whose values say nothing about people and are worth logging. */
const loggableQueryParams = new Set([
  'page',
  'per_page',
  'include',
  'optional_fields',
  'order',
  'on_my_account',
  'show_disabled',
  'start_date',
  'end_date',
]);

/** `/users?page=2&per_page=200&search=…`: values of search terms and names are left out. */
export function describeRequestTarget(path: string, query: Readonly<Record<string, string>>): string {
  const parts = Object.entries(query).map(([name, value]) =>
    loggableQueryParams.has(name) ? `${name}=${value}` : `${name}=…`,
  );
  return parts.length ? `${path}?${parts.join('&')}` : path;
}

/** Belt and braces: no string the client logs or throws may contain the token. */
export function redact(text: string, secret: string | undefined): string {
  return secret && secret.length >= 4 ? text.split(secret).join('«token»') : text;
}
