// Creates .cache/venv with the pinned packages of test/python/requirements.txt
// (py-pure-client and pytest from PyPI). Idempotent: a stamp holding the hash
// of the requirements and the interpreter version skips all work when nothing
// changed. Needs only a Python 3.9+ with the venv module (or virtualenv).
//   node scripts/python-env.mjs            ensure the venv, print its python
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync, rmSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const VENV = path.join(root, '.cache', 'venv');
const REQUIREMENTS = path.join(root, 'test', 'python', 'requirements.txt');
const STAMP = path.join(VENV, '.requirements.sha256');

export function venvPython() {
  return process.platform === 'win32'
    ? path.join(VENV, 'Scripts', 'python.exe')
    : path.join(VENV, 'bin', 'python');
}

function run(cmd, args, opts = {}) {
  return spawnSync(cmd, args, { encoding: 'utf8', ...opts });
}

function findPython() {
  const candidates = [process.env.PYTHON, 'python3', 'python'].filter(Boolean);
  for (const c of candidates) {
    const r = run(c, ['-c', 'import sys; print("%d.%d" % sys.version_info[:2])']);
    if (r.status === 0) {
      const [major, minor] = r.stdout.trim().split('.').map(Number);
      if (major === 3 && minor >= 9) return c;
    }
  }
  throw new Error('python-env: no Python 3.9+ found (set PYTHON=/path/to/python3)');
}

function stampFor(python) {
  const version = run(python, ['-c', 'import sys; print(sys.version)']).stdout;
  return createHash('sha256').update(readFileSync(REQUIREMENTS)).update(version).digest('hex');
}

/** Ensures the venv exists with the pinned requirements; returns its python. */
export function ensurePythonEnv({ quiet = false } = {}) {
  const log = (m) => {
    if (!quiet) console.error(`python-env: ${m}`);
  };
  const py = venvPython();
  if (existsSync(py) && existsSync(STAMP) && readFileSync(STAMP, 'utf8').trim() === stampFor(py)) return py;
  const system = findPython();
  if (!existsSync(py)) {
    log(`creating ${path.relative(root, VENV)} with ${system}`);
    mkdirSync(path.dirname(VENV), { recursive: true });
    let r = run(system, ['-m', 'venv', VENV], { stdio: 'inherit' });
    if (r.status !== 0 || !existsSync(py)) {
      rmSync(VENV, { recursive: true, force: true });
      log('the venv module failed; trying virtualenv');
      r = run(system, ['-m', 'virtualenv', VENV], { stdio: 'inherit' });
      if (r.status !== 0) {
        throw new Error(
          'python-env: could not create a virtualenv. Install the venv module (Debian: apt-get install python3-venv) or virtualenv.',
        );
      }
    }
  }
  log('installing pinned requirements from PyPI');
  const pip = run(
    py,
    ['-m', 'pip', 'install', '--disable-pip-version-check', '--quiet', '-r', REQUIREMENTS],
    {
      stdio: 'inherit',
    },
  );
  if (pip.status !== 0) throw new Error('python-env: pip install failed');
  writeFileSync(STAMP, stampFor(py));
  return py;
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  try {
    console.log(ensurePythonEnv());
  } catch (e) {
    console.error(e.message);
    process.exit(1);
  }
}
