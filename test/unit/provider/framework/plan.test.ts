// The framework's planning rules, which Terraform enforces strictly: computed attributes become
// unknown only when something changed, defaults fill null config, plan modifiers keep or replace.

import { CtyNumber } from '../../../../src/provider/cty/number';
import type { CtyObject, CtyValue } from '../../../../src/provider/cty/value';
import { UNKNOWN, ctyObject, isUnknown } from '../../../../src/provider/cty/value';
import { Diagnostics } from '../../../../src/provider/framework/diagnostics';
import { planChange, validateSchemaConfig } from '../../../../src/provider/framework/plan';
import { planModifier } from '../../../../src/provider/framework/plan-modifiers';
import { attr, block, defineSchema } from '../../../../src/provider/framework/schema';
import { validate } from '../../../../src/provider/framework/validators';

const schema = defineSchema({
  attributes: {
    name: attr.string({ required: true, planModifiers: [planModifier.requiresReplace()] }),
    size: attr.string({ required: true }),
    policy: attr.string({
      optional: true,
      default: 'delete',
      validators: [validate.oneOf(['delete', 'orphan'])],
    }),
    array: attr.string({
      optional: true,
      computed: true,
      planModifiers: [planModifier.useStateForUnknown()],
    }),
    serial: attr.string({ computed: true, planModifiers: [planModifier.useStateForUnknown()] }),
    size_bytes: attr.number({ computed: true }),
    old: attr.string({ optional: true, deprecationMessage: 'use size' }),
    tags: attr.nested(
      'list',
      {
        key: attr.string({ required: true, validators: [validate.lengthBetween(1, 5)] }),
        stamp: attr.string({ computed: true }),
      },
      { optional: true },
    ),
  },
  blocks: {
    limits: block('single', {
      attributes: { iops: attr.number({ optional: true, validators: [validate.numberBetween(100, 1000)] }) },
    }),
  },
});

function obj(values: Record<string, CtyValue>): CtyObject {
  const all: Record<string, CtyValue> = {
    name: null,
    size: null,
    policy: null,
    array: null,
    serial: null,
    size_bytes: null,
    old: null,
    tags: null,
    limits: null,
  };
  return ctyObject(Object.entries({ ...all, ...values }));
}

describe('planChange on create', () => {
  const config = obj({ name: 'v1', size: '10G' });

  it('fills defaults and marks every computed attribute the config leaves null as unknown', () => {
    const { planned, requiresReplace } = planChange(schema, null, config, config, new Diagnostics());
    expect(planned.policy).toBe('delete');
    expect(isUnknown(planned.array)).toBe(true);
    expect(isUnknown(planned.serial)).toBe(true);
    expect(isUnknown(planned.size_bytes)).toBe(true);
    expect(planned.name).toBe('v1');
    expect(planned.old).toBeNull();
    // RequiresReplace never fires on create.
    expect(requiresReplace).toEqual([]);
  });

  it('keeps an optional+computed value the configuration sets', () => {
    const pinned = obj({ name: 'v1', size: '10G', array: 'fa-2' });
    expect(planChange(schema, null, pinned, pinned, new Diagnostics()).planned.array).toBe('fa-2');
  });

  it('marks computed attributes inside nested list elements unknown, element by element', () => {
    const withTags = obj({
      name: 'v1',
      size: '10G',
      tags: [
        ctyObject([
          ['key', 'a'],
          ['stamp', null],
        ]),
      ],
    });
    const { planned } = planChange(schema, null, withTags, withTags, new Diagnostics());
    const tags = planned.tags as CtyObject[];
    expect(tags[0]?.key).toBe('a');
    expect(isUnknown(tags[0]?.stamp)).toBe(true);
  });
});

