// The framework's rules as terraform-plugin-framework has them (issue 11), and what it checks
// before a resource runs (issue 14): UseStateForUnknown leaves an unknown configuration unknown,
// modifyPlan never runs after the schema's plan steps failed, create and update receive models
// typed and checked as known, stored state holds no unknowns, a null configuration is an absent
// block, and ConfigureProvider re-checks the schema's validators.

import { encodeMsgpack } from '../../../../src/provider/cty/msgpack';
import { CtyNumber } from '../../../../src/provider/cty/number';
import type { CtyObject, CtyValue } from '../../../../src/provider/cty/value';
import { UNKNOWN, ctyObject, isUnknown } from '../../../../src/provider/cty/value';
import { silentLogger } from '../../../../src/provider/log';
import { Diagnostics } from '../../../../src/provider/framework/diagnostics';
import { planChange } from '../../../../src/provider/framework/plan';
import type { PlanModifier } from '../../../../src/provider/framework/plan-modifiers';
import { planModifier } from '../../../../src/provider/framework/plan-modifiers';
import type { ProviderDefinition, ResourceDefinition } from '../../../../src/provider/framework/resource';
import { attr, block, defineSchema, schemaType } from '../../../../src/provider/framework/schema';
import { FrameworkProviderServer } from '../../../../src/provider/framework/server';
import { validate } from '../../../../src/provider/framework/validators';

const refuseShout: PlanModifier = {
  description: 'refuses "SHOUT"',
  modify({ plan, path, diags }) {
    if (plan === 'SHOUT') diags.error('Shouting', 'no shouting', path);
    return {};
  },
};

const schema = defineSchema({
  attributes: {
    name: attr.string({ required: true, planModifiers: [refuseShout] }),
    note: attr.string({ optional: true }),
    policy: attr.string({ optional: true, default: 'keep' }),
    home: attr.string({ optional: true, computed: true, planModifiers: [planModifier.useStateForUnknown()] }),
    id: attr.string({ computed: true, planModifiers: [planModifier.useStateForUnknown()] }),
    parts: attr.nested('list', { label: attr.string({ required: true }) }, { optional: true }),
  },
  blocks: { extra: block('list', { attributes: { key: attr.string({ required: true }) } }) },
});
const type = schemaType(schema);

function value(values: Record<string, CtyValue>): CtyObject {
  const all = { name: null, note: null, policy: null, home: null, id: null, parts: null, extra: [] };
  return ctyObject(Object.entries({ ...all, ...values }));
}
const wire = (v: CtyValue) => ({ msgpack: encodeMsgpack(v, type) });

const calls: string[] = [];
const seen: { config?: unknown; plan?: unknown } = {};

const thing: ResourceDefinition<typeof schema, true> = {
  typeName: 'test_thing',
  schema,
  validateConfig(config) {
    calls.push(`validate:${String(config.name)}`);
  },
  modifyPlan() {
    calls.push('modifyPlan');
  },
  async create({ config, plan }) {
    calls.push('create');
    // Typed as known: a required attribute is a string, no cast and no check.
    const name: string = config.name;
    // An optional one may be null, never unknown.
    const note: string | null = config.note;
    // @ts-expect-error — in the plan a computed attribute may still be unknown
    const id: string | null = plan.id;
    seen.config = { name, note, id };
    return { ...config, policy: plan.policy, home: 'h1', id: `${name}-1` };
  },
  async read({ state }) {
    calls.push('read');
    return state;
  },
  async update({ config, plan, state }) {
    calls.push('update');
    const name: string = plan.name;
    return { ...config, policy: plan.policy, home: state.home, id: `${name}-1` };
  },
  async delete() {
    calls.push('delete');
  },
};

const providerSchema = defineSchema({
  attributes: { timeout: attr.number({ optional: true, validators: [validate.numberBetween(1, 600)] }) },
  blocks: { member: block('list', { attributes: { name: attr.string({ required: true }) } }) },
});
let configuredWith: unknown;
const provider: ProviderDefinition<typeof providerSchema, true> = {
  typeName: 'test',
  schema: providerSchema,
  validateConfig(config, { diags }) {
    // Would throw a TypeError on a null configuration.
    if (Array.isArray(config.member) && config.member.length > 1) diags.error('Too many', 'one member');
  },
  async configure(config) {
    configuredWith = config;
    return true;
  },
  resources: [thing],
  dataSources: [],
};

const signal = new AbortController().signal;

