// The framework server's RPC semantics against an in-process fake resource (no gRPC): what
// Terraform gets back for destroy plans, failures, unknowns, imports and state upgrades.

import { decodeMsgpack, encodeMsgpack } from '../../../../src/provider/cty/msgpack';
import { CtyNumber } from '../../../../src/provider/cty/number';
import type { CtyObject, CtyValue } from '../../../../src/provider/cty/value';
import { UNKNOWN, ctyObject, isUnknown } from '../../../../src/provider/cty/value';
import { silentLogger } from '../../../../src/provider/log';
import type { ProviderDefinition, ResourceDefinition } from '../../../../src/provider/framework/resource';
import { FrameworkProviderServer } from '../../../../src/provider/framework/server';
import type { StateModel } from '../../../../src/provider/framework/schema';
import { attr, block, defineSchema, schemaType } from '../../../../src/provider/framework/schema';
import { planModifier } from '../../../../src/provider/framework/plan-modifiers';

const thingSchema = defineSchema({
  version: 1,
  attributes: {
    name: attr.string({ required: true }),
    size: attr.number({ optional: true }),
    id: attr.string({ computed: true, planModifiers: [planModifier.useStateForUnknown()] }),
    secret: attr.string({ optional: true, sensitive: true, description: 'a **secret**' }),
  },
  blocks: { opts: block('single', { attributes: { a: attr.string({ optional: true }) } }) },
});
const thingType = schemaType(thingSchema);

type Behaviour = 'ok' | 'fail' | 'throw' | 'unknown' | 'partial' | 'gone' | 'extra';
let behaviour: Behaviour = 'ok';
const calls: string[] = [];

const thing: ResourceDefinition<typeof thingSchema, { prefix: string }> = {
  typeName: 'test_thing',
  schema: thingSchema,
  async create({ plan }, ctx) {
    calls.push('create');
    if (behaviour === 'fail') {
      ctx.diags.error('nope', 'refused');
      return undefined;
    }
    if (behaviour === 'throw') throw new Error('kaboom');
    if (behaviour === 'partial') {
      ctx.diags.error('half done', 'created but not configured');
      return { ...(plan as StateModel<typeof thingSchema>), id: 'x1' };
    }
    if (behaviour === 'unknown') return { ...(plan as StateModel<typeof thingSchema>) };
    if (behaviour === 'extra')
      return { ...(plan as StateModel<typeof thingSchema>), id: 'x1', bogus: 1 } as never;
    return { ...(plan as StateModel<typeof thingSchema>), id: `${ctx.providerData.prefix}-1` };
  },
  async read({ state }) {
    calls.push('read');
    return behaviour === 'gone' ? null : state;
  },
  async update({ plan, state }, ctx) {
    calls.push('update');
    if (behaviour === 'fail') {
      ctx.diags.error('nope', 'refused');
      return undefined;
    }
    return { ...(plan as StateModel<typeof thingSchema>), id: state.id };
  },
  async delete(_req, ctx) {
    calls.push('delete');
    if (behaviour === 'fail') ctx.diags.error('nope', 'cannot delete');
  },
  async importState(id) {
    return { id, name: id };
  },
  upgradeState({ version, json }) {
    const old = json as { title: string; ident: string };
    if (version !== 0) return undefined;
    return { name: old.title, id: old.ident, size: null, secret: null, opts: null };
  },
};

const providerSchema = defineSchema({ attributes: { prefix: attr.string({ required: true }) } });
const testProvider: ProviderDefinition<typeof providerSchema, { prefix: string }> = {
  typeName: 'test',
  schema: providerSchema,
  async configure(config) {
    return { prefix: config.prefix as string };
  },
  resources: [thing],
  dataSources: [],
};

function server(): FrameworkProviderServer<{ prefix: string }> {
  return new FrameworkProviderServer(testProvider, silentLogger);
}

function thingValue(values: Partial<Record<string, CtyValue>>): CtyObject {
  return ctyObject(Object.entries({ name: null, size: null, id: null, secret: null, opts: null, ...values }));
}
const msgpack = (v: CtyValue) => ({ msgpack: encodeMsgpack(v, thingType) });
const decoded = (dv?: { msgpack?: Uint8Array }) =>
  dv?.msgpack ? decodeMsgpack(dv.msgpack, thingType) : undefined;
