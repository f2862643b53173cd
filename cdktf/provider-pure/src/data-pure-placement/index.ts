// https://registry.terraform.io/providers/pure-fleet/pure/0.1.0/docs/data-sources/placement
// generated from terraform resource schema

import { Construct } from 'constructs';
import * as cdktf from 'cdktf';

// Configuration

export interface DataPurePlacementConfig extends cdktf.TerraformMetaArguments {
  /**
  * The fleet the volumes would belong to (the name of a `pure_fleet` resource).
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/pure-fleet/pure/0.1.0/docs/data-sources/placement#fleet DataPurePlacement#fleet}
  */
  readonly fleet: string;
  /**
  * Creates in flight at once during the apply being previewed (Terraform's `-parallelism`, default 10).
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/pure-fleet/pure/0.1.0/docs/data-sources/placement#parallelism DataPurePlacement#parallelism}
  */
  readonly parallelism?: number;
  /**
  * The volumes to place, in the order an apply would create them.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/pure-fleet/pure/0.1.0/docs/data-sources/placement#requests DataPurePlacement#requests}
  */
  readonly requests: DataPurePlacementRequests[] | cdktf.IResolvable;
}
export interface DataPurePlacementPlacementsExcluded {
}

export function dataPurePlacementPlacementsExcludedToTerraform(struct?: DataPurePlacementPlacementsExcluded): any {
  if (!cdktf.canInspect(struct) || cdktf.Tokenization.isResolvable(struct)) { return struct; }
  if (cdktf.isComplexElement(struct)) {
    throw new Error("A complex element was used as configuration, this is not supported: https://cdk.tf/complex-object-as-configuration");
  }
  return {
  }
}


export function dataPurePlacementPlacementsExcludedToHclTerraform(struct?: DataPurePlacementPlacementsExcluded): any {
  if (!cdktf.canInspect(struct) || cdktf.Tokenization.isResolvable(struct)) { return struct; }
  if (cdktf.isComplexElement(struct)) {
    throw new Error("A complex element was used as configuration, this is not supported: https://cdk.tf/complex-object-as-configuration");
  }
  const attrs = {
  };
  return attrs;
}

export class DataPurePlacementPlacementsExcludedOutputReference extends cdktf.ComplexObject {
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

  public get internalValue(): DataPurePlacementPlacementsExcluded | undefined {
    let hasAnyValues = this.isEmptyObject;
    const internalValueResult: any = {};
    return hasAnyValues ? internalValueResult : undefined;
  }

  public set internalValue(value: DataPurePlacementPlacementsExcluded | undefined) {
    if (value === undefined) {
      this.isEmptyObject = false;
    }
    else {
      this.isEmptyObject = Object.keys(value).length === 0;
    }
  }

  // array - computed: true, optional: false, required: false
  /**
  * An array that cannot take the volume.
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

export class DataPurePlacementPlacementsExcludedList extends cdktf.ComplexList {

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
  public get(index: number): DataPurePlacementPlacementsExcludedOutputReference {
    return new DataPurePlacementPlacementsExcludedOutputReference(this.terraformResource, this.terraformAttribute, index, this.wrapsSet);
  }
}
export interface DataPurePlacementPlacementsRanking {
}

export function dataPurePlacementPlacementsRankingToTerraform(struct?: DataPurePlacementPlacementsRanking): any {
  if (!cdktf.canInspect(struct) || cdktf.Tokenization.isResolvable(struct)) { return struct; }
  if (cdktf.isComplexElement(struct)) {
    throw new Error("A complex element was used as configuration, this is not supported: https://cdk.tf/complex-object-as-configuration");
  }
  return {
  }
}


export function dataPurePlacementPlacementsRankingToHclTerraform(struct?: DataPurePlacementPlacementsRanking): any {
  if (!cdktf.canInspect(struct) || cdktf.Tokenization.isResolvable(struct)) { return struct; }
  if (cdktf.isComplexElement(struct)) {
    throw new Error("A complex element was used as configuration, this is not supported: https://cdk.tf/complex-object-as-configuration");
  }
  const attrs = {
  };
  return attrs;
}

export class DataPurePlacementPlacementsRankingOutputReference extends cdktf.ComplexObject {
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

  public get internalValue(): DataPurePlacementPlacementsRanking | undefined {
    let hasAnyValues = this.isEmptyObject;
    const internalValueResult: any = {};
    return hasAnyValues ? internalValueResult : undefined;
  }

  public set internalValue(value: DataPurePlacementPlacementsRanking | undefined) {
    if (value === undefined) {
      this.isEmptyObject = false;
    }
    else {
      this.isEmptyObject = Object.keys(value).length === 0;
    }
  }

  // array - computed: true, optional: false, required: false
  /**
  * A feasible array.
  */
  public get array() {
    return this.getStringAttribute('array');
  }

