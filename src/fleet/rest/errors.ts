// Errors from the arrays' REST APIs, shaped after what Pure returns: 400 with
// `errors[{context, message}]` for both "does not exist" and "already exists". Messages name the
// array and the endpoint, never a token.

export interface PureErrorItem {
  readonly context?: string | null;
  readonly message: string;
}

export class PureApiError extends Error {
  constructor(
    readonly array: string,
    readonly method: string,
    readonly endpoint: string,
    readonly status: number,
    readonly items: readonly PureErrorItem[],
    readonly requestId?: string,
  ) {
    const detail =
      items.length > 0
        ? items.map((i) => (i.context ? `${i.context}: ${i.message}` : i.message)).join('; ')
        : `HTTP ${status}`;
    super(`${array}: ${method} ${endpoint} failed (${status}): ${detail}`);
    this.name = 'PureApiError';
  }

  /** Pure answers 400 for a missing object; clients match the message, as Cinder and LXD do. */
  isNotFound(): boolean {
    return (
      this.status === 404 ||
      (this.status === 400 && this.items.some((i) => /does not exist|no such/i.test(i.message)))
    );
  }

  isAlreadyExists(): boolean {
    return this.status === 400 && this.items.some((i) => /already exists/i.test(i.message));
  }
}

/** The array could not be reached at all (refused, reset, timed out, TLS failure). */
export class ArrayUnreachableError extends Error {
  constructor(
    readonly array: string,
    readonly reason: string,
  ) {
    super(`${array}: unreachable: ${reason}`);
    this.name = 'ArrayUnreachableError';
  }
}

/**
 * A request that changes something got no answer: it may or may not have taken effect. Never
 * retried blindly; the caller checks whether the object exists.
 */
export class OutcomeUnknownError extends Error {
  constructor(
    readonly array: string,
    readonly method: string,
    readonly endpoint: string,
    readonly reason: string,
  ) {
    super(`${array}: ${method} ${endpoint}: no answer (${reason}); the change may or may not have been made`);
    this.name = 'OutcomeUnknownError';
  }
}

export class AuthenticationError extends Error {
  constructor(
    readonly array: string,
    readonly reason: string,
  ) {
    super(`${array}: authentication failed: ${reason}`);
    this.name = 'AuthenticationError';
  }
}
