// https://registry.terraform.io/providers/pure-fleet/pure/0.1.0/docs/resources/volume
// generated from terraform resource schema

import { Construct } from 'constructs';
import * as cdktf from 'cdktf';

// Configuration

export interface VolumeConfig extends cdktf.TerraformMetaArguments {
  /**
  * Take over an existing object of this name on the fleet (a volume or file system created outside Terraform) instead of failing with "already exists". Its size and settings are then brought to this configuration; it is never shrunk.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/pure-fleet/pure/0.1.0/docs/resources/volume#adopt Volume#adopt}
  */
  readonly adopt?: boolean | cdktf.IResolvable;
  /**
  * The array holding the volume: chosen at apply time unless set here; never changes afterwards.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/pure-fleet/pure/0.1.0/docs/resources/volume#array Volume#array}
  */
  readonly array?: string;
  /**
  * Only arrays carrying all of these labels (exact match) may hold the volume; it is never placed elsewhere.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/pure-fleet/pure/0.1.0/docs/resources/volume#array_labels Volume#array_labels}
  */
  readonly arrayLabels?: { [key: string]: string };
  /**
  * The most bytes per second the array serves the volume, written as a size ("500M" = 500 MiB/s), 1M to 512G. Block volumes: the volume's own limit. File volumes: a QoS policy of the file system's own on the FlashBlade (REST 2.17 or later). Unset means no limit; removing it removes the limit on the array.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/pure-fleet/pure/0.1.0/docs/resources/volume#bandwidth_limit Volume#bandwidth_limit}
  */
  readonly bandwidthLimit?: string;
  /**
  * What destroy does: `delete` moves the volume to the array's eradication bin (recoverable until the eradication delay passes), `eradicate` removes it for good, `orphan` leaves it on the array and only forgets it.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/pure-fleet/pure/0.1.0/docs/resources/volume#deletion_policy Volume#deletion_policy}
  */
  readonly deletionPolicy?: string;
  /**
  * Refresh sets this when the volume was destroyed outside Terraform and sits in the eradication bin; the plan then recovers it in place, data intact.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/pure-fleet/pure/0.1.0/docs/resources/volume#destroyed Volume#destroyed}
  */
  readonly destroyed?: boolean | cdktf.IResolvable;
  /**
  * Sustained IOPS the volume is expected to drive, for performance headroom (default: 100 per TiB of size).
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/pure-fleet/pure/0.1.0/docs/resources/volume#expected_iops Volume#expected_iops}
  */
  readonly expectedIops?: number;
  /**
  * File volumes: name of an NFS export policy on the FlashBlade (REST 2.3 or later) to export through, instead of `export_rules`. Setting it clears the file system's inline rules.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/pure-fleet/pure/0.1.0/docs/resources/volume#export_policy Volume#export_policy}
  */
  readonly exportPolicy?: string;
  /**
  * File volumes: NFS export rules in Pure's syntax, e.g. `"10.0.0.0/24(rw,no_root_squash) 10.1.0.0/16(ro)"`. Default: the provider's `default_export_rules`, else none (exported to no client). `*(…)` exports to every client and is never a default.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/pure-fleet/pure/0.1.0/docs/resources/volume#export_rules Volume#export_rules}
  */
  readonly exportRules?: string;
  /**
  * Name of the `pure_fleet` the volume belongs to (`pure_fleet.x.name`).
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/pure-fleet/pure/0.1.0/docs/resources/volume#fleet Volume#fleet}
  */
  readonly fleet: string;
  /**
  * File volumes: enforce `size` as a hard quota (writes beyond it fail). Default false.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/pure-fleet/pure/0.1.0/docs/resources/volume#hard_limit Volume#hard_limit}
  */
  readonly hardLimit?: boolean | cdktf.IResolvable;
  /**
  * Block volumes: names of the fleet's host groups (`pure_host_group.x.name`) the volume is connected to on its array (a shared connection, seen by every host in the group). Changed in place; a connection removed outside Terraform is restored. A host cannot see the volume both on its own and through its group.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/pure-fleet/pure/0.1.0/docs/resources/volume#host_groups Volume#host_groups}
  */
  readonly hostGroups?: string[];
  /**
  * Block volumes: names of the fleet's hosts (`pure_host.x.name`) the volume is connected to on its array. Changed in place; a connection removed outside Terraform is restored.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/pure-fleet/pure/0.1.0/docs/resources/volume#hosts Volume#hosts}
  */
  readonly hosts?: string[];
  /**
  * The most I/O operations per second the array serves the volume, 100 to 100000000. Block volumes: the volume's own limit. File volumes: a QoS policy of the file system's own on the FlashBlade (REST 2.17 or later; an earlier FlashBlade is refused). Unset means no limit; removing it removes the limit on the array.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/pure-fleet/pure/0.1.0/docs/resources/volume#iops_limit Volume#iops_limit}
  */
  readonly iopsLimit?: number;
  /**
  * `block` (a FlashArray volume) or `file` (a FlashBlade NFS file system). Fixed once the volume exists.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/pure-fleet/pure/0.1.0/docs/resources/volume#kind Volume#kind}
  */
  readonly kind?: string;
  /**
  * Name of the volume within its fleet. On the array it is `<fleet>-<name>`.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/pure-fleet/pure/0.1.0/docs/resources/volume#name Volume#name}
  */
  readonly name: string;
  /**
  * File volumes: export over NFSv3 (default true).
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/pure-fleet/pure/0.1.0/docs/resources/volume#nfs_v3 Volume#nfs_v3}
  */
  readonly nfsV3?: boolean | cdktf.IResolvable;
  /**
  * File volumes: export over NFSv4.1 (default true).
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/pure-fleet/pure/0.1.0/docs/resources/volume#nfs_v4_1 Volume#nfs_v4_1}
  */
  readonly nfsV41?: boolean | cdktf.IResolvable;
  /**
  * Provisioned size (block) or quota (file), e.g. `"100G"` (binary units K, M, G, T, P) or a number of bytes. Block: a multiple of 512 bytes from 1M to 4P; file: 1M to 8P. Growing is done in place; shrinking is refused.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/pure-fleet/pure/0.1.0/docs/resources/volume#size Volume#size}
  */
  readonly size: string;
  /**
  * Take a snapshot this often ("1h", "30m", "1d"; at least 5m). A block volume joins the fleet's protection group with this schedule on its FlashArray, a file volume the fleet's snapshot policy with this schedule on its FlashBlade. Set together with `snapshot_retention`.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/pure-fleet/pure/0.1.0/docs/resources/volume#snapshot_every Volume#snapshot_every}
  */
  readonly snapshotEvery?: string;
  /**
  * Keep each snapshot this long ("7d", "12h"); at least `snapshot_every`, so a snapshot is kept until the next one is taken.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/pure-fleet/pure/0.1.0/docs/resources/volume#snapshot_retention Volume#snapshot_retention}
  */
  readonly snapshotRetention?: string;
}
export interface VolumeConnections {
}

