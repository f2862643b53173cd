// The checks that let the framework hand a resource models typed as known: Terraform resolves
// the whole configuration before apply and never stores an unknown in state, and a request that
// breaks that (a core bug, or a hostile peer) is refused here with a diagnostic on the attribute
// path, once, instead of every resource casting and hoping.

import type { AttributePath } from '../cty/path';
import type { CtyObject, CtyValue } from '../cty/value';
import { isCtyObject, isUnknown, isWhollyKnown } from '../cty/value';
import { DiagnosticError } from './diagnostics';
import type {
  AnyAttribute,
  AnyBlock,
  ApplyPlanModel,
  Attributes,
  Blocks,
  KnownConfigModel,
  SchemaDefinition,
  StateModel,
} from './schema';
import { isComputed } from './schema';

/**
 * config: wholly known, required set. applyPlan: as config, computed may be unknown. state:
 * wholly known. shape (a configuration or plan while planning): unknowns anywhere. In every
 * case the elements of nested attributes and blocks are objects, never null.
 */
type Check = 'config' | 'applyPlan' | 'state' | 'shape';

const WHAT: Record<Check, string> = {
  config: 'the configuration at apply time',
  applyPlan: 'the planned state at apply time',
  state: 'the stored state',
  shape: 'the value',
};

function refuse(check: Check, path: AttributePath, problem: string): DiagnosticError {
  return new DiagnosticError(
    'Invalid value from Terraform',
    `${WHAT[check]} ${problem}; Terraform never sends that, so the request is refused.`,
    path,
  );
}

function elements(value: CtyValue): Array<[CtyValue, AttributePath[number]]> {
  if (Array.isArray(value)) return value.map((v: CtyValue, index) => [v, { index }]);
  if (isCtyObject(value)) return Object.entries(value).map(([key, v]) => [v, { key }]);
  return [];
}

function checkLevel(
  check: Check,
  attributes: Attributes,
  blocks: Blocks,
  object: CtyObject,
  path: AttributePath,
): void {
  for (const [name, definition] of Object.entries(attributes)) {
    checkAttribute(check, definition, object[name] ?? null, [...path, { attribute: name }]);
  }
  for (const [name, definition] of Object.entries(blocks)) {
    checkBlock(check, definition, object[name] ?? null, [...path, { attribute: name }]);
  }
}

function checkAttribute(check: Check, definition: AnyAttribute, value: CtyValue, path: AttributePath): void {
  const mayBeUnknown = check === 'shape' || (check === 'applyPlan' && isComputed(definition));
  if (isUnknown(value)) {
    if (mayBeUnknown) return;
    throw refuse(check, path, 'holds a value not known yet');
  }
  if (value === null) {
    if ((check === 'config' || check === 'applyPlan') && definition.required === true) {
      throw refuse(check, path, 'leaves a required attribute null');
    }
    return;
  }
  if (definition.kind === 'attribute') {
    if (!mayBeUnknown && !isWhollyKnown(value)) throw refuse(check, path, 'holds a value not known yet');
    return;
  }
  const objects = definition.nesting === 'single' ? [[value, undefined] as const] : elements(value);
  for (const [element, step] of objects) {
    const elementPath = step ? [...path, step] : path;
    if (isUnknown(element)) {
      if (mayBeUnknown) continue;
      throw refuse(check, elementPath, 'holds a value not known yet');
    }
    if (element === null && step)
      throw refuse(check, elementPath, 'holds a null element of a nested collection');
    if (isCtyObject(element)) checkLevel(check, definition.attributes, {}, element, elementPath);
  }
}

function checkBlock(check: Check, definition: AnyBlock, value: CtyValue, path: AttributePath): void {
  if (isUnknown(value)) {
    if (check === 'shape') return;
    throw refuse(check, path, 'holds a block not known yet');
  }
  if (value === null) return;
  const objects =
    definition.nesting === 'single' || definition.nesting === 'group'
      ? [[value, undefined] as const]
      : elements(value);
  for (const [element, step] of objects) {
    const elementPath = step ? [...path, step] : path;
    if (isUnknown(element)) {
      if (check === 'shape') continue;
      throw refuse(check, elementPath, 'holds a block not known yet');
    }
    if (element === null && step) throw refuse(check, elementPath, 'holds a null block');
    if (isCtyObject(element))
      checkLevel(check, definition.attributes, definition.blocks, element, elementPath);
  }
}

function checkRoot(check: Check, schema: SchemaDefinition, value: CtyValue): CtyObject {
  if (!isCtyObject(value)) throw refuse(check, [], 'is null or not an object');
  checkLevel(check, schema.attributes, schema.blocks, value, []);
  return value;
}

/** The configuration create and update receive, checked; throws DiagnosticError otherwise. */
export function knownConfig<S extends SchemaDefinition>(schema: S, value: CtyValue): KnownConfigModel<S> {
  return checkRoot('config', schema, value) as KnownConfigModel<S>;
}

/** The plan create and update receive, checked; throws DiagnosticError otherwise. */
export function applyPlan<S extends SchemaDefinition>(schema: S, value: CtyValue): ApplyPlanModel<S> {
  return checkRoot('applyPlan', schema, value) as ApplyPlanModel<S>;
}

/** A stored state (prior or current), checked to be wholly known; null stays null. */
export function storedState<S extends SchemaDefinition>(schema: S, value: CtyValue): StateModel<S> | null {
  if (value === null) return null;
  return checkRoot('state', schema, value) as StateModel<S>;
}

/**
 * A plan-time object (proposed state, configuration): an object, partly unknown perhaps, or null.
 * Terraform never sends these wholly unknown.
 */
export function objectOrNull(value: CtyValue, what: string): CtyObject | null {
  if (value === null || isCtyObject(value)) return value;
  throw new DiagnosticError(
    'Invalid value from Terraform',
    `the ${what} is not an object; Terraform never sends that, so the request is refused.`,
  );
}

/**
 * A configuration or plan while planning, checked for the one thing Terraform guarantees even
 * then: nested attributes and blocks hold objects (or unknowns), never null elements. Null,
 * unknown and object values pass through; the value is returned as given.
 */
export function wellFormed<V extends CtyValue>(schema: SchemaDefinition, value: V): V {
  if (isCtyObject(value)) checkLevel('shape', schema.attributes, schema.blocks, value, []);
  return value;
}
