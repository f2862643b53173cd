// The provider executable as go-plugin sees it: launch checks, the handshake line, AutoMTLS,
// the go-plugin services, signals, and that bad input never takes the process down.

import { X509Certificate } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { encodeMsgpack } from '../../../src/provider/cty/msgpack';
import { t } from '../../../src/provider/cty/types';
import { MAGIC_COOKIE_KEY, MAGIC_COOKIE_VALUE } from '../../../src/provider/plugin/handshake';
import { createServerCertificate } from '../../../src/provider/plugin/tls';
import type {
  GetProviderSchemaResponse,
  ValidateResourceConfigRequest,
} from '../../../src/provider/protocol/messages';
import type { LaunchedProvider } from '../../support/plugin-process';
import { PROVIDER_BINARY, call, dial, launchProvider } from '../../support/plugin-process';

jest.setTimeout(30_000);

describe('launching the executable', () => {
  it('refuses a launch by hand with a clear message and exit code 1, printing nothing on stdout', () => {
    const result = spawnSync(PROVIDER_BINARY, [], { env: { PATH: process.env.PATH }, encoding: 'utf8' });
    expect(result.status).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/This binary is a plugin/);
    expect(result.stderr).toMatch(/terraform or tofu/);
  });

  it('refuses a host that does not offer protocol 6', () => {
    const result = spawnSync(PROVIDER_BINARY, [], {
      env: {
        PATH: process.env.PATH,
        [MAGIC_COOKIE_KEY]: MAGIC_COOKIE_VALUE,
        PLUGIN_PROTOCOL_VERSIONS: '4,5',
      },
      encoding: 'utf8',
    });
    expect(result.status).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/protocol 6/);
  });
});

