// Turns one of the project's .proto files into a JavaScript module with no run-time reflection:
// protobufjs-cli's static code (encode/decode/fromObject/toObject per message, on
// protobufjs/minimal) plus a table of each service's methods. Used at bundle time (esbuild
// plugin) and by jest (transform), so tests and the executable load the same generated code.
// Nothing generated is committed; the .proto files are the source.
const { execFileSync } = require('node:child_process');
const { join } = require('node:path');
const protobuf = require('protobufjs');

const PBJS = join(__dirname, '..', '..', 'node_modules', 'protobufjs-cli', 'bin', 'pbjs');

function serviceTable(source, filename) {
  const root = new protobuf.Root();
  protobuf.parse(source, root, { keepCase: true });
  try {
    root.resolveAll();
  } catch (err) {
    throw new Error(`${filename}: ${err.message}`);
  }
  const services = {};
  const visit = (namespace) => {
    for (const nested of namespace.nestedArray) {
      if (nested instanceof protobuf.Service) {
        services[nested.fullName.slice(1)] = nested.methodsArray.map((m) => ({
          name: m.name,
          requestType: m.resolvedRequestType.fullName.slice(1),
          responseType: m.resolvedResponseType.fullName.slice(1),
          requestStream: m.requestStream === true,
          responseStream: m.responseStream === true,
        }));
      } else if (nested instanceof protobuf.Namespace) {
        visit(nested);
      }
    }
  };
  visit(root);
  return services;
}

function protoToModuleSource(source, filename) {
  const rootName = `pure_${filename.replace(/^.*[\\/]/, '').replace(/\W/g, '_')}`;
  const staticCode = execFileSync(
    process.execPath,
    [
      PBJS,
      '-t',
      'static-module',
      '-w',
      'commonjs',
      '--keep-case',
      '--root',
      rootName,
      '--no-verify',
      '--no-delimited',
      '--no-comments',
      '--no-service',
      '--no-beautify',
      filename,
    ],
    { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 },
  );
  return `${staticCode}\nmodule.exports = { root: module.exports, services: ${JSON.stringify(serviceTable(source, filename))} };\n`;
}

module.exports = { protoToModuleSource, serviceTable };
