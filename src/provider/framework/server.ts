// The tfplugin6 Provider service implemented over framework definitions: decode each request
// against the schema, run the framework's part, call the provider / resource / data source, and
// encode the answer. Every failure becomes a diagnostic; nothing escapes to kill the process.

import { decodeJSON } from '../cty/json';
import type { AttributePath } from '../cty/path';
import type { ObjectType } from '../cty/types';
import type { CtyObject, CtyValue } from '../cty/value';
import { isUnknown } from '../cty/value';
import type { Logger } from '../log';
import type * as wire from '../protocol/messages';
import { dataSourceResult, requireKnownDataSourceConfig } from './data-source';
import { DiagnosticError, Diagnostics } from './diagnostics';
import { applyPlan, knownConfig, objectOrNull, storedState, wellFormed } from './known-models';
import { planChange, validateSchemaConfig } from './plan';
import type {
  AnyDataSource,
  AnyResource,
  ModifyPlanRequest,
  OperationContext,
  PlanContext,
  ProviderDefinition,
  ValidateContext,
} from './resource';
import type { PlanModel, SchemaDefinition } from './schema';
import { schemaType } from './schema';
import {
  conform,
  decodeDynamic,
  decodeDynamicPair,
  dedupePaths,
  emptyConfig,
  encodeDynamic,
  errorMessage,
  knownState,
  toWireDiagnostics,
  toWirePath,
} from './wire-values';
import { wireSchema } from './wire-schema';

const CAPABILITIES: wire.ServerCapabilities = {
  plan_destroy: true,
  get_provider_schema_optional: true,
  move_resource_state: false,
};

export class FrameworkProviderServer<P> implements wire.ProviderService {
  private readonly resources = new Map<string, AnyResource<P>>();
  private readonly dataSources = new Map<string, AnyDataSource<P>>();
  private readonly providerType: ObjectType;
  private providerData: P | undefined;
  private schemaResponse: wire.GetProviderSchemaResponse | undefined;

  constructor(
    private readonly provider: ProviderDefinition<SchemaDefinition, P>,
    private readonly logger: Logger,
  ) {
    for (const r of provider.resources) this.resources.set(r.typeName, r);
    for (const d of provider.dataSources) this.dataSources.set(d.typeName, d);
    this.providerType = schemaType(provider.schema);
  }

  // ---- helpers ----

  private context(diags: Diagnostics): ValidateContext {
    return { diags, logger: this.logger };
  }

  private operationContext(
    diags: Diagnostics,
    signal: AbortSignal,
    what: 'resource' | 'data source' = 'resource',
  ): OperationContext<P> {
    if (this.providerData === undefined) {
      throw new DiagnosticError(
        'Provider not configured',
        what === 'data source'
          ? 'The provider configuration could not be resolved, so this data source cannot be read (the configuration may depend on values known only after apply, or its errors are reported above).'
          : 'The provider configuration could not be resolved (it may depend on values known only after apply).',
      );
    }
    return { diags, logger: this.logger, signal, providerData: this.providerData };
  }

  private resource(typeName: string): AnyResource<P> {
    const r = this.resources.get(typeName);
    if (!r)
      throw new DiagnosticError('Unknown resource type', `this provider has no resource type "${typeName}"`);
    return r;
  }

  private dataSource(typeName: string): AnyDataSource<P> {
    const d = this.dataSources.get(typeName);
    if (!d)
      throw new DiagnosticError('Unknown data source', `this provider has no data source "${typeName}"`);
    return d;
  }

  /** Runs one RPC body; any exception becomes an error diagnostic on `diags`. */
  private async guarded(rpc: string, diags: Diagnostics, body: () => Promise<void>): Promise<void> {
    try {
      await body();
    } catch (err) {
      if (err instanceof DiagnosticError) {
        diags.error(err.summary, err.detail, err.path);
      } else if (err instanceof Error && err.name === 'CtyDecodeError') {
        const path = (err as Error & { path?: AttributePath }).path;
        diags.error('Invalid value from Terraform', err.message, path);
      } else {
        this.logger.error('unexpected failure', { rpc, error: errorMessage(err) });
        diags.error(`Unexpected failure in ${rpc}`, errorMessage(err));
      }
    }
  }