const signal = new AbortController().signal;

async function configured(): Promise<FrameworkProviderServer<{ prefix: string }>> {
  const s = server();
  const providerType = { kind: 'object', attributes: { prefix: { kind: 'string' } } } as const;
  const response = await s.configureProvider(
    {
      terraform_version: '1.8.5',
      config: { msgpack: encodeMsgpack(ctyObject([['prefix', 'p']]), providerType) },
    },
    signal,
  );
  expect(response.diagnostics).toEqual([]);
  return s;
}

beforeEach(() => {
  behaviour = 'ok';
  calls.length = 0;
});

describe('GetProviderSchema', () => {
  it('gives every schema a block, typed attributes, markdown descriptions and valid block limits', async () => {
    const response = await server().getProviderSchema();
    const schema = response.resource_schemas.test_thing;
    expect(schema?.version).toBe(1);
    const attributes = Object.fromEntries((schema?.block.attributes ?? []).map((a) => [a.name, a]));
    expect(JSON.parse(Buffer.from(attributes.size?.type as Uint8Array).toString())).toBe('number');
    expect(attributes.secret).toMatchObject({
      sensitive: true,
      optional: true,
      description_kind: 'MARKDOWN',
    });
    expect(attributes.id).toMatchObject({ computed: true, optional: false, required: false });
    expect(schema?.block.block_types[0]).toMatchObject({
      type_name: 'opts',
      nesting: 'SINGLE',
      min_items: 0,
      max_items: 0,
    });
    expect(response.provider.block).toBeTruthy();
    expect(response.server_capabilities.plan_destroy).toBe(true);
  });
});

describe('PlanResourceChange', () => {
  it('plans a null state for destroy (plan_destroy)', async () => {
    const s = await configured();
    const prior = thingValue({ name: 'a', id: 'p-1' });
    const response = await s.planResourceChange(
      {
        type_name: 'test_thing',
        prior_state: msgpack(prior),
        proposed_new_state: msgpack(null),
        config: msgpack(null),
        prior_private: Buffer.alloc(0),
        provider_meta: null,
      },
      signal,
    );
    expect(response.diagnostics).toEqual([]);
    expect(decoded(response.planned_state)).toBeNull();
  });

  it('plans computed values as unknown on create, even before the provider is configured', async () => {
    const config = thingValue({ name: 'a', size: CtyNumber.of('0.1') });
    const response = await server().planResourceChange(
      {
        type_name: 'test_thing',
        prior_state: msgpack(null),
        proposed_new_state: msgpack(config),
        config: msgpack(config),
        prior_private: Buffer.alloc(0),
        provider_meta: null,
      },
      signal,
    );
    const planned = decoded(response.planned_state) as CtyObject;
    expect(isUnknown(planned.id)).toBe(true);
    expect((planned.size as CtyNumber).toString()).toBe('0.1');
  });
});

