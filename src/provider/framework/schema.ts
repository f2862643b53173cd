// Schemas for providers, resources and data sources, in the spirit of terraform-plugin-framework:
// attributes (primitive, collection or nested object), nested blocks, validators and plan
// modifiers. Builders carry the TypeScript type of each attribute's value, so a resource's
// model type is derived from its schema rather than written twice.

import type { CtyNumber } from '../cty/number';
import type { CtyType, ObjectType } from '../cty/types';
import { t } from '../cty/types';
import type { CtyValue, Unknown } from '../cty/value';
import { isWhollyKnown } from '../cty/value';
import type { PlanModifier } from './plan-modifiers';
import type { Validator } from './validators';

interface AttributeOptions {
  /** Markdown. */
  readonly description?: string;
  readonly required?: boolean;
  readonly optional?: boolean;
  readonly computed?: boolean;
  readonly sensitive?: boolean;
  readonly deprecationMessage?: string;
  readonly validators?: readonly Validator[];
  readonly planModifiers?: readonly PlanModifier[];
  /** Value planned when the configuration leaves the attribute null; makes it optional+computed. */
  readonly default?: CtyValue;
}

/**
 * What an attribute's options say about its value's absence, carried in its type so that the
 * models of an apply can be precise: a required attribute is never null then, and only computed
 * ones may still be unknown. `default` is an optional attribute whose null the plan fills.
 */
export type Presence = 'required' | 'optional' | 'default' | 'computed';

export type PresenceOf<O> = O extends { readonly required: true }
  ? 'required'
  : O extends { readonly computed: true }
    ? 'computed'
    : O extends { readonly default: CtyValue }
      ? 'default'
      : 'optional';

/** A primitive or collection attribute whose known values are of TypeScript type V. */
export interface Attribute<V, P extends Presence = Presence> extends AttributeOptions {
  readonly kind: 'attribute';
  readonly type: CtyType;
  /** Phantom: never set; carries V for model types. */
  readonly __value?: V;
  /** Phantom: never set; carries P for model types. */
  readonly __presence?: P;
}

export type ObjectNesting = 'single' | 'list' | 'set' | 'map';

export interface NestedAttribute<
  A extends Attributes,
  N extends ObjectNesting = ObjectNesting,
  P extends Presence = Presence,
> extends AttributeOptions {
  readonly kind: 'nested';
  readonly nesting: N;
  readonly attributes: A;
  /** Phantom: never set; carries P for model types. */
  readonly __presence?: P;
}

export type AnyAttribute = Attribute<unknown> | NestedAttribute<Attributes>;
export type Attributes = { readonly [name: string]: AnyAttribute };

export type BlockNesting = ObjectNesting | 'group';

export interface NestedBlock<A extends Attributes, B extends Blocks, N extends BlockNesting = BlockNesting> {
  readonly kind: 'block';
  readonly nesting: N;
  readonly attributes: A;
  readonly blocks: B;
  readonly description?: string;
  readonly minItems?: number;
  readonly maxItems?: number;
  readonly deprecationMessage?: string;
}

export type AnyBlock = NestedBlock<Attributes, Blocks>;
export type Blocks = { readonly [name: string]: AnyBlock };

export interface SchemaDefinition<A extends Attributes = Attributes, B extends Blocks = Blocks> {
  readonly version: number;
  /** Markdown. */
  readonly description?: string;
  readonly deprecationMessage?: string;
  readonly attributes: A;
  readonly blocks: B;
}

// ---------- model types ----------

/**
 * Which values a model may hold:
 *   state       stored state, an apply or read result: every value known, any may be null
 *   plan        a configuration or plan while planning: any value, nested ones too, may be unknown
 *   config      the configuration at apply time: wholly known, required attributes set
 *   applyPlan   the plan at apply time: as config, except that computed attributes may be unknown
 * The framework checks a value against the model before a resource sees it.
 */
type Mode = 'state' | 'plan' | 'config' | 'applyPlan';

type PresenceOfMember<X> =
  X extends Attribute<unknown, infer P>
    ? P
    : X extends NestedAttribute<Attributes, ObjectNesting, infer P>
      ? P
      : Presence;

