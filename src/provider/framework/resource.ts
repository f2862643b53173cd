// What a provider, its resources and its data sources implement. The framework server decodes
// every request against the schema, hands typed models to these methods and encodes the results,
// so implementations never see msgpack, protobuf or wire paths.

import type { AttributePath } from '../cty/path';
import type { Logger } from '../log';
import type { Diagnostics } from './diagnostics';
import type { ApplyPlanModel, KnownConfigModel, PlanModel, SchemaDefinition, StateModel } from './schema';

export interface ValidateContext {
  readonly diags: Diagnostics;
  readonly logger: Logger;
}

export interface PlanContext<P> extends ValidateContext {
  /** Undefined when the provider configuration could not be resolved yet (unknown values). */
  readonly providerData: P | undefined;
  readonly signal: AbortSignal;
}

export interface OperationContext<P> extends ValidateContext {
  readonly providerData: P;
  readonly signal: AbortSignal;
}

export interface ModifyPlanRequest<S extends SchemaDefinition> {
  /** Null when the resource is being destroyed. */
  readonly config: PlanModel<S> | null;
  /** Null when the resource is being created. */
  readonly state: StateModel<S> | null;
  /** The plan so far; change it in place. Null when the resource is being destroyed. */
  readonly plan: PlanModel<S> | null;
  /** Add the path of any attribute whose change needs the resource replaced. */
  readonly requiresReplace: AttributePath[];
}

export interface ResourceDefinition<S extends SchemaDefinition, P> {
  /** Full type name, e.g. `pure_volume`. */
  readonly typeName: string;
  readonly schema: S;
  validateConfig?(config: PlanModel<S>, ctx: ValidateContext): void | Promise<void>;
  modifyPlan?(request: ModifyPlanRequest<S>, ctx: PlanContext<P>): void | Promise<void>;
  /**
   * Creates the remote object. The framework has checked the configuration (wholly known,
   * required attributes set) and the plan (the same, but for computed attributes) first. Return its state; return a state together with errors when the
   * object exists but a later step failed (Terraform keeps it, tainted), or undefined with errors
   * when nothing was created.
   */
  create(
    request: { config: KnownConfigModel<S>; plan: ApplyPlanModel<S> },
    ctx: OperationContext<P>,
  ): Promise<StateModel<S> | undefined>;
  /** The object's current state, or null when it is gone for good. */
  read(request: { state: StateModel<S> }, ctx: OperationContext<P>): Promise<StateModel<S> | null>;
  /** Returns the new state; undefined (with errors) keeps the prior state. */
  update(
    request: { config: KnownConfigModel<S>; plan: ApplyPlanModel<S>; state: StateModel<S> },
    ctx: OperationContext<P>,
  ): Promise<StateModel<S> | undefined>;
  delete(request: { state: StateModel<S> }, ctx: OperationContext<P>): Promise<void>;
  /** Turns an import id into a partial state that read() then completes. */
  importState?(id: string, ctx: OperationContext<P>): Promise<Partial<StateModel<S>> | undefined>;
  /** Converts raw JSON state written under an older schema version. */
  upgradeState?(request: { version: number; json: unknown }, ctx: ValidateContext): StateModel<S> | undefined;
}

export interface DataSourceDefinition<S extends SchemaDefinition, P> {
  readonly typeName: string;
  readonly schema: S;
  validateConfig?(config: PlanModel<S>, ctx: ValidateContext): void | Promise<void>;
  read(request: { config: StateModel<S> }, ctx: OperationContext<P>): Promise<StateModel<S> | undefined>;
}

export interface ConfigureContext extends ValidateContext {
  readonly terraformVersion: string;
  readonly signal: AbortSignal;
}

/**
 * Resources and data sources are stored with their schema type widened to the base
 * SchemaDefinition (method parameters are bivariant); each one's own methods still see its
 * precise model types.
 */
export type AnyResource<P> = ResourceDefinition<SchemaDefinition, P>;
export type AnyDataSource<P> = DataSourceDefinition<SchemaDefinition, P>;

export interface ProviderDefinition<S extends SchemaDefinition, P> {
  /** The provider's local name, e.g. `pure`; resource type names start with it. */
  readonly typeName: string;
  readonly schema: S;
  validateConfig?(config: PlanModel<S>, ctx: ValidateContext): void | Promise<void>;
  /**
   * Returns the data every resource receives (clients, caches). The config may hold unknowns
   * during plan; return undefined then, and resources plan without provider data.
   */
  configure(config: PlanModel<S>, ctx: ConfigureContext): Promise<P | undefined>;
  readonly resources: readonly AnyResource<P>[];
  readonly dataSources: readonly AnyDataSource<P>[];
}
