// https://registry.terraform.io/providers/pure-fleet/pure/0.1.0/docs/data-sources/volumes
// generated from terraform resource schema

import { Construct } from 'constructs';
import * as cdktf from 'cdktf';

// Configuration

export interface DataPureVolumesConfig extends cdktf.TerraformMetaArguments {
  /**
  * Only the volumes on this array of the roster.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/pure-fleet/pure/0.1.0/docs/data-sources/volumes#array DataPureVolumes#array}
  */
  readonly array?: string;
  /**
  * Only the volumes on arrays carrying every one of these labels.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/pure-fleet/pure/0.1.0/docs/data-sources/volumes#array_labels DataPureVolumes#array_labels}
  */
  readonly arrayLabels?: { [key: string]: string };
  /**
  * The fleet whose volumes to list (its name prefixes them on the arrays).
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/pure-fleet/pure/0.1.0/docs/data-sources/volumes#fleet DataPureVolumes#fleet}
  */
  readonly fleet: string;
  /**
  * Include volumes in the eradication bin (default false).
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/pure-fleet/pure/0.1.0/docs/data-sources/volumes#include_destroyed DataPureVolumes#include_destroyed}
  */
  readonly includeDestroyed?: boolean | cdktf.IResolvable;
  /**
  * Only `block` volumes (FlashArray) or `file` systems (FlashBlade).
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/pure-fleet/pure/0.1.0/docs/data-sources/volumes#kind DataPureVolumes#kind}
  */
  readonly kind?: string;
}
export interface DataPureVolumesVolumes {
}

export function dataPureVolumesVolumesToTerraform(struct?: DataPureVolumesVolumes): any {
  if (!cdktf.canInspect(struct) || cdktf.Tokenization.isResolvable(struct)) { return struct; }
  if (cdktf.isComplexElement(struct)) {
    throw new Error("A complex element was used as configuration, this is not supported: https://cdk.tf/complex-object-as-configuration");
  }
  return {
  }
}


export function dataPureVolumesVolumesToHclTerraform(struct?: DataPureVolumesVolumes): any {
  if (!cdktf.canInspect(struct) || cdktf.Tokenization.isResolvable(struct)) { return struct; }
  if (cdktf.isComplexElement(struct)) {
    throw new Error("A complex element was used as configuration, this is not supported: https://cdk.tf/complex-object-as-configuration");
  }
  const attrs = {
  };
  return attrs;
}

export class DataPureVolumesVolumesOutputReference extends cdktf.ComplexObject {
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

  public get internalValue(): DataPureVolumesVolumes | undefined {
    let hasAnyValues = this.isEmptyObject;
    const internalValueResult: any = {};
    return hasAnyValues ? internalValueResult : undefined;
  }

  public set internalValue(value: DataPureVolumesVolumes | undefined) {
    if (value === undefined) {
      this.isEmptyObject = false;
    }
    else {
      this.isEmptyObject = Object.keys(value).length === 0;
    }
  }

  // array - computed: true, optional: false, required: false
  /**
  * Roster name of the array it lives on.
  */
  public get array() {
    return this.getStringAttribute('array');
  }

  // array_labels - computed: true, optional: false, required: false
  private _arrayLabels = new cdktf.StringMap(this, "array_labels");
  /**
  * Labels of the array, from the roster.
  */
  public get arrayLabels() {
    return this._arrayLabels;
  }

  // backend_name - computed: true, optional: false, required: false
  /**
  * Name on the array (`<fleet>-<name>`).
  */
  public get backendName() {
    return this.getStringAttribute('backend_name');
  }

  // destroyed - computed: true, optional: false, required: false
  /**
  * In the eradication bin (recoverable).
  */
  public get destroyed() {
    return this.getBooleanAttribute('destroyed');
  }

  // id - computed: true, optional: false, required: false
  /**
  * `<fleet>/<name>`, the import id of the volume.
  */
  public get id() {
    return this.getStringAttribute('id');
  }

  // kind - computed: true, optional: false, required: false
  /**
  * `block` (FlashArray volume) or `file` (FlashBlade file system).
  */
  public get kind() {
    return this.getStringAttribute('kind');
  }

  // name - computed: true, optional: false, required: false
  /**
  * Name within the fleet (as `pure_volume.name`).
  */
  public get name() {
    return this.getStringAttribute('name');
  }

  // serial - computed: true, optional: false, required: false
  /**
  * FlashArray volume serial; null for file systems.
  */
  public get serial() {
    return this.getStringAttribute('serial');
  }

  // size_bytes - computed: true, optional: false, required: false
  /**
  * Provisioned size, bytes; null for an unlimited file system.
  */
  public get sizeBytes() {
    return this.getNumberAttribute('size_bytes');
  }
}

