// https://registry.terraform.io/providers/pure-fleet/pure/0.1.0/docs/data-sources/fleet
// generated from terraform resource schema

import { Construct } from 'constructs';
import * as cdktf from 'cdktf';

// Configuration

export interface DataPureFleetConfig extends cdktf.TerraformMetaArguments {
}
export interface DataPureFleetArraysCapacity {
}

export function dataPureFleetArraysCapacityToTerraform(struct?: DataPureFleetArraysCapacity): any {
  if (!cdktf.canInspect(struct) || cdktf.Tokenization.isResolvable(struct)) { return struct; }
  if (cdktf.isComplexElement(struct)) {
    throw new Error("A complex element was used as configuration, this is not supported: https://cdk.tf/complex-object-as-configuration");
  }
  return {
  }
}


export function dataPureFleetArraysCapacityToHclTerraform(struct?: DataPureFleetArraysCapacity): any {
  if (!cdktf.canInspect(struct) || cdktf.Tokenization.isResolvable(struct)) { return struct; }
  if (cdktf.isComplexElement(struct)) {
    throw new Error("A complex element was used as configuration, this is not supported: https://cdk.tf/complex-object-as-configuration");
  }
  const attrs = {
  };
  return attrs;
}

export class DataPureFleetArraysCapacityOutputReference extends cdktf.ComplexObject {
  private isEmptyObject = false;

  /**
  * @param terraformResource The parent resource
  * @param terraformAttribute The attribute on the parent resource this class is referencing
  */
  public constructor(terraformResource: cdktf.IInterpolatingParent, terraformAttribute: string) {
    super(terraformResource, terraformAttribute, false);
  }

  public get internalValue(): DataPureFleetArraysCapacity | undefined {
    let hasAnyValues = this.isEmptyObject;
    const internalValueResult: any = {};
    return hasAnyValues ? internalValueResult : undefined;
  }

  public set internalValue(value: DataPureFleetArraysCapacity | undefined) {
    if (value === undefined) {
      this.isEmptyObject = false;
    }
    else {
      this.isEmptyObject = Object.keys(value).length === 0;
    }
  }

  // data_reduction_ratio - computed: true, optional: false, required: false
  /**
  * Data-reduction ratio placement uses; null when too little data is stored to trust it.
  */
  public get dataReductionRatio() {
    return this.getNumberAttribute('data_reduction_ratio');
  }

  // provisioned_bytes - computed: true, optional: false, required: false
  /**
  * Sum of the provisioned sizes of its volumes or file systems, bytes.
  */
  public get provisionedBytes() {
    return this.getNumberAttribute('provisioned_bytes');
  }

  // sampled_at - computed: true, optional: false, required: false
  /**
  * Time of the array's space sample (RFC 3339), when reported.
  */
  public get sampledAt() {
    return this.getStringAttribute('sampled_at');
  }

  // share_after_reservations - computed: true, optional: false, required: false
  /**
  * The used share counting what this provider process has reserved on the array and its telemetry does not show yet.
  */
  public get shareAfterReservations() {
    return this.getNumberAttribute('share_after_reservations');
  }

  // usable_bytes - computed: true, optional: false, required: false
  /**
  * Physical capacity the array can store, bytes.
  */
  public get usableBytes() {
    return this.getNumberAttribute('usable_bytes');
  }

  // used_bytes - computed: true, optional: false, required: false
  /**
  * Physical space in use, bytes, snapshots and system space included.
  */
  public get usedBytes() {
    return this.getNumberAttribute('used_bytes');
  }

  // used_share - computed: true, optional: false, required: false
  /**
  * used_bytes ÷ usable_bytes.
  */
  public get usedShare() {
    return this.getNumberAttribute('used_share');
  }
}
export interface DataPureFleetArraysPerformance {
}

export function dataPureFleetArraysPerformanceToTerraform(struct?: DataPureFleetArraysPerformance): any {
  if (!cdktf.canInspect(struct) || cdktf.Tokenization.isResolvable(struct)) { return struct; }
  if (cdktf.isComplexElement(struct)) {
    throw new Error("A complex element was used as configuration, this is not supported: https://cdk.tf/complex-object-as-configuration");
  }
  return {
  }
}


export function dataPureFleetArraysPerformanceToHclTerraform(struct?: DataPureFleetArraysPerformance): any {
  if (!cdktf.canInspect(struct) || cdktf.Tokenization.isResolvable(struct)) { return struct; }
  if (cdktf.isComplexElement(struct)) {
    throw new Error("A complex element was used as configuration, this is not supported: https://cdk.tf/complex-object-as-configuration");
  }
  const attrs = {
  };
  return attrs;
}

