// Serves a ProviderService the way go-plugin expects a plugin to: gRPC over TLS (AutoMTLS) on a
// unix socket or 127.0.0.1, the handshake line on stdout, plugin.GRPCController/Shutdown,
// plugin.GRPCStdio, grpc.health.v1, SIGINT ignored (the host forwards Ctrl-C as StopProvider),
// and a debug mode that prints TF_REATTACH_PROVIDERS for a host to attach to.

import type {
  ServerUnaryCall,
  ServerWritableStream,
  sendUnaryData,
  UntypedServiceImplementation,
} from '@grpc/grpc-js';
import { Server, ServerCredentials, status } from '@grpc/grpc-js';
import { randomBytes } from 'node:crypto';
import { setMaxListeners } from 'node:events';
import { rmSync } from 'node:fs';
import type { Server as NetServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Logger } from '../log';
import { pluginServiceDefinitions } from '../protocol/grpc-definitions';
import type { ProviderService } from '../protocol/messages';
import type { ListenAddress } from './handshake';
import { checkLaunch, handshakeLine, reattachConfig } from './handshake';
import { createPinnedTlsServer } from './pinned-tls';
import type { ServerCertificate } from './tls';

/** Time for the Shutdown answer to leave the process before it stops serving. */
const SHUTDOWN_FLUSH_MS = 5;

/** Terraform allows MaxInt32 each way; terraform-plugin-go settles on 256 MiB, and so do we. */
const MAX_MESSAGE_BYTES = 256 * 1024 * 1024;

export interface ServeOptions {
  readonly service: ProviderService;
  /** e.g. registry.terraform.io/pure-fleet/pure and its OpenTofu twin — printed in debug mode. */
  readonly providerAddresses: readonly string[];
  readonly logger: Logger;
  readonly env?: NodeJS.ProcessEnv;
  readonly argv?: readonly string[];
  /** Makes the AutoMTLS certificate; injected so start-up can begin it before loading gRPC. */
  readonly serverCertificate?: () => Promise<ServerCertificate>;
  readonly stdout?: (text: string) => void;
  readonly exit?: (code: number) => never;
}

export interface RunningPlugin {
  readonly address: ListenAddress;
  /** Stops serving and releases the socket; the process is left running. */
  close(): Promise<void>;
}

/** Cancels in-flight work on StopProvider; later calls get a fresh signal, as terraform-plugin-go does. */
class StopSignals {
  private controller = StopSignals.fresh();
  get current(): AbortSignal {
    return this.controller.signal;
  }
  stopAll(): void {
    this.controller.abort(new Error('the host asked the provider to stop'));
    this.controller = StopSignals.fresh();
  }
  /**
   * Every in-flight call listens on the one signal (the host runs ten or more at once), so Node's
   * default warning at eleven listeners would only be noise in the host's log.
   */
  private static fresh(): AbortController {
    const controller = new AbortController();
    setMaxListeners(0, controller.signal);
    return controller;
  }
}

type ServiceMethod = (request: never, signal: AbortSignal) => Promise<object>;

function providerImplementation(
  service: ProviderService,
  stops: StopSignals,
  logger: Logger,
): UntypedServiceImplementation {
  const unary =
    (name: string, method: ServiceMethod) =>
    (call: ServerUnaryCall<object, object>, callback: sendUnaryData<object>): void => {
      const started = Date.now();
      logger.trace('rpc start', { rpc: name });
      method(call.request as never, stops.current).then(
        (response) => {
          logger.trace('rpc done', { rpc: name, ms: Date.now() - started });
          callback(null, response);
        },
        (err: unknown) => {
          // The framework turns expected failures into diagnostics; reaching here is a bug, but
          // the process keeps serving and the host shows the message.
          const message = err instanceof Error ? err.message : String(err);
          logger.error('rpc failed', { rpc: name, error: message });
          callback({ code: status.INTERNAL, details: `${name}: ${message}` });
        },
      );
    };
  const bind = (fn: (req: never, signal: AbortSignal) => Promise<object>) =>
    fn.bind(service) as ServiceMethod;
  return {
    GetMetadata: unary('GetMetadata', bind(service.getMetadata)),
    GetProviderSchema: unary('GetProviderSchema', bind(service.getProviderSchema)),
    ValidateProviderConfig: unary('ValidateProviderConfig', bind(service.validateProviderConfig)),
    ValidateResourceConfig: unary('ValidateResourceConfig', bind(service.validateResourceConfig)),
    ValidateDataResourceConfig: unary('ValidateDataResourceConfig', bind(service.validateDataResourceConfig)),
    UpgradeResourceState: unary('UpgradeResourceState', bind(service.upgradeResourceState)),
    ConfigureProvider: unary('ConfigureProvider', bind(service.configureProvider)),
    ReadResource: unary('ReadResource', bind(service.readResource)),
    PlanResourceChange: unary('PlanResourceChange', bind(service.planResourceChange)),
    ApplyResourceChange: unary('ApplyResourceChange', bind(service.applyResourceChange)),
    ImportResourceState: unary('ImportResourceState', bind(service.importResourceState)),
    ReadDataSource: unary('ReadDataSource', bind(service.readDataSource)),
    StopProvider: (_call: ServerUnaryCall<object, object>, callback: sendUnaryData<object>) => {
      logger.info('StopProvider: cancelling in-flight work');
      stops.stopAll();
      callback(null, { Error: '' });
    },
  };
}

