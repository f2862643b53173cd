// jest transform for *.proto imports (see scripts/lib/proto-to-json.cjs).
const { protoToModuleSource } = require('../../scripts/lib/proto-to-json.cjs');

module.exports = {
  process(source, filename) {
    return { code: protoToModuleSource(source, filename) };
  },
};