export class DataPureFleetArraysPerformanceOutputReference extends cdktf.ComplexObject {
  private isEmptyObject = false;

  /**
  * @param terraformResource The parent resource
  * @param terraformAttribute The attribute on the parent resource this class is referencing
  */
  public constructor(terraformResource: cdktf.IInterpolatingParent, terraformAttribute: string) {
    super(terraformResource, terraformAttribute, false);
  }

  public get internalValue(): DataPureFleetArraysPerformance | undefined {
    let hasAnyValues = this.isEmptyObject;
    const internalValueResult: any = {};
    return hasAnyValues ? internalValueResult : undefined;
  }

  public set internalValue(value: DataPureFleetArraysPerformance | undefined) {
    if (value === undefined) {
      this.isEmptyObject = false;
    }
    else {
      this.isEmptyObject = Object.keys(value).length === 0;
    }
  }

  // iops - computed: true, optional: false, required: false
  /**
  * IOPS served (reads, writes and others per second).
  */
  public get iops() {
    return this.getNumberAttribute('iops');
  }

  // latency_ms - computed: true, optional: false, required: false
  /**
  * Average latency per operation, milliseconds; null when not reported.
  */
  public get latencyMs() {
    return this.getNumberAttribute('latency_ms');
  }

  // load - computed: true, optional: false, required: false
  /**
  * Estimated load, 0..1 of saturation.
  */
  public get load() {
    return this.getNumberAttribute('load');
  }

  // load_method - computed: true, optional: false, required: false
  /**
  * How the load was estimated: `queue-share` or `iops-over-saturation`.
  */
  public get loadMethod() {
    return this.getStringAttribute('load_method');
  }

  // sampled_at - computed: true, optional: false, required: false
  /**
  * Time of the array's performance sample (RFC 3339), when reported.
  */
  public get sampledAt() {
    return this.getStringAttribute('sampled_at');
  }

  // saturation_iops - computed: true, optional: false, required: false
  /**
  * IOPS at which the array is saturated.
  */
  public get saturationIops() {
    return this.getNumberAttribute('saturation_iops');
  }

  // saturation_source - computed: true, optional: false, required: false
  /**
  * Where saturation_iops comes from: `roster`, `observed`, `model-table` or `unknown-model`.
  */
  public get saturationSource() {
    return this.getStringAttribute('saturation_source');
  }
}
export interface DataPureFleetArraysProblems {
}

export function dataPureFleetArraysProblemsToTerraform(struct?: DataPureFleetArraysProblems): any {
  if (!cdktf.canInspect(struct) || cdktf.Tokenization.isResolvable(struct)) { return struct; }
  if (cdktf.isComplexElement(struct)) {
    throw new Error("A complex element was used as configuration, this is not supported: https://cdk.tf/complex-object-as-configuration");
  }
  return {
  }
}


export function dataPureFleetArraysProblemsToHclTerraform(struct?: DataPureFleetArraysProblems): any {
  if (!cdktf.canInspect(struct) || cdktf.Tokenization.isResolvable(struct)) { return struct; }
  if (cdktf.isComplexElement(struct)) {
    throw new Error("A complex element was used as configuration, this is not supported: https://cdk.tf/complex-object-as-configuration");
  }
  const attrs = {
  };
  return attrs;
}

export class DataPureFleetArraysProblemsOutputReference extends cdktf.ComplexObject {
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

  public get internalValue(): DataPureFleetArraysProblems | undefined {
    let hasAnyValues = this.isEmptyObject;
    const internalValueResult: any = {};
    return hasAnyValues ? internalValueResult : undefined;
  }

  public set internalValue(value: DataPureFleetArraysProblems | undefined) {
    if (value === undefined) {
      this.isEmptyObject = false;
    }
    else {
      this.isEmptyObject = Object.keys(value).length === 0;
    }
  }

  // code - computed: true, optional: false, required: false
  /**
  * Stable code of the problem (an alert code, or a component check).
  */
  public get code() {
    return this.getStringAttribute('code');
  }

  // message - computed: true, optional: false, required: false
  /**
  * What the array reported.
  */
  public get message() {
    return this.getStringAttribute('message');
  }

  // severity - computed: true, optional: false, required: false
  /**
  * `critical` (the array takes no new volumes) or `warning`.
  */
  public get severity() {
    return this.getStringAttribute('severity');
  }
}

