// https://registry.terraform.io/providers/pure-fleet/pure/0.1.0/docs/resources/host
// generated from terraform resource schema

import { Construct } from 'constructs';
import * as cdktf from 'cdktf';

// Configuration

export interface HostConfig extends cdktf.TerraformMetaArguments {
  /**
  * Take over a host of this name that already exists on an array but was not created by this fleet (it is marked as the fleet's and set to this configuration). Without it, such a host is an error naming the array, and nothing on that array is changed.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/pure-fleet/pure/0.1.0/docs/resources/host#adopt Host#adopt}
  */
  readonly adopt?: boolean | cdktf.IResolvable;
  /**
  * Name of the `pure_fleet` the host belongs to (`pure_fleet.x.name`).
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/pure-fleet/pure/0.1.0/docs/resources/host#fleet Host#fleet}
  */
  readonly fleet: string;
  /**
  * iSCSI qualified names of the host, e.g. `iqn.1994-05.com.redhat:web1`.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/pure-fleet/pure/0.1.0/docs/resources/host#iqns Host#iqns}
  */
  readonly iqns?: string[];
  /**
  * Name of the host on every FlashArray (letters, digits and "-", at most 63 characters).
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/pure-fleet/pure/0.1.0/docs/resources/host#name Host#name}
  */
  readonly name: string;
  /**
  * NVMe qualified names of the host, e.g. `nqn.2014-08.org.nvmexpress:uuid:…`.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/pure-fleet/pure/0.1.0/docs/resources/host#nqns Host#nqns}
  */
  readonly nqns?: string[];
  /**
  * Host personality, tuning the array for the host's OS: `aix`, `esxi`, `hitachi-vsp`, `hpux`, `oracle-vm-server`, `solaris`, `vms`, `nutanix-mgmt`, `nutanix-cluster`. Unset by default.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/pure-fleet/pure/0.1.0/docs/resources/host#personality Host#personality}
  */
  readonly personality?: string;
  /**
  * Fibre Channel WWNs of the host, e.g. `21:00:00:24:ff:4c:12:34` or `21000024ff4c1234`.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/pure-fleet/pure/0.1.0/docs/resources/host#wwns Host#wwns}
  */
  readonly wwns?: string[];
}

/**
* Represents a {@link https://registry.terraform.io/providers/pure-fleet/pure/0.1.0/docs/resources/host pure_host}
*/
export class Host extends cdktf.TerraformResource {

  // =================
  // STATIC PROPERTIES
  // =================
  public static readonly tfResourceType = "pure_host";

  // ==============
  // STATIC Methods
  // ==============
  /**
  * Generates CDKTF code for importing a Host resource upon running "cdktf plan <stack-name>"
  * @param scope The scope in which to define this construct
  * @param importToId The construct id used in the generated config for the Host to import
  * @param importFromId The id of the existing Host that should be imported. Refer to the {@link https://registry.terraform.io/providers/pure-fleet/pure/0.1.0/docs/resources/host#import import section} in the documentation of this resource for the id to use
  * @param provider? Optional instance of the provider where the Host to import is found
  */
  public static generateConfigForImport(scope: Construct, importToId: string, importFromId: string, provider?: cdktf.TerraformProvider) {
        return new cdktf.ImportableResource(scope, importToId, { terraformResourceType: "pure_host", importId: importFromId, provider });
      }

  // ===========
  // INITIALIZER
  // ===========