  // projected_capacity_utilisation - computed: true, optional: false, required: false
  /**
  * Used share of usable capacity after this volume, reservations included.
  */
  public get projectedCapacityUtilisation() {
    return this.getNumberAttribute('projected_capacity_utilisation');
  }

  // projected_load - computed: true, optional: false, required: false
  /**
  * Load after this volume, reservations included.
  */
  public get projectedLoad() {
    return this.getNumberAttribute('projected_load');
  }

  // score - computed: true, optional: false, required: false
  /**
  * Weighted total, 0–100, rounded as the tie-break rounds it.
  */
  public get score() {
    return this.getNumberAttribute('score');
  }

  // scores - computed: true, optional: false, required: false
  private _scores = new cdktf.NumberMap(this, "scores");
  /**
  * Each scorer's value, 0–100.
  */
  public get scores() {
    return this._scores;
  }
}

export class DataPurePlacementPlacementsRankingList extends cdktf.ComplexList {

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
  public get(index: number): DataPurePlacementPlacementsRankingOutputReference {
    return new DataPurePlacementPlacementsRankingOutputReference(this.terraformResource, this.terraformAttribute, index, this.wrapsSet);
  }
}
export interface DataPurePlacementPlacements {
}

export function dataPurePlacementPlacementsToTerraform(struct?: DataPurePlacementPlacements): any {
  if (!cdktf.canInspect(struct) || cdktf.Tokenization.isResolvable(struct)) { return struct; }
  if (cdktf.isComplexElement(struct)) {
    throw new Error("A complex element was used as configuration, this is not supported: https://cdk.tf/complex-object-as-configuration");
  }
  return {
  }
}


export function dataPurePlacementPlacementsToHclTerraform(struct?: DataPurePlacementPlacements): any {
  if (!cdktf.canInspect(struct) || cdktf.Tokenization.isResolvable(struct)) { return struct; }
  if (cdktf.isComplexElement(struct)) {
    throw new Error("A complex element was used as configuration, this is not supported: https://cdk.tf/complex-object-as-configuration");
  }
  const attrs = {
  };
  return attrs;
}

export class DataPurePlacementPlacementsOutputReference extends cdktf.ComplexObject {
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

  public get internalValue(): DataPurePlacementPlacements | undefined {
    let hasAnyValues = this.isEmptyObject;
    const internalValueResult: any = {};
    return hasAnyValues ? internalValueResult : undefined;
  }

  public set internalValue(value: DataPurePlacementPlacements | undefined) {
    if (value === undefined) {
      this.isEmptyObject = false;
    }
    else {
      this.isEmptyObject = Object.keys(value).length === 0;
    }
  }

  // array - computed: true, optional: false, required: false
  /**
  * The array it would go to; null when none can take it.
  */
  public get array() {
    return this.getStringAttribute('array');
  }

  // excluded - computed: true, optional: false, required: false
  private _excluded = new DataPurePlacementPlacementsExcludedList(this, "excluded", false);
  /**
  * Every other array, with the first filter that excluded it.
  */
  public get excluded() {
    return this._excluded;
  }

  // name - computed: true, optional: false, required: false
  /**
  * The requested volume.
  */
  public get name() {
    return this.getStringAttribute('name');
  }

  // placed - computed: true, optional: false, required: false
  /**
  * Whether an array can take it.
  */
  public get placed() {
    return this.getBooleanAttribute('placed');
  }

