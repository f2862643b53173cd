// toBeValidTerraform runs the real `terraform init` (pure-fleet/pure from the local mirror, see
// setup.cjs) and `terraform validate` over the synthesized stack, so the provider itself checks
// the configuration the bindings produced.

import { Testing } from 'cdktf';
import { FleetStack } from '../src/fleet-stack';
import type { VolumeSpec } from '../src/fleet-volumes';
import { VOLUMES } from '../main';

jest.setTimeout(120_000);

const ARRAYS = [
  { name: 'fa-a1', type: 'flasharray', endpoint: '10.0.0.1', zone: 'a' },
  { name: 'fa-b1', type: 'flasharray', endpoint: '10.0.1.1', zone: 'b' },
] as const;

function synthesizedStack(volumes: readonly VolumeSpec[]): string {
  const stack = new FleetStack(Testing.app(), 'fleet', { fleetName: 'orders', arrays: ARRAYS, volumes });
  return Testing.fullSynth(stack);
}

describe('the synthesized stack', () => {
  it('is valid Terraform for the provider installed from the mirror', () => {
    expect(synthesizedStack(VOLUMES)).toBeValidTerraform();
  });

  it('is refused by the provider when a value is out of range', () => {
    // The types rule this out in TypeScript; a JavaScript caller can still get it wrong.
    const bad = { ...VOLUMES[0]!, deletionPolicy: 'shred' } as unknown as VolumeSpec;
    expect(synthesizedStack([bad])).not.toBeValidTerraform();
  });
});
