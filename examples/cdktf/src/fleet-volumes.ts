// The volumes of one application, declared once and placed by the provider: each names the zone
// it must stay in, and how destroy treats its data. Where each one went is an output.

import { TerraformOutput } from 'cdktf';
import { Construct } from 'constructs';
import { fleet, volume } from '@pure-fleet/cdktf-provider-pure';

/** What destroy does to a volume's data: see the `deletion_policy` attribute of `pure_volume`. */
export type DeletionPolicy = 'delete' | 'eradicate' | 'orphan';

export interface VolumeSpec {
  /** Name within the fleet; on the array the volume is `<fleet>-<name>`. */
  readonly name: string;
  /** `block` (a FlashArray volume, the default) or `file` (a FlashBlade file system). */
  readonly kind?: 'block' | 'file';
  /** Provisioned size, e.g. `100G`. */
  readonly size: string;
  /** The zone label the volume must be placed in. */
  readonly zone: string;
  readonly deletionPolicy: DeletionPolicy;
}

export interface FleetVolumesProps {
  readonly fleetName: string;
  readonly volumes: readonly VolumeSpec[];
}

export class FleetVolumes extends Construct {
  readonly fleet: fleet.Fleet;
  readonly volumes: Readonly<Record<string, volume.Volume>>;

  constructor(scope: Construct, id: string, props: FleetVolumesProps) {
    super(scope, id);
    this.fleet = new fleet.Fleet(this, 'fleet', { name: props.fleetName });
    const volumes: Record<string, volume.Volume> = {};
    for (const spec of props.volumes) {
      if (volumes[spec.name]) throw new Error(`volume ${spec.name} is declared twice`);
      volumes[spec.name] = new volume.Volume(this, spec.name, {
        fleet: this.fleet.name,
        name: spec.name,
        kind: spec.kind,
        size: spec.size,
        arrayLabels: { zone: spec.zone },
        deletionPolicy: spec.deletionPolicy,
      });
    }
    this.volumes = volumes;
    const each = (value: (v: volume.Volume) => string) =>
      Object.fromEntries(Object.entries(volumes).map(([name, v]) => [name, value(v)]));
    new TerraformOutput(this, 'volume_arrays', {
      description: 'The array each volume was placed on',
      value: each((v) => v.array),
    }).overrideLogicalId('volume_arrays');
    new TerraformOutput(this, 'volume_placement', {
      description: 'Why each volume is where it is',
      value: each((v) => v.placement.summary),
    }).overrideLogicalId('volume_placement');
  }
}
