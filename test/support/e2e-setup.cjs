// jest globalSetup for the e2e project: bundle the provider, install it into a mirror of its
// own with a CLI configuration, find (or build) the terraform and tofu binaries, and list the CLI
// versions already built. The result is written to .cache/e2e/setup.json for the test files.
const { pathToFileURL } = require('node:url');
const { join } = require('node:path');
const { mkdirSync, writeFileSync } = require('node:fs');

const root = join(__dirname, '..', '..');

module.exports = async function e2eSetup() {
  const load = (file) => import(pathToFileURL(join(root, 'scripts', file)).href);
  if (process.env.PURE_SKIP_BUILD !== '1') await (await load('build.mjs')).buildProvider();
  const dir = join(root, '.cache', 'e2e');
  mkdirSync(dir, { recursive: true });
  const { installProvider } = await load('install-provider.mjs');
  const installed = installProvider({ mirror: join(dir, 'mirror'), cliConfig: join(dir, 'cli.tfrc') });
  const { cachedCliVersions, findTool } = await load('tools.mjs');
  const clis = { terraform: findTool('terraform'), tofu: findTool('tofu') };
  // Every CLI version already built, for tests that need a newer one (harness/cli-versions.ts).
  const available = cachedCliVersions();
  writeFileSync(join(dir, 'setup.json'), JSON.stringify({ ...installed, clis, available }, null, 2));
};
