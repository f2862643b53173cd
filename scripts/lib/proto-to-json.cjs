// Turns one of the project's .proto files into a protobufjs JSON descriptor module. Used at
// bundle time (esbuild plugin) and by jest (transform), so the provider never parses proto
// text at start-up and both paths load exactly the same descriptors.
const protobuf = require('protobufjs');

function protoToDescriptor(source, filename) {
  const root = new protobuf.Root();
  protobuf.parse(source, root, { keepCase: true, alternateCommentMode: false });
  try {
    root.resolveAll();
  } catch (err) {
    throw new Error(`${filename}: ${err.message}`);
  }
  return root.toJSON();
}

function protoToModuleSource(source, filename) {
  return `module.exports = ${JSON.stringify(protoToDescriptor(source, filename))};\n`;
}

module.exports = { protoToDescriptor, protoToModuleSource };
