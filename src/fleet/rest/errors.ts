// Errors from the arrays' REST APIs, shaped after what Pure returns: 400 with
// `errors[{context, message}]` for both "does not exist" and "already exists". Messages name the
// array and the endpoint (never the query string), never a token, and no error carries the HTTP
// library's request object (whose headers hold the credentials).

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

  /** The gateway refused the request (429) and the retries or their time budget ran out. */
  isRateLimited(): boolean {
    return this.status === 429;
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
 * The array's certificate did not verify against the configured CA bundle (or the system's). Never
 * retried: it will not verify on a second try either. An ArrayUnreachableError, so callers that
 * only care whether the array answered need not know the difference.
 */
export class TlsVerificationError extends ArrayUnreachableError {
  constructor(
    array: string,
    readonly code: string,
  ) {
    super(
      array,
      `TLS certificate not trusted (${code}); give the CA bundle that signs the array's certificate`,
    );
    this.name = 'TlsVerificationError';
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

/** The caller's AbortSignal fired before the request (or a wait between retries) finished. */
export class RequestAbortedError extends Error {
  constructor(
    readonly array: string,
    readonly method: string,
    readonly endpoint: string,
  ) {
    super(`${array}: ${method} ${endpoint}: aborted by the caller`);
    this.name = 'RequestAbortedError';
  }
}

/** The array's negotiated REST version lacks something the client needs. */
export class UnsupportedApiVersionError extends Error {
  constructor(
    readonly array: string,
    readonly apiVersion: string,
    readonly minimum: string,
    readonly feature: string,
  ) {
    super(`${array}: ${feature} needs REST ${minimum} or later; the array offers ${apiVersion} at most`);
    this.name = 'UnsupportedApiVersionError';
  }
}

/** True for errors that mean "could not talk to the array", as opposed to "the array said no". */
export function isUnreachable(err: unknown): boolean {
  return err instanceof ArrayUnreachableError;
}