describe('a host-launched provider', () => {
  let provider: LaunchedProvider;

  beforeAll(async () => {
    provider = await launchProvider();
  });

  afterAll(() => provider.kill());

  it('prints exactly one handshake line: core 1, protocol 6, unix socket, grpc, unpadded DER certificate', () => {
    const { handshake } = provider;
    expect(provider.stdout()).toBe(handshake.raw);
    expect(handshake.raw.endsWith('\n')).toBe(true);
    expect([handshake.core, handshake.app, handshake.network, handshake.protocol]).toEqual([
      '1',
      '6',
      'unix',
      'grpc',
    ]);
    expect(handshake.certBase64).not.toMatch(/=/);
    const cert = new X509Certificate(Buffer.from(handshake.certBase64, 'base64'));
    expect(cert.subjectAltName).toBe('DNS:localhost');
    // A positive serial: the top bit of the first byte is clear.
    expect(parseInt(cert.serialNumber.slice(0, 2), 16) & 0x80).toBe(0);
    expect(cert.checkIssued(cert)).toBe(true);
  });

  it('answers the health service for "plugin"', async () => {
    const response = await call<{ status: string }>(dial(provider, 'health'), 'Check', { service: 'plugin' });
    expect(response.status).toBe('SERVING');
  });

  it('serves a schema with both resources and the capabilities Terraform relies on', async () => {
    const response = await call<GetProviderSchemaResponse>(dial(provider, 'provider'), 'GetProviderSchema');
    expect(Object.keys(response.resource_schemas).sort()).toEqual([
      'pure_fleet',
      'pure_host',
      'pure_host_group',
      'pure_nfs_export_policy',
      'pure_volume',
    ]);
    expect(response.provider.block).toBeTruthy();
    expect(response.server_capabilities).toMatchObject({
      plan_destroy: true,
      get_provider_schema_optional: true,
    });
  });

  it('refuses a client whose certificate is not the one the host announced', async () => {
    const stranger = await createServerCertificate();
    const client = dial(provider, 'provider', stranger);
    await expect(call(client, 'GetProviderSchema')).rejects.toMatchObject({ code: 14 /* UNAVAILABLE */ });
    // and keeps serving the right one
    const response = await call<GetProviderSchemaResponse>(dial(provider, 'provider'), 'GetProviderSchema');
    expect(response.resource_schemas.pure_volume).toBeTruthy();
  });

  it('refuses a client that presents no certificate at all', async () => {
    const client = dial(provider, 'provider', null);
    await expect(call(client, 'GetProviderSchema')).rejects.toMatchObject({ code: 14 /* UNAVAILABLE */ });
    const response = await call<GetProviderSchemaResponse>(dial(provider, 'provider'), 'GetProviderSchema');
    expect(response.resource_schemas.pure_fleet).toBeTruthy();
  });

  it('turns malformed msgpack into an error diagnostic and keeps serving', async () => {
    const client = dial(provider, 'provider');
    const garbage: ValidateResourceConfigRequest = {
      type_name: 'pure_volume',
      config: { msgpack: Buffer.from([0x85, 0xa4, 0x6e, 0x61, 0xff, 0x00]) },
    };
    const response = await call<{ diagnostics: { severity: string; summary: string }[] }>(
      client,
      'ValidateResourceConfig',
      garbage,
    );
    expect(response.diagnostics).toEqual([
      expect.objectContaining({ severity: 'ERROR', summary: 'Invalid value from Terraform' }),
    ]);

    const wrongShape = encodeMsgpack({ name: 'x' }, t.object({ name: t.string }));
    const second = await call<{ diagnostics: { severity: string }[] }>(client, 'ValidateResourceConfig', {
      type_name: 'pure_volume',
      config: { msgpack: wrongShape },
    });
    expect(second.diagnostics[0]?.severity).toBe('ERROR');

    const unknownType = await call<{ diagnostics: { summary: string }[] }>(client, 'ValidateResourceConfig', {
      type_name: 'pure_nothing',
      config: { msgpack: wrongShape },
    });
    expect(unknownType.diagnostics[0]?.summary).toBe('Unknown resource type');

    const schema = await call<GetProviderSchemaResponse>(client, 'GetProviderSchema');
    expect(schema.resource_schemas.pure_fleet).toBeTruthy();
  });

  it('survives bytes that are not protobuf at all', async () => {
    const client = dial(provider, 'provider');
    const raw = await new Promise<{ code?: number }>((resolve) => {
      client.makeUnaryRequest(
        '/tfplugin6.Provider/ValidateResourceConfig',
        (b: Buffer) => b,
        (b: Buffer) => b,
        Buffer.from([0xff, 0xff, 0xff, 0xff, 0x0f]),
        (err) => resolve(err ?? {}),
      );
    });
    expect(raw.code).toBeDefined();
    const schema = await call<GetProviderSchemaResponse>(client, 'GetProviderSchema');
    expect(schema.resource_schemas.pure_volume).toBeTruthy();
  });

  it('ignores SIGINT (the host turns Ctrl-C into StopProvider)', async () => {
    provider.child.kill('SIGINT');
    await new Promise((r) => setTimeout(r, 200));
    const response = await call<{ Error: string }>(dial(provider, 'provider'), 'StopProvider');
    expect(response.Error).toBe('');
    const schema = await call<GetProviderSchemaResponse>(dial(provider, 'provider'), 'GetProviderSchema');
    expect(schema.provider.block).toBeTruthy();
  });
});

describe('listeners', () => {
  it('puts its unix socket in PLUGIN_UNIX_SOCKET_DIR and removes it on Shutdown, exiting promptly', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pure-sock-'));
    const provider = await launchProvider({ env: { PLUGIN_UNIX_SOCKET_DIR: dir } });
    expect(provider.handshake.address.startsWith(dir)).toBe(true);
    expect(readdirSync(dir)).toHaveLength(1);
    const started = Date.now();
    await call(dial(provider, 'controller'), 'Shutdown');
    expect(await provider.exited).toBe(0);
    // The host waits for the exit after Shutdown (go-plugin gives it 2 s, then kills it); lingering
    // would stall every Terraform command. The bound is that grace, not a speed target: a loaded
    // machine takes a few hundred ms to schedule the exit.
    expect(Date.now() - started).toBeLessThan(2000);
    expect(readdirSync(dir)).toHaveLength(0);
  });

  it('listens on 127.0.0.1 over TCP when asked', async () => {
    const provider = await launchProvider({ env: { PURE_PROVIDER_NETWORK: 'tcp' } });
    try {
      expect(provider.handshake.network).toBe('tcp');
      expect(provider.handshake.address).toMatch(/^127\.0\.0\.1:\d+$/);
      const schema = await call<GetProviderSchemaResponse>(dial(provider, 'provider'), 'GetProviderSchema');
      expect(schema.resource_schemas.pure_fleet).toBeTruthy();
    } finally {
      provider.kill();
    }
  });
});
