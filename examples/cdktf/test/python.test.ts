// The Python jsii target of the bindings: the wheel jsii-pacmak built, installed with the CDKTF
// Python runtime (`node scripts/cdktf.mjs python`), declares the example's volumes in Python
// (cdktf/provider-pure/python-check/synth.py) and synthesizes what the TypeScript bindings
// and the TypeScript FleetStack synthesize: the same provider, resources, outputs and
// required provider.

import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Testing } from 'cdktf';
import { FleetStack } from '../src/fleet-stack';
import { VOLUMES } from '../main';

jest.setTimeout(120_000);

const ROOT = join(__dirname, '..', '..', '..');
const PYTHON = join(ROOT, '.cache', 'cdktf-python', 'bin', 'python');
const ARRAYS = [
  { name: 'fa-a1', type: 'flasharray', endpoint: '10.0.0.1', zone: 'a' },
  { name: 'fa-b1', type: 'flasharray', endpoint: '10.0.1.1', zone: 'b' },
] as const;

/** The synthesized document without CDKTF's `//` metadata (construct paths, tool versions). */
function withoutMetadata(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutMetadata);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>)
        .filter(([k]) => k !== '//')
        .map(([k, v]) => [k, withoutMetadata(v)]),
    );
  }
  return value;
}

interface Document {
  provider: unknown;
  resource: unknown;
  output: unknown;
  terraform: { required_providers: unknown };
}

describe('the Python bindings', () => {
  let outdir: string;
  beforeAll(() => {
    outdir = mkdtempSync(join(tmpdir(), 'pure-cdktf-python-'));
  });
  afterAll(() => rmSync(outdir, { recursive: true, force: true }));

  it('synthesize the same stack as the TypeScript bindings', () => {
    const script = join(ROOT, 'cdktf', 'provider-pure', 'python-check', 'synth.py');
    const result = spawnSync(PYTHON, [script, JSON.stringify({ arrays: ARRAYS, volumes: VOLUMES }), outdir], {
      encoding: 'utf8',
      // The jsii runtime's Node-version banner (see scripts/cdktf.mjs).
      env: {
        ...process.env,
        JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION: process.versions.node.split('.')[0],
      },
    });
    expect(result.stderr).not.toMatch(/Traceback/);
    expect(result.status).toBe(0);
    const python = withoutMetadata(
      JSON.parse(readFileSync(join(outdir, 'stacks', 'fleet', 'cdk.tf.json'), 'utf8')),
    ) as Document;

    const stack = new FleetStack(Testing.app(), 'fleet', {
      fleetName: 'orders',
      arrays: ARRAYS,
      volumes: VOLUMES,
    });
    const typescript = withoutMetadata(JSON.parse(Testing.synth(stack))) as Document;

    expect(Object.keys(python.resource as object).sort()).toEqual(['pure_fleet', 'pure_volume']);
    expect(python.provider).toEqual(typescript.provider);
    expect(python.resource).toEqual(typescript.resource);
    expect(python.output).toEqual(typescript.output);
    expect(python.terraform.required_providers).toEqual(typescript.terraform.required_providers);
  });
});
