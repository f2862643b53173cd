// The framework's part of PlanResourceChange, in terraform-plugin-framework's order:
//   proposed new state → defaults → computed attributes the config leaves null become unknown
//   (only when something changed, so a no-op plan stays a no-op) → attribute plan modifiers.
// The resource's own modifyPlan runs after this, in the server. Also: config validation.

import type { AttributePath, PathStep } from '../cty/path';
import type { CtyObject, CtyValue } from '../cty/value';
import {
  UNKNOWN,
  copyCtyObject,
  ctyObject,
  isCtyObject,
  isKnown,
  isUnknown,
  valuesEqual,
} from '../cty/value';
import type { Diagnostics } from './diagnostics';
import type { AnyAttribute, Attributes, BlockNesting, Blocks, SchemaDefinition } from './schema';
import { attributeType, isComputed, schemaType } from './schema';

interface Level {
  readonly attributes: Attributes;
  readonly blocks: Blocks;
}

const NO_BLOCKS: Blocks = {};

function field(value: CtyValue | undefined, name: string): CtyValue | undefined {
  return isCtyObject(value) ? value[name] : undefined;
}

function isNullish(value: CtyValue | undefined): boolean {
  return value === null || value === undefined;
}

/**
 * Copy-on-write edits of one object value: the first change copies it, later changes reuse the
 * copy, and an object nothing changed comes back as itself (so callers can tell by identity).
 * Only attributes the object has are replaced, as its type fixes them all.
 */
class ObjectEdit {
  private copy: Record<string, CtyValue> | undefined;
  constructor(private readonly original: CtyObject) {}
  get(name: string): CtyValue | undefined {
    return (this.copy ?? this.original)[name];
  }
  set(name: string, value: CtyValue): void {
    if (!Object.prototype.hasOwnProperty.call(this.original, name)) return;
    (this.copy ??= copyCtyObject(this.original))[name] = value;
  }
  result(): CtyObject {
    return this.copy ?? this.original;
  }
}

type Member = readonly [string, AnyAttribute | Blocks[string]];
const memberCache = new WeakMap<Attributes, WeakMap<Blocks, readonly Member[]>>();

/** A level's attributes and blocks as one list, made once per schema level. */
function members(level: Level): readonly Member[] {
  let byBlocks = memberCache.get(level.attributes);
  if (!byBlocks) memberCache.set(level.attributes, (byBlocks = new WeakMap()));
  let list = byBlocks.get(level.blocks);
  if (!list) {
    list = [...Object.entries(level.attributes), ...Object.entries(level.blocks)];
    byBlocks.set(level.blocks, list);
  }
  return list;
}

/**
 * Applies `visit` to each object nested under a nested attribute or block, pairing the planned
 * object with its config (and prior) counterpart by index or key. Set elements carry no identity
 * and are left alone.
 */
function eachNestedObject(
  nesting: BlockNesting,
  planned: CtyValue | undefined,
  config: CtyValue | undefined,
  prior: CtyValue | undefined,
  visit: (
    planned: CtyObject,
    config: CtyValue | undefined,
    prior: CtyValue | undefined,
    step?: PathStep,
  ) => CtyObject,
): CtyValue | undefined {
  if (planned === undefined || planned === null || isUnknown(planned)) return planned;
  switch (nesting) {
    case 'single':
    case 'group':
      return isCtyObject(planned) ? visit(planned, config, prior) : planned;
    case 'list': {
      if (!Array.isArray(planned)) return planned;
      const configList = Array.isArray(config) ? config : [];
      const priorList = Array.isArray(prior) ? prior : [];
      return (planned as CtyValue[]).map((element, index) =>
        isCtyObject(element) ? visit(element, configList[index], priorList[index], { index }) : element,
      );
    }
    case 'map': {
      if (!isCtyObject(planned)) return planned;
      return ctyObject(
        Object.entries(planned).map(([key, element]) => [
          key,
          isCtyObject(element) ? visit(element, field(config, key), field(prior, key), { key }) : element,
        ]),
      );
    }
    case 'set':
      return planned;
  }
}

interface NestedLevel extends Level {
  readonly nesting: BlockNesting;
}

const nestedLevels = new WeakMap<object, NestedLevel>();

function nestedLevel(definition: AnyAttribute | Blocks[string]): NestedLevel | undefined {
  if (definition.kind === 'attribute') return undefined;
  let level = nestedLevels.get(definition);
  if (!level) {
    level = {
      nesting: definition.nesting,
      attributes: definition.attributes,
      blocks: definition.kind === 'block' ? definition.blocks : NO_BLOCKS,
    };
    nestedLevels.set(definition, level);
  }
  return level;
}

