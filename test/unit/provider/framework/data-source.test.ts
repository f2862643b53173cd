// The framework's data source RPCs against an in-process fake (no gRPC): the schema Terraform
// gets, validation with unknowns (the validate walk), reads that echo the configuration, unknown
// configurations (core defers those; one that arrives anyway is refused, not crashed on), and
// an unconfigured provider.

import { decodeMsgpack, encodeMsgpack } from '../../../../src/provider/cty/msgpack';
import { CtyNumber } from '../../../../src/provider/cty/number';
import type { CtyObject, CtyValue } from '../../../../src/provider/cty/value';
import { UNKNOWN, ctyObject } from '../../../../src/provider/cty/value';
import { silentLogger } from '../../../../src/provider/log';
import type { DataSourceDefinition, ProviderDefinition } from '../../../../src/provider/framework/resource';
import { FrameworkProviderServer } from '../../../../src/provider/framework/server';
import { attr, defineSchema, schemaType } from '../../../../src/provider/framework/schema';
import { validate } from '../../../../src/provider/framework/validators';

const lookupSchema = defineSchema({
  description: 'Looks a thing up.',
  attributes: {
    name: attr.string({ required: true, validators: [validate.oneOf(['a', 'b'])] }),
    tags: attr.stringMap({ optional: true }),
    size: attr.number({ computed: true }),
    items: attr.nested('list', { key: attr.string({ computed: true }) }, { computed: true }),
  },
});
const lookupType = schemaType(lookupSchema);

let reads = 0;
const lookup: DataSourceDefinition<typeof lookupSchema, { base: number }> = {
  typeName: 'test_lookup',
  schema: lookupSchema,
  validateConfig(config, { diags }) {
    if (config.name === 'b' && config.tags === null)
      diags.error('b needs tags', 'set tags', [{ attribute: 'tags' }]);
  },
  async read({ config }, ctx) {
    reads += 1;
    if (config.name === 'b') {
      ctx.diags.error('not found', 'no b today');
      return undefined;
    }
    // Only the computed attributes: the framework takes the arguments from the configuration.
    return { size: CtyNumber.of(ctx.providerData.base + 1), items: [{ key: 'k1' }] } as never;
  },
};

const providerSchema = defineSchema({ attributes: { base: attr.number({ optional: true }) } });
const provider: ProviderDefinition<typeof providerSchema, { base: number }> = {
  typeName: 'test',
  schema: providerSchema,
  async configure(config) {
    return config.base instanceof CtyNumber ? { base: config.base.toNumber() } : undefined;
  },
  resources: [],
  dataSources: [lookup],
};

const signal = new AbortController().signal;
const value = (v: Partial<Record<string, CtyValue>>): CtyObject =>
  ctyObject(Object.entries({ name: null, tags: null, size: null, items: null, ...v }));
const dynamic = (v: CtyValue) => ({ msgpack: encodeMsgpack(v, lookupType) });
const providerConfig = (base: CtyValue) => ({
  msgpack: encodeMsgpack(ctyObject([['base', base]]), schemaType(providerSchema)),
});

async function configured(
  base: CtyValue = CtyNumber.of(41),
): Promise<FrameworkProviderServer<{ base: number }>> {
  const s = new FrameworkProviderServer(provider, silentLogger);
  await s.configureProvider({ terraform_version: '1.11.4', config: providerConfig(base) }, signal);
  return s;
}

beforeEach(() => {
  reads = 0;
});

test('the schema lists the data source with its nested computed attribute', async () => {
  const s = new FrameworkProviderServer(provider, silentLogger);
  const schema = await s.getProviderSchema();
  const block = schema.data_source_schemas?.test_lookup?.block;
  const names = block?.attributes?.map((a) => a.name);
  expect(names).toEqual(expect.arrayContaining(['name', 'tags', 'size', 'items']));
  const items = block?.attributes?.find((a) => a.name === 'items');
  expect(items?.computed).toBe(true);
  expect(items?.nested_type?.attributes?.map((a) => a.name)).toEqual(['key']);
  expect((await s.getMetadata()).data_sources).toEqual([{ type_name: 'test_lookup' }]);
});

test('validation runs the schema validators and the definition, and accepts unknowns', async () => {
  const s = new FrameworkProviderServer(provider, silentLogger);
  const bad = await s.validateDataResourceConfig({
    type_name: 'test_lookup',
    config: dynamic(value({ name: 'c' })),
  });
  expect(bad.diagnostics?.[0]?.attribute?.steps).toEqual([{ attribute_name: 'name' }]);
  const needsTags = await s.validateDataResourceConfig({
    type_name: 'test_lookup',
    config: dynamic(value({ name: 'b' })),
  });
  expect(needsTags.diagnostics?.map((d) => d.summary)).toEqual(['b needs tags']);
  const unknown = await s.validateDataResourceConfig({
    type_name: 'test_lookup',
    config: dynamic(value({ name: UNKNOWN, tags: UNKNOWN })),
  });
  expect(unknown.diagnostics).toEqual([]);
});

test('a read returns the computed values with the arguments from the configuration', async () => {
  const s = await configured();
  const tags = ctyObject([['env', 'prod']]);
  const res = await s.readDataSource(
    { type_name: 'test_lookup', config: dynamic(value({ name: 'a', tags })), provider_meta: null },
    signal,
  );
  expect(res.diagnostics).toEqual([]);
  const state = decodeMsgpack(res.state?.msgpack as Uint8Array, lookupType) as CtyObject;
  expect(state.name).toBe('a');
  expect(state.tags).toEqual(tags);
  expect((state.size as CtyNumber).toNumber()).toBe(42);
  expect(state.items).toEqual([ctyObject([['key', 'k1']])]);
});

test("a read's errors come back as diagnostics, with no state", async () => {
  const s = await configured();
  const res = await s.readDataSource(
    { type_name: 'test_lookup', config: dynamic(value({ name: 'b' })), provider_meta: null },
    signal,
  );
  expect(res.state).toBeUndefined();
  expect(res.diagnostics?.map((d) => [d.severity, d.summary])).toEqual([['ERROR', 'not found']]);
});

test('a configuration with unknowns is refused without calling the data source', async () => {
  const s = await configured();
  const res = await s.readDataSource(
    { type_name: 'test_lookup', config: dynamic(value({ name: UNKNOWN })), provider_meta: null },
    signal,
  );
  expect(reads).toBe(0);
  expect(res.state).toBeUndefined();
  expect(res.diagnostics?.[0]?.summary).toBe('Data source read too early');
});

test('an unconfigured provider (configuration known only after apply) is a diagnostic, not a crash', async () => {
  const s = await configured(UNKNOWN);
  const res = await s.readDataSource(
    { type_name: 'test_lookup', config: dynamic(value({ name: 'a' })), provider_meta: null },
    signal,
  );
  expect(reads).toBe(0);
  expect(res.diagnostics?.[0]?.summary).toBe('Provider not configured');
  expect(res.diagnostics?.[0]?.detail).toMatch(/data source cannot be read/);
});

test('an unknown data source type is a diagnostic', async () => {
  const s = await configured();
  const res = await s.readDataSource({ type_name: 'test_nope', config: null, provider_meta: null }, signal);
  expect(res.diagnostics?.[0]?.summary).toBe('Unknown data source');
});
