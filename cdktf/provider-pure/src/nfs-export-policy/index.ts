// https://registry.terraform.io/providers/pure-fleet/pure/0.1.0/docs/resources/nfs_export_policy
// generated from terraform resource schema

import { Construct } from 'constructs';
import * as cdktf from 'cdktf';

// Configuration

export interface NfsExportPolicyConfig extends cdktf.TerraformMetaArguments {
  /**
  * Name of the `pure_fleet` (`pure_fleet.x.name`); the policy is `<fleet>-<name>` on the arrays.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/pure-fleet/pure/0.1.0/docs/resources/nfs_export_policy#fleet NfsExportPolicy#fleet}
  */
  readonly fleet: string;
  /**
  * Name of the policy within its fleet.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/pure-fleet/pure/0.1.0/docs/resources/nfs_export_policy#name NfsExportPolicy#name}
  */
  readonly name: string;
  /**
  * The rules, in the order FlashBlade keeps them: IP addresses and networks first, then other clients, then `*`.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/pure-fleet/pure/0.1.0/docs/resources/nfs_export_policy#rules NfsExportPolicy#rules}
  */
  readonly rules: NfsExportPolicyRules[] | cdktf.IResolvable;
}
export interface NfsExportPolicyRules {
  /**
  * `root-squash`, `all-squash` or `no-squash`.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/pure-fleet/pure/0.1.0/docs/resources/nfs_export_policy#access NfsExportPolicy#access}
  */
  readonly access: string;
  /**
  * GID squashed users map to (the array’s default, 65534, when unset).
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/pure-fleet/pure/0.1.0/docs/resources/nfs_export_policy#anongid NfsExportPolicy#anongid}
  */
  readonly anongid?: number;
  /**
  * UID squashed users map to (the array’s default, 65534, when unset).
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/pure-fleet/pure/0.1.0/docs/resources/nfs_export_policy#anonuid NfsExportPolicy#anonuid}
  */
  readonly anonuid?: number;
  /**
  * Who may mount: `*`, an IP address, a network such as `10.0.0.0/24`, `@netgroup` or a host name.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/pure-fleet/pure/0.1.0/docs/resources/nfs_export_policy#client NfsExportPolicy#client}
  */
  readonly client: string;
  /**
  * `rw` or `ro`.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/pure-fleet/pure/0.1.0/docs/resources/nfs_export_policy#permission NfsExportPolicy#permission}
  */
  readonly permission: string;
}

export function nfsExportPolicyRulesToTerraform(struct?: NfsExportPolicyRules | cdktf.IResolvable): any {
  if (!cdktf.canInspect(struct) || cdktf.Tokenization.isResolvable(struct)) { return struct; }
  if (cdktf.isComplexElement(struct)) {
    throw new Error("A complex element was used as configuration, this is not supported: https://cdk.tf/complex-object-as-configuration");
  }
  return {
    access: cdktf.stringToTerraform(struct!.access),
    anongid: cdktf.numberToTerraform(struct!.anongid),
    anonuid: cdktf.numberToTerraform(struct!.anonuid),
    client: cdktf.stringToTerraform(struct!.client),
    permission: cdktf.stringToTerraform(struct!.permission),
  }
}


export function nfsExportPolicyRulesToHclTerraform(struct?: NfsExportPolicyRules | cdktf.IResolvable): any {
  if (!cdktf.canInspect(struct) || cdktf.Tokenization.isResolvable(struct)) { return struct; }
  if (cdktf.isComplexElement(struct)) {
    throw new Error("A complex element was used as configuration, this is not supported: https://cdk.tf/complex-object-as-configuration");
  }
  const attrs = {
    access: {
      value: cdktf.stringToHclTerraform(struct!.access),
      isBlock: false,
      type: "simple",
      storageClassType: "string",
    },
    anongid: {
      value: cdktf.numberToHclTerraform(struct!.anongid),
      isBlock: false,
      type: "simple",
      storageClassType: "number",
    },
    anonuid: {
      value: cdktf.numberToHclTerraform(struct!.anonuid),
      isBlock: false,
      type: "simple",
      storageClassType: "number",
    },
    client: {
      value: cdktf.stringToHclTerraform(struct!.client),
      isBlock: false,
      type: "simple",
      storageClassType: "string",
    },
    permission: {
      value: cdktf.stringToHclTerraform(struct!.permission),
      isBlock: false,
      type: "simple",
      storageClassType: "string",
    },
  };

  // remove undefined attributes
  return Object.fromEntries(Object.entries(attrs).filter(([_, value]) => value !== undefined && value.value !== undefined));
}