  // ---- schema ----

  async getMetadata(): Promise<wire.GetMetadataResponse> {
    return {
      server_capabilities: CAPABILITIES,
      resources: [...this.resources.keys()].map((type_name) => ({ type_name })),
      data_sources: [...this.dataSources.keys()].map((type_name) => ({ type_name })),
      functions: [],
    };
  }

  async getProviderSchema(): Promise<wire.GetProviderSchemaResponse> {
    if (!this.schemaResponse) {
      const resource_schemas: Record<string, wire.WireSchema> = {};
      for (const [name, r] of this.resources) resource_schemas[name] = wireSchema(r.schema);
      const data_source_schemas: Record<string, wire.WireSchema> = {};
      for (const [name, d] of this.dataSources) data_source_schemas[name] = wireSchema(d.schema);
      this.schemaResponse = {
        provider: wireSchema(this.provider.schema),
        resource_schemas,
        data_source_schemas,
        server_capabilities: CAPABILITIES,
      };
    }
    return this.schemaResponse;
  }

  // ---- validation and configuration ----

  /** The three Validate RPCs: schema validators, then the definition's own checks. */
  private async validate(
    rpc: string,
    value: wire.DynamicValue | null,
    definition: () => Pick<AnyResource<P>, 'schema' | 'validateConfig'>,
  ): Promise<wire.DiagnosticsResponse> {
    const diags = new Diagnostics();
    await this.guarded(rpc, diags, async () => {
      const { schema, validateConfig } = definition();
      const config = wellFormed(schema, decodeDynamic(value, schemaType(schema)) ?? emptyConfig(schema));
      // A configuration not known at all yet (a module's whole input unknown) has nothing to check.
      if (isUnknown(config)) return;
      validateSchemaConfig(schema, config, diags);
      await validateConfig?.(config as PlanModel<SchemaDefinition>, this.context(diags));
    });
    return { diagnostics: toWireDiagnostics(diags) };
  }

  validateProviderConfig(req: wire.ValidateProviderConfigRequest): Promise<wire.DiagnosticsResponse> {
    return this.validate('ValidateProviderConfig', req.config, () => ({
      schema: this.provider.schema,
      validateConfig: this.provider.validateConfig?.bind(this.provider),
    }));
  }

  validateResourceConfig(req: wire.ValidateResourceConfigRequest): Promise<wire.DiagnosticsResponse> {
    return this.validate('ValidateResourceConfig', req.config, () => {
      const r = this.resource(req.type_name);
      return { schema: r.schema, validateConfig: r.validateConfig?.bind(r) };
    });
  }

  validateDataResourceConfig(req: wire.ValidateResourceConfigRequest): Promise<wire.DiagnosticsResponse> {
    return this.validate('ValidateDataResourceConfig', req.config, () => {
      const d = this.dataSource(req.type_name);
      return { schema: d.schema, validateConfig: d.validateConfig?.bind(d) };
    });
  }

  async configureProvider(
    req: wire.ConfigureProviderRequest,
    signal: AbortSignal,
  ): Promise<wire.DiagnosticsResponse> {
    const diags = new Diagnostics();
    await this.guarded('ConfigureProvider', diags, async () => {
      const config = wellFormed(
        this.provider.schema,
        decodeDynamic(req.config, this.providerType) ?? emptyConfig(this.provider.schema),
      );
      // Values unknown at validation (variables, other resources) are known now: check them
      // again, so a configuration never reaches the provider past its own schema's limits.
      validateSchemaConfig(this.provider.schema, config, diags);
      if (diags.hasErrors()) return;
      this.providerData = await this.provider.configure(config as PlanModel<SchemaDefinition>, {
        ...this.context(diags),
        terraformVersion: req.terraform_version,
        signal,
      });
    });
    return { diagnostics: toWireDiagnostics(diags) };
  }

  // ---- managed resources ----