  /**
  * Create a new {@link https://registry.terraform.io/providers/pure-fleet/pure/0.1.0/docs/resources/host pure_host} Resource
  *
  * @param scope The scope in which to define this construct
  * @param id The scoped construct ID. Must be unique amongst siblings in the same scope
  * @param options HostConfig
  */
  public constructor(scope: Construct, id: string, config: HostConfig) {
    super(scope, id, {
      terraformResourceType: 'pure_host',
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
    this._iqns = config.iqns;
    this._name = config.name;
    this._nqns = config.nqns;
    this._personality = config.personality;
    this._wwns = config.wwns;
  }

  // ==========
  // ATTRIBUTES
  // ==========

  // adopt - computed: true, optional: true, required: false
  private _adopt?: boolean | cdktf.IResolvable; 
  /**
  * Take over a host of this name that already exists on an array but was not created by this fleet (it is marked as the fleet's and set to this configuration). Without it, such a host is an error naming the array, and nothing on that array is changed.
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
  * The FlashArrays the host is registered on with exactly its ports and personality, as last seen. A plan shows an array being added when the roster gained a member, or when the host was deleted there or its IQNs, NQNs, WWNs or personality were changed there out of band.
  */
  public get arrays() {
    return cdktf.Fn.tolist(this.getListAttribute('arrays'));
  }

  // fleet - computed: false, optional: false, required: true
  private _fleet?: string; 
  /**
  * Name of the `pure_fleet` the host belongs to (`pure_fleet.x.name`).
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

  // iqns - computed: false, optional: true, required: false
  private _iqns?: string[]; 
  /**
  * iSCSI qualified names of the host, e.g. `iqn.1994-05.com.redhat:web1`.
  */
  public get iqns() {
    return cdktf.Fn.tolist(this.getListAttribute('iqns'));
  }
  public set iqns(value: string[]) {
    this._iqns = value;
  }
  public resetIqns() {
    this._iqns = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get iqnsInput() {
    return this._iqns;
  }

  // name - computed: false, optional: false, required: true
  private _name?: string; 
  /**
  * Name of the host on every FlashArray (letters, digits and "-", at most 63 characters).
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

  // nqns - computed: false, optional: true, required: false
  private _nqns?: string[]; 
  /**
  * NVMe qualified names of the host, e.g. `nqn.2014-08.org.nvmexpress:uuid:…`.
  */
  public get nqns() {
    return cdktf.Fn.tolist(this.getListAttribute('nqns'));
  }
  public set nqns(value: string[]) {
    this._nqns = value;
  }
  public resetNqns() {
    this._nqns = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get nqnsInput() {
    return this._nqns;
  }

  // personality - computed: false, optional: true, required: false
  private _personality?: string; 
  /**
  * Host personality, tuning the array for the host's OS: `aix`, `esxi`, `hitachi-vsp`, `hpux`, `oracle-vm-server`, `solaris`, `vms`, `nutanix-mgmt`, `nutanix-cluster`. Unset by default.
  */
  public get personality() {
    return this.getStringAttribute('personality');
  }
  public set personality(value: string) {
    this._personality = value;
  }
  public resetPersonality() {
    this._personality = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get personalityInput() {
    return this._personality;
  }

  // wwns - computed: false, optional: true, required: false
  private _wwns?: string[]; 
  /**
  * Fibre Channel WWNs of the host, e.g. `21:00:00:24:ff:4c:12:34` or `21000024ff4c1234`.
  */
  public get wwns() {
    return cdktf.Fn.tolist(this.getListAttribute('wwns'));
  }
  public set wwns(value: string[]) {
    this._wwns = value;
  }
  public resetWwns() {
    this._wwns = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get wwnsInput() {
    return this._wwns;
  }

  // =========
  // SYNTHESIS
  // =========

  protected synthesizeAttributes(): { [name: string]: any } {
    return {
      adopt: cdktf.booleanToTerraform(this._adopt),
      fleet: cdktf.stringToTerraform(this._fleet),
      iqns: cdktf.listMapper(cdktf.stringToTerraform, false)(this._iqns),
      name: cdktf.stringToTerraform(this._name),
      nqns: cdktf.listMapper(cdktf.stringToTerraform, false)(this._nqns),
      personality: cdktf.stringToTerraform(this._personality),
      wwns: cdktf.listMapper(cdktf.stringToTerraform, false)(this._wwns),
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
      iqns: {
        value: cdktf.listMapperHcl(cdktf.stringToHclTerraform, false)(this._iqns),
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
      nqns: {
        value: cdktf.listMapperHcl(cdktf.stringToHclTerraform, false)(this._nqns),
        isBlock: false,
        type: "set",
        storageClassType: "stringList",
      },
      personality: {
        value: cdktf.stringToHclTerraform(this._personality),
        isBlock: false,
        type: "simple",
        storageClassType: "string",
      },
      wwns: {
        value: cdktf.listMapperHcl(cdktf.stringToHclTerraform, false)(this._wwns),
        isBlock: false,
        type: "set",
        storageClassType: "stringList",
      },
    };

    // remove undefined attributes
    return Object.fromEntries(Object.entries(attrs).filter(([_, value]) => value !== undefined && value.value !== undefined ))
  }
}