/** What an attribute's value may be besides a known value of its type, in each mode. */
type Absence<P, M extends Mode> = M extends 'state'
  ? null
  : M extends 'plan'
    ? null | Unknown
    : [P] extends ['required']
      ? never
      : M extends 'config'
        ? null
        : [P] extends ['optional' | 'default']
          ? null
          : null | Unknown;

/** Blocks come from the configuration: known at apply time, a missing single block null. */
type BlockAbsence<X, M extends Mode> = M extends 'plan'
  ? null | Unknown
  : X extends { readonly nesting: 'single' }
    ? null
    : never;

type ValueOf<X, M extends Mode> =
  X extends Attribute<infer V, Presence>
    ? V
    : X extends NestedAttribute<infer A, infer N, Presence>
      ? Nested<N, ModelOf<A, Record<never, never>, M>>
      : X extends NestedBlock<infer A, infer B, infer N>
        ? Nested<N, ModelOf<A, B, M>>
        : never;

type Nested<N, M> = N extends 'list' | 'set'
  ? readonly M[]
  : N extends 'map'
    ? Readonly<Record<string, M>>
    : M;

type ModelOf<A extends Attributes, B extends Blocks, M extends Mode> = {
  -readonly [K in keyof A]: ValueOf<A[K], M> | Absence<PresenceOfMember<A[K]>, M>;
} & { -readonly [K in keyof B]: ValueOf<B[K], M> | BlockAbsence<B[K], M> };

/** The model of a stored state or an apply result: every value known, absent ones null. */
export type StateModelOf<A extends Attributes, B extends Blocks> = ModelOf<A, B, 'state'>;

/**
 * The model of a configuration or a plan: any value may still be unknown, blocks included (a
 * `dynamic` block whose for_each is not known yet arrives as an unknown collection).
 */
export type PlanModelOf<A extends Attributes, B extends Blocks> = ModelOf<A, B, 'plan'>;

export type StateModel<S> = S extends SchemaDefinition<infer A, infer B> ? StateModelOf<A, B> : never;
export type PlanModel<S> = S extends SchemaDefinition<infer A, infer B> ? PlanModelOf<A, B> : never;
/** The configuration create and update receive: wholly known, required attributes non-null. */
export type KnownConfigModel<S> =
  S extends SchemaDefinition<infer A, infer B> ? ModelOf<A, B, 'config'> : never;
/** The plan create and update receive: known but for computed attributes decided at apply. */
export type ApplyPlanModel<S> =
  S extends SchemaDefinition<infer A, infer B> ? ModelOf<A, B, 'applyPlan'> : never;

// ---------- builders ----------

function attribute<V, O extends AttributeOptions>(type: CtyType, options: O): Attribute<V, PresenceOf<O>> {
  return { kind: 'attribute', type, ...options };
}

export const attr = {
  string: <const O extends AttributeOptions>(options: O): Attribute<string, PresenceOf<O>> =>
    attribute(t.string, options),
  number: <const O extends AttributeOptions>(options: O): Attribute<CtyNumber, PresenceOf<O>> =>
    attribute(t.number, options),
  bool: <const O extends AttributeOptions>(options: O): Attribute<boolean, PresenceOf<O>> =>
    attribute(t.bool, options),
  stringMap: <const O extends AttributeOptions>(
    options: O,
  ): Attribute<Readonly<Record<string, string>>, PresenceOf<O>> => attribute(t.map(t.string), options),
  stringList: <const O extends AttributeOptions>(options: O): Attribute<readonly string[], PresenceOf<O>> =>
    attribute(t.list(t.string), options),
  stringSet: <const O extends AttributeOptions>(options: O): Attribute<readonly string[], PresenceOf<O>> =>
    attribute(t.set(t.string), options),
  numberMap: <const O extends AttributeOptions>(
    options: O,
  ): Attribute<Readonly<Record<string, CtyNumber>>, PresenceOf<O>> => attribute(t.map(t.number), options),
  nested: <A extends Attributes, N extends ObjectNesting, const O extends AttributeOptions>(
    nesting: N,
    attributes: A,
    options: O,
  ): NestedAttribute<A, N, PresenceOf<O>> => ({
    kind: 'nested',
    nesting,
    attributes,
    ...options,
  }),
};

