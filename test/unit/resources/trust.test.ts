import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { X509Certificate } from 'node:crypto';
import { rootCertificates } from 'node:tls';
import { createServerCertificateSync } from '../../../src/provider/plugin/tls';
import type { Logger } from '../../../src/provider/log';
import { defaultTrustPem } from '../../../src/resources/trust';

function recordingLogger(): Logger & { warnings: string[] } {
  const warnings: string[] = [];
  const noop = (): void => undefined;
  return {
    warnings,
    trace: noop,
    debug: noop,
    info: noop,
    warn: (message: string) => void warnings.push(message),
    error: noop,
  } as unknown as Logger & { warnings: string[] };
}

const certificatesIn = (pem: string): string[] =>
  pem.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g) ?? [];

describe('defaultTrustPem', () => {
  it("leaves Node's defaults alone when NODE_EXTRA_CA_CERTS is not set", () => {
    const logger = recordingLogger();
    expect(defaultTrustPem({}, logger)).toBeUndefined();
    expect(defaultTrustPem({ NODE_EXTRA_CA_CERTS: '' }, logger)).toBeUndefined();
    expect(logger.warnings).toEqual([]);
  });

  it("trusts Node's roots plus every certificate of the extra bundle", () => {
    const extra = createServerCertificateSync().certPem;
    const file = join(mkdtempSync(join(tmpdir(), 'pure-trust-')), 'extra.pem');
    writeFileSync(file, extra);
    const pem = defaultTrustPem({ NODE_EXTRA_CA_CERTS: file }, recordingLogger()) as string;
    const certificates = certificatesIn(pem);
    expect(certificates).toHaveLength(rootCertificates.length + 1);
    const last = new X509Certificate(certificates[certificates.length - 1] as string);
    expect(last.raw.equals(new X509Certificate(extra).raw)).toBe(true);
  });

  it('warns and keeps the roots when the bundle cannot be read, as Node does', () => {
    const logger = recordingLogger();
    expect(defaultTrustPem({ NODE_EXTRA_CA_CERTS: '/nonexistent/ca.pem' }, logger)).toBeUndefined();
    expect(logger.warnings).toEqual([expect.stringMatching(/NODE_EXTRA_CA_CERTS/)]);
  });
});
