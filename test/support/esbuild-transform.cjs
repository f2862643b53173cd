// jest transform for TypeScript: esbuild strips the types and emits CommonJS with an inline
// source map (so stack traces point at the .ts lines). Type checking is `tsc --noEmit`'s job,
// in `npm test`'s static step. esbuild rather than swc or babel: esbuild ships prebuilt binaries
// for every platform through the npm registry, which keeps `npm ci` working everywhere.
const { createHash } = require('node:crypto');
const { readFileSync } = require('node:fs');
const { transformSync, version } = require('esbuild');

module.exports = {
  process(source, filename) {
    const result = transformSync(source, {
      loader: 'ts',
      format: 'cjs',
      target: 'node20',
      sourcemap: 'inline',
      sourcefile: filename,
      // Keep class and function names: tests and errors print them.
      keepNames: true,
    });
    return { code: result.code };
  },
  getCacheKey(source, filename) {
    return createHash('sha256')
      .update(readFileSync(__filename))
      .update(version)
      .update(filename)
      .update(source)
      .digest('hex');
  },
};