export function block<A extends Attributes, N extends BlockNesting, B extends Blocks = Record<never, never>>(
  nesting: N,
  definition: {
    attributes: A;
    blocks?: B;
    description?: string;
    minItems?: number;
    maxItems?: number;
    deprecationMessage?: string;
  },
): NestedBlock<A, B, N> {
  return { kind: 'block', nesting, ...definition, blocks: definition.blocks ?? ({} as B) };
}

export function defineSchema<A extends Attributes, B extends Blocks = Record<never, never>>(definition: {
  version?: number;
  description?: string;
  deprecationMessage?: string;
  attributes: A;
  blocks?: B;
}): SchemaDefinition<A, B> {
  return { ...definition, version: definition.version ?? 0, blocks: definition.blocks ?? ({} as B) };
}

// ---------- derived facts ----------

export function isOptional(a: AnyAttribute): boolean {
  return a.optional === true || a.default !== undefined;
}

export function isComputed(a: AnyAttribute): boolean {
  return a.computed === true || a.default !== undefined;
}

function nestedType(nesting: ObjectNesting | BlockNesting, object: ObjectType): CtyType {
  switch (nesting) {
    case 'single':
    case 'group':
      return object;
    case 'list':
      return t.list(object);
    case 'set':
      return t.set(object);
    case 'map':
      return t.map(object);
  }
}

// Types are derived from schema objects that never change once built, and every request asks
// for them (decoding, planning), so each is computed once per schema object.
const attributesTypes = new WeakMap<Attributes, ObjectType>();
const blockTypes = new WeakMap<Attributes, WeakMap<Blocks, ObjectType>>();

export function attributesObjectType(attributes: Attributes): ObjectType {
  const known = attributesTypes.get(attributes);
  if (known) return known;
  const made = computeAttributesObjectType(attributes);
  attributesTypes.set(attributes, made);
  return made;
}

function computeAttributesObjectType(attributes: Attributes): ObjectType {
  const types: Record<string, CtyType> = {};
  for (const [name, a] of Object.entries(attributes)) types[name] = attributeType(a);
  return t.object(types);
}

export function attributeType(a: AnyAttribute): CtyType {
  return a.kind === 'attribute' ? a.type : nestedType(a.nesting, attributesObjectType(a.attributes));
}

export function blockObjectType(attributes: Attributes, blocks: Blocks): ObjectType {
  let byBlocks = blockTypes.get(attributes);
  if (!byBlocks) blockTypes.set(attributes, (byBlocks = new WeakMap()));
  const known = byBlocks.get(blocks);
  if (known) return known;
  const made = computeBlockObjectType(attributes, blocks);
  byBlocks.set(blocks, made);
  return made;
}

function computeBlockObjectType(attributes: Attributes, blocks: Blocks): ObjectType {
  const types: Record<string, CtyType> = {};
  for (const [name, a] of Object.entries(attributes)) types[name] = attributeType(a);
  for (const [name, b] of Object.entries(blocks)) types[name] = blockType(b);
  return t.object(types);
}

export function blockType(b: AnyBlock): CtyType {
  return nestedType(b.nesting, blockObjectType(b.attributes, b.blocks));
}

/** The cty object type of a whole schema: what travels in DynamicValue for it. */
export function schemaType(schema: SchemaDefinition): ObjectType {
  return blockObjectType(schema.attributes, schema.blocks);
}

/**
 * A configuration or plan with no unknown left anywhere, typed as such; undefined otherwise
 * (e.g. a provider configuration that depends on values known only after apply).
 */
export function whollyKnownModel<S extends SchemaDefinition>(model: PlanModel<S>): StateModel<S> | undefined {
  return isWhollyKnown(model as unknown as CtyValue) ? (model as unknown as StateModel<S>) : undefined;
}
