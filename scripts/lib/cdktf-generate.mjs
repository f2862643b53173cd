// Generates the CDKTF bindings from a `providers schema -json` document with
// @cdktf/provider-generator, exactly as `cdktf get` would, plus two additions so every attribute
// and block carries its schema description as a doc comment:
//  - the generator documents only configurable attributes (the Config interfaces); the getters,
//    through which a user reads computed values (serial, placement, ...), get a bare
//    `// name - computed` line. They get the description too, with the generator's own sanitiser.
//  - nested blocks (the provider's `array`, `placement`) are documented as "array block"; they
//    get the block's own description from the schema instead;
//  - an `@` that starts a word (`… @ops(ro)`) would begin a JSDoc tag and cut the description
//    short in the jsii assembly (and so in every language's docs); it is written `\@`.
// @cdktf/provider-generator 0.21.0 is the final release (CDKTF is archived), so the internals
// these hook cannot move under them; test/cdktf/bindings.test.ts fails if a description is lost.
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Doc comments on getters, once per process: patched into the generator's attribute emitter. */
function documentGetters(require, internals) {
  const emitter = require(`${internals}/emitter/attributes-emitter`);
  const { sanitizedComment } = require(`${internals}/sanitized-comments`);
  const proto = emitter.AttributesEmitter.prototype;
  if (proto.emit.documentsGetters) return;
  const emit = proto.emit;
  proto.emit = function emitDocumented(att, ...rest) {
    const code = this.code;
    const openBlock = code.openBlock;
    let documented = !att.description;
    // The getter is the first block opened for the attribute (`public get x()` or `public x(key)`).
    code.openBlock = function (text) {
      if (!documented && (text === `public get ${att.name}()` || text.startsWith(`public ${att.name}(`))) {
        documented = true;
        const comment = sanitizedComment(code);
        comment.line(att.description);
        comment.end();
      }
      return openBlock.call(this, text);
    };
    try {
      return emit.call(this, att, ...rest);
    } finally {
      delete code.openBlock;
    }
  };
  proto.emit.documentsGetters = true;
}

/** Block descriptions from the schema instead of "<name> block", once per process. */
function describeBlocks(require, internals) {
  const { ResourceParser } = require(`${internals}/resource-parser`);
  const proto = ResourceParser.prototype;
  if (proto.parse.describesBlocks) return;
  const parse = proto.parse;
  // Walks the parsed model and the schema block side by side; only blocks nest blocks.
  const describe = (attributes, block) => {
    for (const att of attributes) {
      const nested = block.block_types?.[att.terraformName]?.block;
      if (!nested) continue;
      if (nested.description && att.description === `${att.terraformName} block`) {
        att._description = nested.description;
      }
      describe(att.type.struct?.attributes ?? [], nested);
    }
  };
  proto.parse = function parseDescribed(fqpn, type, schema, ...rest) {
    const resource = parse.call(this, fqpn, type, schema, ...rest);
    describe(resource.attributes, schema.block);
    return resource;
  };
  proto.parse.describesBlocks = true;
}

/** Descriptions whose `@word` would start a JSDoc tag get `\@word`, once per process. */
function escapeTags(require, internals) {
  const { AttributeModel } = require(`${internals}/models/attribute-model`);
  const proto = AttributeModel.prototype;
  const described = Object.getOwnPropertyDescriptor(proto, 'description');
  if (described.get.escapesTags) return;
  const get = function escapedDescription() {
    return described.get.call(this)?.replace(/(^|\s)@(?=\w)/g, '$1\\@');
  };
  get.escapesTags = true;
  Object.defineProperty(proto, 'description', { ...described, get });
}

/** CDKTF's generator, or CDK Terrain's (the cdktn fork: same code, built into build/). */
export const GENERATORS = {
  cdktf: { generator: '@cdktf/provider-generator', commons: '@cdktf/commons', built: 'lib' },
  cdktn: { generator: '@cdktn/provider-generator', commons: '@cdktn/commons', built: 'build' },
};

/**
 * Writes the bindings for `schema` (parsed, with `provider_versions` as `cdktf get` adds them)
 * to `srcDir`, replacing what is there. `constraint` is the cdktf.json entry, e.g.
 * `pure-fleet/pure@~> 0.1`; `generatorRoot` is the package whose node_modules hold the generator;
 * `flavour` picks CDKTF or cdktn (see GENERATORS).
 */
export async function generateBindings({ schema, constraint, srcDir, generatorRoot, flavour = 'cdktf' }) {
  const names = GENERATORS[flavour];
  const require = createRequire(join(generatorRoot, 'package.json'));
  const { TerraformProviderGenerator, CodeMaker } = require(names.generator);
  const { ConstructsMakerProviderTarget, TerraformProviderConstraint, LANGUAGES } = require(names.commons);
  const internals = `${names.generator}/${names.built}/get/generator`;
  documentGetters(require, internals);
  describeBlocks(require, internals);
  escapeTags(require, internals);
  const generator = new TerraformProviderGenerator(new CodeMaker(), schema);
  const target = new TerraformProviderConstraint(constraint);
  generator.generate(new ConstructsMakerProviderTarget(target, LANGUAGES[0]));
  const scratch = mkdtempSync(join(tmpdir(), 'pure-cdktf-gen-'));
  try {
    await generator.save(scratch);
    rmSync(srcDir, { recursive: true, force: true });
    cpSync(join(scratch, 'providers', target.name), srcDir, { recursive: true });
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}