export class DataPureVolumesVolumesList extends cdktf.ComplexList {

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
  public get(index: number): DataPureVolumesVolumesOutputReference {
    return new DataPureVolumesVolumesOutputReference(this.terraformResource, this.terraformAttribute, index, this.wrapsSet);
  }
}

/**
* Represents a {@link https://registry.terraform.io/providers/pure-fleet/pure/0.1.0/docs/data-sources/volumes pure_volumes}
*/
export class DataPureVolumes extends cdktf.TerraformDataSource {

  // =================
  // STATIC PROPERTIES
  // =================
  public static readonly tfResourceType = "pure_volumes";

  // ==============
  // STATIC Methods
  // ==============
  /**
  * Generates CDKTF code for importing a DataPureVolumes resource upon running "cdktf plan <stack-name>"
  * @param scope The scope in which to define this construct
  * @param importToId The construct id used in the generated config for the DataPureVolumes to import
  * @param importFromId The id of the existing DataPureVolumes that should be imported. Refer to the {@link https://registry.terraform.io/providers/pure-fleet/pure/0.1.0/docs/data-sources/volumes#import import section} in the documentation of this resource for the id to use
  * @param provider? Optional instance of the provider where the DataPureVolumes to import is found
  */
  public static generateConfigForImport(scope: Construct, importToId: string, importFromId: string, provider?: cdktf.TerraformProvider) {
        return new cdktf.ImportableResource(scope, importToId, { terraformResourceType: "pure_volumes", importId: importFromId, provider });
      }

  // ===========
  // INITIALIZER
  // ===========

  /**
  * Create a new {@link https://registry.terraform.io/providers/pure-fleet/pure/0.1.0/docs/data-sources/volumes pure_volumes} Data Source
  *
  * @param scope The scope in which to define this construct
  * @param id The scoped construct ID. Must be unique amongst siblings in the same scope
  * @param options DataPureVolumesConfig
  */
  public constructor(scope: Construct, id: string, config: DataPureVolumesConfig) {
    super(scope, id, {
      terraformResourceType: 'pure_volumes',
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
    this._fleet = config.fleet;
    this._includeDestroyed = config.includeDestroyed;
    this._kind = config.kind;
  }

  // ==========
  // ATTRIBUTES
  // ==========

  // array - computed: false, optional: true, required: false
  private _array?: string; 
  /**
  * Only the volumes on this array of the roster.
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
  * Only the volumes on arrays carrying every one of these labels.
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

  // fleet - computed: false, optional: false, required: true
  private _fleet?: string; 
  /**
  * The fleet whose volumes to list (its name prefixes them on the arrays).
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

  // include_destroyed - computed: false, optional: true, required: false
  private _includeDestroyed?: boolean | cdktf.IResolvable; 
  /**
  * Include volumes in the eradication bin (default false).
  */
  public get includeDestroyed() {
    return this.getBooleanAttribute('include_destroyed');
  }
  public set includeDestroyed(value: boolean | cdktf.IResolvable) {
    this._includeDestroyed = value;
  }
  public resetIncludeDestroyed() {
    this._includeDestroyed = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get includeDestroyedInput() {
    return this._includeDestroyed;
  }

  // kind - computed: false, optional: true, required: false
  private _kind?: string; 
  /**
  * Only `block` volumes (FlashArray) or `file` systems (FlashBlade).
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

  // volumes - computed: true, optional: false, required: false
  private _volumes = new DataPureVolumesVolumesList(this, "volumes", false);
  /**
  * The matching volumes, by array (roster order), then by name.
  */
  public get volumes() {
    return this._volumes;
  }

  // =========
  // SYNTHESIS
  // =========

  protected synthesizeAttributes(): { [name: string]: any } {
    return {
      array: cdktf.stringToTerraform(this._array),
      array_labels: cdktf.hashMapper(cdktf.stringToTerraform)(this._arrayLabels),
      fleet: cdktf.stringToTerraform(this._fleet),
      include_destroyed: cdktf.booleanToTerraform(this._includeDestroyed),
      kind: cdktf.stringToTerraform(this._kind),
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
      fleet: {
        value: cdktf.stringToHclTerraform(this._fleet),
        isBlock: false,
        type: "simple",
        storageClassType: "string",
      },
      include_destroyed: {
        value: cdktf.booleanToHclTerraform(this._includeDestroyed),
        isBlock: false,
        type: "simple",
        storageClassType: "boolean",
      },
      kind: {
        value: cdktf.stringToHclTerraform(this._kind),
        isBlock: false,
        type: "simple",
        storageClassType: "string",
      },
    };

    // remove undefined attributes
    return Object.fromEntries(Object.entries(attrs).filter(([_, value]) => value !== undefined && value.value !== undefined ))
  }
}
