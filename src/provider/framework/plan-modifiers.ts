// Attribute plan modifiers, run by the framework after defaults and after computed attributes
// have been marked unknown. Same semantics as terraform-plugin-framework's: they are skipped when
// the resource is being created or destroyed, unless stated otherwise.

import type { AttributePath } from '../cty/path';
import type { CtyValue } from '../cty/value';
import { isUnknown, valuesEqual } from '../cty/value';
import type { CtyType } from '../cty/types';
import type { Diagnostics } from './diagnostics';

export interface PlanModifierRequest {
  readonly path: AttributePath;
  readonly type: CtyType;
  readonly config: CtyValue;
  readonly plan: CtyValue;
  /** The attribute's value in prior state; undefined when the resource is being created. */
  readonly state: CtyValue | undefined;
  readonly diags: Diagnostics;
}

export interface PlanModifierResult {
  readonly plan?: CtyValue;
  readonly requiresReplace?: boolean;
}

export interface PlanModifier {
  /** Plain text, shown in documentation. */
  readonly description: string;
  modify(request: PlanModifierRequest): PlanModifierResult;
}

export const planModifier = {
  /** Keeps the prior value instead of "(known after apply)" for values that never change once set. */
  useStateForUnknown(): PlanModifier {
    return {
      description: 'The value does not change after creation.',
      modify({ plan, state, config }) {
        if (state === undefined || state === null || !isUnknown(plan)) return {};
        // An unknown in the configuration (a value from another resource's apply) is a change
        // still to come: the plan says so rather than promise the old value.
        if (isUnknown(config)) return {};
        return { plan: state };
      },
    };
  },

  /** A change to this attribute destroys and re-creates the resource. */
  requiresReplace(): PlanModifier {
    return planModifier.requiresReplaceIf(() => true, 'Changing this value replaces the resource.');
  },

  requiresReplaceIf(condition: (request: PlanModifierRequest) => boolean, description: string): PlanModifier {
    return {
      description,
      modify(request) {
        const { state, plan, type } = request;
        if (state === undefined) return {};
        if (!isUnknown(plan) && valuesEqual(plan, state, type)) return {};
        return condition(request) ? { requiresReplace: true } : {};
      },
    };
  },
};
