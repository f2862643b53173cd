// The registry examples under examples/ as runnable workspaces. Each example directory
// (examples/resources/<type>, examples/data-sources/<type>) holds only what its page shows; the
// provider configuration is examples/provider/provider.tf itself, so every run also exercises the
// provider example. That example reads the roster the way a user's would: one inline `array`
// block (its endpoint a variable, its token from PURE_API_TOKEN_FA_WEST_1) and the rest from a
// PSO values.yaml beside it, with the CA from PURE_CA_FILE. This module supplies those from a
// simulated fleet.

import { copyFileSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RunningFleet } from '../../../src/simulator';
import { loadFleetDescription, psoValues, startFleet } from '../../../src/simulator';
import type { CliName } from '../harness/workspace';
import { Workspace } from '../harness/workspace';

export const EXAMPLES_DIR = join(__dirname, '..', '..', '..', 'examples');
const PROVIDER_EXAMPLE_DIR = join(EXAMPLES_DIR, 'provider');

/** The array examples/provider/provider.tf lists inline; the fleet's others come from values.yaml. */
export const INLINE_ARRAY = 'fa-west-1';
const INLINE_ENDPOINT_VARIABLE = 'fa_west_1_endpoint';
const INLINE_TOKEN_VARIABLE = 'PURE_API_TOKEN_FA_WEST_1';

/** Files of an example directory that are not part of its configuration. */
const IMPORT_BLOCK_FILE = /^import-by-.*\.tf$/;

export interface Example {
  /** e.g. `resources/pure_volume`. */
  readonly name: string;
  readonly dir: string;
  /** The configuration files the page shows (resource*.tf, data-source*.tf). */
  readonly configFiles: readonly string[];
  /** `resource.x` / `data.x.y` addresses the configuration declares. */
  readonly addresses: readonly string[];
  /** `terraform import ADDRESS ID` lines of import.sh. */
  readonly importCommands: readonly { address: string; id: string }[];
  /** import-by-string-id.tf, if there is one, with the addresses its import blocks target. */
  readonly importBlock?: { file: string; addresses: readonly string[] };
}

function declaredAddresses(hcl: string): string[] {
  const out: string[] = [];
  for (const m of hcl.matchAll(/^(resource|data)\s+"([^"]+)"\s+"([^"]+)"/gm)) {
    out.push(m[1] === 'data' ? `data.${m[2]}.${m[3]}` : `${m[2]}.${m[3]}`);
  }
  return out;
}

function loadExample(kind: string, type: string): Example {
  const dir = join(EXAMPLES_DIR, kind, type);
  const entries = readdirSync(dir);
  const configFiles = entries.filter((f) => f.endsWith('.tf') && !IMPORT_BLOCK_FILE.test(f)).sort();
  const addresses = configFiles.flatMap((f) => declaredAddresses(readFileSync(join(dir, f), 'utf8')));
  const importCommands = entries.includes('import.sh')
    ? [...readFileSync(join(dir, 'import.sh'), 'utf8').matchAll(/^terraform import (\S+) (\S+)\s*$/gm)].map(
        (m) => ({ address: m[1] as string, id: m[2] as string }),
      )
    : [];
  const blockFile = entries.find((f) => f === 'import-by-string-id.tf');
  const importBlock = blockFile
    ? {
        file: join(dir, blockFile),
        addresses: [...readFileSync(join(dir, blockFile), 'utf8').matchAll(/^\s*to\s*=\s*(\S+)/gm)].map(
          (m) => m[1] as string,
        ),
      }
    : undefined;
  return { name: `${kind}/${type}`, dir, configFiles, addresses, importCommands, importBlock };
}

/** Every resource and data source example, so one added later is run without a test change. */
export function examples(): Example[] {
  const out: Example[] = [];
  for (const kind of ['resources', 'data-sources']) {
    let types: string[] = [];
    try {
      types = readdirSync(join(EXAMPLES_DIR, kind));
    } catch {
      continue;
    }
    for (const type of types.sort()) out.push(loadExample(kind, type));
  }
  return out;
}

export async function startExamplesFleet(): Promise<RunningFleet> {
  const description = loadFleetDescription(readFileSync(join(__dirname, 'examples-fleet.yaml'), 'utf8'));
  return startFleet(description, { stateDir: mkdtempSync(join(tmpdir(), 'pure-sim-examples-')) });
}

/** A workspace holding the provider example, the example's configuration and the fleet's roster. */
export function exampleWorkspace(cli: CliName, fleet: RunningFleet, example: Example): Workspace {
  const inline = fleet.arrays.find((a) => a.name === INLINE_ARRAY);
  if (!inline) throw new Error(`the examples fleet has no ${INLINE_ARRAY}`);
  const workspace = new Workspace(cli, undefined, {
    [INLINE_TOKEN_VARIABLE]: inline.apiToken,
    PURE_CA_FILE: fleet.caCertPath,
  });
  for (const file of readdirSync(PROVIDER_EXAMPLE_DIR).filter((f) => f.endsWith('.tf'))) {
    copyFileSync(join(PROVIDER_EXAMPLE_DIR, file), join(workspace.dir, file));
  }
  for (const file of example.configFiles) copyFileSync(join(example.dir, file), join(workspace.dir, file));
  writeFileSync(
    join(workspace.dir, 'values.yaml'),
    psoValues(fleet.arrays.filter((a) => a.name !== INLINE_ARRAY)),
  );
  writeFileSync(
    join(workspace.dir, 'simulator.auto.tfvars.json'),
    JSON.stringify({ [INLINE_ENDPOINT_VARIABLE]: inline.mgmtEndpoint }),
  );
  return workspace;
}