export function volumeConnectionsToTerraform(struct?: VolumeConnections): any {
  if (!cdktf.canInspect(struct) || cdktf.Tokenization.isResolvable(struct)) { return struct; }
  if (cdktf.isComplexElement(struct)) {
    throw new Error("A complex element was used as configuration, this is not supported: https://cdk.tf/complex-object-as-configuration");
  }
  return {
  }
}


export function volumeConnectionsToHclTerraform(struct?: VolumeConnections): any {
  if (!cdktf.canInspect(struct) || cdktf.Tokenization.isResolvable(struct)) { return struct; }
  if (cdktf.isComplexElement(struct)) {
    throw new Error("A complex element was used as configuration, this is not supported: https://cdk.tf/complex-object-as-configuration");
  }
  const attrs = {
  };
  return attrs;
}

export class VolumeConnectionsOutputReference extends cdktf.ComplexObject {
  private isEmptyObject = false;

  /**
  * @param terraformResource The parent resource
  * @param terraformAttribute The attribute on the parent resource this class is referencing
  * @param complexObjectIndex the index of this item in the list
  * @param complexObjectIsFromSet whether the list is wrapping a set (will add tolist() to be able to access an item via an index)
  */
  public constructor(terraformResource: cdktf.IInterpolatingParent, terraformAttribute: string, complexObjectIndex: number, complexObjectIsFromSet: boolean) {
    super(terraformResource, terraformAttribute, complexObjectIsFromSet, complexObjectIndex);
  }

  public get internalValue(): VolumeConnections | undefined {
    let hasAnyValues = this.isEmptyObject;
    const internalValueResult: any = {};
    return hasAnyValues ? internalValueResult : undefined;
  }

  public set internalValue(value: VolumeConnections | undefined) {
    if (value === undefined) {
      this.isEmptyObject = false;
    }
    else {
      this.isEmptyObject = Object.keys(value).length === 0;
    }
  }

  // host - computed: true, optional: false, required: false
  /**
  * The host.
  */
  public get host() {
    return this.getStringAttribute('host');
  }

  // lun - computed: true, optional: false, required: false
  /**
  * The logical unit number the host sees the volume at.
  */
  public get lun() {
    return this.getNumberAttribute('lun');
  }
}

export class VolumeConnectionsList extends cdktf.ComplexList {

  /**
  * @param terraformResource The parent resource
  * @param terraformAttribute The attribute on the parent resource this class is referencing
  * @param wrapsSet whether the list is wrapping a set (will add tolist() to be able to access an item via an index)
  */
  constructor(protected terraformResource: cdktf.IInterpolatingParent, protected terraformAttribute: string, protected wrapsSet: boolean) {
    super(terraformResource, terraformAttribute, wrapsSet)
  }

  /**
  * @param index the index of the item to return
  */
  public get(index: number): VolumeConnectionsOutputReference {
    return new VolumeConnectionsOutputReference(this.terraformResource, this.terraformAttribute, index, this.wrapsSet);
  }
}
export interface VolumeHostGroupConnections {
}

export function volumeHostGroupConnectionsToTerraform(struct?: VolumeHostGroupConnections): any {
  if (!cdktf.canInspect(struct) || cdktf.Tokenization.isResolvable(struct)) { return struct; }
  if (cdktf.isComplexElement(struct)) {
    throw new Error("A complex element was used as configuration, this is not supported: https://cdk.tf/complex-object-as-configuration");
  }
  return {
  }
}


