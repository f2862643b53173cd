// jest transform for *.proto imports (see scripts/lib/proto-codegen.cjs). The cache key covers
// the generator's own source, so changing how protocol code is generated invalidates old output.
const { createHash } = require('node:crypto');
const { readFileSync } = require('node:fs');
const { join } = require('node:path');
const { protoToModuleSource } = require('../../scripts/lib/proto-codegen.cjs');

const GENERATOR = join(__dirname, '..', '..', 'scripts', 'lib', 'proto-codegen.cjs');

module.exports = {
  process(_source, filename) {
    return { code: protoToModuleSource(readFileSync(filename, 'utf8'), filename) };
  },
  getCacheKey(source, filename) {
    return createHash('sha256')
      .update(readFileSync(GENERATOR))
      .update(readFileSync(__filename))
      .update(filename)
      .update(source)
      .digest('hex');
  },
};
