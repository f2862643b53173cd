// Launches the bundled provider the way go-plugin does (magic cookie, protocol versions, a client
// certificate in PLUGIN_CLIENT_CERT), reads the handshake line and dials it with grpc-js over
// mutual TLS, trusting exactly the certificate the line carries.

import type { CallOptions, Client, ServiceError } from '@grpc/grpc-js';
import { credentials, makeGenericClientConstructor } from '@grpc/grpc-js';
import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { MAGIC_COOKIE_KEY, MAGIC_COOKIE_VALUE } from '../../src/provider/plugin/handshake';
import type { ServerCertificate } from '../../src/provider/plugin/tls';
import { createServerCertificate } from '../../src/provider/plugin/tls';
import { pluginServiceDefinitions } from '../../src/provider/protocol/grpc-definitions';

export const PROVIDER_BINARY = join(__dirname, '..', '..', 'dist', 'terraform-provider-pure');

export interface Handshake {
  readonly raw: string;
  readonly core: string;
  readonly app: string;
  readonly network: string;
  readonly address: string;
  readonly protocol: string;
  readonly certBase64: string;
}

export function parseHandshake(line: string): Handshake {
  const [core = '', app = '', network = '', address = '', protocol = '', certBase64 = ''] = line
    .trim()
    .split('|');
  return { raw: line, core, app, network, address, protocol, certBase64 };
}

export interface LaunchedProvider {
  readonly child: ChildProcessWithoutNullStreams;
  readonly handshake: Handshake;
  readonly clientCertificate: ServerCertificate;
  /** Everything the process wrote to stdout (the handshake line first). */
  stdout(): string;
  stderr(): string;
  exited: Promise<number | null>;
  kill(): void;
}

export async function launchProvider(
  options: { env?: NodeJS.ProcessEnv; clientCertificate?: ServerCertificate; binary?: string } = {},
): Promise<LaunchedProvider> {
  const clientCertificate = options.clientCertificate ?? (await createServerCertificate());
  const child = spawn(options.binary ?? PROVIDER_BINARY, [], {
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      [MAGIC_COOKIE_KEY]: MAGIC_COOKIE_VALUE,
      PLUGIN_PROTOCOL_VERSIONS: '5,6',
      PLUGIN_CLIENT_CERT: clientCertificate.certPem,
      ...options.env,
    },
  });
  let out = '';
  let err = '';
  child.stderr.on('data', (d: Buffer) => (err += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const line = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no handshake within 10 s; stderr: ${err}`)), 10_000);
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      const newline = out.indexOf('\n');
      if (newline >= 0) {
        clearTimeout(timer);
        resolve(out.slice(0, newline + 1));
      }
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`provider exited with ${code} before the handshake; stderr: ${err}`));
    });
  });
  return {
    child,
    handshake: parseHandshake(line),
    clientCertificate,
    stdout: () => out,
    stderr: () => err,
    exited,
    kill: () => child.kill('SIGKILL'),
  };
}

export function certPemFromHandshake(handshake: Handshake): string {
  const der = Buffer.from(handshake.certBase64, 'base64');
  const body = der
    .toString('base64')
    .replace(/(.{64})/g, '$1\n')
    .trimEnd();
  return `-----BEGIN CERTIFICATE-----\n${body}\n-----END CERTIFICATE-----\n`;
}

export type GenericClient = Client &
  Record<
    string,
    (
      request: object,
      options: CallOptions,
      callback: (err: ServiceError | null, response: object) => void,
    ) => void
  >;

/** A gRPC client for one of the plugin's services, dialled like go-plugin does it. */
export function dial(
  provider: LaunchedProvider,
  service: 'provider' | 'controller' | 'health' | 'stdio',
  /** null: present no client certificate at all. */
  clientCertificate: ServerCertificate | null = provider.clientCertificate,
): GenericClient {
  const definition = pluginServiceDefinitions()[service];
  const Constructor = makeGenericClientConstructor(definition, service);
  const target =
    provider.handshake.network === 'unix' ? `unix:${provider.handshake.address}` : provider.handshake.address;
  const creds = credentials.createSsl(
    Buffer.from(certPemFromHandshake(provider.handshake)),
    clientCertificate ? Buffer.from(clientCertificate.keyPem) : null,
    clientCertificate ? Buffer.from(clientCertificate.certPem) : null,
  );
  return new Constructor(target, creds, {
    'grpc.ssl_target_name_override': 'localhost',
  }) as unknown as GenericClient;
}

export function call<T>(
  client: GenericClient,
  method: string,
  request: object = {},
  deadlineMs = 10_000,
): Promise<T> {
  return new Promise((resolve, reject) => {
    const fn = client[method];
    if (!fn) return reject(new Error(`no method ${method}`));
    // A deadline, so a server that never answers fails the test instead of hanging it.
    fn.call(client, request, { deadline: Date.now() + deadlineMs }, (err, response) =>
      err ? reject(err) : resolve(response as T),
    );
  });
}

/** Sends raw bytes as the request message of `path` (e.g. `/tfplugin6.Provider/ReadResource`). */
export function callRaw(
  client: GenericClient,
  path: string,
  bytes: Uint8Array,
  deadlineMs = 10_000,
): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    client.makeUnaryRequest(
      path,
      (b: Buffer) => b,
      (b: Buffer) => b,
      Buffer.from(bytes),
      { deadline: Date.now() + deadlineMs },
      (err, response) => (err ? reject(err) : resolve(response as Buffer)),
    );
  });
}
