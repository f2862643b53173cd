// The example's constructs as CDKTF synthesizes them: the generated bindings map each camelCase
// property to the provider's attribute, and the stack keeps secrets out of the JSON.

import { Testing } from 'cdktf';
import { fleet, provider, volume } from '@pure-fleet/cdktf-provider-pure';
import { FleetStack } from '../src/fleet-stack';
import { FleetVolumes } from '../src/fleet-volumes';
import { VOLUMES } from '../main';

const ARRAYS = [
  { name: 'fa-a1', type: 'flasharray', endpoint: '10.0.0.1', zone: 'a' },
  { name: 'fa-b1', type: 'flasharray', endpoint: '10.0.1.1', zone: 'b' },
] as const;

interface Synthesized {
  resource: { pure_volume: Record<string, Record<string, unknown>> };
  output: Record<string, { value: unknown }>;
  provider: { pure: Record<string, unknown>[] };
  terraform: { required_providers: Record<string, { source: string; version: string }> };
}

describe('FleetVolumes', () => {
  const synthesized = Testing.synthScope((scope) => {
    new FleetVolumes(scope, 'app', { fleetName: 'orders', volumes: VOLUMES });
  });

  it('declares the fleet and every volume with its zone, size and deletion policy', () => {
    expect(synthesized).toHaveResourceWithProperties(fleet.Fleet, { name: 'orders' });
    for (const v of VOLUMES) {
      expect(synthesized).toHaveResourceWithProperties(volume.Volume, {
        name: v.name,
        size: v.size,
        array_labels: { zone: v.zone },
        deletion_policy: v.deletionPolicy,
      });
    }
    const parsed = JSON.parse(synthesized) as Synthesized;
    expect(Object.keys(parsed.resource.pure_volume)).toHaveLength(VOLUMES.length);
  });

  it('puts each volume in the fleet by reference, so Terraform orders them', () => {
    const parsed = JSON.parse(synthesized) as Synthesized;
    for (const v of Object.values(parsed.resource.pure_volume)) {
      expect(v.fleet).toMatch(/^\$\{pure_fleet\.[\w-]+\.name\}$/);
    }
  });

  it('outputs the array and the placement summary of every volume', () => {
    const parsed = JSON.parse(synthesized) as Synthesized;
    const arrays = parsed.output.volume_arrays?.value as Record<string, string>;
    expect(Object.keys(arrays).sort()).toEqual(VOLUMES.map((v) => v.name).sort());
    expect(arrays['scratch']).toMatch(/^\$\{pure_volume\.[\w-]+\.array\}$/);
    const summaries = parsed.output.volume_placement?.value as Record<string, string>;
    expect(summaries['orders-db']).toMatch(/^\$\{pure_volume\.[\w-]+\.placement\.summary\}$/);
  });

  it('refuses the same volume twice', () => {
    expect(() =>
      Testing.synthScope((scope) => {
        new FleetVolumes(scope, 'app', { fleetName: 'x', volumes: [VOLUMES[0]!, VOLUMES[0]!] });
      }),
    ).toThrow(/declared twice/);
  });
});

describe('FleetStack', () => {
  const stack = new FleetStack(Testing.app(), 'fleet', {
    fleetName: 'orders',
    arrays: ARRAYS,
    volumes: VOLUMES,
    caFile: '/etc/pure/ca.pem',
  });
  const synthesized = Testing.synth(stack);

  it('configures the provider with every array and its zone label, and no API token', () => {
    expect(synthesized).toHaveProviderWithProperties(provider.PureProvider, {
      ca_file: '/etc/pure/ca.pem',
      array: ARRAYS.map((a) => ({
        name: a.name,
        type: a.type,
        endpoint: a.endpoint,
        labels: { zone: a.zone },
      })),
    });
    expect(synthesized).not.toMatch(/api_token/);
  });

  it('requires pure-fleet/pure at the version the bindings were generated from', () => {
    const parsed = JSON.parse(synthesized) as Synthesized;
    expect(parsed.terraform.required_providers.pure).toEqual({ source: 'pure-fleet/pure', version: '0.1.0' });
  });

  it('refuses a volume whose zone has no array', () => {
    expect(
      () =>
        new FleetStack(Testing.app(), 'bad', {
          fleetName: 'orders',
          arrays: ARRAYS.filter((a) => a.zone === 'a'),
          volumes: VOLUMES,
        }),
    ).toThrow(/no array is in the zone of orders-db-replica \(zone b\), scratch \(zone b\)/);
  });
});