function chooseAddress(env: NodeJS.ProcessEnv): ListenAddress {
  // go-plugin's own servers use a unix socket on every OS but Windows; PLUGIN_UNIX_SOCKET_DIR
  // (go-plugin >= 1.5) says where. PURE_PROVIDER_NETWORK=tcp forces 127.0.0.1.
  if (process.platform === 'win32' || env.PURE_PROVIDER_NETWORK === 'tcp') {
    return { network: 'tcp', host: '127.0.0.1', port: 0 };
  }
  const dir = env.PLUGIN_UNIX_SOCKET_DIR || tmpdir();
  return {
    network: 'unix',
    path: join(dir, `plugin-pure-${process.pid}-${randomBytes(4).toString('hex')}.sock`),
  };
}

function bind(
  server: Server,
  address: ListenAddress,
  credentials: ServerCredentials,
): Promise<ListenAddress> {
  const target = address.network === 'tcp' ? `${address.host}:${address.port}` : `unix:${address.path}`;
  return new Promise((resolve, reject) => {
    server.bindAsync(target, credentials, (err, port) => {
      if (err) reject(err);
      else resolve(address.network === 'tcp' ? { ...address, port } : address);
    });
  });
}

function listen(listener: NetServer, address: ListenAddress): Promise<ListenAddress> {
  return new Promise((resolve, reject) => {
    listener.once('error', reject);
    const ready = (): void => {
      listener.off('error', reject);
      const bound = listener.address();
      resolve(
        address.network === 'tcp' && bound && typeof bound === 'object'
          ? { ...address, port: bound.port }
          : address,
      );
    };
    if (address.network === 'tcp') listener.listen(address.port, address.host, ready);
    else listener.listen(address.path, ready);
  });
}

