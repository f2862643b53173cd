// A placement preview: where a list of volumes would go if they were created now, on the fleet's
// live telemetry, without reserving anything in the process's real ledgers. A throwaway engine
// with the process's policy is fed the same readings, and each request is decided and reserved in
// that engine alone, so earlier requests of the preview count against each array as they would in
// an apply. Terraform creates `parallelism` volumes at once; request i is decided while the
// `parallelism` requests before it are still in flight and the older ones have completed (their
// space still counted, as the apply ledger counts it until a reading shows the volume). Given the
// fleet's prefix, each reading is corrected by the fleet-wide listing as placement corrects it: the
// fleet's recent creates count as reserved until the array shows their data (recent-creates.ts).

import type { ArrayCandidate, PlacementOutcome, PlacementPolicyOverrides } from './placement';
import { PlacementEngine } from './placement';
import { placementRequest, type VolumeRequirements } from './placer';
import { withRecentCreates } from './recent-creates';
import type { FleetVolumeSnapshot, SnapshotOptions } from './volumes';

/** Terraform's and OpenTofu's default `-parallelism`. */
export const DEFAULT_PREVIEW_PARALLELISM = 10;

/** What the preview needs from the fleet connection: its (cached) telemetry. */
export interface PreviewSource {
  readonly telemetry: {
    candidates(options: { readonly signal?: AbortSignal }): Promise<readonly ArrayCandidate[]>;
  };
  /** The fleet-wide listing (cached), for the recent creates. */
  readonly volumes?: { snapshot(prefix: string, options: SnapshotOptions): Promise<FleetVolumeSnapshot> };
}

export interface PreviewOptions {
  readonly policy?: PlacementPolicyOverrides;
  /** Creates in flight at once during the apply being previewed (default 10). */
  readonly parallelism?: number;
  readonly signal?: AbortSignal;
  /** The fleet's name prefix: recent creates with it count as reserved (needs `volumes`). */
  readonly prefix?: string;
}

/**
 * One outcome per request, in order, each with its explanation (ranking and exclusions). Reads the
 * telemetry once per array (the process's cache); changes nothing on the arrays or in the placer.
 * Requests with the same key are previewed as the same volume planned twice: an error.
 */
export async function previewPlacements(
  connection: PreviewSource,
  requests: readonly VolumeRequirements[],
  options: PreviewOptions = {},
): Promise<PlacementOutcome[]> {
  const parallelism = Math.max(1, Math.floor(options.parallelism ?? DEFAULT_PREVIEW_PARALLELISM));
  const candidates = await connection.telemetry.candidates({ signal: options.signal });
  const engine = new PlacementEngine({ policy: options.policy ?? {} });
  const snapshot =
    options.prefix !== undefined && connection.volumes
      ? await connection.volumes.snapshot(options.prefix, { signal: options.signal })
      : undefined;
  const nowMs = Date.now();
  engine.observe(
    snapshot ? candidates.map((c) => withRecentCreates(c, snapshot, engine.policy, nowMs)) : candidates,
  );
  const outcomes: PlacementOutcome[] = [];
  requests.forEach((requirements, i) => {
    // The create `parallelism` places back has finished by the time this one starts.
    const done = outcomes[i - parallelism];
    if (done?.placed) engine.confirm(done.requestKey);
    outcomes.push(engine.chooseAndReserve(placementRequest(requirements, candidates), { explain: true }));
  });
  return outcomes;
}
