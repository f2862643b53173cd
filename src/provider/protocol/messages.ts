// TypeScript shapes of the tfplugin6 messages, as the codec in ./grpc-definitions.ts hands
// them over: field names as on the wire (snake_case), enums as their names, int64 as number,
// bytes as Buffer, absent sub-messages as null. Responses may leave out any field.

export interface DynamicValue {
  msgpack?: Uint8Array;
  json?: Uint8Array;
}

export type Severity = 'INVALID' | 'ERROR' | 'WARNING';

export type AttributePathStep =
  { attribute_name: string } | { element_key_string: string } | { element_key_int: number };

export interface WireAttributePath {
  steps: AttributePathStep[];
}

export interface Diagnostic {
  severity: Severity;
  summary: string;
  detail?: string;
  attribute?: WireAttributePath;
}

export type StringKind = 'PLAIN' | 'MARKDOWN';

export interface WireSchemaAttribute {
  name: string;
  type?: Uint8Array;
  nested_type?: WireSchemaObject;
  description?: string;
  description_kind?: StringKind;
  required?: boolean;
  optional?: boolean;
  computed?: boolean;
  sensitive?: boolean;
  deprecated?: boolean;
}

export type ObjectNesting = 'SINGLE' | 'LIST' | 'SET' | 'MAP';
export type BlockNesting = ObjectNesting | 'GROUP';

export interface WireSchemaObject {
  attributes: WireSchemaAttribute[];
  nesting: ObjectNesting;
}

export interface WireSchemaNestedBlock {
  type_name: string;
  block: WireSchemaBlock;
  nesting: BlockNesting;
  min_items?: number;
  max_items?: number;
}

export interface WireSchemaBlock {
  version?: number;
  attributes: WireSchemaAttribute[];
  block_types: WireSchemaNestedBlock[];
  description?: string;
  description_kind?: StringKind;
  deprecated?: boolean;
}

export interface WireSchema {
  version: number;
  block: WireSchemaBlock;
}

export interface ServerCapabilities {
  plan_destroy: boolean;
  get_provider_schema_optional: boolean;
  move_resource_state: boolean;
}

export interface RawState {
  json: Uint8Array;
  flatmap: Record<string, string>;
}

// ---- requests (always decoded with defaults, so every field is present) ----

export interface GetProviderSchemaResponse {
  provider: WireSchema;
  resource_schemas: Record<string, WireSchema>;
  data_source_schemas: Record<string, WireSchema>;
  diagnostics?: Diagnostic[];
  provider_meta?: WireSchema;
  server_capabilities: ServerCapabilities;
  functions?: Record<string, never>;
}

export interface GetMetadataResponse {
  server_capabilities: ServerCapabilities;
  diagnostics?: Diagnostic[];
  data_sources: { type_name: string }[];
  resources: { type_name: string }[];
  functions: { name: string }[];
}

export interface ValidateProviderConfigRequest {
  config: DynamicValue | null;
}
export interface DiagnosticsResponse {
  diagnostics?: Diagnostic[];
}

export interface ValidateResourceConfigRequest {
  type_name: string;
  config: DynamicValue | null;
}

export interface UpgradeResourceStateRequest {
  type_name: string;
  version: number;
  raw_state: RawState | null;
}
export interface UpgradeResourceStateResponse {
  upgraded_state?: DynamicValue;
  diagnostics?: Diagnostic[];
}

export interface ConfigureProviderRequest {
  terraform_version: string;
  config: DynamicValue | null;
}

export interface ReadResourceRequest {
  type_name: string;
  current_state: DynamicValue | null;
  private: Uint8Array;
  provider_meta: DynamicValue | null;
}
export interface ReadResourceResponse {
  new_state?: DynamicValue;
  diagnostics?: Diagnostic[];
  private?: Uint8Array;
}

export interface PlanResourceChangeRequest {
  type_name: string;
  prior_state: DynamicValue | null;
  proposed_new_state: DynamicValue | null;
  config: DynamicValue | null;
  prior_private: Uint8Array;
  provider_meta: DynamicValue | null;
}
export interface PlanResourceChangeResponse {
  planned_state?: DynamicValue;
  requires_replace?: WireAttributePath[];
  planned_private?: Uint8Array;
  diagnostics?: Diagnostic[];
}

export interface ApplyResourceChangeRequest {
  type_name: string;
  prior_state: DynamicValue | null;
  planned_state: DynamicValue | null;
  config: DynamicValue | null;
  planned_private: Uint8Array;
  provider_meta: DynamicValue | null;
}
export interface ApplyResourceChangeResponse {
  new_state?: DynamicValue;
  private?: Uint8Array;
  diagnostics?: Diagnostic[];
}

export interface ImportResourceStateRequest {
  type_name: string;
  id: string;
}
export interface ImportResourceStateResponse {
  imported_resources?: { type_name: string; state: DynamicValue; private?: Uint8Array }[];
  diagnostics?: Diagnostic[];
}

export interface ReadDataSourceRequest {
  type_name: string;
  config: DynamicValue | null;
  provider_meta: DynamicValue | null;
}
export interface ReadDataSourceResponse {
  state?: DynamicValue;
  diagnostics?: Diagnostic[];
}

export interface StopProviderResponse {
  Error: string;
}

/**
 * The tfplugin6.Provider service as this project implements it: every RPC a provider with
 * resources and data sources needs. Functions and MoveResourceState are not offered (OpenTofu
 * 1.6 knows neither); their methods answer UNIMPLEMENTED, which hosts report clearly.
 */
export interface ProviderService {
  getMetadata(): Promise<GetMetadataResponse>;
  getProviderSchema(): Promise<GetProviderSchemaResponse>;
  validateProviderConfig(
    req: ValidateProviderConfigRequest,
    signal: AbortSignal,
  ): Promise<DiagnosticsResponse>;
  validateResourceConfig(
    req: ValidateResourceConfigRequest,
    signal: AbortSignal,
  ): Promise<DiagnosticsResponse>;
  validateDataResourceConfig(
    req: ValidateResourceConfigRequest,
    signal: AbortSignal,
  ): Promise<DiagnosticsResponse>;
  upgradeResourceState(
    req: UpgradeResourceStateRequest,
    signal: AbortSignal,
  ): Promise<UpgradeResourceStateResponse>;
  configureProvider(req: ConfigureProviderRequest, signal: AbortSignal): Promise<DiagnosticsResponse>;
  readResource(req: ReadResourceRequest, signal: AbortSignal): Promise<ReadResourceResponse>;
  planResourceChange(
    req: PlanResourceChangeRequest,
    signal: AbortSignal,
  ): Promise<PlanResourceChangeResponse>;
  applyResourceChange(
    req: ApplyResourceChangeRequest,
    signal: AbortSignal,
  ): Promise<ApplyResourceChangeResponse>;
  importResourceState(
    req: ImportResourceStateRequest,
    signal: AbortSignal,
  ): Promise<ImportResourceStateResponse>;
  readDataSource(req: ReadDataSourceRequest, signal: AbortSignal): Promise<ReadDataSourceResponse>;
}
