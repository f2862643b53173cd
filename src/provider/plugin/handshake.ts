// The go-plugin handshake: how Terraform and OpenTofu start a provider and learn where to dial.
// Facts (go-plugin v1.4.3, as vendored by Terraform 1.8 and OpenTofu 1.6): the host sets a magic
// cookie and the protocol versions it speaks in the environment, then reads exactly one line
// from the plugin's stdout: `CORE|APP|NETWORK|ADDRESS|grpc|CERT`.

export const MAGIC_COOKIE_KEY = 'TF_PLUGIN_MAGIC_COOKIE';
export const MAGIC_COOKIE_VALUE = 'd602bf8f470bc67ca7faa0386276bbdd4330efaf76d1a219cb4d6991ca9872b2';
export const CORE_PROTOCOL_VERSION = 1;
export const APP_PROTOCOL_VERSION = 6;

export type LaunchCheck = { readonly ok: true } | { readonly ok: false; readonly message: string };

const LAUNCHED_BY_HAND = [
  'This binary is a plugin. These are not meant to be executed directly.',
  'It is the Terraform / OpenTofu provider pure-fleet/pure: declare it in a configuration',
  '(required_providers { pure = { source = "pure-fleet/pure" } }) and run terraform or tofu.',
  'To debug it, run it with --debug and follow the instructions it prints.',
].join('\n');

/** Refuses a launch that did not come from a plugin host: wrong or missing cookie, or no protocol 6. */
export function checkLaunch(env: NodeJS.ProcessEnv): LaunchCheck {
  if (env[MAGIC_COOKIE_KEY] !== MAGIC_COOKIE_VALUE) return { ok: false, message: LAUNCHED_BY_HAND };
  const offered = env.PLUGIN_PROTOCOL_VERSIONS;
  if (offered !== undefined && offered.trim() !== '') {
    const versions = offered.split(',').map((v) => Number(v.trim()));
    if (!versions.includes(APP_PROTOCOL_VERSION)) {
      return {
        ok: false,
        message:
          `This provider speaks plugin protocol ${APP_PROTOCOL_VERSION}; the host offered ${offered}. ` +
          'Use Terraform >= 1.8 or OpenTofu >= 1.6.',
      };
    }
  }
  return { ok: true };
}

export type ListenAddress =
  | { readonly network: 'tcp'; readonly host: string; readonly port: number }
  | { readonly network: 'unix'; readonly path: string };

export function formatAddress(address: ListenAddress): string {
  return address.network === 'tcp' ? `${address.host}:${address.port}` : address.path;
}

/**
 * The one line the host reads. The certificate is the server leaf's DER in base64 *without*
 * padding (Go's RawStdEncoding): with `=` padding the host fails to parse it.
 */
export function handshakeLine(address: ListenAddress, serverCertDer?: Uint8Array): string {
  const cert = serverCertDer ? Buffer.from(serverCertDer).toString('base64').replace(/=+$/, '') : '';
  return `${CORE_PROTOCOL_VERSION}|${APP_PROTOCOL_VERSION}|${address.network}|${formatAddress(address)}|grpc|${cert}\n`;
}

/**
 * The value of TF_REATTACH_PROVIDERS that makes a host use an already running provider; one
 * entry per provider address (Terraform and OpenTofu qualify the same source with different hosts).
 */
export function reattachConfig(
  providerAddresses: readonly string[],
  address: ListenAddress,
  pid: number,
): string {
  const entry = {
    Protocol: 'grpc',
    ProtocolVersion: APP_PROTOCOL_VERSION,
    Pid: pid,
    // Test:true tells the host not to kill the process when it is done with it.
    Test: true,
    Addr: { Network: address.network, String: formatAddress(address) },
  };
  return JSON.stringify(Object.fromEntries(providerAddresses.map((a) => [a, entry])));
}
