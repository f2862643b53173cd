// https://registry.terraform.io/providers/pure-fleet/pure/0.1.0/docs
// generated from terraform resource schema

import { Construct } from 'constructs';
import * as cdktf from 'cdktf';

// Configuration

export interface PureProviderConfig {
  /**
  * PEM file of the CA certificates that sign the arrays' management certificates. Also read from `PURE_CA_FILE`. Without it, arrays are trusted as Node would trust them: its bundled roots plus the bundle named by `NODE_EXTRA_CA_CERTS`.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/pure-fleet/pure/0.1.0/docs#ca_file PureProvider#ca_file}
  */
  readonly caFile?: string;
  /**
  * NFS export rules (Pure's syntax, e.g. `"10.0.0.0/24(rw,no_root_squash)"`) for every file volume that sets neither `export_rules` nor `export_policy`, as PSO's `flashblade.exportRules`. Without it such volumes are exported to no client; unlike PSO's, there is no world-wide default.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/pure-fleet/pure/0.1.0/docs#default_export_rules PureProvider#default_export_rules}
  */
  readonly defaultExportRules?: string;
  /**
  * Do not verify array certificates. Logged as a warning; prefer `ca_file`.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/pure-fleet/pure/0.1.0/docs#insecure_skip_tls_verify PureProvider#insecure_skip_tls_verify}
  */
  readonly insecureSkipTlsVerify?: boolean | cdktf.IResolvable;
  /**
  * Path of a Pure Service Orchestrator values.yaml whose `arrays:` section (FlashArrays/FlashBlades with MgmtEndPoint, APIToken, NFSEndPoint, Labels) adds arrays to the roster; each is named by its MgmtEndPoint. Also read from `PURE_PSO_VALUES_FILE`.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/pure-fleet/pure/0.1.0/docs#pso_values_file PureProvider#pso_values_file}
  */
  readonly psoValuesFile?: string;
  /**
  * Timeout of each REST request to an array, in seconds (default 30).
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/pure-fleet/pure/0.1.0/docs#request_timeout_seconds PureProvider#request_timeout_seconds}
  */
  readonly requestTimeoutSeconds?: number;
  /**
  * Alias name
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/pure-fleet/pure/0.1.0/docs#alias PureProvider#alias}
  */
  readonly alias?: string;
  /**
  * One member array of the fleet.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/pure-fleet/pure/0.1.0/docs#array PureProvider#array}
  */
  readonly array?: PureProviderArray[] | cdktf.IResolvable;
  /**
  * Placement policy for every volume of this provider configuration. Every setting has a documented default.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/pure-fleet/pure/0.1.0/docs#placement PureProvider#placement}
  */
  readonly placement?: PureProviderPlacement;
}
export interface PureProviderArrayApiClient {
  /**
  * The API client's id (the JWT's `aud`).
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/pure-fleet/pure/0.1.0/docs#client_id PureProvider#client_id}
  */
  readonly clientId: string;
  /**
  * The issuer registered with the API client (the JWT's `iss`).
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/pure-fleet/pure/0.1.0/docs#issuer PureProvider#issuer}
  */
  readonly issuer: string;
  /**
  * The id of its key (the JWT header's `kid`).
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/pure-fleet/pure/0.1.0/docs#key_id PureProvider#key_id}
  */
  readonly keyId: string;
  /**
  * PEM of the private key paired with the public key registered on the array. Else read from `private_key_file`, else from the environment variable `PURE_API_CLIENT_KEY_<NAME>`.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/pure-fleet/pure/0.1.0/docs#private_key PureProvider#private_key}
  */
  readonly privateKey?: string;
  /**
  * Path of a PEM file holding the private key.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/pure-fleet/pure/0.1.0/docs#private_key_file PureProvider#private_key_file}
  */
  readonly privateKeyFile?: string;
  /**
  * The array user the access token is issued for (the JWT's `sub`).
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/pure-fleet/pure/0.1.0/docs#user PureProvider#user}
  */
  readonly user: string;
}