  async upgradeResourceState(
    req: wire.UpgradeResourceStateRequest,
  ): Promise<wire.UpgradeResourceStateResponse> {
    const diags = new Diagnostics();
    let upgraded: wire.DynamicValue | undefined;
    await this.guarded('UpgradeResourceState', diags, async () => {
      const r = this.resource(req.type_name);
      const type = schemaType(r.schema);
      const json = req.raw_state?.json;
      if (!json || json.length === 0) {
        if (req.raw_state && Object.keys(req.raw_state.flatmap ?? {}).length > 0) {
          throw new DiagnosticError(
            'Unsupported state format',
            'flatmap state from Terraform 0.11 cannot be upgraded',
          );
        }
        upgraded = encodeDynamic(null, type);
        return;
      }
      if (req.version > r.schema.version) {
        throw new DiagnosticError(
          'State written by a newer provider',
          `the state of this ${req.type_name} has schema version ${req.version}, newer than this provider's ${r.schema.version}; upgrade the provider`,
        );
      }
      let state: CtyValue;
      if (req.version === r.schema.version) {
        // Same version: attributes since removed from the schema are dropped, as core expects.
        state = decodeJSON(json, type, { ignoreUnknownAttributes: true });
      } else {
        if (!r.upgradeState) {
          throw new DiagnosticError('Cannot upgrade state', `no upgrade from schema version ${req.version}`);
        }
        const parsed: unknown = JSON.parse(Buffer.from(json).toString('utf8'));
        state = knownState(r.upgradeState({ version: req.version, json: parsed }, this.context(diags)), type);
      }
      upgraded = encodeDynamic(state, type);
    });
    return { upgraded_state: upgraded, diagnostics: toWireDiagnostics(diags) };
  }

  async readResource(req: wire.ReadResourceRequest, signal: AbortSignal): Promise<wire.ReadResourceResponse> {
    const diags = new Diagnostics();
    let newState: wire.DynamicValue | undefined = req.current_state ?? undefined;
    await this.guarded('ReadResource', diags, async () => {
      const r = this.resource(req.type_name);
      const type = schemaType(r.schema);
      const current = storedState(r.schema, decodeDynamic(req.current_state, type));
      if (current === null) return;
      const result = await r.read({ state: current }, this.operationContext(diags, signal));
      // On errors the resource returns the state it was given; null means gone for good.
      newState = encodeDynamic(result === null ? null : knownState(result, type), type);
    });
    return { new_state: newState, diagnostics: toWireDiagnostics(diags), private: req.private };
  }

  async planResourceChange(
    req: wire.PlanResourceChangeRequest,
    signal: AbortSignal,
  ): Promise<wire.PlanResourceChangeResponse> {
    const diags = new Diagnostics();
    let planned: wire.DynamicValue | undefined;
    const requiresReplace: AttributePath[] = [];
    await this.guarded('PlanResourceChange', diags, async () => {
      const r = this.resource(req.type_name);
      const type = schemaType(r.schema);
      const prior = storedState(r.schema, decodeDynamic(req.prior_state, type)) as CtyObject | null;
      const [proposedValue, configValue] = decodeDynamicPair(req.proposed_new_state, req.config, type);
      const proposed = wellFormed(r.schema, objectOrNull(proposedValue, 'proposed new state'));
      const config =
        configValue === proposedValue && proposedValue !== null
          ? proposed
          : wellFormed(r.schema, objectOrNull(configValue, 'configuration'));
      const ctx: PlanContext<P> = { ...this.context(diags), signal, providerData: this.providerData };

      if (proposed === null) {
        // Destroy (plan_destroy capability): the plan must be null; the resource may still warn.
        await r.modifyPlan?.(
          { config: null, state: prior, plan: null, requiresReplace } as ModifyPlanRequest<SchemaDefinition>,
          ctx,
        );
        planned = encodeDynamic(null, type);
        return;
      }
      const framework = planChange(r.schema, prior, proposed, config ?? proposed, diags);
      requiresReplace.push(...framework.requiresReplace);
      // As terraform-plugin-framework does it: errors from the schema's plan steps end the plan
      // there, and the resource's own modifyPlan never sees a plan already known to be wrong.
      if (diags.hasErrors()) {
        planned = encodeDynamic(conform(framework.planned, type, []), type);
        return;
      }
      // modifyPlan edits a mutable copy of the plan.
      const plan: Record<string, CtyValue> = { ...framework.planned };
      await r.modifyPlan?.(
        { config, state: prior, plan, requiresReplace } as unknown as ModifyPlanRequest<SchemaDefinition>,
        ctx,
      );
      planned = encodeDynamic(conform(plan, type, []), type);
    });
    return {
      planned_state: planned,
      requires_replace: dedupePaths(requiresReplace).map(toWirePath),
      planned_private: req.prior_private,
      diagnostics: toWireDiagnostics(diags),
    };
  }

