// A mixed fleet of two FlashArrays and two FlashBlades, given to the provider as a PSO values
// file in the chart's format (arrays.FlashArrays / arrays.FlashBlades with MgmtEndPoint,
// APIToken, NFSEndPoint — one FlashBlade with the older chart's NfsEndPoint — and
// topology.purestorage.com labels): block volumes land only on FlashArrays, file volumes only on
// FlashBlades, labels constrain both, and the plans after apply are empty. Then the values file
// is rewritten with `localhost:P` for `127.0.0.1:P`, as another PSO user might spell it: each
// volume is found by its array's id and its `array` is updated in place.

import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import type { FleetDescription, RunningArray, RunningFleet } from '../../src/simulator';
import { startFleet } from '../../src/simulator';
import type { CliName, StateResource } from './harness/workspace';
import { CLI_NAMES, Workspace } from './harness/workspace';
import { TERRAFORM_BLOCK } from './support/file-fleet';

jest.setTimeout(300_000);

const ZONE = 'topology.purestorage.com/zone';
const REGION = 'topology.purestorage.com/region';
const COMMON = {
  capacity: '100TiB',
  preexistingUsed: 0.1,
  dataReductionRatio: 1,
  load: { profile: 'steady', utilization: 0.1 },
} as const;
const FLEET: FleetDescription = {
  name: 'mixed',
  arrays: [
    { ...COMMON, type: 'flasharray', name: 'fa-a', labels: { [ZONE]: 'a', [REGION]: 'r1' } },
    { ...COMMON, type: 'flasharray', name: 'fa-b', labels: { [ZONE]: 'b', [REGION]: 'r1' } },
    {
      ...COMMON,
      type: 'flashblade',
      name: 'fb-a',
      labels: { [ZONE]: 'a', [REGION]: 'r1' },
      nfsEndpoint: '10.1.0.1',
    },
    {
      ...COMMON,
      type: 'flashblade',
      name: 'fb-b',
      labels: { [ZONE]: 'b', [REGION]: 'r1' },
      nfsEndpoint: '10.1.0.2',
    },
  ],
};

/** The values.yaml the PSO chart documents; `host` respells every MgmtEndPoint. */
function psoValuesFile(fleet: RunningFleet, host = '127.0.0.1'): string {
  const endpoint = (a: RunningArray): string => a.mgmtEndpoint.replace(/^127\.0\.0\.1/, host);
  const blades = fleet.arrays.filter((a) => a.type === 'flashblade');
  const values = {
    clusterID: 'mixed',
    arrays: {
      FlashArrays: fleet.arrays
        .filter((a) => a.type === 'flasharray')
        .map((a) => ({ MgmtEndPoint: endpoint(a), APIToken: a.apiToken, Labels: a.labels })),
      FlashBlades: blades.map((a, i) => ({
        MgmtEndPoint: endpoint(a),
        APIToken: a.apiToken,
        // The first in the current chart's spelling, the second in the older Flex chart's.
        [i === 0 ? 'NFSEndPoint' : 'NfsEndPoint']: a.nfsEndpoint,
        Labels: a.labels,
      })),
    },
    flashblade: { exportRules: '' },
  };
  return stringify(values);
}

function volumes(label: string, count: number, kind: 'block' | 'file', zone?: string): string {
  const labels = zone ? `\n  array_labels = { "${ZONE}" = "${zone}" }` : '';
  const rules = kind === 'file' ? `\n  export_rules = "10.0.0.0/16(rw)"` : '';
  return `resource "pure_volume" "${label}" {\n  count = ${count}\n  fleet = pure_fleet.f.name\n  name  = "${label}\${count.index}"\n  kind  = "${kind}"\n  size  = "10G"${labels}${rules}\n}\n`;
}