async function configured(): Promise<FrameworkProviderServer<true>> {
  const s = new FrameworkProviderServer(provider, silentLogger);
  const providerType = schemaType(providerSchema);
  await s.configureProvider(
    {
      terraform_version: '1.11.4',
      config: {
        msgpack: encodeMsgpack(
          ctyObject([
            ['timeout', null],
            ['member', []],
          ]),
          providerType,
        ),
      },
    },
    signal,
  );
  return s;
}

beforeEach(() => {
  calls.length = 0;
  delete seen.config;
  configuredWith = undefined;
});

describe('UseStateForUnknown', () => {
  const modify = (config: CtyValue) =>
    planModifier.useStateForUnknown().modify({
      path: [{ attribute: 'home' }],
      type: { kind: 'string' },
      config,
      plan: UNKNOWN,
      state: 'old',
      diags: new Diagnostics(),
    });

  it('keeps the prior value when the configuration leaves the attribute null', () => {
    expect(modify(null).plan).toBe('old');
  });

  it('leaves the plan unknown when the configuration value is unknown (the "unknown-config" case)', () => {
    expect(modify(UNKNOWN).plan).toBeUndefined();
  });

  it('does the same inside planChange: an unknown config value stays unknown, a null one takes the state', () => {
    const prior = value({ name: 'a', home: 'h1', id: 'a-1' });
    const changed = (home: CtyValue) =>
      planChange(schema, prior, value({ name: 'b', home }), value({ name: 'b', home }), new Diagnostics())
        .planned;
    expect(isUnknown(changed(UNKNOWN).home)).toBe(true);
    expect(changed(null).home).toBe('h1');
    expect(changed(null).id).toBe('a-1');
  });

  it('leaves the plan unknown on create, when there is no state', () => {
    const result = planModifier.useStateForUnknown().modify({
      path: [{ attribute: 'home' }],
      type: { kind: 'string' },
      config: null,
      plan: UNKNOWN,
      state: undefined,
      diags: new Diagnostics(),
    });
    expect(result.plan).toBeUndefined();
  });
});

describe('modifyPlan after the plan steps', () => {
  const plan = (s: FrameworkProviderServer<true>, name: string) =>
    s.planResourceChange(
      {
        type_name: 'test_thing',
        prior_state: wire(null),
        proposed_new_state: wire(value({ name })),
        config: wire(value({ name })),
        prior_private: Buffer.alloc(0),
        provider_meta: null,
      },
      signal,
    );

  it('runs when the schema plan steps succeed', async () => {
    const response = await plan(await configured(), 'calm');
    expect(response.diagnostics).toEqual([]);
    expect(calls).toEqual(['modifyPlan']);
  });

  it('does not run after a plan modifier reported an error; the error stands on its path', async () => {
    const response = await plan(await configured(), 'SHOUT');
    expect(calls).toEqual([]);
    expect(response.diagnostics).toEqual([
      expect.objectContaining({
        severity: 'ERROR',
        summary: 'Shouting',
        attribute: { steps: [{ attribute_name: 'name' }] },
      }),
    ]);
  });
});

