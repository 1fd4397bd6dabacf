/** Kantata's documented error shape: `{"errors": [{"type", "message", "field"?}]}`. */
export type ErrorType = 'oauth' | 'system' | 'validation';

export interface ApiErrorItem {
  readonly type: ErrorType;
  readonly message: string;
  readonly field?: string;
}

export interface ErrorBody {
  readonly errors: readonly ApiErrorItem[];
}

/** Thrown by handlers and query parsers; the server turns it into the error response. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly items: readonly ApiErrorItem[],
    readonly headers: Readonly<Record<string, string>> = {},
  ) {
    super(items.map((item) => item.message).join('; '));
    this.name = 'ApiError';
  }

  get body(): ErrorBody {
    return { errors: this.items };
  }
}

export function systemError(status: number, message: string): ApiError {
  return new ApiError(status, [{ type: 'system', message }]);
}

export function badRequest(message: string): ApiError {
  return systemError(400, message);
}

export function notFound(message: string): ApiError {
  return systemError(404, message);
}

export function forbidden(message: string): ApiError {
  return systemError(403, message);
}

export function unauthorized(message: string): ApiError {
  return new ApiError(401, [{ type: 'oauth', message }], { 'www-authenticate': 'Bearer realm="Kantata OX"' });
}

export interface FieldProblem {
  readonly field: string;
  readonly message: string;
}

/** 422 with one validation item per problem (Kantata reports every invalid field at once). */
export function validationFailed(problems: readonly FieldProblem[]): ApiError {
  return new ApiError(
    422,
    problems.map((problem) => ({ type: 'validation', field: problem.field, message: problem.message })),
  );
}

/** The messages clients may rely on; tests import them instead of repeating the text. */
export const MESSAGES = {
  missingToken: 'Missing OAuth access token: send an "Authorization: Bearer <token>" header.',
  invalidToken: 'Invalid OAuth access token.',
  userNotFound: 'User not found.',
  roleNotFound: 'Role not found.',
  forbiddenEdit: 'You do not have permission to edit this user.',
  forbiddenOutsideUser: 'You do not have permission to edit users who are not on your account.',
  missingUser: 'param is missing or the value is empty: user',
  invalidJson: 'The request body is not valid JSON.',
  bodyTooLarge: 'The request body is too large.',
} as const;
