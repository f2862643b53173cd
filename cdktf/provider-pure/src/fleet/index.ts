// https://registry.terraform.io/providers/pure-fleet/pure/0.1.0/docs/resources/fleet
// generated from terraform resource schema

import { Construct } from 'constructs';
import * as cdktf from 'cdktf';

// Configuration

export interface FleetConfig extends cdktf.TerraformMetaArguments {
  /**
  * Name of the fleet; prefixes the names of its volumes on the arrays (`<fleet>-<volume>`). Lower-case letters, digits and `_`, at most 22 characters.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/pure-fleet/pure/0.1.0/docs/resources/fleet#name Fleet#name}
  */
  readonly name: string;
}
export interface FleetMembers {
}

export function fleetMembersToTerraform(struct?: FleetMembers): any {
  if (!cdktf.canInspect(struct) || cdktf.Tokenization.isResolvable(struct)) { return struct; }
  if (cdktf.isComplexElement(struct)) {
    throw new Error("A complex element was used as configuration, this is not supported: https://cdk.tf/complex-object-as-configuration");
  }
  return {
  }
}


export function fleetMembersToHclTerraform(struct?: FleetMembers): any {
  if (!cdktf.canInspect(struct) || cdktf.Tokenization.isResolvable(struct)) { return struct; }
  if (cdktf.isComplexElement(struct)) {
    throw new Error("A complex element was used as configuration, this is not supported: https://cdk.tf/complex-object-as-configuration");
  }
  const attrs = {
  };
  return attrs;
}

export class FleetMembersOutputReference extends cdktf.ComplexObject {
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

  public get internalValue(): FleetMembers | undefined {
    let hasAnyValues = this.isEmptyObject;
    const internalValueResult: any = {};
    return hasAnyValues ? internalValueResult : undefined;
  }

  public set internalValue(value: FleetMembers | undefined) {
    if (value === undefined) {
      this.isEmptyObject = false;
    }
    else {
      this.isEmptyObject = Object.keys(value).length === 0;
    }
  }

  // api_version - computed: true, optional: false, required: false
  /**
  * REST version negotiated with the array.
  */
  public get apiVersion() {
    return this.getStringAttribute('api_version');
  }

  // array_id - computed: true, optional: false, required: false
  /**
  * The id the array reports; changes when the array behind the endpoint is replaced.
  */
  public get arrayId() {
    return this.getStringAttribute('array_id');
  }

  // array_name - computed: true, optional: false, required: false
  /**
  * The name the array reports for itself.
  */
  public get arrayName() {
    return this.getStringAttribute('array_name');
  }

  // capacity_bytes - computed: true, optional: false, required: false
  /**
  * Usable capacity in bytes.
  */
  public get capacityBytes() {
    return this.getNumberAttribute('capacity_bytes');
  }

  // endpoint - computed: true, optional: false, required: false
  /**
  * Management endpoint.
  */
  public get endpoint() {
    return this.getStringAttribute('endpoint');
  }

  // labels - computed: true, optional: false, required: false
  private _labels = new cdktf.StringMap(this, "labels");
  /**
  * Labels from the roster.
  */
  public get labels() {
    return this._labels;
  }

  // name - computed: true, optional: false, required: false
  /**
  * Name of the array in the provider roster.
  */
  public get name() {
    return this.getStringAttribute('name');
  }

  // os_version - computed: true, optional: false, required: false
  /**
  * Purity version.
  */
  public get osVersion() {
    return this.getStringAttribute('os_version');
  }

  // type - computed: true, optional: false, required: false
  /**
  * `flasharray` or `flashblade`.
  */
  public get type() {
    return this.getStringAttribute('type');
  }
}

export class FleetMembersList extends cdktf.ComplexList {

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
  public get(index: number): FleetMembersOutputReference {
    return new FleetMembersOutputReference(this.terraformResource, this.terraformAttribute, index, this.wrapsSet);
  }
}

/**
* Represents a {@link https://registry.terraform.io/providers/pure-fleet/pure/0.1.0/docs/resources/fleet pure_fleet}
*/
export class Fleet extends cdktf.TerraformResource {

  // =================
  // STATIC PROPERTIES
  // =================
  public static readonly tfResourceType = "pure_fleet";

  // ==============
  // STATIC Methods
  // ==============
  /**
  * Generates CDKTF code for importing a Fleet resource upon running "cdktf plan <stack-name>"
  * @param scope The scope in which to define this construct
  * @param importToId The construct id used in the generated config for the Fleet to import
  * @param importFromId The id of the existing Fleet that should be imported. Refer to the {@link https://registry.terraform.io/providers/pure-fleet/pure/0.1.0/docs/resources/fleet#import import section} in the documentation of this resource for the id to use
  * @param provider? Optional instance of the provider where the Fleet to import is found
  */
  public static generateConfigForImport(scope: Construct, importToId: string, importFromId: string, provider?: cdktf.TerraformProvider) {
        return new cdktf.ImportableResource(scope, importToId, { terraformResourceType: "pure_fleet", importId: importFromId, provider });
      }

  // ===========
  // INITIALIZER
  // ===========

  /**
  * Create a new {@link https://registry.terraform.io/providers/pure-fleet/pure/0.1.0/docs/resources/fleet pure_fleet} Resource
  *
  * @param scope The scope in which to define this construct
  * @param id The scoped construct ID. Must be unique amongst siblings in the same scope
  * @param options FleetConfig
  */
  public constructor(scope: Construct, id: string, config: FleetConfig) {
    super(scope, id, {
      terraformResourceType: 'pure_fleet',
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
    this._name = config.name;
  }

  // ==========
  // ATTRIBUTES
  // ==========

  // id - computed: true, optional: false, required: false
  /**
  * The fleet name; also the import id.
  */
  public get id() {
    return this.getStringAttribute('id');
  }

  // members - computed: true, optional: false, required: false
  private _members = new FleetMembersList(this, "members", false);
  /**
  * The member arrays, as the last apply or refresh saw them.
  */
  public get members() {
    return this._members;
  }

  // name - computed: false, optional: false, required: true
  private _name?: string; 
  /**
  * Name of the fleet; prefixes the names of its volumes on the arrays (`<fleet>-<volume>`). Lower-case letters, digits and `_`, at most 22 characters.
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

  // =========
  // SYNTHESIS
  // =========

  protected synthesizeAttributes(): { [name: string]: any } {
    return {
      name: cdktf.stringToTerraform(this._name),
    };
  }

  protected synthesizeHclAttributes(): { [name: string]: any } {
    const attrs = {
      name: {
        value: cdktf.stringToHclTerraform(this._name),
        isBlock: false,
        type: "simple",
        storageClassType: "string",
      },
    };

    // remove undefined attributes
    return Object.fromEntries(Object.entries(attrs).filter(([_, value]) => value !== undefined && value.value !== undefined ))
  }
}
