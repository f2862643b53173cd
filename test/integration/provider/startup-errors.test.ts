// Start-up errors of the provider executable: a bad PLUGIN_CLIENT_CERT names the variable and
// prints no stack trace; and the V8 code cache is kept per installation, so one copy's stack
// traces can never name another copy's file.

import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PROVIDER_BINARY } from '../../support/plugin-process';

const COOKIE = {
  TF_PLUGIN_MAGIC_COOKIE: 'd602bf8f470bc67ca7faa0386276bbdd4330efaf76d1a219cb4d6991ca9872b2',
  PLUGIN_PROTOCOL_VERSIONS: '5,6',
};

function launch(binary: string, env: NodeJS.ProcessEnv): { status: number | null; stderr: string } {
  const r = spawnSync(binary, [], {
    env: { PATH: process.env.PATH, HOME: process.env.HOME, ...COOKIE, ...env },
    encoding: 'utf8',
    timeout: 20_000,
  });
  return { status: r.status, stderr: r.stderr };
}

test.each([
  ['no PEM block', 'not a certificate'],
  ['a PEM block that does not parse', '-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n'],
])('PLUGIN_CLIENT_CERT with %s: the variable is named, no stack trace', (_what, value) => {
  const cache = mkdtempSync(join(tmpdir(), 'pure-v8-'));
  const r = launch(PROVIDER_BINARY, { PLUGIN_CLIENT_CERT: value, XDG_CACHE_HOME: cache });
  expect(r.status).toBe(1);
  expect(r.stderr).toMatch(/^terraform-provider-pure: PLUGIN_CLIENT_CERT /);
  expect(r.stderr).not.toMatch(/\n\s+at /);
  expect(r.stderr.trim().split('\n')).toHaveLength(1);
});

test('two installations of the same bundle keep separate code caches', () => {
  const cache = mkdtempSync(join(tmpdir(), 'pure-v8-'));
  const copies = [0, 1].map((i) => {
    const dir = mkdtempSync(join(tmpdir(), `pure-install-${i}-`));
    const binary = join(dir, 'terraform-provider-pure');
    copyFileSync(PROVIDER_BINARY, binary);
    return binary;
  });
  for (const binary of copies) launch(binary, { PLUGIN_CLIENT_CERT: 'x', XDG_CACHE_HOME: cache });
  const files = readdirSync(join(cache, 'terraform-provider-pure', 'v8'));
  // One per installation path; a cache written by one copy is never read by the other.
  expect(files.filter((f) => f.endsWith('.bin'))).toHaveLength(2);
});
