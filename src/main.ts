// Entry point of the bundled provider executable (dist/terraform-provider-pure). It composes the
// layers: src/provider serves the protocol, src/resources defines pure_fleet and pure_volume on
// top of src/fleet. Launch checks come first so a hand launch fails fast, before heavy modules.

import { checkLaunch } from './provider/plugin/handshake';

const PROVIDER_ADDRESSES = ['registry.terraform.io/pure-fleet/pure', 'registry.opentofu.org/pure-fleet/pure'];

/**
 * `terraform-provider-pure schema-json [--opentofu]`: the schema exactly as `terraform providers
 * schema -json` (or tofu's) prints it, with no Terraform and no fleet; bindings and docs are
 * generated from it. Any other hand launch still fails below, printing nothing on stdout.
 */
async function printSchemaJson(argv: readonly string[]): Promise<void> {
  const [{ FrameworkProviderServer }, { silentLogger }, { pureProvider }, { providersSchemaJson }] =
    await Promise.all([
      import('./provider/framework/server'),
      import('./provider/log'),
      import('./resources/provider'),
      import('./provider/framework/schema-json'),
    ]);
  const address = PROVIDER_ADDRESSES[argv.includes('--opentofu') ? 1 : 0] as string;
  const response = await new FrameworkProviderServer(pureProvider(), silentLogger).getProviderSchema();
  process.stdout.write(providersSchemaJson(response, address));
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  if (argv[0] === 'schema-json') return printSchemaJson(argv.slice(1));
  if (!argv.includes('--debug')) {
    const launch = checkLaunch(process.env);
    if (!launch.ok) {
      process.stderr.write(`${launch.message}\n`);
      process.exit(1);
    }
  }
  // Start the certificate while the gRPC and provider modules load.
  const { createServerCertificate } = await import('./provider/plugin/tls');
  const certificate = process.env.PLUGIN_CLIENT_CERT ? createServerCertificate() : undefined;

  const [{ servePlugin }, { createLogger }, { FrameworkProviderServer }, { pureProvider }] =
    await Promise.all([
      import('./provider/plugin/serve'),
      import('./provider/log'),
      import('./provider/framework/server'),
      import('./resources/provider'),
    ]);
  const logger = createLogger({ module: 'provider.terraform-provider-pure' });
  await servePlugin({
    service: new FrameworkProviderServer(pureProvider(), logger),
    providerAddresses: PROVIDER_ADDRESSES,
    logger,
    argv,
    ...(certificate ? { serverCertificate: () => certificate } : {}),
  });
}

main().catch((err: unknown) => {
  // A start-up error (an unusable environment) is the user's to fix: its message says how, and a
  // stack trace would only bury it. Anything else is a bug: the stack helps whoever reports it.
  const startup = err instanceof Error && (err as { startup?: unknown }).startup === true;
  const text = err instanceof Error ? (startup ? err.message : (err.stack ?? err.message)) : String(err);
  process.stderr.write(`terraform-provider-pure: ${text}\n`);
  process.exit(1);
});
