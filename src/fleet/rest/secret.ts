// Credentials held by the REST layer (API tokens, session tokens). A Secret never prints its value:
// not through String(), template literals, JSON.stringify or util.inspect, so a session object or an
// options bag that ends up in a log line or an error shows "[redacted]". The value leaves only
// through reveal(), which the session calls when it builds the one header that needs it.

import { inspect } from 'node:util';

const REDACTED = '[redacted]';

export class Secret {
  readonly #value: string;

  constructor(value: string) {
    this.#value = value;
  }

  /** The credential itself; call only to put it into the header that carries it. */
  reveal(): string {
    return this.#value;
  }

  get isEmpty(): boolean {
    return this.#value.length === 0;
  }

  toString(): string {
    return REDACTED;
  }

  toJSON(): string {
    return REDACTED;
  }

  [inspect.custom](): string {
    return REDACTED;
  }
}

/**
 * Replaces every occurrence of each secret in `text` with "[redacted]". Defence in depth for text
 * that comes from outside (an array's error message, a socket error): nothing the client writes
 * contains a token, but an array echoing a header back must not leak it either.
 */
export function redact(text: string, secrets: readonly (Secret | undefined)[]): string {
  let out = text;
  for (const secret of secrets) {
    if (!secret || secret.isEmpty) continue;
    const value = secret.reveal();
    // Tokens shorter than this are not credentials any array issues; replacing them would garble text.
    if (value.length < 6) continue;
    out = out.split(value).join(REDACTED);
  }
  return out;
}