describe('ApplyResourceChange', () => {
  const planned = thingValue({ name: 'a', id: UNKNOWN });
  const apply = (s: FrameworkProviderServer<{ prefix: string }>, prior: CtyValue, plan: CtyValue) =>
    s.applyResourceChange(
      {
        type_name: 'test_thing',
        prior_state: msgpack(prior),
        planned_state: msgpack(plan),
        config: msgpack(plan === null ? null : thingValue({ name: 'a' })),
        planned_private: Buffer.alloc(0),
        provider_meta: null,
      },
      signal,
    );

  it('creates with the provider data configure returned', async () => {
    const response = await apply(await configured(), null, planned);
    expect(response.diagnostics).toEqual([]);
    expect((decoded(response.new_state) as CtyObject).id).toBe('p-1');
  });

  it('refuses to operate before configuration, without calling the resource', async () => {
    const response = await apply(server(), null, planned);
    expect(response.diagnostics?.[0]?.summary).toBe('Provider not configured');
    expect(calls).toEqual([]);
  });

  it('keeps a partially created object in state with the error, so nothing is orphaned', async () => {
    behaviour = 'partial';
    const response = await apply(await configured(), null, planned);
    expect(response.diagnostics?.[0]).toMatchObject({ severity: 'ERROR', summary: 'half done' });
    expect((decoded(response.new_state) as CtyObject).id).toBe('x1');
  });

  it('returns a null state when a create failed before creating anything', async () => {
    behaviour = 'fail';
    const response = await apply(await configured(), null, planned);
    expect(response.diagnostics?.[0]?.summary).toBe('nope');
    expect(decoded(response.new_state)).toBeNull();
  });

  it('turns an exception into an error diagnostic instead of crashing', async () => {
    behaviour = 'throw';
    const response = await apply(await configured(), null, planned);
    expect(response.diagnostics?.[0]).toMatchObject({ severity: 'ERROR', detail: 'kaboom' });
  });

  it('reports a resource that leaves values unknown, or returns undeclared attributes, as a provider bug', async () => {
    behaviour = 'unknown';
    expect((await apply(await configured(), null, planned)).diagnostics?.[0]?.summary).toBe('Provider bug');
    behaviour = 'extra';
    const extra = await apply(await configured(), null, planned);
    expect(extra.diagnostics?.[0]?.detail).toMatch(/"bogus"/);
  });

  it('keeps the prior state when an update or a delete fails', async () => {
    const prior = thingValue({ name: 'a', id: 'p-1' });
    behaviour = 'fail';
    const updated = await apply(await configured(), prior, thingValue({ name: 'b', id: 'p-1' }));
    expect((decoded(updated.new_state) as CtyObject).name).toBe('a');
    const deleted = await apply(await configured(), prior, null);
    expect((decoded(deleted.new_state) as CtyObject).id).toBe('p-1');
    behaviour = 'ok';
    const done = await apply(await configured(), prior, null);
    expect(decoded(done.new_state)).toBeNull();
  });
});

describe('ReadResource, ImportResourceState, UpgradeResourceState', () => {
  it('returns null when the object is gone for good', async () => {
    behaviour = 'gone';
    const response = await (
      await configured()
    ).readResource(
      {
        type_name: 'test_thing',
        current_state: msgpack(thingValue({ name: 'a', id: 'p-1' })),
        private: Buffer.alloc(0),
        provider_meta: null,
      },
      signal,
    );
    expect(decoded(response.new_state)).toBeNull();
  });

  it('imports with the type name set and absent attributes null', async () => {
    const response = await (
      await configured()
    ).importResourceState({ type_name: 'test_thing', id: 'abc' }, signal);
    expect(response.imported_resources?.[0]?.type_name).toBe('test_thing');
    expect(decoded(response.imported_resources?.[0]?.state)).toEqual(thingValue({ name: 'abc', id: 'abc' }));
  });

  it('drops attributes removed from the schema at the same version, and upgrades older versions', async () => {
    const s = server();
    const same = await s.upgradeResourceState({
      type_name: 'test_thing',
      version: 1,
      raw_state: {
        json: Buffer.from('{"name":"a","id":"1","size":12345678901234567890,"gone":true}'),
        flatmap: {},
      },
    });
    expect(same.diagnostics).toEqual([]);
    const upgraded = decoded(same.upgraded_state) as CtyObject;
    expect((upgraded.size as CtyNumber).toString()).toBe('12345678901234567890');
    expect('gone' in upgraded).toBe(false);

    const old = await s.upgradeResourceState({
      type_name: 'test_thing',
      version: 0,
      raw_state: { json: Buffer.from('{"title":"t","ident":"9"}'), flatmap: {} },
    });
    expect(decoded(old.upgraded_state)).toEqual(thingValue({ name: 't', id: '9' }));

    const newer = await s.upgradeResourceState({
      type_name: 'test_thing',
      version: 7,
      raw_state: { json: Buffer.from('{}'), flatmap: {} },
    });
    expect(newer.diagnostics?.[0]?.summary).toBe('State written by a newer provider');
  });
});
