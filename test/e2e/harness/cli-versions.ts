// Which CLI version a run drives, and what that version can do.
//
// A jest run drives one binary per CLI (`setup.clis`, chosen by PURE_TERRAFORM / PURE_TOFU; CI
// runs the whole suite on the newest Terraform and the oldest OpenTofu, then the smoke suites on
// the oldest Terraform and the newest OpenTofu: scripts/test.mjs). Every CLI version already
// built into the tools cache is listed in `setup.available`, so a test that needs a feature some
// versions lack can ask for a version that has it instead of skipping:
//
//   const setup = setupSupporting('tofu', 'generate-config-out');  // throws if none is built
//   const workspace = new Workspace('tofu', setup);
//
// or branch on the run's own binary with `cliSupports(cli, feature)` (e.g. to assert the known
// failure on an old version). Minimum versions live in CLI_FEATURES, one line per feature, with
// the reason.

import type { CliName, E2ESetup } from './workspace';
import { e2eSetup } from './workspace';

export interface CliBinary {
  readonly path: string;
  readonly version: string;
}

/** The lowest version of each CLI that has the feature, as `major.minor.patch`. */
export const CLI_FEATURES = {
  /** `import` blocks in configuration (Terraform 1.5, OpenTofu 1.6). */
  'import-block': { terraform: '1.5.0', tofu: '1.6.0' },
  /**
   * `plan -generate-config-out`. OpenTofu before 1.12.6 crashes generating configuration for a
   * resource with a computed nested attribute (pure_volume.placement), an upstream bug.
   */
  'generate-config-out': { terraform: '1.5.0', tofu: '1.12.6' },
  /** `removed` blocks (Terraform 1.7, OpenTofu 1.7). */
  'removed-block': { terraform: '1.7.0', tofu: '1.7.0' },
} as const satisfies Record<string, Record<CliName, string>>;

export type CliFeature = keyof typeof CLI_FEATURES;

/** `1.6.3-dev` → [1, 6, 3]. */
export function parseCliVersion(text: string): [number, number, number] {
  const [major = 0, minor = 0, patch = 0] = text.split(/[.-]/).map((n) => parseInt(n, 10) || 0);
  return [major, minor, patch];
}

export function versionAtLeast(version: string, minimum: string): boolean {
  const a = parseCliVersion(version);
  const b = parseCliVersion(minimum);
  for (let i = 0; i < 3; i++) {
    if (a[i] !== b[i]) return (a[i] as number) > (b[i] as number);
  }
  return true;
}

/** Whether this run's binary of `cli` has `feature`. */
export function cliSupports(cli: CliName, feature: CliFeature, setup: E2ESetup = e2eSetup()): boolean {
  return versionAtLeast(setup.clis[cli].version, CLI_FEATURES[feature][cli]);
}

/**
 * A setup whose `cli` is one that has `feature`: this run's binary if it does, else the newest
 * built version that does. Throws, naming the command that builds it, when none is built.
 */
export function setupSupporting(cli: CliName, feature: CliFeature, setup: E2ESetup = e2eSetup()): E2ESetup {
  if (cliSupports(cli, feature, setup)) return setup;
  const minimum = CLI_FEATURES[feature][cli];
  const candidates = (setup.available ?? [])
    .filter((b) => b.cli === cli && versionAtLeast(b.version, minimum))
    .sort((x, y) => (versionAtLeast(x.version, y.version) ? -1 : 1));
  const best = candidates[0];
  if (!best) {
    throw new Error(
      `${feature} needs ${cli} >= ${minimum} (this run has ${setup.clis[cli].version}); ` +
        'build the CLI versions CI uses with `node scripts/tools.mjs --all`',
    );
  }
  return { ...setup, clis: { ...setup.clis, [cli]: { path: best.path, version: best.version } } };
}