export function volumeHostGroupConnectionsToHclTerraform(struct?: VolumeHostGroupConnections): any {
  if (!cdktf.canInspect(struct) || cdktf.Tokenization.isResolvable(struct)) { return struct; }
  if (cdktf.isComplexElement(struct)) {
    throw new Error("A complex element was used as configuration, this is not supported: https://cdk.tf/complex-object-as-configuration");
  }
  const attrs = {
  };
  return attrs;
}

export class VolumeHostGroupConnectionsOutputReference extends cdktf.ComplexObject {
  private isEmptyObject = false;

  /**
  * @param terraformResource The parent resource
  * @param terraformAttribute The attribute on the parent resource this class is referencing
  * @param complexObjectIndex the index of this item in the list
  * @param complexObjectIsFromSet whether the list is wrapping a set (will add tolist() to be able to access an item via an index)
  */
  public constructor(terraformResource: cdktf.IInterpolatingParent, terraformAttribute: string, complexObjectIndex: number, complexObjectIsFromSet: boolean) {
    super(terraformResource, terraformAttribute, complexObjectIsFromSet, complexObjectIndex);
  }

  public get internalValue(): VolumeHostGroupConnections | undefined {
    let hasAnyValues = this.isEmptyObject;
    const internalValueResult: any = {};
    return hasAnyValues ? internalValueResult : undefined;
  }

  public set internalValue(value: VolumeHostGroupConnections | undefined) {
    if (value === undefined) {
      this.isEmptyObject = false;
    }
    else {
      this.isEmptyObject = Object.keys(value).length === 0;
    }
  }

  // host_group - computed: true, optional: false, required: false
  /**
  * The host group.
  */
  public get hostGroup() {
    return this.getStringAttribute('host_group');
  }

  // lun - computed: true, optional: false, required: false
  /**
  * The logical unit number every host of the group sees the volume at.
  */
  public get lun() {
    return this.getNumberAttribute('lun');
  }
}

export class VolumeHostGroupConnectionsList extends cdktf.ComplexList {

  /**
  * @param terraformResource The parent resource
  * @param terraformAttribute The attribute on the parent resource this class is referencing
  * @param wrapsSet whether the list is wrapping a set (will add tolist() to be able to access an item via an index)
  */
  constructor(protected terraformResource: cdktf.IInterpolatingParent, protected terraformAttribute: string, protected wrapsSet: boolean) {
    super(terraformResource, terraformAttribute, wrapsSet)
  }

  /**
  * @param index the index of the item to return
  */
  public get(index: number): VolumeHostGroupConnectionsOutputReference {
    return new VolumeHostGroupConnectionsOutputReference(this.terraformResource, this.terraformAttribute, index, this.wrapsSet);
  }
}
export interface VolumePlacementExcluded {
}

export function volumePlacementExcludedToTerraform(struct?: VolumePlacementExcluded): any {
  if (!cdktf.canInspect(struct) || cdktf.Tokenization.isResolvable(struct)) { return struct; }
  if (cdktf.isComplexElement(struct)) {
    throw new Error("A complex element was used as configuration, this is not supported: https://cdk.tf/complex-object-as-configuration");
  }
  return {
  }
}


export function volumePlacementExcludedToHclTerraform(struct?: VolumePlacementExcluded): any {
  if (!cdktf.canInspect(struct) || cdktf.Tokenization.isResolvable(struct)) { return struct; }
  if (cdktf.isComplexElement(struct)) {
    throw new Error("A complex element was used as configuration, this is not supported: https://cdk.tf/complex-object-as-configuration");
  }
  const attrs = {
  };
  return attrs;
}

export class VolumePlacementExcludedOutputReference extends cdktf.ComplexObject {
  private isEmptyObject = false;

  /**
  * @param terraformResource The parent resource
  * @param terraformAttribute The attribute on the parent resource this class is referencing
  * @param complexObjectIndex the index of this item in the list
  * @param complexObjectIsFromSet whether the list is wrapping a set (will add tolist() to be able to access an item via an index)
  */
  public constructor(terraformResource: cdktf.IInterpolatingParent, terraformAttribute: string, complexObjectIndex: number, complexObjectIsFromSet: boolean) {
    super(terraformResource, terraformAttribute, complexObjectIsFromSet, complexObjectIndex);
  }

  public get internalValue(): VolumePlacementExcluded | undefined {
    let hasAnyValues = this.isEmptyObject;
    const internalValueResult: any = {};
    return hasAnyValues ? internalValueResult : undefined;
  }

  public set internalValue(value: VolumePlacementExcluded | undefined) {
    if (value === undefined) {
      this.isEmptyObject = false;
    }
    else {
      this.isEmptyObject = Object.keys(value).length === 0;
    }
  }

  // array - computed: true, optional: false, required: false
  /**
  * The excluded array.
  */
  public get array() {
    return this.getStringAttribute('array');
  }

  // message - computed: true, optional: false, required: false
  /**
  * The figures that decided it.
  */
  public get message() {
    return this.getStringAttribute('message');
  }

  // reason - computed: true, optional: false, required: false
  /**
  * Reason code, e.g. `CAPACITY_HEADROOM`, `LABEL_MISMATCH`.
  */
  public get reason() {
    return this.getStringAttribute('reason');
  }
}

export class VolumePlacementExcludedList extends cdktf.ComplexList {