export async function startPluginServer(
  options: ServeOptions & { readonly tls: 'auto' | 'off' },
): Promise<RunningPlugin & { readonly certDer?: Uint8Array; readonly onShutdownRequested: Promise<void> }> {
  const env = options.env ?? process.env;
  const logger = options.logger;
  const definitions = pluginServiceDefinitions();
  const stops = new StopSignals();

  const clientCert = env.PLUGIN_CLIENT_CERT;
  let certificate: ServerCertificate | undefined;
  if (options.tls === 'auto' && clientCert) {
    const makeCert = options.serverCertificate ?? (await import('./tls')).createServerCertificate;
    certificate = await makeCert();
  }

  const server = new Server({
    'grpc.max_receive_message_length': MAX_MESSAGE_BYTES,
    'grpc.max_send_message_length': MAX_MESSAGE_BYTES,
    // Per-call bookkeeping for a debugging service nobody can reach here.
    'grpc.enable_channelz': 0,
  });

  let requestShutdown: () => void = () => undefined;
  const onShutdownRequested = new Promise<void>((resolve) => (requestShutdown = resolve));
  const openStdioStreams = new Set<ServerWritableStream<object, object>>();

  server.addService(definitions.provider, providerImplementation(options.service, stops, logger));
  server.addService(definitions.controller, {
    Shutdown: (_call: ServerUnaryCall<object, object>, callback: sendUnaryData<object>) => {
      callback(null, {});
      requestShutdown();
    },
  });
  server.addService(definitions.stdio, {
    // Logs go to stderr as structured lines; this stream only has to stay open until shutdown.
    StreamStdio: (call: ServerWritableStream<object, object>) => {
      openStdioStreams.add(call);
      call.on('cancelled', () => openStdioStreams.delete(call));
    },
  });
  server.addService(definitions.health, {
    Check: (call: ServerUnaryCall<{ service: string }, object>, callback: sendUnaryData<object>) => {
      const known = call.request.service === '' || call.request.service === 'plugin';
      callback(null, { status: known ? 'SERVING' : 'SERVICE_UNKNOWN' });
    },
  });

  let address: ListenAddress;
  let closeListener = (): void => undefined;
  if (certificate && clientCert) {
    const injector = server.createConnectionInjector(ServerCredentials.createInsecure());
    const listener = createPinnedTlsServer({
      certPem: certificate.certPem,
      keyPem: certificate.keyPem,
      clientCertPem: clientCert,
      onAccepted: (socket) => injector.injectConnection(socket),
      onRefused: (reason) => logger.warn('refused a connection', { reason }),
    });
    address = await listen(listener, chooseAddress(env));
    closeListener = () => {
      listener.close();
      injector.destroy();
    };
  } else {
    address = await bind(server, chooseAddress(env), ServerCredentials.createInsecure());
  }

  const close = async (): Promise<void> => {
    for (const stream of openStdioStreams) stream.end();
    openStdioStreams.clear();
    // No graceful drain: the host closes its connection only after this process exits, so
    // waiting for it would only wait out a timer. A short pause lets the Shutdown answer reach
    // the socket; if it does not, the host kills the process at once, which is fine too.
    await new Promise((resolve) => setTimeout(resolve, SHUTDOWN_FLUSH_MS));
    closeListener();
    server.forceShutdown();
    if (address.network === 'unix') rmSync(address.path, { force: true });
  };

  return { address, certDer: certificate?.certDer, close, onShutdownRequested };
}

/** Runs the plugin as a host-launched process (or in --debug mode) until the host shuts it down. */
export async function servePlugin(options: ServeOptions): Promise<void> {
  const env = options.env ?? process.env;
  const argv = options.argv ?? process.argv.slice(2);
  const stdout = options.stdout ?? ((text: string) => void process.stdout.write(text));
  const exit = options.exit ?? ((code: number) => process.exit(code));
  const logger = options.logger;
  const debug = argv.includes('--debug');

  if (!debug) {
    const launch = checkLaunch(env);
    if (!launch.ok) {
      process.stderr.write(`${launch.message}\n`);
      exit(1);
    }
  }

  // Ctrl-C reaches the whole process group; the host turns it into StopProvider for us.
  if (!debug) process.on('SIGINT', () => logger.debug('SIGINT ignored; waiting for StopProvider'));

  const plugin = await startPluginServer({ ...options, tls: debug ? 'off' : 'auto' });
  const shutdown = async (reason: string): Promise<void> => {
    logger.debug('shutting down', { reason });
    await plugin.close();
    exit(0);
  };
  void plugin.onShutdownRequested.then(() => shutdown('GRPCController.Shutdown'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));

  if (debug) {
    const reattach = reattachConfig(options.providerAddresses, plugin.address, process.pid);
    stdout(
      [
        'Provider started in debug mode. To attach Terraform or OpenTofu, set in another shell:',
        '',
        `  export TF_REATTACH_PROVIDERS='${reattach}'`,
        '',
        'Stop it with Ctrl-C.',
        '',
      ].join('\n'),
    );
    process.on('SIGINT', () => void shutdown('SIGINT'));
    return;
  }

  stdout(handshakeLine(plugin.address, plugin.certDer));
  watchParent(() => void shutdown('host process exited'));
}

/** If the host dies without Shutdown (SIGKILL), exit instead of lingering as an orphan. */
function watchParent(onOrphaned: () => void): void {
  const parent = process.ppid;
  const timer = setInterval(() => {
    if (process.ppid !== parent) {
      clearInterval(timer);
      onOrphaned();
    }
  }, 1000);
  timer.unref();
}