describe('create and update receive known models', () => {
  const apply = async (prior: CtyValue, planned: CtyValue, config: CtyValue) =>
    (await configured()).applyResourceChange(
      {
        type_name: 'test_thing',
        prior_state: wire(prior),
        planned_state: wire(planned),
        config: wire(config),
        planned_private: Buffer.alloc(0),
        provider_meta: null,
      },
      signal,
    );

  it('hands create the configuration and a plan whose computed attributes may be unknown', async () => {
    const response = await apply(
      null,
      value({ name: 'a', policy: 'keep', home: UNKNOWN, id: UNKNOWN }),
      value({ name: 'a' }),
    );
    expect(response.diagnostics).toEqual([]);
    expect(calls).toEqual(['create']);
    expect(seen.config).toEqual({ name: 'a', note: null, id: UNKNOWN });
  });

  it.each([
    ['an unknown configuration value', value({ name: 'a' }), value({ name: 'a', note: UNKNOWN }), ['note']],
    [
      'an unknown inside a nested list',
      value({ name: 'a' }),
      value({ name: 'a', parts: [ctyObject([['label', UNKNOWN]])] }),
      ['parts', '', 'label'],
    ],
    ['an unknown block', value({ name: 'a' }), value({ name: 'a', extra: UNKNOWN }), ['extra']],
    ['a required attribute left null', value({ name: 'a' }), value({ name: null }), ['name']],
    [
      'an unknown non-computed attribute in the plan',
      value({ name: 'a', note: UNKNOWN }),
      value({ name: 'a' }),
      ['note'],
    ],
    ['a null configuration', value({ name: 'a' }), null, []],
  ])('refuses %s before the resource runs, on its path', async (_name, planned, config, path) => {
    const response = await apply(null, planned, config);
    expect(calls).toEqual([]);
    expect(response.diagnostics).toHaveLength(1);
    expect(response.diagnostics?.[0]).toMatchObject({
      severity: 'ERROR',
      summary: 'Invalid value from Terraform',
    });
    expect(response.diagnostics?.[0]?.detail).toMatch(/Terraform never sends that/);
    const steps = response.diagnostics?.[0]?.attribute?.steps ?? [];
    expect(steps.map((s) => ('attribute_name' in s && s.attribute_name) || '')).toEqual(path);
  });

  it('refuses a stored state holding an unknown, for update, read and plan alike', async () => {
    const prior = value({ name: 'a', home: UNKNOWN, id: 'a-1' });
    const updated = await apply(
      prior,
      value({ name: 'b', policy: 'keep', home: 'h', id: 'a-1' }),
      value({ name: 'b' }),
    );
    expect(updated.diagnostics?.[0]?.attribute?.steps).toEqual([
      expect.objectContaining({ attribute_name: 'home' }),
    ]);
    const s = await configured();
    const read = await s.readResource(
      { type_name: 'test_thing', current_state: wire(prior), private: Buffer.alloc(0), provider_meta: null },
      signal,
    );
    expect(read.diagnostics?.[0]?.summary).toBe('Invalid value from Terraform');
    const planned = await s.planResourceChange(
      {
        type_name: 'test_thing',
        prior_state: wire(prior),
        proposed_new_state: wire(value({ name: 'a' })),
        config: wire(value({ name: 'a' })),
        prior_private: Buffer.alloc(0),
        provider_meta: null,
      },
      signal,
    );
    expect(planned.diagnostics?.[0]?.summary).toBe('Invalid value from Terraform');
    expect(calls).toEqual([]);
  });

  it('refuses a null element of a nested list, in stored state and in a configuration being validated', async () => {
    const s = await configured();
    const prior = value({ name: 'a', home: 'h', id: 'a-1', parts: [null] });
    const read = await s.readResource(
      { type_name: 'test_thing', current_state: wire(prior), private: Buffer.alloc(0), provider_meta: null },
      signal,
    );
    expect(read.diagnostics?.[0]?.detail).toMatch(/null element/);
    const validated = await s.validateResourceConfig({
      type_name: 'test_thing',
      config: wire(value({ name: 'a', extra: [null] })),
    });
    expect(validated.diagnostics?.[0]).toMatchObject({ summary: 'Invalid value from Terraform' });
    expect(validated.diagnostics?.[0]?.detail).toMatch(/null block/);
    // Unknowns are fine while planning, however deep.
    const unknown = await s.validateResourceConfig({
      type_name: 'test_thing',
      config: wire(value({ name: UNKNOWN, parts: [UNKNOWN], extra: UNKNOWN })),
    });
    expect(unknown.diagnostics).toEqual([]);
    expect(calls).toEqual(['validate:[object Object]']);
  });

  it('does nothing for a delete of what is not in state', async () => {
    const response = await apply(null, null, null);
    expect(response.diagnostics).toEqual([]);
    expect(calls).toEqual([]);
  });
});

describe('provider configuration', () => {
  it('reads a null configuration as an absent provider block in ValidateProviderConfig', async () => {
    const s = new FrameworkProviderServer(provider, silentLogger);
    expect((await s.validateProviderConfig({ config: null })).diagnostics).toEqual([]);
    expect(
      (await s.validateProviderConfig({ config: { msgpack: Uint8Array.of(0xc0) } })).diagnostics,
    ).toEqual([]);
    // And in ValidateResourceConfig: the resource sees an object with every attribute null.
    await s.validateResourceConfig({ type_name: 'test_thing', config: null });
    expect(calls).toEqual(['validate:null']);
  });

  it('re-checks the schema validators in ConfigureProvider, and configures nothing when they fail', async () => {
    const s = new FrameworkProviderServer(provider, silentLogger);
    const providerType = schemaType(providerSchema);
    const response = await s.configureProvider(
      {
        terraform_version: '1.11.4',
        config: {
          msgpack: encodeMsgpack(
            ctyObject([
              ['timeout', CtyNumber.of(1e300)],
              ['member', []],
            ]),
            providerType,
          ),
        },
      },
      signal,
    );
    expect(response.diagnostics).toEqual([
      expect.objectContaining({
        summary: 'Invalid attribute value',
        attribute: { steps: [{ attribute_name: 'timeout' }] },
      }),
    ]);
    expect(configuredWith).toBeUndefined();
  });
});
