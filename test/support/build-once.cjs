// jest globalSetup for the integration and e2e projects: bundle the provider (esbuild, ~1 s) so
// the tests always run the executable built from the current sources.
const { pathToFileURL } = require('node:url');
const { join } = require('node:path');

module.exports = async function buildOnce() {
  if (process.env.PURE_SKIP_BUILD === '1') return;
  const { buildProvider } = await import(
    pathToFileURL(join(__dirname, '..', '..', 'scripts', 'build.mjs')).href
  );
  await buildProvider();
};
