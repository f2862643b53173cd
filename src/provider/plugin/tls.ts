// AutoMTLS, plugin side. The host passes its client certificate in PLUGIN_CLIENT_CERT and dials
// with TLS, trusting exactly the certificate the plugin prints in the handshake line. So each
// process makes a fresh self-signed certificate for `localhost` (the name the host verifies),
// with a positive serial and the serverAuth usage, and requires the host's certificate in turn.
//
// The certificate is assembled here from node:crypto (P-256 key, ECDSA-SHA256 signature) and a
// few lines of DER rather than with an X.509 library: it is on the path to the handshake line,
// and loading @peculiar/x509 cost more than everything else the provider does before printing
// it (engineering/performance.md has the measurements). The tests parse the result with Node's own
// X509Certificate and with @peculiar/x509, and real Terraform and OpenTofu verify it.

import { generateKeyPairSync, randomBytes, sign } from 'node:crypto';
import { der } from './der';

export interface ServerCertificate {
  readonly certPem: string;
  readonly keyPem: string;
  readonly certDer: Uint8Array;
}

const OID = {
  ecdsaWithSha256: '1.2.840.10045.4.3.2',
  commonName: '2.5.4.3',
  organization: '2.5.4.10',
  basicConstraints: '2.5.29.19',
  keyUsage: '2.5.29.15',
  extendedKeyUsage: '2.5.29.37',
  subjectAltName: '2.5.29.17',
  serverAuth: '1.3.6.1.5.5.7.3.1',
  clientAuth: '1.3.6.1.5.5.7.3.2',
} as const;

/** digitalSignature(0) | keyEncipherment(2) | keyAgreement(4) | keyCertSign(5), as go-plugin sets. */
const KEY_USAGE_BITS = Buffer.from([0b1010_1100]);
const KEY_USAGE_UNUSED_BITS = 2;

function extension(oid: string, critical: boolean, value: Buffer): Buffer {
  return der.sequence(der.oid(oid), ...(critical ? [der.boolean(true)] : []), der.octetString(value));
}

function name(): Buffer {
  const attribute = (oid: string, value: string): Buffer =>
    der.set(der.sequence(der.oid(oid), der.utf8String(value)));
  return der.sequence(
    attribute(OID.organization, 'terraform-provider-pure'),
    attribute(OID.commonName, 'localhost'),
  );
}

function pem(label: string, body: Buffer): string {
  return `-----BEGIN ${label}-----\n${body
    .toString('base64')
    .replace(/(.{64})/g, '$1\n')
    .trimEnd()}\n-----END ${label}-----\n`;
}

export function createServerCertificateSync(now: Date = new Date()): ServerCertificate {
  const { publicKey, privateKey } = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
  const serial = randomBytes(16);
  serial[0] = ((serial[0] as number) & 0x7f) | 0x01; // positive and without a leading zero byte
  const signatureAlgorithm = der.sequence(der.oid(OID.ecdsaWithSha256));
  const tbs = der.sequence(
    der.explicit(0, der.smallInteger(2)), // v3
    der.unsignedInteger(serial),
    signatureAlgorithm,
    name(),
    der.sequence(
      der.utcTime(new Date(now.getTime() - 30_000)), // tolerate small clock differences
      der.utcTime(new Date(now.getTime() + 30 * 24 * 3600 * 1000)),
    ),
    name(),
    publicKey.export({ type: 'spki', format: 'der' }),
    der.explicit(
      3,
      der.sequence(
        extension(OID.basicConstraints, true, der.sequence(der.boolean(true))),
        extension(OID.keyUsage, true, der.bitString(KEY_USAGE_BITS, KEY_USAGE_UNUSED_BITS)),
        extension(
          OID.extendedKeyUsage,
          false,
          der.sequence(der.oid(OID.serverAuth), der.oid(OID.clientAuth)),
        ),
        extension(
          OID.subjectAltName,
          false,
          der.sequence(der.implicitPrimitive(2, Buffer.from('localhost', 'ascii'))),
        ),
      ),
    ),
  );
  const signature = sign('sha256', tbs, privateKey); // DER-encoded ECDSA signature
  const certDer = der.sequence(tbs, signatureAlgorithm, der.bitString(signature));
  return {
    certDer: new Uint8Array(certDer),
    certPem: pem('CERTIFICATE', certDer),
    keyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
  };
}

export async function createServerCertificate(now?: Date): Promise<ServerCertificate> {
  return createServerCertificateSync(now);
}