export function pureProviderArrayApiClientToTerraform(struct?: PureProviderArrayApiClient | cdktf.IResolvable): any {
  if (!cdktf.canInspect(struct) || cdktf.Tokenization.isResolvable(struct)) { return struct; }
  if (cdktf.isComplexElement(struct)) {
    throw new Error("A complex element was used as configuration, this is not supported: https://cdk.tf/complex-object-as-configuration");
  }
  return {
    client_id: cdktf.stringToTerraform(struct!.clientId),
    issuer: cdktf.stringToTerraform(struct!.issuer),
    key_id: cdktf.stringToTerraform(struct!.keyId),
    private_key: cdktf.stringToTerraform(struct!.privateKey),
    private_key_file: cdktf.stringToTerraform(struct!.privateKeyFile),
    user: cdktf.stringToTerraform(struct!.user),
  }
}


export function pureProviderArrayApiClientToHclTerraform(struct?: PureProviderArrayApiClient | cdktf.IResolvable): any {
  if (!cdktf.canInspect(struct) || cdktf.Tokenization.isResolvable(struct)) { return struct; }
  if (cdktf.isComplexElement(struct)) {
    throw new Error("A complex element was used as configuration, this is not supported: https://cdk.tf/complex-object-as-configuration");
  }
  const attrs = {
    client_id: {
      value: cdktf.stringToHclTerraform(struct!.clientId),
      isBlock: false,
      type: "simple",
      storageClassType: "string",
    },
    issuer: {
      value: cdktf.stringToHclTerraform(struct!.issuer),
      isBlock: false,
      type: "simple",
      storageClassType: "string",
    },
    key_id: {
      value: cdktf.stringToHclTerraform(struct!.keyId),
      isBlock: false,
      type: "simple",
      storageClassType: "string",
    },
    private_key: {
      value: cdktf.stringToHclTerraform(struct!.privateKey),
      isBlock: false,
      type: "simple",
      storageClassType: "string",
    },
    private_key_file: {
      value: cdktf.stringToHclTerraform(struct!.privateKeyFile),
      isBlock: false,
      type: "simple",
      storageClassType: "string",
    },
    user: {
      value: cdktf.stringToHclTerraform(struct!.user),
      isBlock: false,
      type: "simple",
      storageClassType: "string",
    },
  };

  // remove undefined attributes
  return Object.fromEntries(Object.entries(attrs).filter(([_, value]) => value !== undefined && value.value !== undefined));
}

export interface PureProviderArray {
  /**
  * API token of the array. When unset, read from the environment variable `PURE_API_TOKEN_<NAME>` (name upper-cased, other characters as `_`). Leave it out when the array logs in with `api_client`.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/pure-fleet/pure/0.1.0/docs#api_token PureProvider#api_token}
  */
  readonly apiToken?: string;
  /**
  * Drain the array: its volumes stay, new volumes go elsewhere.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/pure-fleet/pure/0.1.0/docs#cordoned PureProvider#cordoned}
  */
  readonly cordoned?: boolean | cdktf.IResolvable;
  /**
  * Management address: `host`, `host:port` or an https URL.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/pure-fleet/pure/0.1.0/docs#endpoint PureProvider#endpoint}
  */
  readonly endpoint: string;
  /**
  * Business-policy labels (e.g. `zone`), matched exactly by volumes' `array_labels`.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/pure-fleet/pure/0.1.0/docs#labels PureProvider#labels}
  */
  readonly labels?: { [key: string]: string };
  /**
  * Name of the array in the roster, unique across `array` blocks and the PSO values file: volumes record it as their `array`, and diagnostics name the array by it.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/pure-fleet/pure/0.1.0/docs#name PureProvider#name}
  */
  readonly name: string;
  /**
  * FlashBlade data VIP that clients mount from.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/pure-fleet/pure/0.1.0/docs#nfs_endpoint PureProvider#nfs_endpoint}
  */
  readonly nfsEndpoint?: string;
  /**
  * IOPS at which the array is saturated. Without it, it is estimated from the array's reported queue time, or taken from a per-model table.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/pure-fleet/pure/0.1.0/docs#saturation_iops PureProvider#saturation_iops}
  */
  readonly saturationIops?: number;
  /**
  * `flasharray` (block volumes) or `flashblade` (file systems).
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/pure-fleet/pure/0.1.0/docs#type PureProvider#type}
  */
  readonly type: string;
  /**
  * Volumes (or file systems) the array supports. Purity does not report it; without it an approximate per-model table applies.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/pure-fleet/pure/0.1.0/docs#volume_limit PureProvider#volume_limit}
  */
  readonly volumeLimit?: number;
  /**
  * Log in as an API client registered on the array (OAuth 2.0 token exchange with a JWT signed by its private key) instead of with an API token.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/pure-fleet/pure/0.1.0/docs#api_client PureProvider#api_client}
  */
  readonly apiClient?: PureProviderArrayApiClient;
}