  /**
  * @param terraformResource The parent resource
  * @param terraformAttribute The attribute on the parent resource this class is referencing
  * @param wrapsSet whether the list is wrapping a set (will add tolist() to be able to access an item via an index)
  */
  constructor(protected terraformResource: cdktf.IInterpolatingParent, protected terraformAttribute: string, protected wrapsSet: boolean) {
    super(terraformResource, terraformAttribute, wrapsSet)
  }

  /**
  * @param index the index of the item to return
  */
  public get(index: number): VolumePlacementExcludedOutputReference {
    return new VolumePlacementExcludedOutputReference(this.terraformResource, this.terraformAttribute, index, this.wrapsSet);
  }
}
export interface VolumePlacement {
}

export function volumePlacementToTerraform(struct?: VolumePlacement): any {
  if (!cdktf.canInspect(struct) || cdktf.Tokenization.isResolvable(struct)) { return struct; }
  if (cdktf.isComplexElement(struct)) {
    throw new Error("A complex element was used as configuration, this is not supported: https://cdk.tf/complex-object-as-configuration");
  }
  return {
  }
}


export function volumePlacementToHclTerraform(struct?: VolumePlacement): any {
  if (!cdktf.canInspect(struct) || cdktf.Tokenization.isResolvable(struct)) { return struct; }
  if (cdktf.isComplexElement(struct)) {
    throw new Error("A complex element was used as configuration, this is not supported: https://cdk.tf/complex-object-as-configuration");
  }
  const attrs = {
  };
  return attrs;
}

export class VolumePlacementOutputReference extends cdktf.ComplexObject {
  private isEmptyObject = false;

  /**
  * @param terraformResource The parent resource
  * @param terraformAttribute The attribute on the parent resource this class is referencing
  */
  public constructor(terraformResource: cdktf.IInterpolatingParent, terraformAttribute: string) {
    super(terraformResource, terraformAttribute, false);
  }

  public get internalValue(): VolumePlacement | undefined {
    let hasAnyValues = this.isEmptyObject;
    const internalValueResult: any = {};
    return hasAnyValues ? internalValueResult : undefined;
  }

  public set internalValue(value: VolumePlacement | undefined) {
    if (value === undefined) {
      this.isEmptyObject = false;
    }
    else {
      this.isEmptyObject = Object.keys(value).length === 0;
    }
  }

  // decided_at - computed: true, optional: false, required: false
  /**
  * When the decision was made (RFC 3339).
  */
  public get decidedAt() {
    return this.getStringAttribute('decided_at');
  }

  // excluded - computed: true, optional: false, required: false
  private _excluded = new VolumePlacementExcludedList(this, "excluded", false);
  /**
  * Every array that could not take the volume, and why.
  */
  public get excluded() {
    return this._excluded;
  }

  // score - computed: true, optional: false, required: false
  /**
  * The chosen array's weighted total, 0–100 (null for imported or pinned-and-unscored volumes).
  */
  public get score() {
    return this.getNumberAttribute('score');
  }

  // scores - computed: true, optional: false, required: false
  private _scores = new cdktf.NumberMap(this, "scores");
  /**
  * Each scorer's value for the chosen array, 0–100.
  */
  public get scores() {
    return this._scores;
  }

  // summary - computed: true, optional: false, required: false
  /**
  * One line: where, by what score, and why.
  */
  public get summary() {
    return this.getStringAttribute('summary');
  }

  // telemetry_age_seconds - computed: true, optional: false, required: false
  /**
  * Age of the telemetry the decision used.
  */
  public get telemetryAgeSeconds() {
    return this.getNumberAttribute('telemetry_age_seconds');
  }
}

/**
* Represents a {@link https://registry.terraform.io/providers/pure-fleet/pure/0.1.0/docs/resources/volume pure_volume}
*/
export class Volume extends cdktf.TerraformResource {

  // =================
  // STATIC PROPERTIES
  // =================
  public static readonly tfResourceType = "pure_volume";

  // ==============
  // STATIC Methods
  // ==============
  /**
  * Generates CDKTF code for importing a Volume resource upon running "cdktf plan <stack-name>"
  * @param scope The scope in which to define this construct
  * @param importToId The construct id used in the generated config for the Volume to import
  * @param importFromId The id of the existing Volume that should be imported. Refer to the {@link https://registry.terraform.io/providers/pure-fleet/pure/0.1.0/docs/resources/volume#import import section} in the documentation of this resource for the id to use
  * @param provider? Optional instance of the provider where the Volume to import is found
  */
  public static generateConfigForImport(scope: Construct, importToId: string, importFromId: string, provider?: cdktf.TerraformProvider) {
        return new cdktf.ImportableResource(scope, importToId, { terraformResourceType: "pure_volume", importId: importFromId, provider });
      }

  // ===========
  // INITIALIZER
  // ===========

