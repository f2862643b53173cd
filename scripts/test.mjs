#!/usr/bin/env node
// `npm test`: everything CI checks, on a machine that may be new. Each step installs what it
// needs: the four CLI versions CI runs (built once with Go into a user cache, see tools.mjs), the
// docs generator, the Python virtualenv for py-pure-client, the bundles. Every step runs even when
// an earlier one failed, and the summary lists each step's outcome; the exit code is non-zero if
// any failed.
//
// CLI versions: the whole suite runs on the newest Terraform and the oldest OpenTofu; the smoke
// suites (SMOKE_SUITES) run again on the oldest Terraform and the newest OpenTofu, so each of the
// four versions runs every example and the quickstart, and each CLI runs everything on one version.
//
//   npm test                 all steps
//   npm test -- --only jest  one step (tools, static, build, docs, jest, cli-versions,
//                            cdktf-bindings, cdktf-python, cdktf-example, python)
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { projectRoot } from './lib/paths.mjs';

const only = process.argv.includes('--only') ? process.argv[process.argv.indexOf('--only') + 1] : undefined;

function run(command, args, env = {}) {
  const result = spawnSync(command, args, {
    cwd: projectRoot,
    stdio: 'inherit',
    env: { ...process.env, ...env },
  });
  return result.status === 0;
}

const node = process.execPath;
const bin = (name) => `${projectRoot}/node_modules/.bin/${name}`;
/** PURE_TERRAFORM / PURE_TOFU of the main run and of the cli-versions run. */
const mainClis = {};
const otherClis = {};

/** The e2e suites the cli-versions step runs: every example, the quickstart, generated config. */
const SMOKE_SUITES = [
  'test/e2e/examples.test.ts',
  'test/e2e/quickstart.test.ts',
  'test/e2e/generate-config.test.ts',
];

const steps = [
  {
    name: 'tools',
    about: 'terraform 1.8.5 and 1.16.4, tofu 1.6.3 and 1.12.6, tfplugindocs (built once into the user cache)',
    run: async () => {
      const { allCliVersions, findTfplugindocs } = await import('./tools.mjs');
      for (const cli of allCliVersions()) {
        const env = cli.cli === 'terraform' ? 'PURE_TERRAFORM' : 'PURE_TOFU';
        const main = (cli.cli === 'terraform') === (cli.role === 'newest');
        (main ? mainClis : otherClis)[env] = cli.path;
        console.log(
          `${cli.cli} ${cli.version} (${cli.role}, ${main ? 'all suites' : 'smoke suites'}): ${cli.path}`,
        );
      }
      console.log(`tfplugindocs: ${findTfplugindocs()}`);
      return true;
    },
  },
  {
    name: 'static',
    about: 'tsc, eslint, prettier',
    run: () =>
      run(bin('tsc'), ['-p', 'tsconfig.json', '--noEmit']) &&
      run(bin('eslint'), ['.']) &&
      run(bin('prettier'), ['--check', '.']),
  },
  {
    name: 'build',
    about: 'provider executable and simulator bundle',
    run: () => run(node, ['scripts/build.mjs']) && run(node, ['scripts/simulate.mjs', '--build-only']),
  },
  {
    name: 'docs',
    needsTools: true,
    about: 'docs/ is what tfplugindocs generates from the schema, and tfplugindocs validate passes',
    run: () => run(node, ['scripts/docs.mjs', 'check'], { ...mainClis, PURE_SKIP_BUILD: '1' }),
  },
  {
    name: 'jest',
    needsTools: true,
    about: 'unit, integration and e2e projects (e2e on the newest terraform and the oldest tofu)',
    run: () =>
      run(bin('jest'), ['--selectProjects', 'unit', 'integration', 'e2e'], {
        ...mainClis,
        PURE_SKIP_BUILD: '1',
      }),
  },
  {
    name: 'cli-versions',
    needsTools: true,
    about: 'the smoke e2e suites on the oldest terraform and the newest tofu',
    run: () =>
      run(bin('jest'), [...SMOKE_SUITES, '--selectProjects', 'e2e'], {
        ...otherClis,
        PURE_SKIP_BUILD: '1',
      }),
  },
  {
    name: 'cdktf-bindings',
    about: 'CDKTF bindings: nested npm ci, stale check against the schema, jsii + jsii-pacmak (js)',
    run: () =>
      run(node, ['scripts/cdktf.mjs', 'install']) &&
      run(node, ['scripts/cdktf.mjs', 'check']) &&
      run(node, ['scripts/cdktf.mjs', 'package']),
  },
  {
    name: 'cdktf-python',
    about: "CDKTF bindings' Python target: jsii-pacmak python, and a virtualenv with the wheel (PyPI)",
    run: () => run(node, ['scripts/cdktf.mjs', 'python']),
  },
  {
    name: 'cdktf-example',
    needsTools: true,
    about:
      'examples/cdktf: type check, unit tests, toBeValidTerraform, the Python twin, deploy against the simulator',
    run: () =>
      run(bin('tsc'), ['-p', 'examples/cdktf/test/tsconfig.json']) &&
      run(bin('jest'), ['--selectProjects', 'cdktf'], { ...mainClis, PURE_SKIP_BUILD: '1' }),
  },
  {
    name: 'python',
    about: "py-pure-client (Pure's own Python client) against the simulator",
    run: () => run(node, ['scripts/python-tests.mjs']),
  },
];

async function main() {
  const outcomes = [];
  for (const step of steps) {
    // A step that drives the CLIs gets them from the tools step, even when run alone.
    const wanted =
      !only ||
      step.name === only ||
      (step.name === 'tools' && steps.find((s) => s.name === only)?.needsTools);
    if (!wanted) continue;
    console.log(`\n=== ${step.name}: ${step.about}`);
    const started = Date.now();
    let ok = false;
    try {
      ok = await step.run();
    } catch (err) {
      console.error(err instanceof Error ? err.message : err);
    }
    outcomes.push({
      step: step.name,
      result: ok ? 'passed' : 'FAILED',
      seconds: Math.round((Date.now() - started) / 1000),
    });
  }
  console.log('\n=== summary');
  console.table(outcomes);
  process.exit(outcomes.every((o) => o.result === 'passed') ? 0 : 1);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await main();