describe('planChange on update', () => {
  const prior = obj({
    name: 'v1',
    size: '10G',
    policy: 'delete',
    array: 'fa-1',
    serial: 'ABC',
    size_bytes: CtyNumber.of(10737418240),
  });

  it('plans exactly the prior state when nothing changed (an empty plan)', () => {
    const config = obj({ name: 'v1', size: '10G' });
    // ProposedNewState: config values, computed ones carried from prior.
    const proposed = obj({ ...prior, name: 'v1', size: '10G' });
    const { planned, requiresReplace } = planChange(schema, prior, proposed, config, new Diagnostics());
    expect(planned).toEqual(prior);
    expect(requiresReplace).toEqual([]);
  });

  it('on a change, keeps UseStateForUnknown values and leaves the rest unknown', () => {
    const config = obj({ name: 'v1', size: '20G' });
    const proposed = obj({ ...prior, size: '20G' });
    const { planned, requiresReplace } = planChange(schema, prior, proposed, config, new Diagnostics());
    expect(planned.array).toBe('fa-1');
    expect(planned.serial).toBe('ABC');
    expect(isUnknown(planned.size_bytes)).toBe(true);
    expect(requiresReplace).toEqual([]);
  });

  it('asks for replacement when a RequiresReplace attribute changes', () => {
    const config = obj({ name: 'v2', size: '10G' });
    const proposed = obj({ ...prior, name: 'v2' });
    const { requiresReplace } = planChange(schema, prior, proposed, config, new Diagnostics());
    expect(requiresReplace).toEqual([[{ attribute: 'name' }]]);
  });

  it('re-applies a default when the configuration removes the attribute', () => {
    const priorOrphan = obj({ ...prior, policy: 'orphan' });
    const config = obj({ name: 'v1', size: '10G' });
    const proposed = obj({ ...priorOrphan, policy: null });
    const { planned } = planChange(schema, priorOrphan, proposed, config, new Diagnostics());
    expect(planned.policy).toBe('delete');
  });
});

describe('plan modifiers', () => {
  it('RequiresReplace treats an unknown planned value as a change', () => {
    const result = planModifier.requiresReplace().modify({
      path: [{ attribute: 'x' }],
      type: { kind: 'string' },
      config: UNKNOWN,
      plan: UNKNOWN,
      state: 'a',
      diags: new Diagnostics(),
    });
    expect(result.requiresReplace).toBe(true);
  });

  it('UseStateForUnknown does not copy a null prior value', () => {
    const result = planModifier.useStateForUnknown().modify({
      path: [{ attribute: 'x' }],
      type: { kind: 'string' },
      config: null,
      plan: UNKNOWN,
      state: null,
      diags: new Diagnostics(),
    });
    expect(result.plan).toBeUndefined();
  });
});

describe('validateSchemaConfig', () => {
  it('reports each invalid value on its own attribute path, nested ones included', () => {
    const diags = new Diagnostics();
    const config = obj({
      name: 'v1',
      size: '1G',
      policy: 'shred',
      old: 'x',
      tags: [
        ctyObject([
          ['key', 'ok'],
          ['stamp', null],
        ]),
        ctyObject([
          ['key', 'toolong'],
          ['stamp', null],
        ]),
      ],
      limits: ctyObject([['iops', CtyNumber.of(5)]]),
    });
    validateSchemaConfig(schema, config, diags);
    const byPath = diags.all.map((d) => [d.severity, JSON.stringify(d.path)]);
    expect(byPath).toEqual(
      expect.arrayContaining([
        ['error', JSON.stringify([{ attribute: 'policy' }])],
        ['warning', JSON.stringify([{ attribute: 'old' }])],
        ['error', JSON.stringify([{ attribute: 'tags' }, { index: 1 }, { attribute: 'key' }])],
        ['error', JSON.stringify([{ attribute: 'limits' }, { attribute: 'iops' }])],
      ]),
    );
    expect(diags.all.filter((d) => d.severity === 'error')).toHaveLength(3);
  });

  it('skips unknown values (variables during validate)', () => {
    const diags = new Diagnostics();
    validateSchemaConfig(
      schema,
      obj({ name: UNKNOWN, size: UNKNOWN, policy: UNKNOWN, tags: UNKNOWN }),
      diags,
    );
    expect(diags.all).toEqual([]);
  });
});