export class DataPureFleetArraysProblemsList extends cdktf.ComplexList {

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
  public get(index: number): DataPureFleetArraysProblemsOutputReference {
    return new DataPureFleetArraysProblemsOutputReference(this.terraformResource, this.terraformAttribute, index, this.wrapsSet);
  }
}
export interface DataPureFleetArraysVolumes {
}

export function dataPureFleetArraysVolumesToTerraform(struct?: DataPureFleetArraysVolumes): any {
  if (!cdktf.canInspect(struct) || cdktf.Tokenization.isResolvable(struct)) { return struct; }
  if (cdktf.isComplexElement(struct)) {
    throw new Error("A complex element was used as configuration, this is not supported: https://cdk.tf/complex-object-as-configuration");
  }
  return {
  }
}


export function dataPureFleetArraysVolumesToHclTerraform(struct?: DataPureFleetArraysVolumes): any {
  if (!cdktf.canInspect(struct) || cdktf.Tokenization.isResolvable(struct)) { return struct; }
  if (cdktf.isComplexElement(struct)) {
    throw new Error("A complex element was used as configuration, this is not supported: https://cdk.tf/complex-object-as-configuration");
  }
  const attrs = {
  };
  return attrs;
}

export class DataPureFleetArraysVolumesOutputReference extends cdktf.ComplexObject {
  private isEmptyObject = false;

  /**
  * @param terraformResource The parent resource
  * @param terraformAttribute The attribute on the parent resource this class is referencing
  */
  public constructor(terraformResource: cdktf.IInterpolatingParent, terraformAttribute: string) {
    super(terraformResource, terraformAttribute, false);
  }

  public get internalValue(): DataPureFleetArraysVolumes | undefined {
    let hasAnyValues = this.isEmptyObject;
    const internalValueResult: any = {};
    return hasAnyValues ? internalValueResult : undefined;
  }

  public set internalValue(value: DataPureFleetArraysVolumes | undefined) {
    if (value === undefined) {
      this.isEmptyObject = false;
    }
    else {
      this.isEmptyObject = Object.keys(value).length === 0;
    }
  }

  // count - computed: true, optional: false, required: false
  /**
  * Volumes (FlashArray) or file systems (FlashBlade) on the array, every owner counted.
  */
  public get count() {
    return this.getNumberAttribute('count');
  }

  // limit - computed: true, optional: false, required: false
  /**
  * The limit for that count; null when unknown.
  */
  public get limit() {
    return this.getNumberAttribute('limit');
  }

  // limit_source - computed: true, optional: false, required: false
  /**
  * `roster`, `model-table` or `unknown-model`.
  */
  public get limitSource() {
    return this.getStringAttribute('limit_source');
  }
}
export interface DataPureFleetArrays {
}

export function dataPureFleetArraysToTerraform(struct?: DataPureFleetArrays): any {
  if (!cdktf.canInspect(struct) || cdktf.Tokenization.isResolvable(struct)) { return struct; }
  if (cdktf.isComplexElement(struct)) {
    throw new Error("A complex element was used as configuration, this is not supported: https://cdk.tf/complex-object-as-configuration");
  }
  return {
  }
}


export function dataPureFleetArraysToHclTerraform(struct?: DataPureFleetArrays): any {
  if (!cdktf.canInspect(struct) || cdktf.Tokenization.isResolvable(struct)) { return struct; }
  if (cdktf.isComplexElement(struct)) {
    throw new Error("A complex element was used as configuration, this is not supported: https://cdk.tf/complex-object-as-configuration");
  }
  const attrs = {
  };
  return attrs;
}

export class DataPureFleetArraysOutputReference extends cdktf.ComplexObject {
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

  public get internalValue(): DataPureFleetArrays | undefined {
    let hasAnyValues = this.isEmptyObject;
    const internalValueResult: any = {};
    return hasAnyValues ? internalValueResult : undefined;
  }