export function pureProviderArrayToTerraform(struct?: PureProviderArray | cdktf.IResolvable): any {
  if (!cdktf.canInspect(struct) || cdktf.Tokenization.isResolvable(struct)) { return struct; }
  if (cdktf.isComplexElement(struct)) {
    throw new Error("A complex element was used as configuration, this is not supported: https://cdk.tf/complex-object-as-configuration");
  }
  return {
    api_token: cdktf.stringToTerraform(struct!.apiToken),
    cordoned: cdktf.booleanToTerraform(struct!.cordoned),
    endpoint: cdktf.stringToTerraform(struct!.endpoint),
    labels: cdktf.hashMapper(cdktf.stringToTerraform)(struct!.labels),
    name: cdktf.stringToTerraform(struct!.name),
    nfs_endpoint: cdktf.stringToTerraform(struct!.nfsEndpoint),
    saturation_iops: cdktf.numberToTerraform(struct!.saturationIops),
    type: cdktf.stringToTerraform(struct!.type),
    volume_limit: cdktf.numberToTerraform(struct!.volumeLimit),
    api_client: pureProviderArrayApiClientToTerraform(struct!.apiClient),
  }
}


export function pureProviderArrayToHclTerraform(struct?: PureProviderArray | cdktf.IResolvable): any {
  if (!cdktf.canInspect(struct) || cdktf.Tokenization.isResolvable(struct)) { return struct; }
  if (cdktf.isComplexElement(struct)) {
    throw new Error("A complex element was used as configuration, this is not supported: https://cdk.tf/complex-object-as-configuration");
  }
  const attrs = {
    api_token: {
      value: cdktf.stringToHclTerraform(struct!.apiToken),
      isBlock: false,
      type: "simple",
      storageClassType: "string",
    },
    cordoned: {
      value: cdktf.booleanToHclTerraform(struct!.cordoned),
      isBlock: false,
      type: "simple",
      storageClassType: "boolean",
    },
    endpoint: {
      value: cdktf.stringToHclTerraform(struct!.endpoint),
      isBlock: false,
      type: "simple",
      storageClassType: "string",
    },
    labels: {
      value: cdktf.hashMapperHcl(cdktf.stringToHclTerraform)(struct!.labels),
      isBlock: false,
      type: "map",
      storageClassType: "stringMap",
    },
    name: {
      value: cdktf.stringToHclTerraform(struct!.name),
      isBlock: false,
      type: "simple",
      storageClassType: "string",
    },
    nfs_endpoint: {
      value: cdktf.stringToHclTerraform(struct!.nfsEndpoint),
      isBlock: false,
      type: "simple",
      storageClassType: "string",
    },
    saturation_iops: {
      value: cdktf.numberToHclTerraform(struct!.saturationIops),
      isBlock: false,
      type: "simple",
      storageClassType: "number",
    },
    type: {
      value: cdktf.stringToHclTerraform(struct!.type),
      isBlock: false,
      type: "simple",
      storageClassType: "string",
    },
    volume_limit: {
      value: cdktf.numberToHclTerraform(struct!.volumeLimit),
      isBlock: false,
      type: "simple",
      storageClassType: "number",
    },
    api_client: {
      value: pureProviderArrayApiClientToHclTerraform(struct!.apiClient),
      isBlock: true,
      type: "struct",
      storageClassType: "PureProviderArrayApiClient",
    },
  };

  // remove undefined attributes
  return Object.fromEntries(Object.entries(attrs).filter(([_, value]) => value !== undefined && value.value !== undefined));
}