  async applyResourceChange(
    req: wire.ApplyResourceChangeRequest,
    signal: AbortSignal,
  ): Promise<wire.ApplyResourceChangeResponse> {
    const diags = new Diagnostics();
    // Until the operation says otherwise, the prior state stands: an error never drops it.
    let newState: wire.DynamicValue | undefined = req.prior_state ?? undefined;
    await this.guarded('ApplyResourceChange', diags, async () => {
      const r = this.resource(req.type_name);
      const type = schemaType(r.schema);
      const prior = storedState(r.schema, decodeDynamic(req.prior_state, type));
      const plannedState = decodeDynamic(req.planned_state, type);
      const ctx = this.operationContext(diags, signal);

      if (plannedState === null) {
        // Nothing in state and nothing planned: there is nothing to delete.
        if (prior !== null) await r.delete({ state: prior }, ctx);
        if (!diags.hasErrors()) newState = encodeDynamic(null, type);
        return;
      }
      const models = {
        config: knownConfig(r.schema, decodeDynamic(req.config, type)),
        plan: applyPlan(r.schema, plannedState),
      };
      const result =
        prior === null ? await r.create(models, ctx) : await r.update({ ...models, state: prior }, ctx);
      if (result !== undefined) newState = encodeDynamic(knownState(result, type), type);
      else if (prior === null) newState = encodeDynamic(null, type);
      if (result === undefined && !diags.hasErrors()) {
        diags.error('Provider bug', `${req.type_name} returned no state and no error`);
      }
    });
    return { new_state: newState, private: req.planned_private, diagnostics: toWireDiagnostics(diags) };
  }

  async importResourceState(
    req: wire.ImportResourceStateRequest,
    signal: AbortSignal,
  ): Promise<wire.ImportResourceStateResponse> {
    const diags = new Diagnostics();
    const imported: NonNullable<wire.ImportResourceStateResponse['imported_resources']> = [];
    await this.guarded('ImportResourceState', diags, async () => {
      const r = this.resource(req.type_name);
      if (!r.importState) {
        throw new DiagnosticError('Import not supported', `${req.type_name} cannot be imported`);
      }
      const type = schemaType(r.schema);
      const partial = await r.importState(req.id, this.operationContext(diags, signal));
      if (partial !== undefined && !diags.hasErrors()) {
        imported.push({ type_name: req.type_name, state: encodeDynamic(knownState(partial, type), type) });
      }
    });
    return { imported_resources: imported, diagnostics: toWireDiagnostics(diags) };
  }

  // ---- data sources ----

  async readDataSource(
    req: wire.ReadDataSourceRequest,
    signal: AbortSignal,
  ): Promise<wire.ReadDataSourceResponse> {
    const diags = new Diagnostics();
    let state: wire.DynamicValue | undefined;
    await this.guarded('ReadDataSource', diags, async () => {
      const d = this.dataSource(req.type_name);
      const type = schemaType(d.schema);
      const config = requireKnownDataSourceConfig(req.type_name, decodeDynamic(req.config, type));
      const result = await d.read(
        { config: knownConfig(d.schema, config) },
        this.operationContext(diags, signal, 'data source'),
      );
      if (result !== undefined)
        state = encodeDynamic(knownState(dataSourceResult(config, result), type), type);
      else if (!diags.hasErrors())
        diags.error('Provider bug', `${req.type_name} returned no state and no error`);
    });
    return { state, diagnostics: toWireDiagnostics(diags) };
  }
}