  public set internalValue(value: DataPureFleetArrays | undefined) {
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
  * The id the array reports; null when it was never read.
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

  // capacity - computed: true, optional: false, required: false
  private _capacity = new DataPureFleetArraysCapacityOutputReference(this, "capacity");
  /**
  * Capacity figures; null when the array was never read.
  */
  public get capacity() {
    return this._capacity;
  }

  // cordoned - computed: true, optional: false, required: false
  /**
  * Cordoned in the roster: takes no new volumes.
  */
  public get cordoned() {
    return this.getBooleanAttribute('cordoned');
  }

  // endpoint - computed: true, optional: false, required: false
  /**
  * Management endpoint.
  */
  public get endpoint() {
    return this.getStringAttribute('endpoint');
  }

  // failure - computed: true, optional: false, required: false
  /**
  * Why the last round failed; null when it succeeded.
  */
  public get failure() {
    return this.getStringAttribute('failure');
  }

  // healthy - computed: true, optional: false, required: false
  /**
  * Reachable and without critical problems (cordoning aside).
  */
  public get healthy() {
    return this.getBooleanAttribute('healthy');
  }

  // labels - computed: true, optional: false, required: false
  private _labels = new cdktf.StringMap(this, "labels");
  /**
  * Labels from the roster.
  */
  public get labels() {
    return this._labels;
  }

  // model - computed: true, optional: false, required: false
  /**
  * Hardware model, when reported.
  */
  public get model() {
    return this.getStringAttribute('model');
  }

  // name - computed: true, optional: false, required: false
  /**
  * Name of the array in the provider roster.
  */
  public get name() {
    return this.getStringAttribute('name');
  }

  // observed_at - computed: true, optional: false, required: false
  /**
  * When the reading was taken (RFC 3339): the first request of its round.
  */
  public get observedAt() {
    return this.getStringAttribute('observed_at');
  }

  // performance - computed: true, optional: false, required: false
  private _performance = new DataPureFleetArraysPerformanceOutputReference(this, "performance");
  /**
  * Load and latency; null when the array was never read.
  */
  public get performance() {
    return this._performance;
  }

  // problems - computed: true, optional: false, required: false
  private _problems = new DataPureFleetArraysProblemsList(this, "problems", false);
  /**
  * Open alerts and failed components, as placement reads them.
  */
  public get problems() {
    return this._problems;
  }

  // purity_version - computed: true, optional: false, required: false
  /**
  * Purity version.
  */
  public get purityVersion() {
    return this.getStringAttribute('purity_version');
  }

  // reachable - computed: true, optional: false, required: false
  /**
  * Whether the last telemetry round succeeded.
  */
  public get reachable() {
    return this.getBooleanAttribute('reachable');
  }

  // type - computed: true, optional: false, required: false
  /**
  * `flasharray` or `flashblade`.
  */
  public get type() {
    return this.getStringAttribute('type');
  }

  // volumes - computed: true, optional: false, required: false
  private _volumes = new DataPureFleetArraysVolumesOutputReference(this, "volumes");
  /**
  * Object count against the limit; null when the array was never read.
  */
  public get volumes() {
    return this._volumes;
  }
}

export class DataPureFleetArraysList extends cdktf.ComplexList {

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
  public get(index: number): DataPureFleetArraysOutputReference {
    return new DataPureFleetArraysOutputReference(this.terraformResource, this.terraformAttribute, index, this.wrapsSet);
  }
}
export interface DataPureFleetTotals {
}

export function dataPureFleetTotalsToTerraform(struct?: DataPureFleetTotals): any {
  if (!cdktf.canInspect(struct) || cdktf.Tokenization.isResolvable(struct)) { return struct; }
  if (cdktf.isComplexElement(struct)) {
    throw new Error("A complex element was used as configuration, this is not supported: https://cdk.tf/complex-object-as-configuration");
  }
  return {
  }
}


export function dataPureFleetTotalsToHclTerraform(struct?: DataPureFleetTotals): any {
  if (!cdktf.canInspect(struct) || cdktf.Tokenization.isResolvable(struct)) { return struct; }
  if (cdktf.isComplexElement(struct)) {
    throw new Error("A complex element was used as configuration, this is not supported: https://cdk.tf/complex-object-as-configuration");
  }
  const attrs = {
  };
  return attrs;
}

export class DataPureFleetTotalsOutputReference extends cdktf.ComplexObject {
  private isEmptyObject = false;

  /**
  * @param terraformResource The parent resource
  * @param terraformAttribute The attribute on the parent resource this class is referencing
  */
  public constructor(terraformResource: cdktf.IInterpolatingParent, terraformAttribute: string) {
    super(terraformResource, terraformAttribute, false);
  }

  public get internalValue(): DataPureFleetTotals | undefined {
    let hasAnyValues = this.isEmptyObject;
    const internalValueResult: any = {};
    return hasAnyValues ? internalValueResult : undefined;
  }

  public set internalValue(value: DataPureFleetTotals | undefined) {
    if (value === undefined) {
      this.isEmptyObject = false;
    }
    else {
      this.isEmptyObject = Object.keys(value).length === 0;
    }
  }

