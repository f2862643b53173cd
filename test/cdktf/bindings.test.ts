// The CDKTF bindings against the provider's schema, attribute by attribute: every attribute and
// block of the provider, of every resource and of every data source is readable on the construct
// (or its nested output reference), every configurable one is settable on the config struct, and
// each carries its schema description as its doc comment. Read from the jsii assembly (.jsii),
// which is what the TypeScript declarations and every other jsii language are generated from.

import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

jest.setTimeout(60_000);

const ROOT = join(__dirname, '..', '..');
const PACKAGE = join(ROOT, 'cdktf', 'provider-pure');

interface SchemaAttribute {
  readonly description?: string;
  readonly required?: boolean;
  readonly optional?: boolean;
  readonly computed?: boolean;
  readonly nested_type?: { readonly attributes: Record<string, SchemaAttribute> };
}
interface SchemaBlock {
  readonly attributes?: Record<string, SchemaAttribute>;
  readonly block_types?: Record<string, { readonly block: SchemaBlock }>;
  readonly description?: string;
}
interface ProviderSchema {
  readonly provider: { readonly block: SchemaBlock };
  readonly resource_schemas?: Record<string, { readonly block: SchemaBlock }>;
  readonly data_source_schemas?: Record<string, { readonly block: SchemaBlock }>;
}

type TypeRef =
  | { readonly fqn: string }
  | { readonly primitive: string }
  | { readonly collection: { readonly kind: string; readonly elementtype: TypeRef } }
  | { readonly union: { readonly types: readonly TypeRef[] } };
interface JsiiProperty {
  readonly name: string;
  readonly type: TypeRef;
  readonly static?: boolean;
  readonly docs?: { readonly summary?: string; readonly remarks?: string };
}
interface JsiiType {
  readonly fqn: string;
  readonly kind: 'class' | 'interface' | 'enum';
  readonly base?: string;
  readonly namespace?: string;
  readonly properties?: readonly JsiiProperty[];
  readonly methods?: readonly { readonly name: string; readonly returns?: { readonly type: TypeRef } }[];
  readonly initializer?: {
    readonly parameters?: readonly { readonly name: string; readonly type: TypeRef }[];
  };
}

/** The schema as the provider prints it now (not a copy): stale bindings fail here too. */
function liveSchema(): ProviderSchema {
  const result = spawnSync(join(ROOT, 'dist', 'terraform-provider-pure'), ['schema-json'], {
    encoding: 'utf8',
  });
  if (result.status !== 0) throw new Error(`schema-json failed: ${result.stderr}`);
  const parsed = JSON.parse(result.stdout) as { provider_schemas: Record<string, ProviderSchema> };
  return parsed.provider_schemas['registry.terraform.io/pure-fleet/pure'] as ProviderSchema;
}

const assembly = JSON.parse(readFileSync(join(PACKAGE, '.jsii'), 'utf8')) as {
  readonly name: string;
  readonly types: Record<string, JsiiType>;
};
const schema = liveSchema();

function jsiiType(fqn: string): JsiiType {
  const t = assembly.types[fqn];
  if (!t) throw new Error(`${fqn} is not in the assembly`);
  return t;
}

const camel = (name: string): string => name.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());
// `\@` is how the generator writes an `@` that would otherwise start a JSDoc tag.
const normal = (text: string): string =>
  text.replace(/\\@/g, '@').replace(/\s+/g, ' ').trim().replace(/\.$/, '');

/** The first type of this assembly a reference names (through unions and collections). */
function ownType(ref: TypeRef): JsiiType | undefined {
  if ('fqn' in ref) return ref.fqn.startsWith(`${assembly.name}.`) ? jsiiType(ref.fqn) : undefined;
  if ('collection' in ref) return ownType(ref.collection.elementtype);
  if ('union' in ref) return ref.union.types.map(ownType).find((t) => t !== undefined);
  return undefined;
}

/** A list wrapper's items are read through `get(index)`: the output reference behind it. */
function itemReader(t: JsiiType | undefined): JsiiType | undefined {
  const get = t?.methods?.find((m) => m.name === 'get');
  return get?.returns ? (ownType(get.returns.type) ?? t) : t;
}

interface Finding {
  readonly path: string;
  readonly problem: string;
}

/** Every attribute and block path under a schema block, for counting what the check visited. */
function schemaPaths(block: SchemaBlock, path: string): string[] {
  return [
    ...Object.entries(block.attributes ?? {}).flatMap(([name, a]) => [
      `${path}.${name}`,
      ...(a.nested_type ? schemaPaths({ attributes: a.nested_type.attributes }, `${path}.${name}`) : []),
    ]),
    ...Object.entries(block.block_types ?? {}).flatMap(([name, b]) => [
      `${path}.${name}`,
      ...schemaPaths(b.block, `${path}.${name}`),
    ]),
  ];
}

function property(type: JsiiType, name: string): JsiiProperty | undefined {
  return type.properties?.find((p) => p.name === name && !p.static);
}

function checkDocs(p: JsiiProperty, description: string | undefined, where: string, out: Finding[]): void {
  if (!description) return;
  const docs = normal(`${p.docs?.summary ?? ''} ${p.docs?.remarks ?? ''}`);
  if (!docs.includes(normal(description))) {
    out.push({ path: where, problem: `doc comment "${docs}" lacks the description "${description}"` });
  }
}

