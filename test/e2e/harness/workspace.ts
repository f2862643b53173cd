// Drives the real terraform and tofu CLIs the way terraform-plugin-testing does: each config
// step applies, then requires `plan -refresh=false` and `plan` to be empty; import steps compare
// the imported attributes with the applied ones; assertions read `show -json`.

import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export type CliName = 'terraform' | 'tofu';

export interface E2ESetup {
  readonly mirror: string;
  readonly cliConfig: string;
  readonly version: string;
  /** The binary of each CLI this run drives (PURE_TERRAFORM / PURE_TOFU, else found or built). */
  readonly clis: Record<CliName, { path: string; version: string }>;
  /** Every CLI version built into the tools cache; cli-versions.ts picks from these. */
  readonly available?: readonly { cli: CliName; path: string; version: string }[];
}

export function e2eSetup(): E2ESetup {
  return JSON.parse(
    readFileSync(join(__dirname, '..', '..', '..', '.cache', 'e2e', 'setup.json'), 'utf8'),
  ) as E2ESetup;
}

/**
 * The CLIs every e2e suite runs on, one binary each per run. Which versions those are, and how a
 * test needs a minimum version (e.g. `plan -generate-config-out` on OpenTofu), is in
 * ./cli-versions.ts (`cliSupports`, `setupSupporting`, `CLI_FEATURES`).
 */
export const CLI_NAMES: readonly CliName[] = ['terraform', 'tofu'];

export interface RunResult {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

export class CliError extends Error {
  constructor(
    readonly args: readonly string[],
    readonly result: RunResult,
  ) {
    super(
      `${args.join(' ')} exited with ${result.code}\n--- stdout\n${result.stdout}\n--- stderr\n${result.stderr}`,
    );
  }
}

/** Flattens state attributes to `a.b.0.c = value` strings, as ImportStateVerify compares them. */
export function flatten(value: unknown, prefix = ''): Record<string, string> {
  const out: Record<string, string> = {};
  if (value === null || value === undefined) return out;
  if (Array.isArray(value)) {
    out[`${prefix}#`] = String(value.length);
    value.forEach((v, i) => Object.assign(out, flatten(v, `${prefix}${i}.`)));
  } else if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>);
    if (prefix !== '') out[`${prefix}%`] = String(entries.length);
    for (const [k, v] of entries) Object.assign(out, flatten(v, `${prefix}${k}.`));
  } else {
    out[prefix.replace(/\.$/, '')] = String(value);
  }
  return out;
}

export interface StateResource {
  readonly address: string;
  readonly type: string;
  readonly name: string;
  readonly values: Record<string, unknown>;
  readonly sensitive_values?: Record<string, unknown>;
}

export class Workspace {
  readonly dir: string;

  constructor(
    readonly cli: CliName,
    private readonly setup: E2ESetup = e2eSetup(),
    private readonly extraEnv: NodeJS.ProcessEnv = {},
  ) {
    this.dir = mkdtempSync(join(tmpdir(), `pure-e2e-${cli}-`));
  }

  get binary(): string {
    return this.setup.clis[this.cli].path;
  }

  writeConfig(hcl: string, file = 'main.tf'): void {
    writeFileSync(join(this.dir, file), hcl);
  }

  env(): NodeJS.ProcessEnv {
    return {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      TF_CLI_CONFIG_FILE: this.setup.cliConfig,
      TF_IN_AUTOMATION: '1',
      CHECKPOINT_DISABLE: '1',
      ...(process.env.PURE_E2E_TF_LOG
        ? { TF_LOG: process.env.PURE_E2E_TF_LOG, TF_LOG_PATH: join(this.dir, 'tf.log') }
        : {}),
      ...this.extraEnv,
    };
  }

