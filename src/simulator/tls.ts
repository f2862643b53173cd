// The simulator's own certificate authority and the serving certificate it
// signs, so clients verify TLS the way they would against a real array with a
// CA-signed certificate. The CA is kept in the state directory: a restarted
// simulator presents certificates from the same CA, so CA bundles written
// earlier stay valid. The leaf is re-issued on every start (cheap with P-256).
import 'reflect-metadata';
import { webcrypto } from 'node:crypto';
import type { webcrypto as WebCrypto } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import * as x509 from '@peculiar/x509';

x509.cryptoProvider.set(webcrypto as unknown as Parameters<typeof x509.cryptoProvider.set>[0]);

const ALG = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' } as const;
const DAY = 86_400_000;

export interface CertificateAuthority {
  certPem: string;
  keyPem: string;
}

export interface ServingCertificate {
  certPem: string;
  keyPem: string;
  caCertPem: string;
}

function toPem(der: ArrayBuffer, label: string): string {
  const b64 = Buffer.from(der).toString('base64');
  const lines = b64.match(/.{1,64}/g) ?? [];
  return `-----BEGIN ${label}-----\n${lines.join('\n')}\n-----END ${label}-----\n`;
}

function fromPem(pem: string): ArrayBuffer {
  const b64 = pem.replace(/-----(BEGIN|END) [A-Z ]+-----/g, '').replace(/\s+/g, '');
  const buf = Buffer.from(b64, 'base64');
  return buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength);
}

async function exportKeyPem(key: WebCrypto.CryptoKey): Promise<string> {
  return toPem(await webcrypto.subtle.exportKey('pkcs8', key), 'PRIVATE KEY');
}

async function generateKeys(): Promise<WebCrypto.CryptoKeyPair> {
  return (await webcrypto.subtle.generateKey(ALG, true, ['sign', 'verify'])) as WebCrypto.CryptoKeyPair;
}

export async function createCertificateAuthority(): Promise<CertificateAuthority> {
  const keys = await generateKeys();
  const now = Date.now();
  const cert = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: randomSerial(),
    name: 'CN=Pure Storage Fleet Simulator CA, O=terraform-provider-pure simulator',
    notBefore: new Date(now - DAY),
    notAfter: new Date(now + 3650 * DAY),
    keys,
    signingAlgorithm: ALG,
    extensions: [
      new x509.BasicConstraintsExtension(true, 0, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
      await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
    ],
  });
  return { certPem: cert.toString('pem') + '\n', keyPem: await exportKeyPem(keys.privateKey) };
}

/** Loads the CA from `dir` or creates and saves one there. */
export async function loadOrCreateCertificateAuthority(dir: string): Promise<CertificateAuthority> {
  const certFile = path.join(dir, 'ca.pem');
  const keyFile = path.join(dir, 'ca-key.pem');
  try {
    const [certPem, keyPem] = await Promise.all([
      fs.readFile(certFile, 'utf8'),
      fs.readFile(keyFile, 'utf8'),
    ]);
    const cert = new x509.X509Certificate(certPem);
    if (cert.notAfter.getTime() > Date.now() + 30 * DAY) return { certPem, keyPem };
  } catch {
    // Missing or unreadable: create a new CA below.
  }
  const ca = await createCertificateAuthority();
  await fs.mkdir(dir, { recursive: true });
  await fs.writeFile(keyFile, ca.keyPem, { mode: 0o600 });
  await fs.writeFile(certFile, ca.certPem);
  return ca;
}

function randomSerial(): string {
  const bytes = webcrypto.getRandomValues(new Uint8Array(16));
  bytes[0] = (bytes[0] as number) & 0x7f;
  return Buffer.from(bytes).toString('hex');
}

/** Issues a server certificate for the loopback names plus any extra host the fleet listens on. */
export async function issueServingCertificate(
  ca: CertificateAuthority,
  hosts: string[],
): Promise<ServingCertificate> {
  const caCert = new x509.X509Certificate(ca.certPem);
  const caKey = await webcrypto.subtle.importKey('pkcs8', fromPem(ca.keyPem), ALG, false, ['sign']);
  const keys = await generateKeys();
  const names = new Set(['localhost', '127.0.0.1', '::1', ...hosts]);
  const sans: x509.JsonGeneralName[] = [...names]
    .filter((h) => h !== '0.0.0.0' && h !== '::')
    .map((h) =>
      /^[0-9.]+$/.test(h) || h.includes(':') ? { type: 'ip', value: h } : { type: 'dns', value: h },
    );
  const now = Date.now();
  const cert = await x509.X509CertificateGenerator.create({
    serialNumber: randomSerial(),
    subject: 'CN=localhost, O=terraform-provider-pure simulator',
    issuer: caCert.subject,
    notBefore: new Date(now - DAY),
    notAfter: new Date(now + 365 * DAY),
    publicKey: keys.publicKey,
    signingKey: caKey,
    signingAlgorithm: ALG,
    extensions: [
      new x509.BasicConstraintsExtension(false, undefined, true),
      new x509.KeyUsagesExtension(
        x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.keyEncipherment,
        true,
      ),
      new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.serverAuth]),
      new x509.SubjectAlternativeNameExtension(sans),
      await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
      await x509.AuthorityKeyIdentifierExtension.create(caCert),
    ],
  });
  return {
    certPem: cert.toString('pem') + '\n',
    keyPem: await exportKeyPem(keys.privateKey),
    caCertPem: ca.certPem,
  };
}
