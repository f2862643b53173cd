// Two promises of the executable that only a real process shows: StopProvider cancels work in
// flight (a create stuck on a slow array returns at once instead of waiting out its timeouts),
// and the file runs on its own, with no node_modules anywhere above it.

import { copyFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CtyNumber } from '../../../src/provider/cty/number';
import { encodeMsgpack } from '../../../src/provider/cty/msgpack';
import type { CtyValue } from '../../../src/provider/cty/value';
import { UNKNOWN, ctyObject } from '../../../src/provider/cty/value';
import { schemaType } from '../../../src/provider/framework/schema';
import type { GetProviderSchemaResponse } from '../../../src/provider/protocol/messages';
import { providerSchema } from '../../../src/resources/provider-schema';
import { volumeSchema } from '../../../src/resources/volume-schema';
import type { RunningFleet } from '../../../src/simulator';
import { startFleet } from '../../../src/simulator';
import type { LaunchedProvider } from '../../support/plugin-process';
import { PROVIDER_BINARY, call, dial, launchProvider } from '../../support/plugin-process';

jest.setTimeout(60_000);

function object(type: ReturnType<typeof schemaType>, values: Record<string, CtyValue>): CtyValue {
  return ctyObject(Object.keys(type.attributes).map((k) => [k, values[k] ?? null] as const));
}

describe('StopProvider', () => {
  let fleet: RunningFleet;
  let provider: LaunchedProvider;

  beforeAll(async () => {
    fleet = await startFleet(
      { arrays: [{ name: 'slow', type: 'flasharray', capacity: '100TiB' }] },
      { stateDir: mkdtempSync(join(tmpdir(), 'pure-sim-')) },
    );
    provider = await launchProvider();
  });

  afterAll(async () => {
    provider?.kill();
    await fleet?.stop();
  });

  it('cancels a create waiting on a slow array, which then reports the cancellation', async () => {
    const client = dial(provider, 'provider');
    const providerType = schemaType(providerSchema);
    const array = ctyObject(
      Object.keys(
        (providerType.attributes.array as { element: { attributes: object } }).element.attributes,
      ).map((k) => [
        k,
        (
          {
            name: 'slow',
            type: 'flasharray',
            endpoint: fleet.arrays[0]?.mgmtEndpoint,
            api_token: fleet.arrays[0]?.apiToken,
          } as Record<string, CtyValue>
        )[k] ?? null,
      ]),
    );
    const configured = await call<{ diagnostics: unknown[] }>(client, 'ConfigureProvider', {
      terraform_version: '1.8.5',
      config: {
        msgpack: encodeMsgpack(
          object(providerType, { ca_file: fleet.caCertPath, array: [array] }),
          providerType,
        ),
      },
    });
    expect(configured.diagnostics).toEqual([]);

    // Every request to the array now takes 20 s to answer.
    await fleet.control.injectFaults('slow', { latencyMs: 20_000 });
    const type = schemaType(volumeSchema);
    const planned = object(type, {
      name: 'v',
      fleet: 'f',
      size: '10G',
      kind: 'block',
      adopt: false,
      deletion_policy: 'delete',
      destroyed: false,
      array: UNKNOWN,
      id: 'f/v',
      backend_name: 'f-v',
      serial: UNKNOWN,
      // The plan computes the exact byte size once; the create uses it as planned.
      size_bytes: CtyNumber.of(10 * 2 ** 30),
      placement: UNKNOWN,
    });
    const config = object(type, { name: 'v', fleet: 'f', size: '10G' });
    const started = Date.now();
    const applied = call<{
      diagnostics: { severity: string; detail: string }[];
      new_state: { msgpack: Uint8Array };
    }>(client, 'ApplyResourceChange', {
      type_name: 'pure_volume',
      prior_state: { msgpack: Buffer.from([0xc0]) },
      planned_state: { msgpack: encodeMsgpack(planned, type) },
      config: { msgpack: encodeMsgpack(config, type) },
    });
    await new Promise((r) => setTimeout(r, 1000));
    const stopped = await call<{ Error: string }>(dial(provider, 'provider'), 'StopProvider');
    expect(stopped.Error).toBe('');
    const response = await applied;
    // Well before the 20 s the array would have taken: the request was aborted, not awaited.
    expect(Date.now() - started).toBeLessThan(8_000);
    expect(response.diagnostics[0]).toMatchObject({
      severity: 'ERROR',
      detail: expect.stringMatching(/asked the provider to stop/),
    });
    // Nothing was created, so nothing is recorded.
    expect(Buffer.from(response.new_state.msgpack)).toEqual(Buffer.from([0xc0]));
    await fleet.control.resetFaults('slow');
  });
});

describe('the executable on its own', () => {
  it('serves from a directory with no node_modules above it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pure-standalone-'));
    const copy = join(dir, 'terraform-provider-pure_v0.1.0');
    copyFileSync(PROVIDER_BINARY, copy);
    const provider = await launchProvider({ binary: copy, env: { NODE_PATH: '' } });
    try {
      const schema = await call<GetProviderSchemaResponse>(dial(provider, 'provider'), 'GetProviderSchema');
      expect(Object.keys(schema.resource_schemas).sort()).toEqual([
        'pure_fleet',
        'pure_host',
        'pure_host_group',
        'pure_nfs_export_policy',
        'pure_volume',
      ]);
      // And it configures, which loads the fleet layer (axios, yaml) from the bundle too.
      const configured = await call<{ diagnostics: unknown[] }>(
        dial(provider, 'provider'),
        'ConfigureProvider',
        {
          terraform_version: '1.8.5',
          config: {
            msgpack: encodeMsgpack(object(schemaType(providerSchema), {}), schemaType(providerSchema)),
          },
        },
      );
      expect(configured.diagnostics).toEqual([]);
    } finally {
      provider.kill();
    }
  });
});