/**
 * Checks one schema block against the class that reads it (`reader`) and the struct that sets it
 * (`config`, absent where nothing is configurable), recursing into nested attributes and blocks.
 */
function checkBlock(
  block: SchemaBlock,
  reader: JsiiType | undefined,
  config: JsiiType | undefined,
  path: string,
  out: Finding[],
  visited: string[] = [],
): void {
  const members: [string, string | undefined, boolean, SchemaBlock | undefined][] = [
    ...Object.entries(block.attributes ?? {}).map(
      ([name, a]): [string, string | undefined, boolean, SchemaBlock | undefined] => [
        name,
        a.description,
        a.required === true || a.optional === true,
        a.nested_type ? { attributes: a.nested_type.attributes } : undefined,
      ],
    ),
    ...Object.entries(block.block_types ?? {}).map(
      ([name, b]): [string, string | undefined, boolean, SchemaBlock | undefined] => [
        name,
        b.block.description,
        true,
        b.block,
      ],
    ),
  ];
  for (const [name, description, configurable, nested] of members) {
    const where = `${path}.${name}`;
    visited.push(where);
    const getter = reader ? property(reader, camel(name)) : undefined;
    if (reader && !getter) out.push({ path: where, problem: `${reader.fqn} has no property ${camel(name)}` });
    if (getter) checkDocs(getter, description, `${where} (read)`, out);
    const setter = configurable && config ? property(config, camel(name)) : undefined;
    if (configurable && config && !setter)
      out.push({ path: where, problem: `${config.fqn} has no property ${camel(name)}` });
    if (setter) checkDocs(setter, description, `${where} (config)`, out);
    if (nested) {
      const nestedReader = getter ? itemReader(ownType(getter.type)) : undefined;
      const nestedConfig = setter ? ownType(setter.type) : undefined;
      checkBlock(nested, nestedReader, nestedConfig, where, out, visited);
    }
  }
}

/** The construct class for a Terraform type, found by the jsii base class and its namespace. */
function construct(base: string, namespace: string): { reader: JsiiType; config: JsiiType } {
  const found = Object.values(assembly.types).filter(
    (t) => t.kind === 'class' && t.base === base && t.namespace === namespace,
  );
  expect(found).toHaveLength(1);
  const reader = found[0] as JsiiType;
  const configParam = reader.initializer?.parameters?.find((p) => p.name === 'config');
  const config = configParam ? ownType(configParam.type) : undefined;
  if (!config) throw new Error(`${reader.fqn} takes no config struct`);
  return { reader, config };
}

/** What the generated `index.ts` names each Terraform type's namespace (`pure_volume` → `volume`). */
function namespaceOf(typeName: string, kind: 'resource' | 'data'): string {
  const base = camel(typeName.replace(/^pure_/, ''));
  return kind === 'data' ? `dataPure${base[0]?.toUpperCase()}${base.slice(1)}` : base;
}

const targets: [string, string, string, SchemaBlock][] = [
  ['provider', 'cdktf.TerraformProvider', 'provider', schema.provider.block],
  ...Object.entries(schema.resource_schemas ?? {}).map(([name, s]): [string, string, string, SchemaBlock] => [
    name,
    'cdktf.TerraformResource',
    namespaceOf(name, 'resource'),
    s.block,
  ]),
  ...Object.entries(schema.data_source_schemas ?? {}).map(
    ([name, s]): [string, string, string, SchemaBlock] => [
      `data.${name}`,
      'cdktf.TerraformDataSource',
      namespaceOf(name, 'data'),
      s.block,
    ],
  ),
];

describe('the CDKTF bindings cover the provider schema', () => {
  it('has a construct for the provider, every resource and every data source', () => {
    expect(targets.length).toBeGreaterThanOrEqual(3);
    const constructs = Object.values(assembly.types).filter((t) =>
      ['cdktf.TerraformProvider', 'cdktf.TerraformResource', 'cdktf.TerraformDataSource'].includes(
        t.base ?? '',
      ),
    );
    expect(constructs).toHaveLength(targets.length);
  });

  it.each(targets)(
    '%s: every attribute and block readable, settable where configurable, documented',
    (name, base, ns, block) => {
      const { reader, config } = construct(base, ns);
      const findings: Finding[] = [];
      const visited: string[] = [];
      checkBlock(block, reader, config, name, findings, visited);
      expect(findings).toEqual([]);
      expect(visited.sort()).toEqual(schemaPaths(block, name).sort());
    },
  );

  it('notices a missing description or attribute (the check itself can fail)', () => {
    const { reader, config } = construct('cdktf.TerraformResource', 'volume');
    const findings: Finding[] = [];
    checkBlock(
      {
        attributes: {
          size: { description: 'Not what the binding says.', required: true },
          shoe_size: { optional: true },
        },
      },
      reader,
      config,
      'pure_volume',
      findings,
    );
    expect(findings.map((f) => f.path).sort()).toEqual([
      'pure_volume.shoe_size',
      'pure_volume.shoe_size',
      'pure_volume.size (config)',
      'pure_volume.size (read)',
    ]);
  });
});
