// The AutoMTLS server certificate is assembled by hand (src/provider/plugin/tls.ts), so it is
// checked here by two independent parsers: Node's (OpenSSL) and @peculiar/x509.

import 'reflect-metadata';
import * as x509 from '@peculiar/x509';
import { X509Certificate, createPrivateKey, createPublicKey } from 'node:crypto';
import { createServerCertificateSync } from '../../../../src/provider/plugin/tls';
import { der } from '../../../../src/provider/plugin/der';

describe('the AutoMTLS server certificate', () => {
  const now = new Date('2026-11-21T12:00:00Z');
  const certificate = createServerCertificateSync(now);

  it('parses with OpenSSL, is self-signed and its signature verifies', () => {
    const cert = new X509Certificate(Buffer.from(certificate.certDer));
    expect(cert.verify(cert.publicKey)).toBe(true);
    expect(cert.checkIssued(cert)).toBe(true);
    expect(cert.subjectAltName).toBe('DNS:localhost');
    expect(cert.subject).toContain('CN=localhost');
    expect(cert.ca).toBe(true);
    expect(cert.keyUsage).toEqual(expect.arrayContaining(['1.3.6.1.5.5.7.3.1', '1.3.6.1.5.5.7.3.2']));
    expect(new Date(cert.validFrom).getTime()).toBeLessThan(now.getTime());
    expect(new Date(cert.validTo).getTime()).toBeGreaterThan(now.getTime() + 29 * 24 * 3600 * 1000);
  });

  it('has a positive serial and the key usages go-plugin gives its own certificates', () => {
    const cert = new x509.X509Certificate(Buffer.from(certificate.certDer));
    expect(parseInt(cert.serialNumber.slice(0, 2), 16) & 0x80).toBe(0);
    const usage = cert.getExtension(x509.KeyUsagesExtension);
    expect(usage?.critical).toBe(true);
    expect(usage?.usages).toBe(
      x509.KeyUsageFlags.digitalSignature |
        x509.KeyUsageFlags.keyEncipherment |
        x509.KeyUsageFlags.keyAgreement |
        x509.KeyUsageFlags.keyCertSign,
    );
    const eku = cert.getExtension(x509.ExtendedKeyUsageExtension);
    expect(eku?.usages).toEqual([x509.ExtendedKeyUsage.serverAuth, x509.ExtendedKeyUsage.clientAuth]);
    const basic = cert.getExtension(x509.BasicConstraintsExtension);
    expect(basic?.ca).toBe(true);
    const san = cert.getExtension(x509.SubjectAlternativeNameExtension);
    expect(san?.names.toJSON()).toEqual([{ type: 'dns', value: 'localhost' }]);
  });

  it('pairs with its private key', () => {
    const key = createPrivateKey(certificate.keyPem);
    const fromKey = createPublicKey(key).export({ type: 'spki', format: 'der' });
    const fromCert = new X509Certificate(certificate.certPem).publicKey.export({
      type: 'spki',
      format: 'der',
    });
    expect(Buffer.compare(fromKey, fromCert)).toBe(0);
  });

  it('is fresh for every process: two certificates share neither key nor serial', () => {
    const other = createServerCertificateSync(now);
    expect(other.keyPem).not.toBe(certificate.keyPem);
    expect(new X509Certificate(other.certPem).serialNumber).not.toBe(
      new X509Certificate(certificate.certPem).serialNumber,
    );
  });
});

describe('DER writer', () => {
  it('encodes lengths, integers and OIDs as X.690 specifies', () => {
    expect(der.oid('1.2.840.10045.4.3.2').toString('hex')).toBe('06082a8648ce3d040302');
    expect(der.unsignedInteger(Buffer.from([0x00, 0x00, 0x7f])).toString('hex')).toBe('02017f');
    expect(der.unsignedInteger(Buffer.from([0x80])).toString('hex')).toBe('02020080');
    expect(der.octetString(Buffer.alloc(200)).subarray(0, 3).toString('hex')).toBe('0481c8');
    expect(der.octetString(Buffer.alloc(300)).subarray(0, 4).toString('hex')).toBe('0482012c');
    expect(der.utcTime(new Date('2026-01-02T03:04:05Z')).toString('ascii', 2)).toBe('260102030405Z');
  });
});
