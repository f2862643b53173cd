// Debug mode (TF_REATTACH_PROVIDERS) with real hosts, and bad input reported on the right
// attribute by real hosts.

import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RunningFleet } from '../../src/simulator';
import type { CliName } from './harness/workspace';
import { CLI_NAMES, Workspace } from './harness/workspace';
import { quickstartWorkspace, startQuickstartFleet } from './support/quickstart';

jest.setTimeout(120_000);

const PROVIDER = join(__dirname, '..', '..', 'dist', 'terraform-provider-pure');

function startDebugProvider(): Promise<{ child: ChildProcessWithoutNullStreams; reattach: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(PROVIDER, ['--debug'], { env: { PATH: process.env.PATH, HOME: process.env.HOME } });
    let out = '';
    const timer = setTimeout(() => reject(new Error(`no reattach line: ${out}`)), 15_000);
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      const match = /TF_REATTACH_PROVIDERS='([^']+)'/.exec(out);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve({ child, reattach: match[1] });
      }
    });
  });
}

describe('debug mode', () => {
  let fleet: RunningFleet;
  let provider: { child: ChildProcessWithoutNullStreams; reattach: string };

  beforeAll(async () => {
    fleet = await startQuickstartFleet();
    provider = await startDebugProvider();
  });

  afterAll(async () => {
    provider?.child.kill('SIGINT');
    await fleet?.stop();
  });

  it('prints a reattach value naming the provider under both registry hosts, over plaintext', () => {
    const parsed = JSON.parse(provider.reattach) as Record<
      string,
      { ProtocolVersion: number; Test: boolean; Addr: { Network: string } }
    >;
    expect(Object.keys(parsed).sort()).toEqual([
      'registry.opentofu.org/pure-fleet/pure',
      'registry.terraform.io/pure-fleet/pure',
    ]);
    expect(parsed['registry.terraform.io/pure-fleet/pure']).toMatchObject({ ProtocolVersion: 6, Test: true });
  });

  it.each(CLI_NAMES)(
    'serves %s through TF_REATTACH_PROVIDERS and keeps running afterwards',
    async (cli: CliName) => {
      const workspace = quickstartWorkspace(cli, fleet);
      try {
        const env = { TF_REATTACH_PROVIDERS: provider.reattach };
        await workspace.run(['init', '-input=false', '-no-color'], { env });
        const plan = await workspace.run(['plan', '-input=false', '-no-color'], { env });
        expect(plan.stdout).toMatch(/Plan: 3 to add, 0 to change, 0 to destroy/);
        expect(provider.child.exitCode).toBeNull();
      } finally {
        workspace.dispose();
      }
    },
  );
});

const REQUIRED = `
terraform {
  required_providers {
    pure = { source = "pure-fleet/pure" }
  }
}
`;

async function validateErrors(cli: CliName, hcl: string): Promise<string> {
  const workspace = new Workspace(cli);
  try {
    workspace.writeConfig(REQUIRED + hcl);
    await workspace.init();
    const result = await workspace.run(['validate', '-no-color'], { allowFailure: true });
    expect(result.code).toBe(1);
    expect(result.stderr).not.toMatch(/Unexpected failure|panic|Provider bug/);
    return result.stderr;
  } finally {
    workspace.dispose();
  }
}

describe.each(CLI_NAMES)('provider logs with %s', (cli: CliName) => {
  it("reach the host's log at the level each line carries", async () => {
    const workspace = new Workspace(cli);
    try {
      workspace.writeConfig(REQUIRED + 'provider "pure" {}\nresource "pure_fleet" "f" {\n  name = "f"\n}\n');
      await workspace.init();
      const logFile = join(workspace.dir, 'provider.log');
      await workspace.run(['validate', '-no-color'], {
        env: { TF_LOG_PROVIDER: 'trace', TF_LOG_PATH: logFile },
      });
      const log = readFileSync(logFile, 'utf8');
      // hclog re-logs each JSON line with its own level and the provider's name.
      expect(log).toMatch(
        /\[TRACE\] provider\.terraform-provider-pure[^:]*: rpc done: .*rpc=ValidateResourceConfig/,
      );
    } finally {
      workspace.dispose();
    }
  });
});

describe.each(CLI_NAMES)('bad input with %s', (cli: CliName) => {
  it('gets diagnostics on the offending resource attributes from validate', async () => {
    const output = await validateErrors(
      cli,
      `
provider "pure" {}
resource "pure_fleet" "f" {
  name = "Bad-Name"
}
resource "pure_volume" "v" {
  fleet           = "f"
  name            = "data"
  size            = "10X"
  deletion_policy = "shred"
}
`,
    );
    // Each error quotes its attribute's line of configuration.
    expect(output).toMatch(/Invalid volume size[\s\S]*?size\s+= "10X"/);
    expect(output).toMatch(/Invalid attribute value[\s\S]*?deletion_policy = "shred"/);
    expect(output).toMatch(/Invalid attribute value[\s\S]*?name = "Bad-Name"/);
  });

  it('gets diagnostics on the offending provider blocks', async () => {
    const output = await validateErrors(
      cli,
      `
provider "pure" {
  array {
    name      = "fa-1"
    type      = "flasharray"
    endpoint  = "127.0.0.1:9"
    api_token = "t"
  }
  array {
    name      = "fa-1"
    type      = "flashblade"
    endpoint  = "127.0.0.1:9"
    api_token = "t"
  }
  array {
    name      = "fa-3"
    type      = "tape"
    endpoint  = "127.0.0.1:9"
  }
}
# A resource keeps the provider in the graph; with none, hosts never validate its configuration.
resource "pure_fleet" "f" {
  name = "f"
}
`,
    );
    expect(output).toMatch(/Duplicate array name[\s\S]*?name\s+= "fa-1"/);
    expect(output).toMatch(/Missing NFS endpoint/);
    expect(output).toMatch(/Invalid attribute value[\s\S]*?type\s+= "tape"/);
  });
});