  run(
    args: readonly string[],
    options: { allowFailure?: boolean; env?: NodeJS.ProcessEnv } = {},
  ): Promise<RunResult> {
    return new Promise((resolve, reject) => {
      const child = spawn(this.binary, [...args], { cwd: this.dir, env: { ...this.env(), ...options.env } });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
      child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
      child.on('error', reject);
      child.on('close', (code) => {
        const result = { code, stdout, stderr };
        if (code !== 0 && !options.allowFailure) reject(new CliError(args, result));
        else resolve(result);
      });
    });
  }

  init(): Promise<RunResult> {
    return this.run(['init', '-input=false', '-no-color']);
  }

  validate(): Promise<RunResult> {
    return this.run(['validate', '-no-color']);
  }

  apply(extra: readonly string[] = []): Promise<RunResult> {
    return this.run(['apply', '-auto-approve', '-input=false', '-no-color', ...extra]);
  }

  destroy(): Promise<RunResult> {
    return this.run(['destroy', '-auto-approve', '-input=false', '-no-color']);
  }

  /** `plan -detailed-exitcode`: 0 means no changes, 2 means changes. */
  async plan(extra: readonly string[] = []): Promise<RunResult> {
    const result = await this.run(['plan', '-input=false', '-no-color', '-detailed-exitcode', ...extra], {
      allowFailure: true,
    });
    if (result.code !== 0 && result.code !== 2) throw new CliError(['plan', ...extra], result);
    return result;
  }

  async planJson(extra: readonly string[] = []): Promise<{
    resource_changes?: {
      address: string;
      change: {
        actions: string[];
        before?: Record<string, unknown> | null;
        after: Record<string, unknown>;
        after_unknown: Record<string, unknown>;
      };
    }[];
  }> {
    await this.run(['plan', '-input=false', '-no-color', '-out=tfplan', ...extra]);
    const shown = await this.run(['show', '-json', 'tfplan']);
    return JSON.parse(shown.stdout);
  }

  async state(): Promise<StateResource[]> {
    const shown = await this.run(['show', '-json']);
    const parsed = JSON.parse(shown.stdout) as { values?: { root_module?: { resources?: StateResource[] } } };
    return parsed.values?.root_module?.resources ?? [];
  }

  async resource(address: string): Promise<StateResource> {
    const found = (await this.state()).find((r) => r.address === address);
    if (!found) throw new Error(`${address} is not in state`);
    return found;
  }

  /**
   * A config step in the terraform-plugin-testing sense: apply, then both an un-refreshed and a
   * refreshed plan must be empty. Returns the state after apply.
   */
  async applyStep(hcl?: string): Promise<StateResource[]> {
    if (hcl !== undefined) this.writeConfig(hcl);
    await this.apply();
    for (const extra of [['-refresh=false'], []]) {
      const plan = await this.plan(extra);
      if (plan.code !== 0)
        throw new Error(`plan ${extra.join(' ')} after apply is not empty:\n${plan.stdout}`);
    }
    return this.state();
  }

  /**
   * An import step: import `id` into a fresh state with the same configuration and compare the
   * flattened attributes with `expected` (minus `ignore`).
   */
  async importStep(
    address: string,
    id: string,
    expected: StateResource,
    ignore: readonly string[] = [],
  ): Promise<void> {
    const fresh = new Workspace(this.cli, this.setup, this.extraEnv);
    try {
      for (const file of readdirSync(this.dir).filter((f) => /\.tf$|\.tfvars(\.json)?$/.test(f))) {
        fresh.writeConfig(readFileSync(join(this.dir, file), 'utf8'), file);
      }
      await fresh.init();
      await fresh.run(['import', '-input=false', '-no-color', address, id]);
      const imported = await fresh.resource(address);
      const strip = (flat: Record<string, string>): Record<string, string> =>
        Object.fromEntries(
          Object.entries(flat).filter(([k]) => !ignore.some((i) => k === i || k.startsWith(`${i}.`))),
        );
      expect(strip(flatten(imported.values))).toEqual(strip(flatten(expected.values)));
    } finally {
      fresh.dispose();
    }
  }

  dispose(): void {
    if (process.env.PURE_E2E_KEEP !== '1') rmSync(this.dir, { recursive: true, force: true });
  }
}