export class NfsExportPolicyRulesOutputReference extends cdktf.ComplexObject {
  private isEmptyObject = false;
  private resolvableValue?: cdktf.IResolvable;

  /**
  * @param terraformResource The parent resource
  * @param terraformAttribute The attribute on the parent resource this class is referencing
  * @param complexObjectIndex the index of this item in the list
  * @param complexObjectIsFromSet whether the list is wrapping a set (will add tolist() to be able to access an item via an index)
  */
  public constructor(terraformResource: cdktf.IInterpolatingParent, terraformAttribute: string, complexObjectIndex: number, complexObjectIsFromSet: boolean) {
    super(terraformResource, terraformAttribute, complexObjectIsFromSet, complexObjectIndex);
  }

  public get internalValue(): NfsExportPolicyRules | cdktf.IResolvable | undefined {
    if (this.resolvableValue) {
      return this.resolvableValue;
    }
    let hasAnyValues = this.isEmptyObject;
    const internalValueResult: any = {};
    if (this._access !== undefined) {
      hasAnyValues = true;
      internalValueResult.access = this._access;
    }
    if (this._anongid !== undefined) {
      hasAnyValues = true;
      internalValueResult.anongid = this._anongid;
    }
    if (this._anonuid !== undefined) {
      hasAnyValues = true;
      internalValueResult.anonuid = this._anonuid;
    }
    if (this._client !== undefined) {
      hasAnyValues = true;
      internalValueResult.client = this._client;
    }
    if (this._permission !== undefined) {
      hasAnyValues = true;
      internalValueResult.permission = this._permission;
    }
    return hasAnyValues ? internalValueResult : undefined;
  }

  public set internalValue(value: NfsExportPolicyRules | cdktf.IResolvable | undefined) {
    if (value === undefined) {
      this.isEmptyObject = false;
      this.resolvableValue = undefined;
      this._access = undefined;
      this._anongid = undefined;
      this._anonuid = undefined;
      this._client = undefined;
      this._permission = undefined;
    }
    else if (cdktf.Tokenization.isResolvable(value)) {
      this.isEmptyObject = false;
      this.resolvableValue = value;
    }
    else {
      this.isEmptyObject = Object.keys(value).length === 0;
      this.resolvableValue = undefined;
      this._access = value.access;
      this._anongid = value.anongid;
      this._anonuid = value.anonuid;
      this._client = value.client;
      this._permission = value.permission;
    }
  }

  // access - computed: false, optional: false, required: true
  private _access?: string; 
  /**
  * `root-squash`, `all-squash` or `no-squash`.
  */
  public get access() {
    return this.getStringAttribute('access');
  }
  public set access(value: string) {
    this._access = value;
  }
  // Temporarily expose input value. Use with caution.
  public get accessInput() {
    return this._access;
  }

