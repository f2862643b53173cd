// The example deployed for real: synthesized by CDKTF, applied by terraform and tofu against a
// simulated fleet in two zones over HTTPS, then checked on the arrays themselves, re-planned
// (nothing to do) and destroyed, each volume as its deletion policy says.

import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FleetDescription, RunningFleet } from '../../../src/simulator';
import { startFleet } from '../../../src/simulator';
import type { CliName } from '../../../test/e2e/harness/workspace';
import { CLI_NAMES, Workspace } from '../../../test/e2e/harness/workspace';
import { TestHttpClient } from '../../../test/integration/simulator/support/http';
import { PureSession } from '../../../test/integration/simulator/support/session';
import { VOLUMES, synthesize } from '../main';

jest.setTimeout(300_000);

const ARRAY = {
  type: 'flasharray',
  capacity: '10TiB',
  load: { profile: 'steady', utilization: 0.1 },
} as const;
const FLEET: FleetDescription = {
  name: 'cdktf',
  arrays: [
    { ...ARRAY, name: 'fa-a1', labels: { zone: 'a' } },
    { ...ARRAY, name: 'fa-a2', labels: { zone: 'a' } },
    { ...ARRAY, name: 'fa-b1', labels: { zone: 'b' } },
    { ...ARRAY, type: 'flashblade', name: 'fb-b1', labels: { zone: 'b' }, nfsEndpoint: '10.20.0.1' },
  ],
};
const BYTES: Record<string, number> = { G: 1024 ** 3, T: 1024 ** 4 };
const bytes = (size: string): number => Number.parseInt(size, 10) * (BYTES[size.slice(-1)] as number);

interface ArrayVolume {
  readonly array: string;
  readonly name: string;
  readonly provisioned: number;
  readonly destroyed: boolean;
}

/** Every volume of the `orders` fleet on every array, as the arrays' REST API lists it. */
async function volumesOnArrays(fleet: RunningFleet): Promise<ArrayVolume[]> {
  const http = new TestHttpClient(fleet.caCertPem);
  try {
    const found: ArrayVolume[] = [];
    for (const array of fleet.arrays) {
      // Not re-checked against the OpenAPI specs here: the simulator's conformance tests do that.
      const flashblade = array.type === 'flashblade';
      const session = new PureSession(http, array, flashblade ? '2.28' : '2.56', false);
      await session.login();
      for (const v of await session.items(flashblade ? 'file-systems' : 'volumes')) {
        if (typeof v.name === 'string' && v.name.startsWith('orders-')) {
          found.push({
            array: array.name,
            name: v.name,
            provisioned: v.provisioned as number,
            destroyed: v.destroyed === true,
          });
        }
      }
    }
    return found.sort((a, b) => a.name.localeCompare(b.name));
  } finally {
    http.agent.destroy();
  }
}

describe.each(CLI_NAMES)('the CDKTF example deployed with %s', (cli: CliName) => {
  let fleet: RunningFleet;
  let workspace: Workspace;
  let outdir: string;

  beforeAll(async () => {
    fleet = await startFleet(FLEET, { stateDir: mkdtempSync(join(tmpdir(), 'pure-sim-')) });
    // Tokens reach the provider from the environment, never through the synthesized JSON.
    const tokens = Object.fromEntries(
      fleet.arrays.map((a) => [
        `PURE_API_TOKEN_${a.name.toUpperCase().replace(/[^A-Z0-9]/g, '_')}`,
        a.apiToken,
      ]),
    );
    workspace = new Workspace(cli, undefined, tokens);
    outdir = mkdtempSync(join(tmpdir(), 'pure-cdktf-out-'));
    synthesize(
      {
        caFile: fleet.caCertPath,
        arrays: fleet.arrays.map((a) => ({
          name: a.name,
          type: a.type,
          endpoint: a.mgmtEndpoint,
          zone: a.labels.zone as string,
          nfsEndpoint: a.nfsEndpoint,
        })),
      },
      outdir,
    );
    // What `cdktf deploy` runs terraform on: the stack's directory in the synth output.
    copyFileSync(join(outdir, 'stacks', 'fleet', 'cdk.tf.json'), join(workspace.dir, 'cdk.tf.json'));
    await workspace.init();
  });

  afterAll(async () => {
    workspace?.dispose();
    if (outdir) rmSync(outdir, { recursive: true, force: true });
    await fleet?.stop();
  });

  it('applies, then plans nothing, with every volume in its zone and where the output says', async () => {
    // applyStep: apply, then `plan -refresh=false` and `plan` must both be empty.
    const state = await workspace.applyStep();
    const outputs = JSON.parse((await workspace.run(['output', '-json'])).stdout) as Record<
      string,
      { value: Record<string, string> }
    >;
    const where = outputs.volume_arrays?.value ?? {};
    expect(Object.keys(where).sort()).toEqual(VOLUMES.map((v) => v.name).sort());
    const zoneOf = Object.fromEntries(FLEET.arrays.map((a) => [a.name, a.labels?.zone]));
    for (const v of VOLUMES) expect(zoneOf[where[v.name] as string]).toBe(v.zone);
    expect(Object.values(outputs.volume_placement?.value ?? {}).every((s) => s.length > 0)).toBe(true);

    const onArrays = await volumesOnArrays(fleet);
    expect(onArrays).toEqual(
      VOLUMES.map((v) => ({
        array: where[v.name],
        name: `orders-${v.name}`,
        provisioned: bytes(v.size),
        destroyed: false,
      })).sort((a, b) => a.name.localeCompare(b.name)),
    );
    expect(state.filter((r) => r.type === 'pure_volume')).toHaveLength(VOLUMES.length);
  });

  it('destroys each volume as its deletion policy says', async () => {
    const before = await volumesOnArrays(fleet);
    await workspace.destroy();
    expect(await workspace.state()).toEqual([]);
    const after = Object.fromEntries((await volumesOnArrays(fleet)).map((v) => [v.name, v]));
    for (const v of VOLUMES) {
      const name = `orders-${v.name}`;
      const was = before.find((b) => b.name === name);
      if (v.deletionPolicy === 'eradicate') expect(after[name]).toBeUndefined();
      if (v.deletionPolicy === 'delete') expect(after[name]).toEqual({ ...was, destroyed: true });
      if (v.deletionPolicy === 'orphan') expect(after[name]).toEqual(was);
    }
    // The example covers all three policies.
    expect(new Set(VOLUMES.map((v) => v.deletionPolicy))).toEqual(new Set(['delete', 'eradicate', 'orphan']));
  });
});