  // ranking - computed: true, optional: false, required: false
  private _ranking = new DataPurePlacementPlacementsRankingList(this, "ranking", false);
  /**
  * Every feasible array, best first.
  */
  public get ranking() {
    return this._ranking;
  }

  // score - computed: true, optional: false, required: false
  /**
  * The chosen array's total score.
  */
  public get score() {
    return this.getNumberAttribute('score');
  }

  // tie_break - computed: true, optional: false, required: false
  /**
  * How the winner was separated: `score`, `rendezvous-hash`, `array-id` or `only-candidate`.
  */
  public get tieBreak() {
    return this.getStringAttribute('tie_break');
  }
}

export class DataPurePlacementPlacementsList extends cdktf.ComplexList {

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
  public get(index: number): DataPurePlacementPlacementsOutputReference {
    return new DataPurePlacementPlacementsOutputReference(this.terraformResource, this.terraformAttribute, index, this.wrapsSet);
  }
}
export interface DataPurePlacementRequests {
  /**
  * Pin the volume to this array of the roster.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/pure-fleet/pure/0.1.0/docs/data-sources/placement#array DataPurePlacement#array}
  */
  readonly array?: string;
  /**
  * Only arrays carrying every one of these labels may take the volume.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/pure-fleet/pure/0.1.0/docs/data-sources/placement#array_labels DataPurePlacement#array_labels}
  */
  readonly arrayLabels?: { [key: string]: string };
  /**
  * Sustained IOPS the volume is expected to drive (default: the policy's IOPS per TiB).
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/pure-fleet/pure/0.1.0/docs/data-sources/placement#expected_iops DataPurePlacement#expected_iops}
  */
  readonly expectedIops?: number;
  /**
  * `block` (a FlashArray volume, the default) or `file` (a FlashBlade file system).
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/pure-fleet/pure/0.1.0/docs/data-sources/placement#kind DataPurePlacement#kind}
  */
  readonly kind?: string;
  /**
  * Name of the volume, as pure_volume would name it; with the fleet it seeds the tie-break.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/pure-fleet/pure/0.1.0/docs/data-sources/placement#name DataPurePlacement#name}
  */
  readonly name: string;
  /**
  * Provisioned size (block) or quota (file), e.g. `"100G"` (binary units).
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/pure-fleet/pure/0.1.0/docs/data-sources/placement#size DataPurePlacement#size}
  */
  readonly size: string;
}

export function dataPurePlacementRequestsToTerraform(struct?: DataPurePlacementRequests | cdktf.IResolvable): any {
  if (!cdktf.canInspect(struct) || cdktf.Tokenization.isResolvable(struct)) { return struct; }
  if (cdktf.isComplexElement(struct)) {
    throw new Error("A complex element was used as configuration, this is not supported: https://cdk.tf/complex-object-as-configuration");
  }
  return {
    array: cdktf.stringToTerraform(struct!.array),
    array_labels: cdktf.hashMapper(cdktf.stringToTerraform)(struct!.arrayLabels),
    expected_iops: cdktf.numberToTerraform(struct!.expectedIops),
    kind: cdktf.stringToTerraform(struct!.kind),
    name: cdktf.stringToTerraform(struct!.name),
    size: cdktf.stringToTerraform(struct!.size),
  }
}


export function dataPurePlacementRequestsToHclTerraform(struct?: DataPurePlacementRequests | cdktf.IResolvable): any {
  if (!cdktf.canInspect(struct) || cdktf.Tokenization.isResolvable(struct)) { return struct; }
  if (cdktf.isComplexElement(struct)) {
    throw new Error("A complex element was used as configuration, this is not supported: https://cdk.tf/complex-object-as-configuration");
  }
  const attrs = {
    array: {
      value: cdktf.stringToHclTerraform(struct!.array),
      isBlock: false,
      type: "simple",
      storageClassType: "string",
    },
    array_labels: {
      value: cdktf.hashMapperHcl(cdktf.stringToHclTerraform)(struct!.arrayLabels),
      isBlock: false,
      type: "map",
      storageClassType: "stringMap",
    },
    expected_iops: {
      value: cdktf.numberToHclTerraform(struct!.expectedIops),
      isBlock: false,
      type: "simple",
      storageClassType: "number",
    },
    kind: {
      value: cdktf.stringToHclTerraform(struct!.kind),
      isBlock: false,
      type: "simple",
      storageClassType: "string",
    },
    name: {
      value: cdktf.stringToHclTerraform(struct!.name),
      isBlock: false,
      type: "simple",
      storageClassType: "string",
    },
    size: {
      value: cdktf.stringToHclTerraform(struct!.size),
      isBlock: false,
      type: "simple",
      storageClassType: "string",
    },
  };

  // remove undefined attributes
  return Object.fromEntries(Object.entries(attrs).filter(([_, value]) => value !== undefined && value.value !== undefined));
}

