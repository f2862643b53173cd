// Which certificate authorities the array clients trust when the configuration names no CA file:
// what Node itself would trust, i.e. its bundled roots plus the bundle named by
// NODE_EXTRA_CA_CERTS. The executable's launcher keeps that variable from Node's boot (parsing it
// there costs every provider process, including those that never dial an array: see
// scripts/build.mjs and engineering/performance.md), so the provider applies it here instead.

import { readFileSync } from 'node:fs';
import { rootCertificates } from 'node:tls';
import type { Logger } from '../provider/log';

/** undefined: Node's defaults are exactly right (no extra bundle named). */
export function defaultTrustPem(env: NodeJS.ProcessEnv, logger: Logger): string | undefined {
  const extraFile = env.NODE_EXTRA_CA_CERTS;
  if (!extraFile) return undefined;
  let extra: string;
  try {
    extra = readFileSync(extraFile, 'utf8');
  } catch (err) {
    // Node's own behaviour: warn and carry on with the bundled roots.
    logger.warn('ignoring NODE_EXTRA_CA_CERTS: the file cannot be read', {
      file: extraFile,
      error: err instanceof Error ? err.message : String(err),
    });
    return undefined;
  }
  return `${rootCertificates.join('\n')}\n${extra}`;
}