describe.each(CLI_NAMES)('a mixed PSO fleet with %s', (cli: CliName) => {
  let fleet: RunningFleet;
  let workspace: Workspace;
  let valuesFile: string;
  let config: string;
  const simName = new Map<string, string>();

  beforeAll(async () => {
    fleet = await startFleet(FLEET, { stateDir: mkdtempSync(join(tmpdir(), 'pure-sim-')) });
    for (const a of fleet.arrays) {
      simName.set(a.mgmtEndpoint, a.name);
      simName.set(a.mgmtEndpoint.replace(/^127\.0\.0\.1/, 'localhost'), a.name);
    }
    workspace = new Workspace(cli);
    valuesFile = join(workspace.dir, 'values.yaml');
    writeFileSync(valuesFile, psoValuesFile(fleet));
    config =
      TERRAFORM_BLOCK +
      `provider "pure" {\n  pso_values_file = "${valuesFile}"\n  ca_file = "${fleet.caCertPath}"\n}\nresource "pure_fleet" "f" {\n  name = "mixed"\n}\n` +
      volumes('blk', 3, 'block') +
      volumes('fil', 3, 'file') +
      volumes('blka', 2, 'block', 'a') +
      volumes('filb', 2, 'file', 'b');
    workspace.writeConfig(config);
    await workspace.init();
  });

  afterAll(async () => {
    workspace?.dispose();
    await fleet?.stop();
  });

  const arraysOf = (state: StateResource[], label: string): string[] =>
    state
      .filter((r) => r.address.startsWith(`pure_volume.${label}[`))
      .map((r) => simName.get(r.values.array as string) ?? `unknown ${String(r.values.array)}`);

  it('places block volumes on FlashArrays and file volumes on FlashBlades, within their labels', async () => {
    const state = await workspace.applyStep(config);
    expect(arraysOf(state, 'blk')).toHaveLength(3);
    expect(arraysOf(state, 'blk').every((a) => a.startsWith('fa-'))).toBe(true);
    expect(arraysOf(state, 'fil')).toHaveLength(3);
    expect(arraysOf(state, 'fil').every((a) => a.startsWith('fb-'))).toBe(true);
    expect(arraysOf(state, 'blka')).toEqual(['fa-a', 'fa-a']);
    expect(arraysOf(state, 'filb')).toEqual(['fb-b', 'fb-b']);
    const file = state.find((r) => r.address === 'pure_volume.filb[0]') as StateResource;
    expect(file.values.mount_path).toBe(`10.1.0.2:/${file.values.backend_name as string}`);
    const placement = file.values.placement as { excluded: { array: string; reason: string }[] };
    const reasons = Object.fromEntries(placement.excluded.map((e) => [simName.get(e.array), e.reason]));
    expect(reasons).toEqual({ 'fa-a': 'KIND_MISMATCH', 'fa-b': 'KIND_MISMATCH', 'fb-a': 'LABEL_MISMATCH' });
  });

  it('follows the arrays by identity when the values file respells their endpoints', async () => {
    writeFileSync(valuesFile, psoValuesFile(fleet, 'localhost'));
    const plan = await workspace.planJson();
    const volumeChanges = (plan.resource_changes ?? []).filter((c) => c.address.startsWith('pure_volume.'));
    expect(volumeChanges).toHaveLength(10);
    for (const change of volumeChanges) {
      expect(change.change.actions).toEqual(['update']);
      expect(String(change.change.after.array)).toMatch(/^localhost:\d+$/);
    }
    const state = await workspace.applyStep();
    expect(arraysOf(state, 'blka')).toEqual(['fa-a', 'fa-a']);
    expect(arraysOf(state, 'filb')).toEqual(['fb-b', 'fb-b']);
    expect(
      state
        .filter((r) => r.address.startsWith('pure_volume.'))
        .every((r) => /^localhost:/.test(String(r.values.array))),
    ).toBe(true);
  });

  it('destroys everything it created', async () => {
    await workspace.destroy();
    expect(await workspace.state()).toEqual([]);
  });
});
