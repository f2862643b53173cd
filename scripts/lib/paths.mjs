// Where the project keeps things that are built or downloaded, never committed.
import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const projectRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** Per-project scratch space (gitignored): mirror, CLI config, simulator state. */
export const projectCache = join(projectRoot, '.cache');

/** Shared across clones, so a second run (or a second clone) reuses the Go-built CLIs. */
export const userCache = join(
  process.env.XDG_CACHE_HOME || join(homedir(), '.cache'),
  'terraform-provider-pure',
);

export function packageVersion() {
  return JSON.parse(readFileSync(join(projectRoot, 'package.json'), 'utf8')).version;
}
