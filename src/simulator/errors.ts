// Pure's error shapes. Purity answers application errors with
// `{"errors":[{"context": <object or parameter>, "message": ...}]}`; the API
// gateway in front of it (Kong) answers 403/429 with `{"message": ...}`.
// Every failure the simulator produces goes through these types so no handler
// can leak a stack trace or a non-Pure body.

export interface PureErrorItem {
  /** The object being processed, or the parameter/field at fault for general errors. */
  context?: string;
  message: string;
}

export type ErrorBodyShape = 'purity' | 'gateway';

export class PureApiError extends Error {
  readonly status: number;
  readonly items: PureErrorItem[];
  readonly shape: ErrorBodyShape;
  readonly headers: Record<string, string>;

  constructor(
    status: number,
    items: PureErrorItem[],
    options: { shape?: ErrorBodyShape; headers?: Record<string, string> } = {},
  ) {
    super(items.map((i) => i.message).join('; '));
    this.status = status;
    this.items = items;
    this.shape = options.shape ?? 'purity';
    this.headers = options.headers ?? {};
  }

  body(): unknown {
    if (this.shape === 'gateway') return { message: this.items[0]?.message ?? 'Error' };
    return {
      errors: this.items.map((i) => (i.context === undefined ? { message: i.message } : { ...i })),
    };
  }
}

export function badRequest(message: string, context?: string): PureApiError {
  return new PureApiError(400, [context === undefined ? { message } : { context, message }]);
}

export function doesNotExist(kind: string, name: string): PureApiError {
  return badRequest(`${kind} does not exist.`, name);
}

export function alreadyExists(kind: string, name: string): PureApiError {
  return badRequest(`${kind} already exists.`, name);
}

export function unauthorized(
  message = 'Authentication failed. Session token is missing, invalid or expired.',
): PureApiError {
  return new PureApiError(401, [{ context: 'x-auth-token', message }]);
}

export function notFound(path: string): PureApiError {
  return new PureApiError(404, [{ context: path, message: 'The requested resource was not found.' }]);
}

export function methodNotAllowed(method: string, path: string): PureApiError {
  return new PureApiError(405, [
    { context: path, message: `Method ${method} is not allowed on this resource.` },
  ]);
}

export function rateLimited(limitPerSecond: number): PureApiError {
  return new PureApiError(429, [{ message: 'API rate limit exceeded' }], {
    shape: 'gateway',
    headers: {
      'x-ratelimit-limit-second': String(limitPerSecond),
      'x-ratelimit-remaining-second': '0',
      'x-ratelimit-limit-minute': String(limitPerSecond * 60),
      'x-ratelimit-remaining-minute': String(limitPerSecond * 30),
      'ratelimit-limit': String(limitPerSecond),
      'ratelimit-remaining': '0',
      'ratelimit-reset': '1',
      'retry-after': '1',
    },
  });
}

export function serverError(status: number, message: string): PureApiError {
  return new PureApiError(status, [{ message }]);
}