export interface PureProviderPlacement {
  /**
  * Highest share of an array's usable capacity a placement may fill, reservations included (default 0.85).
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/pure-fleet/pure/0.1.0/docs#capacity_threshold PureProvider#capacity_threshold}
  */
  readonly capacityThreshold?: number;
  /**
  * Expected IOPS per TiB for volumes that state none (default 100).
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/pure-fleet/pure/0.1.0/docs#default_iops_per_tib PureProvider#default_iops_per_tib}
  */
  readonly defaultIopsPerTib?: number;
  /**
  * Share of a thin volume's size expected to be written, for capacity planning; unset, each array's own written ÷ provisioned is used (1.0 counts every provisioned byte).
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/pure-fleet/pure/0.1.0/docs#expected_fill_ratio PureProvider#expected_fill_ratio}
  */
  readonly expectedFillRatio?: number;
  /**
  * Arrays slower than this on average, in milliseconds, take no new volumes (default 10).
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/pure-fleet/pure/0.1.0/docs#latency_threshold_ms PureProvider#latency_threshold_ms}
  */
  readonly latencyThresholdMs?: number;
  /**
  * Older telemetry excludes an array from placement (default 120).
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/pure-fleet/pure/0.1.0/docs#max_telemetry_age_seconds PureProvider#max_telemetry_age_seconds}
  */
  readonly maxTelemetryAgeSeconds?: number;
  /**
  * Highest load (share of saturation) an array may reach after a placement (default 0.8).
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/pure-fleet/pure/0.1.0/docs#performance_threshold PureProvider#performance_threshold}
  */
  readonly performanceThreshold?: number;
  /**
  * Herding guard: no array takes more of the last 50 placements of its kind than its share of the free room plus 10 points, when another array can take the volume (default true).
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/pure-fleet/pure/0.1.0/docs#spread_concurrent_placements PureProvider#spread_concurrent_placements}
  */
  readonly spreadConcurrentPlacements?: boolean | cdktf.IResolvable;
  /**
  * How long one provider process reuses an array's telemetry and volume listing (default 30).
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/pure-fleet/pure/0.1.0/docs#telemetry_cache_seconds PureProvider#telemetry_cache_seconds}
  */
  readonly telemetryCacheSeconds?: number;
  /**
  * Scorer weights by name: `capacity`, `performance`, `bottleneck`, `latency`, `objects`, `fit` (defaults 3, 2, 2, 1, 1, 3); 0 turns a scorer off.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/pure-fleet/pure/0.1.0/docs#weights PureProvider#weights}
  */
  readonly weights?: { [key: string]: number };
}

export function pureProviderPlacementToTerraform(struct?: PureProviderPlacement | cdktf.IResolvable): any {
  if (!cdktf.canInspect(struct) || cdktf.Tokenization.isResolvable(struct)) { return struct; }
  if (cdktf.isComplexElement(struct)) {
    throw new Error("A complex element was used as configuration, this is not supported: https://cdk.tf/complex-object-as-configuration");
  }
  return {
    capacity_threshold: cdktf.numberToTerraform(struct!.capacityThreshold),
    default_iops_per_tib: cdktf.numberToTerraform(struct!.defaultIopsPerTib),
    expected_fill_ratio: cdktf.numberToTerraform(struct!.expectedFillRatio),
    latency_threshold_ms: cdktf.numberToTerraform(struct!.latencyThresholdMs),
    max_telemetry_age_seconds: cdktf.numberToTerraform(struct!.maxTelemetryAgeSeconds),
    performance_threshold: cdktf.numberToTerraform(struct!.performanceThreshold),
    spread_concurrent_placements: cdktf.booleanToTerraform(struct!.spreadConcurrentPlacements),
    telemetry_cache_seconds: cdktf.numberToTerraform(struct!.telemetryCacheSeconds),
    weights: cdktf.hashMapper(cdktf.numberToTerraform)(struct!.weights),
  }
}


