#!/usr/bin/env node
// `npm test`: everything CI checks, on a machine that may be new. Each step installs what it
// needs: Terraform and OpenTofu (found on PATH or built once with `go install` into a user
// cache), the Python virtualenv for py-pure-client, the bundles. Every step runs even when an
// earlier one failed, and the summary lists each step's outcome; the exit code is non-zero if any
// failed.
//
//   npm test                 all steps
//   npm test -- --only jest  one step (tools, static, build, jest, cdktf-bindings, cdktf-python,
//                            cdktf-example, python)
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
const toolEnv = {};

const steps = [
  {
    name: 'tools',
    about: 'terraform >= 1.8 and tofu >= 1.6 (PATH, or go install into the user cache)',
    run: async () => {
      const { findTool } = await import('./tools.mjs');
      for (const name of ['terraform', 'tofu']) {
        const tool = findTool(name);
        toolEnv[name === 'terraform' ? 'PURE_TERRAFORM' : 'PURE_TOFU'] = tool.path;
        console.log(`${name} ${tool.version}: ${tool.path}`);
      }
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
    name: 'jest',
    about: 'unit, integration and e2e (terraform and tofu) projects',
    run: () =>
      run(bin('jest'), ['--selectProjects', 'unit', 'integration', 'e2e'], {
        ...toolEnv,
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
    about:
      'examples/cdktf: type check, unit tests, toBeValidTerraform, the Python twin, deploy against the simulator',
    run: () =>
      run(bin('tsc'), ['-p', 'examples/cdktf/test/tsconfig.json']) &&
      run(bin('jest'), ['--selectProjects', 'cdktf'], { ...toolEnv, PURE_SKIP_BUILD: '1' }),
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
    if (only && step.name !== only) continue;
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
