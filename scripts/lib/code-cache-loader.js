// Start-up loader of the provider executable (see scripts/build.mjs). The bundle travels as a
// string literal: V8 scans a string far faster than it pre-parses 1 MB of code. It is compiled
// with a V8 code cache kept outside the package directory (whose files Terraform hashes), under
// $XDG_CACHE_HOME/terraform-provider-pure/v8/, so later launches skip compiling what earlier
// ones ran. A rejected or missing cache only costs the compile; PURE_PROVIDER_CODE_CACHE=off
// disables it.
'use strict';
// The launcher lines kept NODE_EXTRA_CA_CERTS from Node's boot (see scripts/build.mjs); give it
// back to the provider, which applies it to the array clients.
if (process.env.PURE_PROVIDER_NODE_EXTRA_CA_CERTS !== undefined) {
  process.env.NODE_EXTRA_CA_CERTS = process.env.PURE_PROVIDER_NODE_EXTRA_CA_CERTS;
  delete process.env.PURE_PROVIDER_NODE_EXTRA_CA_CERTS;
}
const fs = require('node:fs');
const path = require('node:path');
const os = require('node:os');
const vm = require('node:vm');
const Module = require('node:module');

// Both placeholders are replaced by scripts/build.mjs.
// eslint-disable-next-line no-undef
const BUNDLE_ID = __BUNDLE_ID__;
// eslint-disable-next-line no-undef
const BUNDLE = __BUNDLE_SOURCE__;

// One cache per installation (per executable path): V8 keeps the script name it compiled under in
// the cache, so a cache shared between two copies of the same bundle would make one copy's stack
// traces name the other copy's file.
function cacheFile() {
  if (process.env.PURE_PROVIDER_CODE_CACHE === 'off') return undefined;
  const base = process.env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache');
  const where = require('node:crypto').createHash('sha256').update(__filename).digest('hex').slice(0, 16);
  return path.join(
    base,
    'terraform-provider-pure',
    'v8',
    `${BUNDLE_ID}-${where}-${process.version}-${process.arch}.bin`,
  );
}

const file = cacheFile();
let cachedData;
if (file) {
  try {
    cachedData = fs.readFileSync(file);
  } catch {
    cachedData = undefined;
  }
}
const script = new vm.Script(Module.wrap(BUNDLE), { filename: __filename, cachedData });
if (file && (cachedData === undefined || script.cachedDataRejected)) {
  // Written at exit, so it holds every function this process compiled, not just the top level.
  process.once('exit', () => {
    try {
      fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
      const temporary = `${file}.${process.pid}.tmp`;
      fs.writeFileSync(temporary, script.createCachedData(), { mode: 0o600 });
      fs.renameSync(temporary, file);
    } catch {
      // A read-only home only means no cache.
    }
  });
}
const bundleModule = { exports: {} };
script.runInThisContext()(bundleModule.exports, require, bundleModule, __filename, __dirname);