  // anongid - computed: false, optional: true, required: false
  private _anongid?: number; 
  /**
  * GID squashed users map to (the array’s default, 65534, when unset).
  */
  public get anongid() {
    return this.getNumberAttribute('anongid');
  }
  public set anongid(value: number) {
    this._anongid = value;
  }
  public resetAnongid() {
    this._anongid = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get anongidInput() {
    return this._anongid;
  }

  // anonuid - computed: false, optional: true, required: false
  private _anonuid?: number; 
  /**
  * UID squashed users map to (the array’s default, 65534, when unset).
  */
  public get anonuid() {
    return this.getNumberAttribute('anonuid');
  }
  public set anonuid(value: number) {
    this._anonuid = value;
  }
  public resetAnonuid() {
    this._anonuid = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get anonuidInput() {
    return this._anonuid;
  }

  // client - computed: false, optional: false, required: true
  private _client?: string; 
  /**
  * Who may mount: `*`, an IP address, a network such as `10.0.0.0/24`, `@netgroup` or a host name.
  */
  public get client() {
    return this.getStringAttribute('client');
  }
  public set client(value: string) {
    this._client = value;
  }
  // Temporarily expose input value. Use with caution.
  public get clientInput() {
    return this._client;
  }

  // permission - computed: false, optional: false, required: true
  private _permission?: string; 
  /**
  * `rw` or `ro`.
  */
  public get permission() {
    return this.getStringAttribute('permission');
  }
  public set permission(value: string) {
    this._permission = value;
  }
  // Temporarily expose input value. Use with caution.
  public get permissionInput() {
    return this._permission;
  }
}

export class NfsExportPolicyRulesList extends cdktf.ComplexList {
  public internalValue? : NfsExportPolicyRules[] | cdktf.IResolvable

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
  public get(index: number): NfsExportPolicyRulesOutputReference {
    return new NfsExportPolicyRulesOutputReference(this.terraformResource, this.terraformAttribute, index, this.wrapsSet);
  }
}

/**
* Represents a {@link https://registry.terraform.io/providers/pure-fleet/pure/0.1.0/docs/resources/nfs_export_policy pure_nfs_export_policy}
*/
export class NfsExportPolicy extends cdktf.TerraformResource {

  // =================
  // STATIC PROPERTIES
  // =================
  public static readonly tfResourceType = "pure_nfs_export_policy";

  // ==============
  // STATIC Methods
  // ==============
  /**
  * Generates CDKTF code for importing a NfsExportPolicy resource upon running "cdktf plan <stack-name>"
  * @param scope The scope in which to define this construct
  * @param importToId The construct id used in the generated config for the NfsExportPolicy to import
  * @param importFromId The id of the existing NfsExportPolicy that should be imported. Refer to the {@link https://registry.terraform.io/providers/pure-fleet/pure/0.1.0/docs/resources/nfs_export_policy#import import section} in the documentation of this resource for the id to use
  * @param provider? Optional instance of the provider where the NfsExportPolicy to import is found
  */
  public static generateConfigForImport(scope: Construct, importToId: string, importFromId: string, provider?: cdktf.TerraformProvider) {
        return new cdktf.ImportableResource(scope, importToId, { terraformResourceType: "pure_nfs_export_policy", importId: importFromId, provider });
      }

  // ===========
  // INITIALIZER
  // ===========

  /**
  * Create a new {@link https://registry.terraform.io/providers/pure-fleet/pure/0.1.0/docs/resources/nfs_export_policy pure_nfs_export_policy} Resource
  *
  * @param scope The scope in which to define this construct
  * @param id The scoped construct ID. Must be unique amongst siblings in the same scope
  * @param options NfsExportPolicyConfig
  */
  public constructor(scope: Construct, id: string, config: NfsExportPolicyConfig) {
    super(scope, id, {
      terraformResourceType: 'pure_nfs_export_policy',
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
    this._fleet = config.fleet;
    this._name = config.name;
    this._rules.internalValue = config.rules;
  }

  // ==========
  // ATTRIBUTES
  // ==========

  // arrays - computed: true, optional: false, required: false
  /**
  * The FlashBlades holding the policy (those at REST 2.3 or later).
  */
  public get arrays() {
    return this.getListAttribute('arrays');
  }

  // fleet - computed: false, optional: false, required: true
  private _fleet?: string; 
  /**
  * Name of the `pure_fleet` (`pure_fleet.x.name`); the policy is `<fleet>-<name>` on the arrays.
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
  * Name of the policy within its fleet.
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

  // policy_name - computed: true, optional: false, required: false
  /**
  * Name of the policy on the arrays, for `pure_volume.export_policy`.
  */
  public get policyName() {
    return this.getStringAttribute('policy_name');
  }

  // rules - computed: false, optional: false, required: true
  private _rules = new NfsExportPolicyRulesList(this, "rules", false);
  /**
  * The rules, in the order FlashBlade keeps them: IP addresses and networks first, then other clients, then `*`.
  */
  public get rules() {
    return this._rules;
  }
  public putRules(value: NfsExportPolicyRules[] | cdktf.IResolvable) {
    this._rules.internalValue = value;
  }
  // Temporarily expose input value. Use with caution.
  public get rulesInput() {
    return this._rules.internalValue;
  }

  // =========
  // SYNTHESIS
  // =========

  protected synthesizeAttributes(): { [name: string]: any } {
    return {
      fleet: cdktf.stringToTerraform(this._fleet),
      name: cdktf.stringToTerraform(this._name),
      rules: cdktf.listMapper(nfsExportPolicyRulesToTerraform, false)(this._rules.internalValue),
    };
  }

  protected synthesizeHclAttributes(): { [name: string]: any } {
    const attrs = {
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
      rules: {
        value: cdktf.listMapperHcl(nfsExportPolicyRulesToHclTerraform, false)(this._rules.internalValue),
        isBlock: true,
        type: "list",
        storageClassType: "NfsExportPolicyRulesList",
      },
    };

    // remove undefined attributes
    return Object.fromEntries(Object.entries(attrs).filter(([_, value]) => value !== undefined && value.value !== undefined ))
  }
}
