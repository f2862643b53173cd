// A fleet that mixes both ways to log in, through real Terraform and OpenTofu: a FlashArray whose
// array block has an api_client with its private key in a file, a FlashBlade whose key comes from
// the environment, and a FlashArray with an API token. The plan reads every array's telemetry, a
// volume pinned to the API-client FlashArray is created there, and a key the array does not know
// is a plan-time error on that array's api_client block.

import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FleetDescription, RunningFleet } from '../../src/simulator';
import { startFleet } from '../../src/simulator';
import type { CliName } from './harness/workspace';
import { CLI_NAMES, Workspace, e2eSetup } from './harness/workspace';

jest.setTimeout(300_000);

const FLEET: FleetDescription = {
  name: 'mixed',
  arrays: [
    { name: 'fa-client', type: 'flasharray', capacity: '10TiB' },
    { name: 'fb-client', type: 'flashblade', capacity: '10TiB' },
    { name: 'fa-token', type: 'flasharray', capacity: '10TiB' },
  ],
};

const keys = generateKeyPairSync('rsa', { modulusLength: 2048 });
const privatePem = keys.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
const strangerPem = generateKeyPairSync('rsa', { modulusLength: 2048 })
  .privateKey.export({ type: 'pkcs8', format: 'pem' })
  .toString();

function apiClient(name: string, keyLine: string): string {
  return `    api_client {\n      client_id = "client-${name}"\n      key_id    = "key-${name}"\n      issuer    = "terraform"\n      user      = "pureuser"\n${keyLine}    }\n`;
}

function config(fleet: RunningFleet, keyFile: string): string {
  const [fa, fb, token] = fleet.arrays;
  return `terraform {
  required_providers {
    pure = { source = "pure-fleet/pure" }
  }
}
provider "pure" {
  ca_file = "${fleet.caCertPath}"
  array {
    name     = "fa-client"
    type     = "flasharray"
    endpoint = "${fa!.mgmtEndpoint}"
${apiClient('fa-client', `      private_key_file = "${keyFile}"\n`)}  }
  array {
    name         = "fb-client"
    type         = "flashblade"
    endpoint     = "${fb!.mgmtEndpoint}"
    nfs_endpoint = "${fb!.nfsEndpoint}"
${apiClient('fb-client', '')}  }
  array {
    name      = "fa-token"
    type      = "flasharray"
    endpoint  = "${token!.mgmtEndpoint}"
    api_token = "${token!.apiToken}"
  }
}
resource "pure_fleet" "f" {
  name = "mixed"
}
resource "pure_volume" "v" {
  fleet = pure_fleet.f.name
  name  = "v1"
  size  = "10G"
  array = "fa-client"
}
data "pure_fleet" "live" {}
output "reachable" {
  value = { for a in data.pure_fleet.live.arrays : a.name => a.reachable }
}
`;
}

describe.each(CLI_NAMES)('a fleet mixing API clients and API tokens with %s', (cli: CliName) => {
  let fleet: RunningFleet;
  let workspace: Workspace;
  let dir: string;

  beforeAll(async () => {
    fleet = await startFleet(FLEET, { stateDir: mkdtempSync(join(tmpdir(), 'pure-sim-')) });
    const publicKey = keys.publicKey.export({ type: 'spki', format: 'pem' }).toString();
    for (const name of ['fa-client', 'fb-client']) {
      await fleet.control.registerApiClient(name, {
        id: `client-${name}`,
        keyId: `key-${name}`,
        issuer: 'terraform',
        publicKey,
      });
    }
    dir = mkdtempSync(join(tmpdir(), 'pure-keys-'));
    writeFileSync(join(dir, 'good.pem'), privatePem, { mode: 0o600 });
    writeFileSync(join(dir, 'stranger.pem'), strangerPem, { mode: 0o600 });
    workspace = new Workspace(cli, e2eSetup(), { PURE_API_CLIENT_KEY_FB_CLIENT: privatePem });
    workspace.writeConfig(config(fleet, join(dir, 'good.pem')));
    await workspace.init();
  });

  afterAll(async () => {
    workspace?.dispose();
    await fleet?.stop();
  });

  it('reads every array and creates a volume on the API-client array', async () => {
    const state = await workspace.applyStep();
    const volume = state.find((r) => r.address === 'pure_volume.v');
    expect(volume?.values.array).toBe('fa-client');
    const out = await workspace.run(['output', '-json', 'reachable']);
    expect(JSON.parse(out.stdout)).toEqual({ 'fa-client': true, 'fb-client': true, 'fa-token': true });
    // The API clients exchanged tokens and never used the api-token login.
    const counts = (await fleet.control.counters('fa-client')).endpoints;
    expect(counts['POST /oauth2/1.0/token']?.byStatus['200']).toBeGreaterThan(0);
    expect(Object.keys(counts).filter((k) => k.endsWith('/login'))).toEqual([]);
  });

  it("reports a key the array does not know on that array's api_client block", async () => {
    workspace.writeConfig(config(fleet, join(dir, 'stranger.pem')));
    const plan = await workspace.run(['plan', '-input=false', '-no-color'], { allowFailure: true });
    expect(plan.code).toBe(1);
    expect(plan.stderr).toMatch(/Array "fa-client" refused its credentials/);
    expect(plan.stderr).toMatch(/invalid_client/);
    expect(plan.stderr).toMatch(/in provider "pure":\s*\n\s*\d+:\s*api_client \{/);
    expect(plan.stderr).not.toMatch(/fb-client|fa-token/);
    expect(plan.stderr).not.toMatch(/PRIVATE KEY/);
    workspace.writeConfig(config(fleet, join(dir, 'good.pem')));
  });

  it('destroys what it created', async () => {
    await workspace.destroy();
    expect((await workspace.state()).filter((r) => !r.address.startsWith('data.'))).toEqual([]);
  });
});