/** Defaults fill attributes the configuration leaves null. */
function applyDefaults(level: Level, planned: CtyObject, config: CtyValue | undefined): CtyObject {
  const out = new ObjectEdit(planned);
  for (const [name, definition] of members(level)) {
    const configValue = field(config, name);
    if (definition.kind !== 'block' && definition.default !== undefined && isNullish(configValue)) {
      out.set(name, definition.default);
      continue;
    }
    const inner = nestedLevel(definition);
    if (!inner) continue;
    const next = eachNestedObject(inner.nesting, out.get(name), configValue, undefined, (p, c) =>
      applyDefaults(inner, p, c),
    );
    if (next !== undefined && next !== out.get(name)) out.set(name, next);
  }
  return out.result();
}

/** Computed attributes the configuration does not set will be decided at apply: unknown now. */
function markComputedUnknown(level: Level, planned: CtyObject, config: CtyValue | undefined): CtyObject {
  const out = new ObjectEdit(planned);
  for (const [name, definition] of members(level)) {
    const configValue = field(config, name);
    if (definition.kind !== 'block' && isComputed(definition) && isNullish(configValue)) {
      if (definition.default === undefined) out.set(name, UNKNOWN);
      continue;
    }
    const inner = nestedLevel(definition);
    if (!inner) continue;
    const next = eachNestedObject(inner.nesting, out.get(name), configValue, undefined, (p, c) =>
      markComputedUnknown(inner, p, c),
    );
    if (next !== undefined && next !== out.get(name)) out.set(name, next);
  }
  return out.result();
}

function runPlanModifiers(
  level: Level,
  planned: CtyObject,
  config: CtyValue | undefined,
  prior: CtyValue | undefined,
  path: AttributePath,
  requiresReplace: AttributePath[],
  diags: Diagnostics,
): CtyObject {
  const out = new ObjectEdit(planned);
  for (const [name, definition] of members(level)) {
    const modifiers = definition.kind !== 'block' ? (definition.planModifiers ?? []) : [];
    const inner = nestedLevel(definition);
    if (modifiers.length === 0 && !inner) continue;
    const attributePath = [...path, { attribute: name }];
    if (definition.kind !== 'block') {
      for (const modifier of modifiers) {
        const result = modifier.modify({
          path: attributePath,
          type: attributeType(definition),
          config: field(config, name) ?? null,
          plan: out.get(name) ?? null,
          state: isCtyObject(prior) ? (prior[name] ?? null) : undefined,
          diags,
        });
        if (result.plan !== undefined) out.set(name, result.plan);
        if (result.requiresReplace) requiresReplace.push(attributePath);
      }
    }
    if (!inner) continue;
    const next = eachNestedObject(
      inner.nesting,
      out.get(name),
      field(config, name),
      field(prior, name),
      (p, c, s, step) =>
        runPlanModifiers(
          inner,
          p,
          c,
          s,
          step ? [...attributePath, step] : attributePath,
          requiresReplace,
          diags,
        ),
    );
    if (next !== undefined && next !== out.get(name)) out.set(name, next);
  }
  return out.result();
}

export interface FrameworkPlan {
  readonly planned: CtyObject;
  readonly requiresReplace: AttributePath[];
}

/** Plans a create (prior null) or an update. Destroy plans never come here. */
export function planChange(
  schema: SchemaDefinition,
  prior: CtyObject | null,
  proposed: CtyObject,
  config: CtyObject,
  diags: Diagnostics,
): FrameworkPlan {
  const level: Level = { attributes: schema.attributes, blocks: schema.blocks };
  let planned = applyDefaults(level, proposed, config);
  const changed = prior === null || !valuesEqual(planned, prior, schemaType(schema));
  if (changed) planned = markComputedUnknown(level, planned, config);
  const requiresReplace: AttributePath[] = [];
  planned = runPlanModifiers(level, planned, config, prior ?? undefined, [], requiresReplace, diags);
  return { planned, requiresReplace };
}

/** Runs attribute validators on known values and warns about deprecated attributes in use. */
export function validateConfigValues(
  level: Level,
  config: CtyValue | undefined,
  path: AttributePath,
  diags: Diagnostics,
): void {
  if (!isCtyObject(config)) return;
  for (const [name, definition] of members(level)) {
    const value = config[name];
    if (value === null || value === undefined) continue;
    const validators = definition.kind !== 'block' ? (definition.validators ?? []) : [];
    const inner = nestedLevel(definition);
    if (!definition.deprecationMessage && validators.length === 0 && !inner) continue;
    const attributePath = [...path, { attribute: name }];
    if (definition.deprecationMessage)
      diags.warning('Deprecated attribute', definition.deprecationMessage, attributePath);
    if (isKnown(value)) {
      for (const validator of validators) validator.validate(value, attributePath, diags);
    }
    if (!inner || !isKnown(value)) continue;
    eachNestedObject(inner.nesting, value, value, undefined, (p, _c, _s, step) => {
      validateConfigValues(inner, p, step ? [...attributePath, step] : attributePath, diags);
      return p;
    });
  }
}

export function validateSchemaConfig(schema: SchemaDefinition, config: CtyValue, diags: Diagnostics): void {
  validateConfigValues({ attributes: schema.attributes, blocks: schema.blocks }, config, [], diags);
}