  /**
  * Create a new {@link https://registry.terraform.io/providers/pure-fleet/pure/0.1.0/docs/resources/volume pure_volume} Resource
  *
  * @param scope The scope in which to define this construct
  * @param id The scoped construct ID. Must be unique amongst siblings in the same scope
  * @param options VolumeConfig
  */
  public constructor(scope: Construct, id: string, config: VolumeConfig) {
    super(scope, id, {
      terraformResourceType: 'pure_volume',
      terraformGeneratorMetadata: {
        providerName: 'pure',
        providerVersion: '0.1.0',
        providerVersionConstraint: '~> 0.1'
      },
      provider: config.provider,
      dependsOn: config.dependsOn,
      count: config.count,
      lifecycle: config.lifecycle,
      provisioners: config.provisioners,
      connection: config.connection,
      forEach: config.forEach
    });
    this._adopt = config.adopt;
    this._array = config.array;
    this._arrayLabels = config.arrayLabels;
    this._bandwidthLimit = config.bandwidthLimit;
    this._deletionPolicy = config.deletionPolicy;
    this._destroyed = config.destroyed;
    this._expectedIops = config.expectedIops;
    this._exportPolicy = config.exportPolicy;
    this._exportRules = config.exportRules;
    this._fleet = config.fleet;
    this._hardLimit = config.hardLimit;
    this._hostGroups = config.hostGroups;
    this._hosts = config.hosts;
    this._iopsLimit = config.iopsLimit;
    this._kind = config.kind;
    this._name = config.name;
    this._nfsV3 = config.nfsV3;
    this._nfsV41 = config.nfsV41;
    this._size = config.size;
    this._snapshotEvery = config.snapshotEvery;
    this._snapshotRetention = config.snapshotRetention;
  }

  // ==========
  // ATTRIBUTES
  // ==========

