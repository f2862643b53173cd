// Configuration objects shaped by a schema: every attribute null and every block empty, with the
// given fields on top. Tests that hand-build wire values use this so that an attribute added to a
// schema later never turns their requests into "Invalid value from Terraform".

import type { AnyBlock, SchemaDefinition } from '../../src/provider/framework/schema';

type Shape = Pick<SchemaDefinition, 'attributes' | 'blocks'> | AnyBlock;

function emptyBlock(block: AnyBlock): unknown {
  switch (block.nesting) {
    case 'list':
    case 'set':
      return [];
    case 'map':
      return {};
    default:
      return null;
  }
}

export function objectOf(
  shape: Shape,
  fields: Readonly<Record<string, unknown>> = {},
): Record<string, unknown> {
  const object: Record<string, unknown> = {};
  for (const name of Object.keys(shape.attributes)) object[name] = null;
  for (const [name, block] of Object.entries(shape.blocks)) object[name] = emptyBlock(block);
  return { ...object, ...fields };
}
