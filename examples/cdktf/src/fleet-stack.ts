// A whole deployment: the provider's roster of arrays (each labelled with its zone) and the
// application's volumes. API tokens are not part of the stack: the provider reads each array's
// token from PURE_API_TOKEN_<NAME> when it runs, so none is ever written to the synthesized JSON.

import { TerraformStack } from 'cdktf';
import type { Construct } from 'constructs';
import { provider } from '@pure-fleet/cdktf-provider-pure';
import type { VolumeSpec } from './fleet-volumes';
import { FleetVolumes } from './fleet-volumes';

export interface ArraySpec {
  readonly name: string;
  readonly type: 'flasharray' | 'flashblade';
  /** Management address: `host`, `host:port` or an https URL. */
  readonly endpoint: string;
  readonly zone: string;
  /** FlashBlade data VIP, for file volumes. */
  readonly nfsEndpoint?: string;
}

export interface FleetStackProps {
  readonly fleetName: string;
  readonly arrays: readonly ArraySpec[];
  readonly volumes: readonly VolumeSpec[];
  /** PEM bundle that signs the arrays' management certificates. */
  readonly caFile?: string;
}

export class FleetStack extends TerraformStack {
  readonly app: FleetVolumes;

  constructor(scope: Construct, id: string, props: FleetStackProps) {
    super(scope, id);
    const zones = new Set(props.arrays.map((a) => a.zone));
    const homeless = props.volumes.filter((v) => !zones.has(v.zone)).map((v) => `${v.name} (zone ${v.zone})`);
    if (homeless.length > 0) throw new Error(`no array is in the zone of ${homeless.join(', ')}`);
    new provider.PureProvider(this, 'pure', {
      caFile: props.caFile,
      array: props.arrays.map((a) => ({
        name: a.name,
        type: a.type,
        endpoint: a.endpoint,
        labels: { zone: a.zone },
        nfsEndpoint: a.nfsEndpoint,
      })),
    });
    this.app = new FleetVolumes(this, 'app', { fleetName: props.fleetName, volumes: props.volumes });
  }
}
