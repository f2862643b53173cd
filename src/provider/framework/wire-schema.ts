// Framework schemas → tfplugin6 Schema messages. Every Schema carries a block, even an empty one:
// Terraform dereferences it unconditionally.

import { typeToJSON } from '../cty/types';
import type {
  BlockNesting as WireBlockNesting,
  ObjectNesting as WireObjectNesting,
  WireSchema,
  WireSchemaAttribute,
  WireSchemaBlock,
  WireSchemaNestedBlock,
} from '../protocol/messages';
import type { AnyAttribute, Attributes, BlockNesting, Blocks, SchemaDefinition } from './schema';
import { isComputed, isOptional } from './schema';

const OBJECT_NESTING: Record<Exclude<BlockNesting, 'group'>, WireObjectNesting> = {
  single: 'SINGLE',
  list: 'LIST',
  set: 'SET',
  map: 'MAP',
};

const BLOCK_NESTING: Record<BlockNesting, WireBlockNesting> = { ...OBJECT_NESTING, group: 'GROUP' };

function describe(
  markdown: string | undefined,
): Pick<WireSchemaAttribute, 'description' | 'description_kind'> {
  return markdown ? { description: markdown, description_kind: 'MARKDOWN' } : { description_kind: 'PLAIN' };
}

function wireAttribute(name: string, a: AnyAttribute): WireSchemaAttribute {
  const flags = {
    required: a.required === true,
    optional: !a.required && isOptional(a),
    computed: isComputed(a),
    sensitive: a.sensitive === true,
    deprecated: a.deprecationMessage !== undefined,
  };
  const base = { name, ...describe(a.description), ...flags };
  if (a.kind === 'attribute') return { ...base, type: Buffer.from(JSON.stringify(typeToJSON(a.type))) };
  return {
    ...base,
    nested_type: { attributes: wireAttributes(a.attributes), nesting: OBJECT_NESTING[a.nesting] },
  };
}

function wireAttributes(attributes: Attributes): WireSchemaAttribute[] {
  return Object.keys(attributes)
    .sort()
    .map((name) => wireAttribute(name, attributes[name] as AnyAttribute));
}

/** Terraform insists: SINGLE has min = max ∈ {0, 1}; GROUP has neither; LIST/SET/MAP are free. */
function itemLimits(b: Blocks[string]): Pick<WireSchemaNestedBlock, 'min_items' | 'max_items'> {
  if (b.nesting === 'single') {
    const n = b.minItems === 1 ? 1 : 0;
    return { min_items: n, max_items: n };
  }
  if (b.nesting === 'group') return { min_items: 0, max_items: 0 };
  return { min_items: b.minItems ?? 0, max_items: b.maxItems ?? 0 };
}

function wireBlock(
  attributes: Attributes,
  blocks: Blocks,
  description?: string,
  deprecated?: boolean,
): WireSchemaBlock {
  return {
    attributes: wireAttributes(attributes),
    block_types: Object.keys(blocks)
      .sort()
      .map((name): WireSchemaNestedBlock => {
        const b = blocks[name] as Blocks[string];
        return {
          type_name: name,
          nesting: BLOCK_NESTING[b.nesting],
          block: wireBlock(b.attributes, b.blocks, b.description, b.deprecationMessage !== undefined),
          ...itemLimits(b),
        };
      }),
    ...describe(description),
    deprecated: deprecated === true,
  };
}

export function wireSchema(schema: SchemaDefinition): WireSchema {
  return {
    version: schema.version,
    block: {
      version: schema.version,
      ...wireBlock(
        schema.attributes,
        schema.blocks,
        schema.description,
        schema.deprecationMessage !== undefined,
      ),
    },
  };
}