  // adopt - computed: true, optional: true, required: false
  private _adopt?: boolean | cdktf.IResolvable; 
  /**
  * Take over an existing object of this name on the fleet (a volume or file system created outside Terraform) instead of failing with "already exists". Its size and settings are then brought to this configuration; it is never shrunk.
  */
  public get adopt() {
    return this.getBooleanAttribute('adopt');
  }
  public set adopt(value: boolean | cdktf.IResolvable) {
    this._adopt = value;
  }
  public resetAdopt() {
    this._adopt = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get adoptInput() {
    return this._adopt;
  }

  // array - computed: true, optional: true, required: false
  private _array?: string; 
  /**
  * The array holding the volume: chosen at apply time unless set here; never changes afterwards.
  */
  public get array() {
    return this.getStringAttribute('array');
  }
  public set array(value: string) {
    this._array = value;
  }
  public resetArray() {
    this._array = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get arrayInput() {
    return this._array;
  }

  // array_id - computed: true, optional: false, required: false
  /**
  * The id the array reports for itself. The volume is found by it when the array's roster name or address spelling changes.
  */
  public get arrayId() {
    return this.getStringAttribute('array_id');
  }

  // array_labels - computed: false, optional: true, required: false
  private _arrayLabels?: { [key: string]: string }; 
  /**
  * Only arrays carrying all of these labels (exact match) may hold the volume; it is never placed elsewhere.
  */
  public get arrayLabels() {
    return this.getStringMapAttribute('array_labels');
  }
  public set arrayLabels(value: { [key: string]: string }) {
    this._arrayLabels = value;
  }
  public resetArrayLabels() {
    this._arrayLabels = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get arrayLabelsInput() {
    return this._arrayLabels;
  }

  // backend_name - computed: true, optional: false, required: false
  /**
  * Name of the volume on the array.
  */
  public get backendName() {
    return this.getStringAttribute('backend_name');
  }

  // bandwidth_limit - computed: false, optional: true, required: false
  private _bandwidthLimit?: string; 
  /**
  * The most bytes per second the array serves the volume, written as a size ("500M" = 500 MiB/s), 1M to 512G. Block volumes: the volume's own limit. File volumes: a QoS policy of the file system's own on the FlashBlade (REST 2.17 or later). Unset means no limit; removing it removes the limit on the array.
  */
  public get bandwidthLimit() {
    return this.getStringAttribute('bandwidth_limit');
  }
  public set bandwidthLimit(value: string) {
    this._bandwidthLimit = value;
  }
  public resetBandwidthLimit() {
    this._bandwidthLimit = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get bandwidthLimitInput() {
    return this._bandwidthLimit;
  }

  // connections - computed: true, optional: false, required: false
  private _connections = new VolumeConnectionsList(this, "connections", false);
  /**
  * Block volumes: each connected host and its LUN, as the array reports them.
  */
  public get connections() {
    return this._connections;
  }

  // deletion_policy - computed: true, optional: true, required: false
  private _deletionPolicy?: string; 
  /**
  * What destroy does: `delete` moves the volume to the array's eradication bin (recoverable until the eradication delay passes), `eradicate` removes it for good, `orphan` leaves it on the array and only forgets it.
  */
  public get deletionPolicy() {
    return this.getStringAttribute('deletion_policy');
  }
  public set deletionPolicy(value: string) {
    this._deletionPolicy = value;
  }
  public resetDeletionPolicy() {
    this._deletionPolicy = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get deletionPolicyInput() {
    return this._deletionPolicy;
  }

  // destroyed - computed: true, optional: true, required: false
  private _destroyed?: boolean | cdktf.IResolvable; 
  /**
  * Refresh sets this when the volume was destroyed outside Terraform and sits in the eradication bin; the plan then recovers it in place, data intact.
  */
  public get destroyed() {
    return this.getBooleanAttribute('destroyed');
  }
  public set destroyed(value: boolean | cdktf.IResolvable) {
    this._destroyed = value;
  }
  public resetDestroyed() {
    this._destroyed = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get destroyedInput() {
    return this._destroyed;
  }

  // expected_iops - computed: false, optional: true, required: false
  private _expectedIops?: number; 
  /**
  * Sustained IOPS the volume is expected to drive, for performance headroom (default: 100 per TiB of size).
  */
  public get expectedIops() {
    return this.getNumberAttribute('expected_iops');
  }
  public set expectedIops(value: number) {
    this._expectedIops = value;
  }
  public resetExpectedIops() {
    this._expectedIops = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get expectedIopsInput() {
    return this._expectedIops;
  }

  // export_policy - computed: false, optional: true, required: false
  private _exportPolicy?: string; 
  /**
  * File volumes: name of an NFS export policy on the FlashBlade (REST 2.3 or later) to export through, instead of `export_rules`. Setting it clears the file system's inline rules.
  */
  public get exportPolicy() {
    return this.getStringAttribute('export_policy');
  }
  public set exportPolicy(value: string) {
    this._exportPolicy = value;
  }
  public resetExportPolicy() {
    this._exportPolicy = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get exportPolicyInput() {
    return this._exportPolicy;
  }

  // export_rules - computed: true, optional: true, required: false
  private _exportRules?: string; 
  /**
  * File volumes: NFS export rules in Pure's syntax, e.g. `"10.0.0.0/24(rw,no_root_squash) 10.1.0.0/16(ro)"`. Default: the provider's `default_export_rules`, else none (exported to no client). `*(…)` exports to every client and is never a default.
  */
  public get exportRules() {
    return this.getStringAttribute('export_rules');
  }
  public set exportRules(value: string) {
    this._exportRules = value;
  }
  public resetExportRules() {
    this._exportRules = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get exportRulesInput() {
    return this._exportRules;
  }

  // fleet - computed: false, optional: false, required: true
  private _fleet?: string; 
  /**
  * Name of the `pure_fleet` the volume belongs to (`pure_fleet.x.name`).
  */
  public get fleet() {
    return this.getStringAttribute('fleet');
  }
  public set fleet(value: string) {
    this._fleet = value;
  }
  // Temporarily expose input value. Use with caution.
  public get fleetInput() {
    return this._fleet;
  }

  // hard_limit - computed: true, optional: true, required: false
  private _hardLimit?: boolean | cdktf.IResolvable; 
  /**
  * File volumes: enforce `size` as a hard quota (writes beyond it fail). Default false.
  */
  public get hardLimit() {
    return this.getBooleanAttribute('hard_limit');
  }
  public set hardLimit(value: boolean | cdktf.IResolvable) {
    this._hardLimit = value;
  }
  public resetHardLimit() {
    this._hardLimit = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get hardLimitInput() {
    return this._hardLimit;
  }

  // host_group_connections - computed: true, optional: false, required: false
  private _hostGroupConnections = new VolumeHostGroupConnectionsList(this, "host_group_connections", false);
  /**
  * Block volumes: each connected host group and its LUN, as the array reports them.
  */
  public get hostGroupConnections() {
    return this._hostGroupConnections;
  }

  // host_groups - computed: false, optional: true, required: false
  private _hostGroups?: string[]; 
  /**
  * Block volumes: names of the fleet's host groups (`pure_host_group.x.name`) the volume is connected to on its array (a shared connection, seen by every host in the group). Changed in place; a connection removed outside Terraform is restored. A host cannot see the volume both on its own and through its group.
  */
  public get hostGroups() {
    return cdktf.Fn.tolist(this.getListAttribute('host_groups'));
  }
  public set hostGroups(value: string[]) {
    this._hostGroups = value;
  }
  public resetHostGroups() {
    this._hostGroups = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get hostGroupsInput() {
    return this._hostGroups;
  }

  // hosts - computed: false, optional: true, required: false
  private _hosts?: string[]; 
  /**
  * Block volumes: names of the fleet's hosts (`pure_host.x.name`) the volume is connected to on its array. Changed in place; a connection removed outside Terraform is restored.
  */
  public get hosts() {
    return cdktf.Fn.tolist(this.getListAttribute('hosts'));
  }
  public set hosts(value: string[]) {
    this._hosts = value;
  }
  public resetHosts() {
    this._hosts = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get hostsInput() {
    return this._hosts;
  }

  // id - computed: true, optional: false, required: false
  /**
  * `<fleet>/<name>`; also the import id.
  */
  public get id() {
    return this.getStringAttribute('id');
  }

  // iops_limit - computed: false, optional: true, required: false
  private _iopsLimit?: number; 
  /**
  * The most I/O operations per second the array serves the volume, 100 to 100000000. Block volumes: the volume's own limit. File volumes: a QoS policy of the file system's own on the FlashBlade (REST 2.17 or later; an earlier FlashBlade is refused). Unset means no limit; removing it removes the limit on the array.
  */
  public get iopsLimit() {
    return this.getNumberAttribute('iops_limit');
  }
  public set iopsLimit(value: number) {
    this._iopsLimit = value;
  }
  public resetIopsLimit() {
    this._iopsLimit = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get iopsLimitInput() {
    return this._iopsLimit;
  }

  // kind - computed: true, optional: true, required: false
  private _kind?: string; 
  /**
  * `block` (a FlashArray volume) or `file` (a FlashBlade NFS file system). Fixed once the volume exists.
  */
  public get kind() {
    return this.getStringAttribute('kind');
  }
  public set kind(value: string) {
    this._kind = value;
  }
  public resetKind() {
    this._kind = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get kindInput() {
    return this._kind;
  }

  // mount_path - computed: true, optional: false, required: false
  /**
  * File volumes: what NFS clients mount, `<NFS endpoint>:/<file system>` (the roster's `nfs_endpoint`, else the array's data VIP). Null for block volumes.
  */
  public get mountPath() {
    return this.getStringAttribute('mount_path');
  }

  // name - computed: false, optional: false, required: true
  private _name?: string; 
  /**
  * Name of the volume within its fleet. On the array it is `<fleet>-<name>`.
  */
  public get name() {
    return this.getStringAttribute('name');
  }
  public set name(value: string) {
    this._name = value;
  }
  // Temporarily expose input value. Use with caution.
  public get nameInput() {
    return this._name;
  }

  // newest_snapshot - computed: true, optional: false, required: false
  /**
  * When the newest snapshot was taken (RFC 3339), as of the last refresh: the protection group's (block) or the file system's (file).
  */
  public get newestSnapshot() {
    return this.getStringAttribute('newest_snapshot');
  }

  // nfs_v3 - computed: true, optional: true, required: false
  private _nfsV3?: boolean | cdktf.IResolvable; 
  /**
  * File volumes: export over NFSv3 (default true).
  */
  public get nfsV3() {
    return this.getBooleanAttribute('nfs_v3');
  }
  public set nfsV3(value: boolean | cdktf.IResolvable) {
    this._nfsV3 = value;
  }
  public resetNfsV3() {
    this._nfsV3 = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get nfsV3Input() {
    return this._nfsV3;
  }

  // nfs_v4_1 - computed: true, optional: true, required: false
  private _nfsV41?: boolean | cdktf.IResolvable; 
  /**
  * File volumes: export over NFSv4.1 (default true).
  */
  public get nfsV41() {
    return this.getBooleanAttribute('nfs_v4_1');
  }
  public set nfsV41(value: boolean | cdktf.IResolvable) {
    this._nfsV41 = value;
  }
  public resetNfsV41() {
    this._nfsV41 = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get nfsV41Input() {
    return this._nfsV41;
  }

  // placement - computed: true, optional: false, required: false
  private _placement = new VolumePlacementOutputReference(this, "placement");
  /**
  * Why the volume is where it is: the decision made when it was created.
  */
  public get placement() {
    return this._placement;
  }

  // protection_group - computed: true, optional: false, required: false
  /**
  * The fleet's schedule the volume is a member of on its array: a protection group (block volumes) or a snapshot policy (file volumes), `<fleet>-snap-<every>-<retention>`.
  */
  public get protectionGroup() {
    return this.getStringAttribute('protection_group');
  }

  // serial - computed: true, optional: false, required: false
  /**
  * Volume serial number (block volumes; null for file volumes).
  */
  public get serial() {
    return this.getStringAttribute('serial');
  }

  // size - computed: false, optional: false, required: true
  private _size?: string; 
  /**
  * Provisioned size (block) or quota (file), e.g. `"100G"` (binary units K, M, G, T, P) or a number of bytes. Block: a multiple of 512 bytes from 1M to 4P; file: 1M to 8P. Growing is done in place; shrinking is refused.
  */
  public get size() {
    return this.getStringAttribute('size');
  }
  public set size(value: string) {
    this._size = value;
  }
  // Temporarily expose input value. Use with caution.
  public get sizeInput() {
    return this._size;
  }

  // size_bytes - computed: true, optional: false, required: false
  /**
  * Provisioned size (or quota) in bytes, as the array reports it.
  */
  public get sizeBytes() {
    return this.getNumberAttribute('size_bytes');
  }

  // snapshot_every - computed: false, optional: true, required: false
  private _snapshotEvery?: string; 
  /**
  * Take a snapshot this often ("1h", "30m", "1d"; at least 5m). A block volume joins the fleet's protection group with this schedule on its FlashArray, a file volume the fleet's snapshot policy with this schedule on its FlashBlade. Set together with `snapshot_retention`.
  */
  public get snapshotEvery() {
    return this.getStringAttribute('snapshot_every');
  }
  public set snapshotEvery(value: string) {
    this._snapshotEvery = value;
  }
  public resetSnapshotEvery() {
    this._snapshotEvery = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get snapshotEveryInput() {
    return this._snapshotEvery;
  }

  // snapshot_retention - computed: false, optional: true, required: false
  private _snapshotRetention?: string; 
  /**
  * Keep each snapshot this long ("7d", "12h"); at least `snapshot_every`, so a snapshot is kept until the next one is taken.
  */
  public get snapshotRetention() {
    return this.getStringAttribute('snapshot_retention');
  }
  public set snapshotRetention(value: string) {
    this._snapshotRetention = value;
  }
  public resetSnapshotRetention() {
    this._snapshotRetention = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get snapshotRetentionInput() {
    return this._snapshotRetention;
  }

  // wwn - computed: true, optional: false, required: false
  /**
  * Block volumes: the device identifier hosts see, `naa.624a9370<serial>` (udev: `/dev/disk/by-id/wwn-0x624a9370<serial>`).
  */
  public get wwn() {
    return this.getStringAttribute('wwn');
  }

  // =========
  // SYNTHESIS
  // =========

  protected synthesizeAttributes(): { [name: string]: any } {
    return {
      adopt: cdktf.booleanToTerraform(this._adopt),
      array: cdktf.stringToTerraform(this._array),
      array_labels: cdktf.hashMapper(cdktf.stringToTerraform)(this._arrayLabels),
      bandwidth_limit: cdktf.stringToTerraform(this._bandwidthLimit),
      deletion_policy: cdktf.stringToTerraform(this._deletionPolicy),
      destroyed: cdktf.booleanToTerraform(this._destroyed),
      expected_iops: cdktf.numberToTerraform(this._expectedIops),
      export_policy: cdktf.stringToTerraform(this._exportPolicy),
      export_rules: cdktf.stringToTerraform(this._exportRules),
      fleet: cdktf.stringToTerraform(this._fleet),
      hard_limit: cdktf.booleanToTerraform(this._hardLimit),
      host_groups: cdktf.listMapper(cdktf.stringToTerraform, false)(this._hostGroups),
      hosts: cdktf.listMapper(cdktf.stringToTerraform, false)(this._hosts),
      iops_limit: cdktf.numberToTerraform(this._iopsLimit),
      kind: cdktf.stringToTerraform(this._kind),
      name: cdktf.stringToTerraform(this._name),
      nfs_v3: cdktf.booleanToTerraform(this._nfsV3),
      nfs_v4_1: cdktf.booleanToTerraform(this._nfsV41),
      size: cdktf.stringToTerraform(this._size),
      snapshot_every: cdktf.stringToTerraform(this._snapshotEvery),
      snapshot_retention: cdktf.stringToTerraform(this._snapshotRetention),
    };
  }

  protected synthesizeHclAttributes(): { [name: string]: any } {
    const attrs = {
      adopt: {
        value: cdktf.booleanToHclTerraform(this._adopt),
        isBlock: false,
        type: "simple",
        storageClassType: "boolean",
      },
      array: {
        value: cdktf.stringToHclTerraform(this._array),
        isBlock: false,
        type: "simple",
        storageClassType: "string",
      },
      array_labels: {
        value: cdktf.hashMapperHcl(cdktf.stringToHclTerraform)(this._arrayLabels),
        isBlock: false,
        type: "map",
        storageClassType: "stringMap",
      },
      bandwidth_limit: {
        value: cdktf.stringToHclTerraform(this._bandwidthLimit),
        isBlock: false,
        type: "simple",
        storageClassType: "string",
      },
      deletion_policy: {
        value: cdktf.stringToHclTerraform(this._deletionPolicy),
        isBlock: false,
        type: "simple",
        storageClassType: "string",
      },
      destroyed: {
        value: cdktf.booleanToHclTerraform(this._destroyed),
        isBlock: false,
        type: "simple",
        storageClassType: "boolean",
      },
      expected_iops: {
        value: cdktf.numberToHclTerraform(this._expectedIops),
        isBlock: false,
        type: "simple",
        storageClassType: "number",
      },
      export_policy: {
        value: cdktf.stringToHclTerraform(this._exportPolicy),
        isBlock: false,
        type: "simple",
        storageClassType: "string",
      },
      export_rules: {
        value: cdktf.stringToHclTerraform(this._exportRules),
        isBlock: false,
        type: "simple",
        storageClassType: "string",
      },
      fleet: {
        value: cdktf.stringToHclTerraform(this._fleet),
        isBlock: false,
        type: "simple",
        storageClassType: "string",
      },
      hard_limit: {
        value: cdktf.booleanToHclTerraform(this._hardLimit),
        isBlock: false,
        type: "simple",
        storageClassType: "boolean",
      },
      host_groups: {
        value: cdktf.listMapperHcl(cdktf.stringToHclTerraform, false)(this._hostGroups),
        isBlock: false,
        type: "set",
        storageClassType: "stringList",
      },
      hosts: {
        value: cdktf.listMapperHcl(cdktf.stringToHclTerraform, false)(this._hosts),
        isBlock: false,
        type: "set",
        storageClassType: "stringList",
      },
      iops_limit: {
        value: cdktf.numberToHclTerraform(this._iopsLimit),
        isBlock: false,
        type: "simple",
        storageClassType: "number",
      },
      kind: {
        value: cdktf.stringToHclTerraform(this._kind),
        isBlock: false,
        type: "simple",
        storageClassType: "string",
      },
      name: {
        value: cdktf.stringToHclTerraform(this._name),
        isBlock: false,
        type: "simple",
        storageClassType: "string",
      },
      nfs_v3: {
        value: cdktf.booleanToHclTerraform(this._nfsV3),
        isBlock: false,
        type: "simple",
        storageClassType: "boolean",
      },
      nfs_v4_1: {
        value: cdktf.booleanToHclTerraform(this._nfsV41),
        isBlock: false,
        type: "simple",
        storageClassType: "boolean",
      },
      size: {
        value: cdktf.stringToHclTerraform(this._size),
        isBlock: false,
        type: "simple",
        storageClassType: "string",
      },
      snapshot_every: {
        value: cdktf.stringToHclTerraform(this._snapshotEvery),
        isBlock: false,
        type: "simple",
        storageClassType: "string",
      },
      snapshot_retention: {
        value: cdktf.stringToHclTerraform(this._snapshotRetention),
        isBlock: false,
        type: "simple",
        storageClassType: "string",
      },
    };

    // remove undefined attributes
    return Object.fromEntries(Object.entries(attrs).filter(([_, value]) => value !== undefined && value.value !== undefined ))
  }
}
