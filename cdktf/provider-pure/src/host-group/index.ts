// https://registry.terraform.io/providers/pure-fleet/pure/0.1.0/docs/resources/host_group
// generated from terraform resource schema

import { Construct } from 'constructs';
import * as cdktf from 'cdktf';

// Configuration

export interface HostGroupConfig extends cdktf.TerraformMetaArguments {
  /**
  * Take over a host group of this name that already exists on an array but was not created by this fleet (it is marked as the fleet's and its members set to this configuration). Without it, such a group is an error naming the array, and nothing on that array is changed.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/pure-fleet/pure/0.1.0/docs/resources/host_group#adopt HostGroup#adopt}
  */
  readonly adopt?: boolean | cdktf.IResolvable;
  /**
  * Name of the `pure_fleet` the host group belongs to (`pure_fleet.x.name`).
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/pure-fleet/pure/0.1.0/docs/resources/host_group#fleet HostGroup#fleet}
  */
  readonly fleet: string;
  /**
  * Names of the fleet's hosts in the group (`pure_host.x.name`). A host can be in at most one host group. Unset means no members. Members changed outside Terraform are set back (the plan shows the array where they changed in `arrays`).
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/pure-fleet/pure/0.1.0/docs/resources/host_group#hosts HostGroup#hosts}
  */
  readonly hosts?: string[];
  /**
  * Name of the host group on every FlashArray (letters, digits and "-", at most 63 characters).
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/pure-fleet/pure/0.1.0/docs/resources/host_group#name HostGroup#name}
  */
  readonly name: string;
}

/**
* Represents a {@link https://registry.terraform.io/providers/pure-fleet/pure/0.1.0/docs/resources/host_group pure_host_group}
*/
export class HostGroup extends cdktf.TerraformResource {

  // =================
  // STATIC PROPERTIES
  // =================
  public static readonly tfResourceType = "pure_host_group";

  // ==============
  // STATIC Methods
  // ==============
  /**
  * Generates CDKTF code for importing a HostGroup resource upon running "cdktf plan <stack-name>"
  * @param scope The scope in which to define this construct
  * @param importToId The construct id used in the generated config for the HostGroup to import
  * @param importFromId The id of the existing HostGroup that should be imported. Refer to the {@link https://registry.terraform.io/providers/pure-fleet/pure/0.1.0/docs/resources/host_group#import import section} in the documentation of this resource for the id to use
  * @param provider? Optional instance of the provider where the HostGroup to import is found
  */
  public static generateConfigForImport(scope: Construct, importToId: string, importFromId: string, provider?: cdktf.TerraformProvider) {
        return new cdktf.ImportableResource(scope, importToId, { terraformResourceType: "pure_host_group", importId: importFromId, provider });
      }

  // ===========
  // INITIALIZER
  // ===========

  /**
  * Create a new {@link https://registry.terraform.io/providers/pure-fleet/pure/0.1.0/docs/resources/host_group pure_host_group} Resource
  *
  * @param scope The scope in which to define this construct
  * @param id The scoped construct ID. Must be unique amongst siblings in the same scope
  * @param options HostGroupConfig
  */
  public constructor(scope: Construct, id: string, config: HostGroupConfig) {
    super(scope, id, {
      terraformResourceType: 'pure_host_group',
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
    this._fleet = config.fleet;
    this._hosts = config.hosts;
    this._name = config.name;
  }

  // ==========
  // ATTRIBUTES
  // ==========

  // adopt - computed: true, optional: true, required: false
  private _adopt?: boolean | cdktf.IResolvable; 
  /**
  * Take over a host group of this name that already exists on an array but was not created by this fleet (it is marked as the fleet's and its members set to this configuration). Without it, such a group is an error naming the array, and nothing on that array is changed.
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

  // arrays - computed: true, optional: false, required: false
  /**
  * The FlashArrays the host group is registered on with exactly its `hosts`, as last seen. A plan shows an array being added when the roster gained a member, or when the group was deleted there or its members changed there out of band.
  */
  public get arrays() {
    return cdktf.Fn.tolist(this.getListAttribute('arrays'));
  }

  // fleet - computed: false, optional: false, required: true
  private _fleet?: string; 
  /**
  * Name of the `pure_fleet` the host group belongs to (`pure_fleet.x.name`).
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

  // hosts - computed: false, optional: true, required: false
  private _hosts?: string[]; 
  /**
  * Names of the fleet's hosts in the group (`pure_host.x.name`). A host can be in at most one host group. Unset means no members. Members changed outside Terraform are set back (the plan shows the array where they changed in `arrays`).
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

  // name - computed: false, optional: false, required: true
  private _name?: string; 
  /**
  * Name of the host group on every FlashArray (letters, digits and "-", at most 63 characters).
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
      adopt: cdktf.booleanToTerraform(this._adopt),
      fleet: cdktf.stringToTerraform(this._fleet),
      hosts: cdktf.listMapper(cdktf.stringToTerraform, false)(this._hosts),
      name: cdktf.stringToTerraform(this._name),
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
      fleet: {
        value: cdktf.stringToHclTerraform(this._fleet),
        isBlock: false,
        type: "simple",
        storageClassType: "string",
      },
      hosts: {
        value: cdktf.listMapperHcl(cdktf.stringToHclTerraform, false)(this._hosts),
        isBlock: false,
        type: "set",
        storageClassType: "stringList",
      },
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
