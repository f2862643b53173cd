#!/usr/bin/env node
// Installs the bundled provider into a local filesystem mirror, once per registry host
// (registry.terraform.io for Terraform, registry.opentofu.org for OpenTofu), and writes a CLI
// configuration that installs pure-fleet/pure from that mirror and everything else as usual.
// `terraform init` / `tofu init` then work with no registry reachable, and the lock file's h1
// hashes verify against the mirrored package.
//
//   node scripts/install-provider.mjs [--mirror DIR] [--cli-config FILE] [--binary FILE]
import { copyFileSync, chmodSync, existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { packageVersion, projectCache, projectRoot } from './lib/paths.mjs';

export const PROVIDER_NAMESPACE = 'pure-fleet';
export const PROVIDER_TYPE = 'pure';
export const REGISTRY_HOSTS = ['registry.terraform.io', 'registry.opentofu.org'];

export function platformDirectory() {
  const os =
    { linux: 'linux', darwin: 'darwin', win32: 'windows', freebsd: 'freebsd' }[process.platform] ??
    process.platform;
  const arch = { x64: 'amd64', arm64: 'arm64', ia32: '386', arm: 'arm' }[process.arch] ?? process.arch;
  return `${os}_${arch}`;
}

export function installProvider({
  mirror = join(projectCache, 'terraform', 'mirror'),
  cliConfig = join(projectCache, 'terraform', 'cli.tfrc'),
  binary = join(projectRoot, 'dist', 'terraform-provider-pure'),
  version = packageVersion(),
} = {}) {
  if (!existsSync(binary)) throw new Error(`${binary} does not exist; run npm run build first`);
  const addresses = REGISTRY_HOSTS.map((host) => `${host}/${PROVIDER_NAMESPACE}/${PROVIDER_TYPE}`);
  for (const address of addresses) {
    const dir = join(mirror, address, version, platformDirectory());
    // The package directory must hold exactly the executable: its h1 hash covers every file.
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    const target = join(dir, `terraform-provider-${PROVIDER_TYPE}_v${version}`);
    copyFileSync(binary, target);
    chmodSync(target, 0o755);
  }
  const quoted = addresses.map((a) => `"${a}"`).join(', ');
  writeFileSync(
    cliConfig,
    [
      '# Written by scripts/install-provider.mjs: pure-fleet/pure comes from the local mirror,',
      '# every other provider from its registry.',
      'provider_installation {',
      '  filesystem_mirror {',
      `    path    = ${JSON.stringify(resolve(mirror))}`,
      `    include = [${quoted}]`,
      '  }',
      '  direct {',
      `    exclude = [${quoted}]`,
      '  }',
      '}',
      '',
    ].join('\n'),
  );
  return { mirror: resolve(mirror), cliConfig: resolve(cliConfig), version };
}

function parseArgs(argv) {
  const options = {};
  for (let i = 0; i < argv.length; i += 2) {
    const key = { '--mirror': 'mirror', '--cli-config': 'cliConfig', '--binary': 'binary' }[argv[i]];
    if (!key || argv[i + 1] === undefined)
      throw new Error(`usage: install-provider.mjs [--mirror DIR] [--cli-config FILE] [--binary FILE]`);
    options[key] = resolve(argv[i + 1]);
  }
  return options;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const options = parseArgs(process.argv.slice(2));
  mkdirSync(join(projectCache, 'terraform'), { recursive: true });
  const { mirror, cliConfig, version } = installProvider(options);
  console.log(`installed pure-fleet/pure ${version} into ${mirror}`);
  console.log(`CLI configuration: ${cliConfig}`);
  console.log(`use it with:  export TF_CLI_CONFIG_FILE=${cliConfig}`);
}