export class DataPurePlacementRequestsOutputReference extends cdktf.ComplexObject {
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

  public get internalValue(): DataPurePlacementRequests | cdktf.IResolvable | undefined {
    if (this.resolvableValue) {
      return this.resolvableValue;
    }
    let hasAnyValues = this.isEmptyObject;
    const internalValueResult: any = {};
    if (this._array !== undefined) {
      hasAnyValues = true;
      internalValueResult.array = this._array;
    }
    if (this._arrayLabels !== undefined) {
      hasAnyValues = true;
      internalValueResult.arrayLabels = this._arrayLabels;
    }
    if (this._expectedIops !== undefined) {
      hasAnyValues = true;
      internalValueResult.expectedIops = this._expectedIops;
    }
    if (this._kind !== undefined) {
      hasAnyValues = true;
      internalValueResult.kind = this._kind;
    }
    if (this._name !== undefined) {
      hasAnyValues = true;
      internalValueResult.name = this._name;
    }
    if (this._size !== undefined) {
      hasAnyValues = true;
      internalValueResult.size = this._size;
    }
    return hasAnyValues ? internalValueResult : undefined;
  }

  public set internalValue(value: DataPurePlacementRequests | cdktf.IResolvable | undefined) {
    if (value === undefined) {
      this.isEmptyObject = false;
      this.resolvableValue = undefined;
      this._array = undefined;
      this._arrayLabels = undefined;
      this._expectedIops = undefined;
      this._kind = undefined;
      this._name = undefined;
      this._size = undefined;
    }
    else if (cdktf.Tokenization.isResolvable(value)) {
      this.isEmptyObject = false;
      this.resolvableValue = value;
    }
    else {
      this.isEmptyObject = Object.keys(value).length === 0;
      this.resolvableValue = undefined;
      this._array = value.array;
      this._arrayLabels = value.arrayLabels;
      this._expectedIops = value.expectedIops;
      this._kind = value.kind;
      this._name = value.name;
      this._size = value.size;
    }
  }

  // array - computed: false, optional: true, required: false
  private _array?: string; 
  /**
  * Pin the volume to this array of the roster.
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
  * Only arrays carrying every one of these labels may take the volume.
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

  // expected_iops - computed: false, optional: true, required: false
  private _expectedIops?: number; 
  /**
  * Sustained IOPS the volume is expected to drive (default: the policy's IOPS per TiB).
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

  // kind - computed: false, optional: true, required: false
  private _kind?: string; 
  /**
  * `block` (a FlashArray volume, the default) or `file` (a FlashBlade file system).
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

  // name - computed: false, optional: false, required: true
  private _name?: string; 
  /**
  * Name of the volume, as pure_volume would name it; with the fleet it seeds the tie-break.
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

  // size - computed: false, optional: false, required: true
  private _size?: string; 
  /**
  * Provisioned size (block) or quota (file), e.g. `"100G"` (binary units).
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
}

export class DataPurePlacementRequestsList extends cdktf.ComplexList {
  public internalValue? : DataPurePlacementRequests[] | cdktf.IResolvable

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
  public get(index: number): DataPurePlacementRequestsOutputReference {
    return new DataPurePlacementRequestsOutputReference(this.terraformResource, this.terraformAttribute, index, this.wrapsSet);
  }
}

/**
* Represents a {@link https://registry.terraform.io/providers/pure-fleet/pure/0.1.0/docs/data-sources/placement pure_placement}
*/
export class DataPurePlacement extends cdktf.TerraformDataSource {