export function pureProviderPlacementToHclTerraform(struct?: PureProviderPlacement | cdktf.IResolvable): any {
  if (!cdktf.canInspect(struct) || cdktf.Tokenization.isResolvable(struct)) { return struct; }
  if (cdktf.isComplexElement(struct)) {
    throw new Error("A complex element was used as configuration, this is not supported: https://cdk.tf/complex-object-as-configuration");
  }
  const attrs = {
    capacity_threshold: {
      value: cdktf.numberToHclTerraform(struct!.capacityThreshold),
      isBlock: false,
      type: "simple",
      storageClassType: "number",
    },
    default_iops_per_tib: {
      value: cdktf.numberToHclTerraform(struct!.defaultIopsPerTib),
      isBlock: false,
      type: "simple",
      storageClassType: "number",
    },
    expected_fill_ratio: {
      value: cdktf.numberToHclTerraform(struct!.expectedFillRatio),
      isBlock: false,
      type: "simple",
      storageClassType: "number",
    },
    latency_threshold_ms: {
      value: cdktf.numberToHclTerraform(struct!.latencyThresholdMs),
      isBlock: false,
      type: "simple",
      storageClassType: "number",
    },
    max_telemetry_age_seconds: {
      value: cdktf.numberToHclTerraform(struct!.maxTelemetryAgeSeconds),
      isBlock: false,
      type: "simple",
      storageClassType: "number",
    },
    performance_threshold: {
      value: cdktf.numberToHclTerraform(struct!.performanceThreshold),
      isBlock: false,
      type: "simple",
      storageClassType: "number",
    },
    spread_concurrent_placements: {
      value: cdktf.booleanToHclTerraform(struct!.spreadConcurrentPlacements),
      isBlock: false,
      type: "simple",
      storageClassType: "boolean",
    },
    telemetry_cache_seconds: {
      value: cdktf.numberToHclTerraform(struct!.telemetryCacheSeconds),
      isBlock: false,
      type: "simple",
      storageClassType: "number",
    },
    weights: {
      value: cdktf.hashMapperHcl(cdktf.numberToHclTerraform)(struct!.weights),
      isBlock: false,
      type: "map",
      storageClassType: "numberMap",
    },
  };

  // remove undefined attributes
  return Object.fromEntries(Object.entries(attrs).filter(([_, value]) => value !== undefined && value.value !== undefined));
}


/**
* Represents a {@link https://registry.terraform.io/providers/pure-fleet/pure/0.1.0/docs pure}
*/
export class PureProvider extends cdktf.TerraformProvider {

  // =================
  // STATIC PROPERTIES
  // =================
  public static readonly tfResourceType = "pure";

  // ==============
  // STATIC Methods
  // ==============
  /**
  * Generates CDKTF code for importing a PureProvider resource upon running "cdktf plan <stack-name>"
  * @param scope The scope in which to define this construct
  * @param importToId The construct id used in the generated config for the PureProvider to import
  * @param importFromId The id of the existing PureProvider that should be imported. Refer to the {@link https://registry.terraform.io/providers/pure-fleet/pure/0.1.0/docs#import import section} in the documentation of this resource for the id to use
  * @param provider? Optional instance of the provider where the PureProvider to import is found
  */
  public static generateConfigForImport(scope: Construct, importToId: string, importFromId: string, provider?: cdktf.TerraformProvider) {
        return new cdktf.ImportableResource(scope, importToId, { terraformResourceType: "pure", importId: importFromId, provider });
      }

  // ===========
  // INITIALIZER
  // ===========

