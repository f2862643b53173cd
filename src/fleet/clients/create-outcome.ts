// The never-blind-create rule, for any object created by name (FlashArray volumes, FlashBlade file
// systems). A create whose answer never came (timeout, reset, 5xx) may or may not have landed. That
// is resolved on the same array, never guessed: trying another array after an unknown outcome is
// how one volume ends up on three arrays. Repeating the create on the SAME array is safe, because
// the array refuses a second object of that name.
//
// 1. Send the create. An answer (success or a 4xx refusal) is final.
// 2. After an unknown outcome, ask the array whether the object exists, repeating the question with
//    backoff (lookups are reads) until it answers or the resolve budget runs out.
//    - There: the create landed; it is returned.
//    - Absent: send the create again on this array (at most `maxSends` in all); "already exists" now
//      means an earlier send landed late, so the array is asked once more.
// 3. A refusal of a repeated create is "not created" only once a lookup after it also says absent.
// 4. Anything else ends in CreateOutcomeUnknownError: the array could not tell us, so the object may
//    exist there. The caller must not try another array; the next plan reads the fleet and settles
//    it (an object carrying the fleet's mark is adopted).

import {
  AuthenticationError,
  OutcomeUnknownError,
  PureApiError,
  RequestAbortedError,
  TlsVerificationError,
} from '../rest/errors';
import { DEFAULT_RETRY_POLICY, backoffDelayMs } from '../rest/retry';
import { realSleep } from '../rest/session';

/** How a create ended: the object made by this call, or found by name after an unknown outcome. */
export type CreateOutcome = 'created' | 'found-after-unknown-outcome';

/** Default time to resolve an unknown outcome, ms (from the first unknown answer). */
export const DEFAULT_RESOLVE_BUDGET_MS = 30_000;

/**
 * A create got no answer and the array could not say afterwards whether the object exists. Nothing
 * was tried elsewhere. Not an "array problem": placement must stop here.
 */
export class CreateOutcomeUnknownError extends Error {
  constructor(
    readonly array: string,
    /** e.g. `volume "prod-db1"`. */
    readonly object: string,
    /** Why the question went unanswered. */
    readonly reason: string,
    readonly elapsedMs: number,
  ) {
    super(
      `${array}: the create of ${object} got no answer, and for ${Math.round(elapsedMs / 1000)} s the array could not say whether it exists (${reason}). ` +
        `It may exist on ${array} now; it was not tried on any other array. ` +
        `Run the plan again once ${array} answers: it reads the fleet and settles it (a copy carrying this fleet's mark is adopted, a missing one is created; where the array keeps no ownership tags, the plan asks for adopt = true).`,
    );
    this.name = 'CreateOutcomeUnknownError';
  }
}

/** A create that did not answer: no answer at all, or a 5xx (which the array may have sent after acting). */
export function isUnknownCreateOutcome(err: unknown): boolean {
  return err instanceof OutcomeUnknownError || (err instanceof PureApiError && err.status >= 500);
}

/** A lookup failure worth asking again about: the array may answer the next time. */
function lookupMayAnswerLater(err: unknown): boolean {
  if (err instanceof RequestAbortedError || err instanceof TlsVerificationError) return false;
  if (err instanceof AuthenticationError) return false;
  if (err instanceof PureApiError) return err.status >= 500 || err.status === 429;
  return true; // unreachable, reset, timed out
}

const describe = (err: unknown): string => (err instanceof Error ? err.message : String(err));

export interface CreateSteps<T> {
  /** The array's roster name, for messages. */
  readonly array: string;
  /** What is created, for messages: `volume "prod-db1"`. */
  readonly object: string;
  readonly create: () => Promise<T>;
  /** The object by name, or undefined when the array says it has none. */
  readonly lookup: () => Promise<T | undefined>;
  readonly onUnknownOutcome?: (err: unknown) => void;
  /** Time allowed to resolve an unknown outcome, ms. */
  readonly resolveBudgetMs?: number;
  /** Creates sent at most, on this array. Default 3. */
  readonly maxSends?: number;
  readonly signal?: AbortSignal;
  readonly sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  readonly now?: () => number;
  readonly random?: () => number;
}

type Lookup<T> = { readonly found: T } | { readonly absent: true };

export async function createWithExistenceCheck<T>(
  steps: CreateSteps<T>,
): Promise<{ readonly object: T; readonly outcome: CreateOutcome }> {
  const now = steps.now ?? Date.now;
  const sleep = steps.sleep ?? realSleep;
  const random = steps.random ?? Math.random;
  const budgetMs = steps.resolveBudgetMs ?? DEFAULT_RESOLVE_BUDGET_MS;
  const maxSends = steps.maxSends ?? 3;
  let startedAt: number | undefined;
  let lastUnknown: unknown;

  const unknownError = (reason: string): CreateOutcomeUnknownError =>
    new CreateOutcomeUnknownError(steps.array, steps.object, reason, now() - (startedAt ?? now()));

  /** Asks the array until it answers; throws CreateOutcomeUnknownError when it never does. */
  const resolve = async (): Promise<Lookup<T>> => {
    startedAt ??= now();
    for (let attempt = 0; ; attempt += 1) {
      try {
        const found = await steps.lookup();
        return found === undefined ? { absent: true } : { found };
      } catch (err) {
        if (!lookupMayAnswerLater(err)) throw unknownError(`the existence check failed: ${describe(err)}`);
        const wait = backoffDelayMs(attempt, DEFAULT_RETRY_POLICY, random);
        if (now() - startedAt + wait > budgetMs)
          throw unknownError(`the existence check failed: ${describe(err)}`);
        try {
          await sleep(wait, steps.signal);
        } catch {
          throw unknownError('the operation was cancelled while checking');
        }
      }
    }
  };

  for (let sends = 1; ; sends += 1) {
    try {
      return { object: await steps.create(), outcome: 'created' };
    } catch (err) {
      if (sends === 1 && !isUnknownCreateOutcome(err)) throw err; // an answer: final
      const lateLanding = err instanceof PureApiError && err.isAlreadyExists();
      if (isUnknownCreateOutcome(err)) {
        lastUnknown = err;
        steps.onUnknownOutcome?.(err);
      }
      const looked = await resolve();
      if ('found' in looked) return { object: looked.found, outcome: 'found-after-unknown-outcome' };
      if (lateLanding) throw unknownError('the array says the name is taken but shows no object by it');
      // A repeated create refused for a reason of its own, and the object is absent: not created.
      if (!isUnknownCreateOutcome(err)) throw err;
      if (sends >= maxSends || now() - (startedAt ?? now()) >= budgetMs) {
        // Absent now, but the last send may still land: that is not a known "not created".
        throw unknownError(
          `it was absent when last checked, but ${sends} create(s) went unanswered (last: ${describe(lastUnknown)}) and may still land`,
        );
      }
    }
  }
}

/**
 * For an object several runs (or volumes of one run) may need at the same moment, such as a
 * fleet's protection group or policy for a schedule: created, or, when the array answers that it
 * already exists (another caller made it meanwhile), the existing one, taken as it is.
 */
export async function createOrTakeExisting<T>(
  create: () => Promise<T>,
  lookup: () => Promise<T | undefined>,
): Promise<T> {
  try {
    return await create();
  } catch (err) {
    if (!(err instanceof PureApiError && err.isAlreadyExists())) throw err;
    const existing = await lookup();
    if (!existing) throw err;
    return existing;
  }
}