  // =================
  // STATIC PROPERTIES
  // =================
  public static readonly tfResourceType = "pure_placement";

  // ==============
  // STATIC Methods
  // ==============
  /**
  * Generates CDKTF code for importing a DataPurePlacement resource upon running "cdktf plan <stack-name>"
  * @param scope The scope in which to define this construct
  * @param importToId The construct id used in the generated config for the DataPurePlacement to import
  * @param importFromId The id of the existing DataPurePlacement that should be imported. Refer to the {@link https://registry.terraform.io/providers/pure-fleet/pure/0.1.0/docs/data-sources/placement#import import section} in the documentation of this resource for the id to use
  * @param provider? Optional instance of the provider where the DataPurePlacement to import is found
  */
  public static generateConfigForImport(scope: Construct, importToId: string, importFromId: string, provider?: cdktf.TerraformProvider) {
        return new cdktf.ImportableResource(scope, importToId, { terraformResourceType: "pure_placement", importId: importFromId, provider });
      }

  // ===========
  // INITIALIZER
  // ===========

  /**
  * Create a new {@link https://registry.terraform.io/providers/pure-fleet/pure/0.1.0/docs/data-sources/placement pure_placement} Data Source
  *
  * @param scope The scope in which to define this construct
  * @param id The scoped construct ID. Must be unique amongst siblings in the same scope
  * @param options DataPurePlacementConfig
  */
  public constructor(scope: Construct, id: string, config: DataPurePlacementConfig) {
    super(scope, id, {
      terraformResourceType: 'pure_placement',
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
    this._parallelism = config.parallelism;
    this._requests.internalValue = config.requests;
  }

  // ==========
  // ATTRIBUTES
  // ==========

  // fleet - computed: false, optional: false, required: true
  private _fleet?: string; 
  /**
  * The fleet the volumes would belong to (the name of a `pure_fleet` resource).
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

  // parallelism - computed: false, optional: true, required: false
  private _parallelism?: number; 
  /**
  * Creates in flight at once during the apply being previewed (Terraform's `-parallelism`, default 10).
  */
  public get parallelism() {
    return this.getNumberAttribute('parallelism');
  }
  public set parallelism(value: number) {
    this._parallelism = value;
  }
  public resetParallelism() {
    this._parallelism = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get parallelismInput() {
    return this._parallelism;
  }

  // placements - computed: true, optional: false, required: false
  private _placements = new DataPurePlacementPlacementsList(this, "placements", false);
  /**
  * One entry per request, in order.
  */
  public get placements() {
    return this._placements;
  }

  // requests - computed: false, optional: false, required: true
  private _requests = new DataPurePlacementRequestsList(this, "requests", false);
  /**
  * The volumes to place, in the order an apply would create them.
  */
  public get requests() {
    return this._requests;
  }
  public putRequests(value: DataPurePlacementRequests[] | cdktf.IResolvable) {
    this._requests.internalValue = value;
  }
  // Temporarily expose input value. Use with caution.
  public get requestsInput() {
    return this._requests.internalValue;
  }

  // =========
  // SYNTHESIS
  // =========

  protected synthesizeAttributes(): { [name: string]: any } {
    return {
      fleet: cdktf.stringToTerraform(this._fleet),
      parallelism: cdktf.numberToTerraform(this._parallelism),
      requests: cdktf.listMapper(dataPurePlacementRequestsToTerraform, false)(this._requests.internalValue),
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
      parallelism: {
        value: cdktf.numberToHclTerraform(this._parallelism),
        isBlock: false,
        type: "simple",
        storageClassType: "number",
      },
      requests: {
        value: cdktf.listMapperHcl(dataPurePlacementRequestsToHclTerraform, false)(this._requests.internalValue),
        isBlock: true,
        type: "list",
        storageClassType: "DataPurePlacementRequestsList",
      },
    };

    // remove undefined attributes
    return Object.fromEntries(Object.entries(attrs).filter(([_, value]) => value !== undefined && value.value !== undefined ))
  }
}
