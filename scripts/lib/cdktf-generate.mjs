// Generates the CDKTF bindings from a `providers schema -json` document with
// @cdktf/provider-generator, exactly as `cdktf get` would, plus one addition: the generator gives
// only the configurable attributes (the Config interfaces) their descriptions as doc comments,
// and the getters of computed attributes (serial, placement, ...) a bare `// name - computed`
// line. The getter is what a user reads a computed value through, so its doc comment is emitted
// too, from the same model and with the generator's own comment sanitiser. @cdktf/provider-generator
// 0.21.0 is the final release (CDKTF is archived), so the internals this hooks cannot move under it.
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Doc comments on getters, once per process: patched into the generator's attribute emitter. */
function documentGetters(require) {
  const emitter = require('@cdktf/provider-generator/lib/get/generator/emitter/attributes-emitter');
  const { sanitizedComment } = require('@cdktf/provider-generator/lib/get/generator/sanitized-comments');
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

/**
 * Writes the bindings for `schema` (parsed, with `provider_versions` as `cdktf get` adds them)
 * to `srcDir`, replacing what is there. `constraint` is the cdktf.json entry, e.g.
 * `pure-fleet/pure@~> 0.1`; `generatorRoot` is the package whose node_modules hold the generator.
 */
export async function generateBindings({ schema, constraint, srcDir, generatorRoot }) {
  const require = createRequire(join(generatorRoot, 'package.json'));
  const { TerraformProviderGenerator, CodeMaker } = require('@cdktf/provider-generator');
  const { ConstructsMakerProviderTarget, TerraformProviderConstraint, LANGUAGES } = require('@cdktf/commons');
  documentGetters(require);
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
