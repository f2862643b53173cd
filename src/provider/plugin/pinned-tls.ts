// The AutoMTLS listener: TLS that accepts exactly the certificate the host announced in
// PLUGIN_CLIENT_CERT, and hands each accepted connection to the gRPC server.
//
// go-plugin's own servers trust the host's certificate as their only CA. Doing that with Node's
// TLS (a `ca` option) makes Node parse its whole bundled root store first (~35 ms here, in every
// provider process, for a store this listener never uses): any `ca`, and no `ca` at all, goes
// through it. So the context gets an empty CA list, and the check is done here instead, on the
// DER bytes: the host's certificate is self-signed and made afresh for each run, so "the peer
// presented exactly this certificate" is what trusting it as the only CA amounts to, minus the
// validity dates (the host makes it valid for the run). engineering/performance.md has the measurement.

import { X509Certificate } from 'node:crypto';
import type { Server as NetServer } from 'node:net';
import type { TLSSocket } from 'node:tls';
import { createServer } from 'node:tls';

export interface PinnedTlsOptions {
  readonly certPem: string;
  readonly keyPem: string;
  /** PEM of the certificate(s) a client must present, byte for byte. */
  readonly clientCertPem: string;
  /** Receives each connection whose client presented a pinned certificate. */
  readonly onAccepted: (socket: TLSSocket) => void;
  /** Told of each refused connection (no secret material: certificates are public). */
  readonly onRefused: (reason: string) => void;
}

/**
 * The plugin's environment is unusable (a start-up error, not a bug): main prints the message
 * alone, naming the variable, with no stack trace.
 */
export class PluginEnvironmentError extends Error {
  /** Read by main without importing this module. */
  readonly startup = true;
  constructor(
    readonly variable: string,
    reason: string,
  ) {
    super(
      `${variable} ${reason}. Terraform and OpenTofu set it to the PEM certificate the plugin must pin; unset it when launching the provider yourself, or use --debug.`,
    );
    this.name = 'PluginEnvironmentError';
  }
}

/** The DER bytes of every certificate in a PEM text; throws PluginEnvironmentError on a bad one. */
export function certificatesDer(pem: string): Buffer[] {
  const blocks = pem.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g) ?? [];
  if (blocks.length === 0) throw new PluginEnvironmentError('PLUGIN_CLIENT_CERT', 'holds no PEM certificate');
  // X509Certificate rejects a malformed block here, at start-up, not at the first connection.
  return blocks.map((block, i) => {
    try {
      return new X509Certificate(block).raw;
    } catch (err) {
      const why = err instanceof Error ? err.message.replace(/^error:[0-9A-F]+:/, '') : String(err);
      throw new PluginEnvironmentError(
        'PLUGIN_CLIENT_CERT',
        `holds a certificate (#${i + 1}) that does not parse (${why})`,
      );
    }
  });
}

export function createPinnedTlsServer(options: PinnedTlsOptions): NetServer {
  const pinned = certificatesDer(options.clientCertPem);
  const server = createServer(
    {
      cert: options.certPem,
      key: options.keyPem,
      ca: [], // no trust store: see the header
      requestCert: true,
      rejectUnauthorized: false, // decided below, by pin
      ALPNProtocols: ['h2'],
      minVersion: 'TLSv1.2',
    },
    (socket) => {
      const presented = socket.getPeerX509Certificate()?.raw;
      if (presented && pinned.some((der) => der.equals(presented))) {
        options.onAccepted(socket);
        return;
      }
      options.onRefused(
        presented
          ? 'client certificate is not the one the host announced'
          : 'client presented no certificate',
      );
      socket.destroy();
    },
  );
  server.on('tlsClientError', (err: Error) => options.onRefused(`TLS handshake failed: ${err.message}`));
  return server;
}
