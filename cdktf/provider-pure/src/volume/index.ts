// https://registry.terraform.io/providers/pure-fleet/pure/0.1.0/docs/resources/volume
// generated from terraform resource schema

import { Construct } from 'constructs';
import * as cdktf from 'cdktf';

// Configuration

export interface VolumeConfig extends cdktf.TerraformMetaArguments {
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
  * Name of the `pure_fleet` the volume belongs to (`pure_fleet.x.name`).
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/pure-fleet/pure/0.1.0/docs/resources/volume#fleet Volume#fleet}
  */
  readonly fleet: string;
  /**
  * Name of the volume within its fleet. On the array it is `<fleet>-<name>`.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/pure-fleet/pure/0.1.0/docs/resources/volume#name Volume#name}
  */
  readonly name: string;
  /**
  * Provisioned size, e.g. `"100G"` (binary units K, M, G, T, P) or a number of bytes. Growing is done in place; shrinking is refused.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/pure-fleet/pure/0.1.0/docs/resources/volume#size Volume#size}
  */
  readonly size: string;
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
    this._array = config.array;
    this._arrayLabels = config.arrayLabels;
    this._deletionPolicy = config.deletionPolicy;
    this._destroyed = config.destroyed;
    this._expectedIops = config.expectedIops;
    this._fleet = config.fleet;
    this._name = config.name;
    this._size = config.size;
  }

  // ==========
  // ATTRIBUTES
  // ==========

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

  // id - computed: true, optional: false, required: false
  /**
  * `<fleet>/<name>`; also the import id.
  */
  public get id() {
    return this.getStringAttribute('id');
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

  // placement - computed: true, optional: false, required: false
  private _placement = new VolumePlacementOutputReference(this, "placement");
  /**
  * Why the volume is where it is: the decision made when it was created.
  */
  public get placement() {
    return this._placement;
  }

  // serial - computed: true, optional: false, required: false
  /**
  * Volume serial number.
  */
  public get serial() {
    return this.getStringAttribute('serial');
  }

  // size - computed: false, optional: false, required: true
  private _size?: string; 
  /**
  * Provisioned size, e.g. `"100G"` (binary units K, M, G, T, P) or a number of bytes. Growing is done in place; shrinking is refused.
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
  * Provisioned size in bytes, as the array reports it.
  */
  public get sizeBytes() {
    return this.getNumberAttribute('size_bytes');
  }

  // =========
  // SYNTHESIS
  // =========

  protected synthesizeAttributes(): { [name: string]: any } {
    return {
      array: cdktf.stringToTerraform(this._array),
      array_labels: cdktf.hashMapper(cdktf.stringToTerraform)(this._arrayLabels),
      deletion_policy: cdktf.stringToTerraform(this._deletionPolicy),
      destroyed: cdktf.booleanToTerraform(this._destroyed),
      expected_iops: cdktf.numberToTerraform(this._expectedIops),
      fleet: cdktf.stringToTerraform(this._fleet),
      name: cdktf.stringToTerraform(this._name),
      size: cdktf.stringToTerraform(this._size),
    };
  }

  protected synthesizeHclAttributes(): { [name: string]: any } {
    const attrs = {
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
      fleet: {
        value: cdktf.stringToHclTerraform(this._fleet),
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
      size: {
        value: cdktf.stringToHclTerraform(this._size),
        isBlock: false,
        type: "simple",
        storageClassType: "string",
      },
    };

    // remove undefined attributes
    return Object.fromEntries(Object.entries(attrs).filter(([_, value]) => value !== undefined && value.value !== undefined ))
  }
}
