// What a failed volume create tells the user: what happened, not a guess. A transient fault (429,
// dropped connections, an array that did not answer) is not "No array can take this volume"; an
// unknown outcome says it is unknown; and every remedy offered is one that works from where the
// user is (after an unknown outcome the next plan adopts the fleet's own copy, so no import).

import { CreateOutcomeUnknownError } from '../fleet/clients/create-outcome';
import { CapacityContendedError } from '../fleet/contention';
import { formatExplanation } from '../fleet/placement/explain';
import type { PlacementExplanation } from '../fleet/placement/model';
import { PlacementFailedError } from '../fleet/placement/place-volume';
import { PureApiError } from '../fleet/rest/errors';
import type { Diagnostics } from '../provider/framework/diagnostics';

const describe = (err: unknown): string => (err instanceof Error ? err.message : String(err));

/** Exclusions that say "could not read the array", not "the array cannot take it". */
const UNREADABLE = new Set(['ARRAY_UNREACHABLE', 'STALE_TELEMETRY', 'INVALID_TELEMETRY']);

/** Whether every array was excluded only because it could not be read (a transient condition). */
export function onlyUnreadable(explanation: PlacementExplanation): boolean {
  const eligible = explanation.excluded.filter(
    (e) => e.reason !== 'LABEL_MISMATCH' && e.reason !== 'KIND_MISMATCH' && e.reason !== 'NOT_PINNED',
  );
  return eligible.length > 0 && eligible.every((e) => UNREADABLE.has(e.reason));
}

/** A placement rejection: "no room" only when the arrays were read and said so. */
export function reportRejection(diags: Diagnostics, explanation: PlacementExplanation, note = ''): void {
  if (onlyUnreadable(explanation)) {
    diags.error(
      "Cannot read the fleet's arrays",
      `No eligible array could be read, so nothing was decided (this is usually transient; run the plan again):\n${formatExplanation(explanation)}`,
    );
    return;
  }
  diags.error('No array can take this volume', `${formatExplanation(explanation)}${note}`);
}

export interface CreateContext {
  readonly fleet: string;
  readonly name: string;
  /** The name on the array. */
  readonly backend: string;
}

export function reportCreateFailure(diags: Diagnostics, err: unknown, what: CreateContext): void {
  if (err instanceof CreateOutcomeUnknownError) {
    diags.error('Volume create outcome unknown', err.message);
    return;
  }
  if (err instanceof PlacementFailedError) {
    if (err.failedAttempts.length === 0 && err.explanation) {
      reportRejection(diags, err.explanation);
      return;
    }
    const attempts = err.failedAttempts.map((a) => `  - ${describe(a.error)}`).join('\n');
    const contended = err.failedAttempts.some((a) => a.error instanceof CapacityContendedError);
    diags.error(
      contended
        ? 'No room for this volume: concurrent runs filled the fleet'
        : 'Could not create the volume on any array',
      `No array holds "${what.backend}"; each one tried said so, or had it taken back:\n${attempts}` +
        (err.explanation ? `\nNo other array could take it:\n${formatExplanation(err.explanation)}` : '') +
        (contended
          ? '\nFree space on the arrays (or add one) and apply again.'
          : '\nRun apply again once the arrays recover.'),
    );
    return;
  }
  if (err instanceof PureApiError && err.isAlreadyExists()) {
    diags.error(
      'Volume already exists',
      `An array of the fleet already has an object named "${what.backend}" that this fleet did not create. Import it (terraform import <address> ${what.fleet}/${what.name}), set adopt = true to take it over, or choose another name.`,
      [{ attribute: 'name' }],
    );
    return;
  }
  diags.error('Cannot create the volume', describe(err));
}
