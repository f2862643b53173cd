// The Terraform JSON rules the real provider's schema does not exercise yet (the e2e test
// compares the real one byte for byte): group and single blocks, item limits, deprecation,
// plain descriptions, empty maps left out, and Go's HTML-safe escaping.

import { providersSchemaJson } from '../../../../src/provider/framework/schema-json';
import type { GetProviderSchemaResponse, WireSchema } from '../../../../src/provider/protocol/messages';

const type = (t: unknown): Uint8Array => Buffer.from(JSON.stringify(t));

const thing: WireSchema = {
  version: 2,
  block: {
    version: 2,
    attributes: [
      {
        name: 'z',
        type: type(['object', { b: 'string', a: 'number' }]),
        optional: true,
        description_kind: 'PLAIN',
      },
      {
        name: 'a',
        type: type('string'),
        required: true,
        deprecated: true,
        description: 'a <b> & c\u2028',
        description_kind: 'MARKDOWN',
      },
    ],
    block_types: [
      {
        type_name: 'timeouts',
        nesting: 'SINGLE',
        min_items: 1,
        max_items: 1,
        block: { attributes: [], block_types: [], description_kind: 'PLAIN' },
      },
      {
        type_name: 'group',
        nesting: 'GROUP',
        min_items: 0,
        max_items: 0,
        block: { attributes: [], block_types: [], deprecated: true, description_kind: 'PLAIN' },
      },
    ],
    description: '',
    description_kind: 'PLAIN',
    deprecated: false,
  },
};

const response: GetProviderSchemaResponse = {
  provider: { version: 0, block: { attributes: [], block_types: [], description_kind: 'PLAIN' } },
  resource_schemas: { x_thing: thing },
  data_source_schemas: {},
  server_capabilities: { plan_destroy: true, get_provider_schema_optional: true, move_resource_state: false },
};

describe('providersSchemaJson', () => {
  const text = providersSchemaJson(response, 'registry.terraform.io/ns/x');

  it('prints one line in Go field order, with sorted map keys and empty values left out', () => {
    expect(text.endsWith('}\n')).toBe(true);
    expect(text.split('\n')).toHaveLength(2);
    expect(text).toBe(
      '{"format_version":"1.0","provider_schemas":{"registry.terraform.io/ns/x":{' +
        '"provider":{"version":0,"block":{"description_kind":"plain"}},' +
        '"resource_schemas":{"x_thing":{"version":2,"block":{"attributes":{' +
        '"a":{"type":"string","description":"a \\u003cb\\u003e \\u0026 c\\u2028","description_kind":"markdown","deprecated":true,"required":true},' +
        '"z":{"type":["object",{"a":"number","b":"string"}],"description_kind":"plain","optional":true}},' +
        '"block_types":{"group":{"nesting_mode":"group","block":{"description_kind":"plain","deprecated":true}},' +
        '"timeouts":{"nesting_mode":"single","block":{"description_kind":"plain"},"min_items":1,"max_items":1}},' +
        '"description_kind":"plain"}}}}}}\n',
    );
  });

  it('parses back to the same values', () => {
    const parsed = JSON.parse(text);
    expect(
      parsed.provider_schemas['registry.terraform.io/ns/x'].resource_schemas.x_thing.block.attributes.a
        .description,
    ).toBe('a <b> & c\u2028');
  });
});