  /**
  * Create a new {@link https://registry.terraform.io/providers/pure-fleet/pure/0.1.0/docs pure} Resource
  *
  * @param scope The scope in which to define this construct
  * @param id The scoped construct ID. Must be unique amongst siblings in the same scope
  * @param options PureProviderConfig = {}
  */
  public constructor(scope: Construct, id: string, config: PureProviderConfig = {}) {
    super(scope, id, {
      terraformResourceType: 'pure',
      terraformGeneratorMetadata: {
        providerName: 'pure',
        providerVersion: '0.1.0',
        providerVersionConstraint: '~> 0.1'
      },
      terraformProviderSource: 'pure-fleet/pure'
    });
    this._caFile = config.caFile;
    this._defaultExportRules = config.defaultExportRules;
    this._insecureSkipTlsVerify = config.insecureSkipTlsVerify;
    this._psoValuesFile = config.psoValuesFile;
    this._requestTimeoutSeconds = config.requestTimeoutSeconds;
    this._alias = config.alias;
    this._array = config.array;
    this._placement = config.placement;
  }

  // ==========
  // ATTRIBUTES
  // ==========

  // ca_file - computed: false, optional: true, required: false
  private _caFile?: string; 
  /**
  * PEM file of the CA certificates that sign the arrays' management certificates. Also read from `PURE_CA_FILE`. Without it, arrays are trusted as Node would trust them: its bundled roots plus the bundle named by `NODE_EXTRA_CA_CERTS`.
  */
  public get caFile() {
    return this._caFile;
  }
  public set caFile(value: string | undefined) {
    this._caFile = value;
  }
  public resetCaFile() {
    this._caFile = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get caFileInput() {
    return this._caFile;
  }

  // default_export_rules - computed: false, optional: true, required: false
  private _defaultExportRules?: string; 
  /**
  * NFS export rules (Pure's syntax, e.g. `"10.0.0.0/24(rw,no_root_squash)"`) for every file volume that sets neither `export_rules` nor `export_policy`, as PSO's `flashblade.exportRules`. Without it such volumes are exported to no client; unlike PSO's, there is no world-wide default.
  */
  public get defaultExportRules() {
    return this._defaultExportRules;
  }
  public set defaultExportRules(value: string | undefined) {
    this._defaultExportRules = value;
  }
  public resetDefaultExportRules() {
    this._defaultExportRules = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get defaultExportRulesInput() {
    return this._defaultExportRules;
  }

  // insecure_skip_tls_verify - computed: false, optional: true, required: false
  private _insecureSkipTlsVerify?: boolean | cdktf.IResolvable; 
  /**
  * Do not verify array certificates. Logged as a warning; prefer `ca_file`.
  */
  public get insecureSkipTlsVerify() {
    return this._insecureSkipTlsVerify;
  }
  public set insecureSkipTlsVerify(value: boolean | cdktf.IResolvable | undefined) {
    this._insecureSkipTlsVerify = value;
  }
  public resetInsecureSkipTlsVerify() {
    this._insecureSkipTlsVerify = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get insecureSkipTlsVerifyInput() {
    return this._insecureSkipTlsVerify;
  }

  // pso_values_file - computed: false, optional: true, required: false
  private _psoValuesFile?: string; 
  /**
  * Path of a Pure Service Orchestrator values.yaml whose `arrays:` section (FlashArrays/FlashBlades with MgmtEndPoint, APIToken, NFSEndPoint, Labels) adds arrays to the roster; each is named by its MgmtEndPoint. Also read from `PURE_PSO_VALUES_FILE`.
  */
  public get psoValuesFile() {
    return this._psoValuesFile;
  }
  public set psoValuesFile(value: string | undefined) {
    this._psoValuesFile = value;
  }
  public resetPsoValuesFile() {
    this._psoValuesFile = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get psoValuesFileInput() {
    return this._psoValuesFile;
  }

  // request_timeout_seconds - computed: false, optional: true, required: false
  private _requestTimeoutSeconds?: number; 
  /**
  * Timeout of each REST request to an array, in seconds (default 30).
  */
  public get requestTimeoutSeconds() {
    return this._requestTimeoutSeconds;
  }
  public set requestTimeoutSeconds(value: number | undefined) {
    this._requestTimeoutSeconds = value;
  }
  public resetRequestTimeoutSeconds() {
    this._requestTimeoutSeconds = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get requestTimeoutSecondsInput() {
    return this._requestTimeoutSeconds;
  }

  // alias - computed: false, optional: true, required: false
  private _alias?: string; 
  /**
  * Alias name
  */
  public get alias() {
    return this._alias;
  }
  public set alias(value: string | undefined) {
    this._alias = value;
  }
  public resetAlias() {
    this._alias = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get aliasInput() {
    return this._alias;
  }

  // array - computed: false, optional: true, required: false
  private _array?: PureProviderArray[] | cdktf.IResolvable; 
  /**
  * One member array of the fleet.
  */
  public get array() {
    return this._array;
  }
  public set array(value: PureProviderArray[] | cdktf.IResolvable | undefined) {
    this._array = value;
  }
  public resetArray() {
    this._array = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get arrayInput() {
    return this._array;
  }

  // placement - computed: false, optional: true, required: false
  private _placement?: PureProviderPlacement; 
  /**
  * Placement policy for every volume of this provider configuration. Every setting has a documented default.
  */
  public get placement() {
    return this._placement;
  }
  public set placement(value: PureProviderPlacement | undefined) {
    this._placement = value;
  }
  public resetPlacement() {
    this._placement = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get placementInput() {
    return this._placement;
  }

  // =========
  // SYNTHESIS
  // =========

  protected synthesizeAttributes(): { [name: string]: any } {
    return {
      ca_file: cdktf.stringToTerraform(this._caFile),
      default_export_rules: cdktf.stringToTerraform(this._defaultExportRules),
      insecure_skip_tls_verify: cdktf.booleanToTerraform(this._insecureSkipTlsVerify),
      pso_values_file: cdktf.stringToTerraform(this._psoValuesFile),
      request_timeout_seconds: cdktf.numberToTerraform(this._requestTimeoutSeconds),
      alias: cdktf.stringToTerraform(this._alias),
      array: cdktf.listMapper(pureProviderArrayToTerraform, true)(this._array),
      placement: pureProviderPlacementToTerraform(this._placement),
    };
  }

  protected synthesizeHclAttributes(): { [name: string]: any } {
    const attrs = {
      ca_file: {
        value: cdktf.stringToHclTerraform(this._caFile),
        isBlock: false,
        type: "simple",
        storageClassType: "string",
      },
      default_export_rules: {
        value: cdktf.stringToHclTerraform(this._defaultExportRules),
        isBlock: false,
        type: "simple",
        storageClassType: "string",
      },
      insecure_skip_tls_verify: {
        value: cdktf.booleanToHclTerraform(this._insecureSkipTlsVerify),
        isBlock: false,
        type: "simple",
        storageClassType: "boolean",
      },
      pso_values_file: {
        value: cdktf.stringToHclTerraform(this._psoValuesFile),
        isBlock: false,
        type: "simple",
        storageClassType: "string",
      },
      request_timeout_seconds: {
        value: cdktf.numberToHclTerraform(this._requestTimeoutSeconds),
        isBlock: false,
        type: "simple",
        storageClassType: "number",
      },
      alias: {
        value: cdktf.stringToHclTerraform(this._alias),
        isBlock: false,
        type: "simple",
        storageClassType: "string",
      },
      array: {
        value: cdktf.listMapperHcl(pureProviderArrayToHclTerraform, true)(this._array),
        isBlock: true,
        type: "list",
        storageClassType: "PureProviderArrayList",
      },
      placement: {
        value: pureProviderPlacementToHclTerraform(this._placement),
        isBlock: true,
        type: "struct",
        storageClassType: "PureProviderPlacement",
      },
    };

    // remove undefined attributes
    return Object.fromEntries(Object.entries(attrs).filter(([_, value]) => value !== undefined && value.value !== undefined ))
  }
}