  // arrays - computed: true, optional: false, required: false
  /**
  * Arrays in the roster.
  */
  public get arrays() {
    return this.getNumberAttribute('arrays');
  }

  // healthy_arrays - computed: true, optional: false, required: false
  /**
  * Arrays reachable and without critical problems.
  */
  public get healthyArrays() {
    return this.getNumberAttribute('healthy_arrays');
  }

  // provisioned_bytes - computed: true, optional: false, required: false
  /**
  * Sum of provisioned sizes over the reachable arrays, bytes.
  */
  public get provisionedBytes() {
    return this.getNumberAttribute('provisioned_bytes');
  }

  // reachable_arrays - computed: true, optional: false, required: false
  /**
  * Arrays whose last round succeeded.
  */
  public get reachableArrays() {
    return this.getNumberAttribute('reachable_arrays');
  }

  // usable_bytes - computed: true, optional: false, required: false
  /**
  * Sum of usable capacity over the reachable arrays, bytes.
  */
  public get usableBytes() {
    return this.getNumberAttribute('usable_bytes');
  }

  // used_bytes - computed: true, optional: false, required: false
  /**
  * Sum of physical space in use over the reachable arrays, bytes.
  */
  public get usedBytes() {
    return this.getNumberAttribute('used_bytes');
  }

  // used_share - computed: true, optional: false, required: false
  /**
  * used_bytes ÷ usable_bytes.
  */
  public get usedShare() {
    return this.getNumberAttribute('used_share');
  }

  // volume_count - computed: true, optional: false, required: false
  /**
  * Volumes and file systems on the reachable arrays.
  */
  public get volumeCount() {
    return this.getNumberAttribute('volume_count');
  }
}

/**
* Represents a {@link https://registry.terraform.io/providers/pure-fleet/pure/0.1.0/docs/data-sources/fleet pure_fleet}
*/
export class DataPureFleet extends cdktf.TerraformDataSource {

  // =================
  // STATIC PROPERTIES
  // =================
  public static readonly tfResourceType = "pure_fleet";

  // ==============
  // STATIC Methods
  // ==============
  /**
  * Generates CDKTF code for importing a DataPureFleet resource upon running "cdktf plan <stack-name>"
  * @param scope The scope in which to define this construct
  * @param importToId The construct id used in the generated config for the DataPureFleet to import
  * @param importFromId The id of the existing DataPureFleet that should be imported. Refer to the {@link https://registry.terraform.io/providers/pure-fleet/pure/0.1.0/docs/data-sources/fleet#import import section} in the documentation of this resource for the id to use
  * @param provider? Optional instance of the provider where the DataPureFleet to import is found
  */
  public static generateConfigForImport(scope: Construct, importToId: string, importFromId: string, provider?: cdktf.TerraformProvider) {
        return new cdktf.ImportableResource(scope, importToId, { terraformResourceType: "pure_fleet", importId: importFromId, provider });
      }

  // ===========
  // INITIALIZER
  // ===========

  /**
  * Create a new {@link https://registry.terraform.io/providers/pure-fleet/pure/0.1.0/docs/data-sources/fleet pure_fleet} Data Source
  *
  * @param scope The scope in which to define this construct
  * @param id The scoped construct ID. Must be unique amongst siblings in the same scope
  * @param options DataPureFleetConfig = {}
  */
  public constructor(scope: Construct, id: string, config: DataPureFleetConfig = {}) {
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
  }

  // ==========
  // ATTRIBUTES
  // ==========

  // arrays - computed: true, optional: false, required: false
  private _arrays = new DataPureFleetArraysList(this, "arrays", false);
  /**
  * Every array of the roster, in roster order.
  */
  public get arrays() {
    return this._arrays;
  }

  // read_at - computed: true, optional: false, required: false
  /**
  * When this data source was read (RFC 3339).
  */
  public get readAt() {
    return this.getStringAttribute('read_at');
  }

  // totals - computed: true, optional: false, required: false
  private _totals = new DataPureFleetTotalsOutputReference(this, "totals");
  /**
  * Fleet totals over the reachable arrays.
  */
  public get totals() {
    return this._totals;
  }

  // =========
  // SYNTHESIS
  // =========

  protected synthesizeAttributes(): { [name: string]: any } {
    return {
    };
  }

  protected synthesizeHclAttributes(): { [name: string]: any } {
    const attrs = {
    };
    return attrs;
  }
}
