// Attribute validators: run on known, non-null values during the Validate* RPCs (and on known
// values again at plan time, where variables have been resolved). Each reports on the path it
// is given, so the diagnostic lands on the attribute's line.

import type { AttributePath } from '../cty/path';
import { CtyNumber } from '../cty/number';
import type { CtyValue } from '../cty/value';
import { isCtyObject } from '../cty/value';
import type { Diagnostics } from './diagnostics';

export interface Validator {
  /** Plain text, shown in documentation. */
  readonly description: string;
  validate(value: CtyValue, path: AttributePath, diags: Diagnostics): void;
}

/** The value as a message quotes it; a long string is cut short so the message stays readable. */
function describe(value: CtyValue): string {
  if (typeof value !== 'string') return String(value);
  return JSON.stringify(value.length > 80 ? `${value.slice(0, 80)}…` : value);
}

export const validate = {
  oneOf(allowed: readonly string[]): Validator {
    return {
      description: `must be one of: ${allowed.map((a) => `"${a}"`).join(', ')}`,
      validate(value, path, diags) {
        if (typeof value === 'string' && !allowed.includes(value)) {
          diags.error(
            'Invalid attribute value',
            `Expected one of ${allowed.map((a) => `"${a}"`).join(', ')}, got ${describe(value)}.`,
            path,
          );
        }
      },
    };
  },

  matches(pattern: RegExp, explanation: string): Validator {
    return {
      description: explanation,
      validate(value, path, diags) {
        if (typeof value === 'string' && !pattern.test(value)) {
          diags.error('Invalid attribute value', `${describe(value)} ${explanation}.`, path);
        }
      },
    };
  },

  lengthBetween(min: number, max: number): Validator {
    return {
      description: `length must be between ${min} and ${max}`,
      validate(value, path, diags) {
        if (typeof value === 'string' && (value.length < min || value.length > max)) {
          diags.error(
            'Invalid attribute value',
            `Length must be between ${min} and ${max} characters, got ${value.length}.`,
            path,
          );
        }
      },
    };
  },

  numberBetween(min: number | bigint, max: number | bigint, unit = ''): Validator {
    const lo = CtyNumber.of(min);
    const hi = CtyNumber.of(max);
    const suffix = unit ? ` ${unit}` : '';
    return {
      description: `must be between ${lo.toString()} and ${hi.toString()}${suffix}`,
      validate(value, path, diags) {
        if (value instanceof CtyNumber && (value.compare(lo) < 0 || value.compare(hi) > 0)) {
          diags.error(
            'Invalid attribute value',
            `Must be between ${lo.toString()} and ${hi.toString()}${suffix}, got ${value.toString()}.`,
            path,
          );
        }
      },
    };
  },

  wholeNumber(): Validator {
    return {
      description: 'must be a whole number',
      validate(value, path, diags) {
        if (value instanceof CtyNumber && !value.isInteger()) {
          diags.error('Invalid attribute value', `Must be a whole number, got ${value.toString()}.`, path);
        }
      },
    };
  },

  multipleOf(divisor: bigint, explanation: string): Validator {
    return {
      description: explanation,
      validate(value, path, diags) {
        if (value instanceof CtyNumber && value.isInteger() && value.toBigInt() % divisor !== 0n) {
          diags.error('Invalid attribute value', `${value.toString()} ${explanation}.`, path);
        }
      },
    };
  },

  /** Applies a string validator to every key of a map value. */
  mapKeys(inner: Validator): Validator {
    return {
      description: `keys: ${inner.description}`,
      validate(value, path, diags) {
        if (!isCtyObject(value)) return;
        for (const key of Object.keys(value)) inner.validate(key, [...path, { key }], diags);
      },
    };
  },

  /** Applies a validator to every value of a map. */
  mapValues(inner: Validator): Validator {
    return {
      description: `values: ${inner.description}`,
      validate(value, path, diags) {
        if (!isCtyObject(value)) return;
        for (const [key, v] of Object.entries(value))
          if (v !== null) inner.validate(v, [...path, { key }], diags);
      },
    };
  },
};
