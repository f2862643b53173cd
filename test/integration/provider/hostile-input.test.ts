// The small inputs that once froze or killed the provider process (issue 14), and their
// neighbours, sent over its real gRPC interface. Each is timed against a small input of the same
// shape on the same process, and must stay within a generous multiple of it: the quadratic scans
// took seconds where a request takes a millisecond, so a ratio catches them on any machine
// without asserting an absolute time. The process's memory must stay bounded throughout.

import { readFileSync } from 'node:fs';
import { Encoder, ExtData } from '@msgpack/msgpack';
import type { LaunchedProvider } from '../../support/plugin-process';
import { call, dial, launchProvider } from '../../support/plugin-process';
import type { GenericClient } from '../../support/plugin-process';
import { refinementBytes } from '../../support/fuzz/inputs';
import { objectOf } from '../../support/schema-objects';
import { providerSchema } from '../../../src/resources/provider-schema';
import { volumeSchema } from '../../../src/resources/volume-schema';

jest.setTimeout(60_000);

/** How many times slower than the small input of its shape a hostile input may be answered. */
const RATIO = 30;
const LONG = 150_000;

const encoder = new Encoder({ useBigInt64: true });

type Diagnostic = {
  severity: string;
  summary: string;
  detail: string;
  attribute?: { steps: { attribute_name?: string }[] };
};

/** The attribute names of a diagnostic's path. */
const pathOf = (d: Diagnostic | undefined): string[] =>
  (d?.attribute?.steps ?? []).map((s) => s.attribute_name ?? '');

function rssKiB(pid: number): number {
  const match = /^VmRSS:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return Number(match?.[1] ?? 0);
}

/** Best of five: the least disturbed by whatever else the machine runs. */
async function bestMs(send: () => Promise<unknown>): Promise<number> {
  let best = Infinity;
  for (let i = 0; i < 5; i++) {
    const started = performance.now();
    await send();
    best = Math.min(best, performance.now() - started);
  }
  return best;
}

const VOLUME = objectOf(volumeSchema, { name: 'v1', fleet: 'f', size: '10G' });

const PROVIDER = objectOf(providerSchema);

function member(endpoint: string): Record<string, unknown> {
  return objectOf(providerSchema.blocks.array, {
    name: 'fa-1',
    type: 'flasharray',
    endpoint,
    api_token: 't',
  });
}

/** An unknown refined with a fixed length (go-cty's ext 12: not null, length bounds). */
function fixedLength(length: number): ExtData {
  return new ExtData(
    12,
    refinementBytes([
      [1, false],
      [5, length],
      [6, length],
    ]),
  );
}

describe('hostile inputs are answered within a small multiple of a normal request', () => {
  let provider: LaunchedProvider;
  let client: GenericClient;

  beforeAll(async () => {
    provider = await launchProvider();
    client = dial(provider, 'provider');
  });

  afterAll(() => provider.kill());

  const validateVolume = (fields: Record<string, unknown>) => () =>
    call<{ diagnostics: Diagnostic[] }>(client, 'ValidateResourceConfig', {
      type_name: 'pure_volume',
      config: { msgpack: encoder.encode({ ...VOLUME, ...fields }) },
    });
  const validateProvider = (fields: Record<string, unknown>) => () =>
    call<{ diagnostics: Diagnostic[] }>(client, 'ValidateProviderConfig', {
      config: { msgpack: encoder.encode({ ...PROVIDER, ...fields }) },
    });
  const upgradeVolume = (sizeBytesLiteral: string) => () =>
    call<{ diagnostics: Diagnostic[] }>(client, 'UpgradeResourceState', {
      type_name: 'pure_volume',
      version: 0,
      raw_state: {
        json: Buffer.from(`{"name":"v1","fleet":"f","size":"10G","size_bytes":${sizeBytesLiteral}}`),
      },
    });

  async function expectBounded(
    small: () => Promise<{ diagnostics: Diagnostic[] }>,
    hostile: () => Promise<{ diagnostics: Diagnostic[] }>,
  ): Promise<Diagnostic[]> {
    const rssBefore = rssKiB(provider.child.pid as number);
    const base = await bestMs(small);
    const slow = await bestMs(hostile);
    expect(slow).toBeLessThan(Math.max(base, 1) * RATIO);
    // Memory: no allocation proportional to a length the input only claims.
    expect(rssKiB(provider.child.pid as number) - rssBefore).toBeLessThan(64 * 1024);
    return (await hostile()).diagnostics;
  }

  test.each([
    ['1 followed by zeros and a 1', `1${'0'.repeat(LONG)}1`],
    ['1 followed by zeros', `1${'0'.repeat(LONG)}`],
    ['zeros after a decimal point', `0.${'0'.repeat(LONG)}1`],
    ['nines', '9'.repeat(LONG)],
    ['digits and then a letter', `${'1'.repeat(LONG)}x`],
  ])('a number sent as decimal text: %s', async (_name, text) => {
    const diagnostics = await expectBounded(
      validateProvider({ request_timeout_seconds: '30' }),
      validateProvider({ request_timeout_seconds: text }),
    );
    expect(diagnostics.length).toBeGreaterThan(0);
    for (const d of diagnostics) {
      expect(d.severity).toBe('ERROR');
      expect(pathOf(d)).toEqual(['request_timeout_seconds']);
      expect(d.detail.length).toBeLessThan(400);
    }
  });

  test.each([
    ['1 followed by zeros and a 1', `1${'0'.repeat(LONG)}1`],
    ['1 followed by zeros', `1${'0'.repeat(LONG)}`],
  ])('a raw-state JSON number: %s', async (_name, literal) => {
    const diagnostics = await expectBounded(upgradeVolume('1073741824'), upgradeVolume(literal));
    for (const d of diagnostics) expect(d.detail.length).toBeLessThan(400);
  });

  test.each([
    ['"1" followed by spaces and a letter', `1${' '.repeat(LONG)}x`],
    ['"1" followed by spaces', `1${' '.repeat(LONG)}`],
    ['spaces, then "1G"', `${' '.repeat(LONG)}1G`],
    ['"1" followed by spaces and a unit', `1${' '.repeat(LONG)}G`],
    ['digits', '1'.repeat(LONG)],
  ])('a volume size: %s', async (_name, size) => {
    const diagnostics = await expectBounded(validateVolume({ size: '10G' }), validateVolume({ size }));
    expect(diagnostics.map((d) => [d.severity, d.summary, pathOf(d)])).toEqual([
      ['ERROR', 'Invalid volume size', ['size']],
    ]);
    expect(diagnostics[0]?.detail.length).toBeLessThan(400);
  });

  test.each([
    ['slashes and then a letter', `127.0.0.1:9${'/'.repeat(LONG)}x`],
    ['slashes', `127.0.0.1:9${'/'.repeat(LONG)}`],
    ['spaces and then a letter', `127.0.0.1:9${' '.repeat(LONG)}x`],
  ])('an array endpoint: %s', async (_name, endpoint) => {
    const configure = (value: string) => async () => {
      const response = await call<{ diagnostics: Diagnostic[] }>(client, 'ConfigureProvider', {
        terraform_version: '1.11.4',
        config: { msgpack: encoder.encode({ ...PROVIDER, array: [member(value)] }) },
      });
      // The endpoint is used after the answer too (logins start in the background): the process
      // must answer the next request as fast.
      await call(client, 'GetMetadata');
      return response;
    };
    await expectBounded(configure('127.0.0.1:9'), configure(endpoint));
    await expectBounded(
      validateProvider({ array: [member('127.0.0.1:9')] }),
      validateProvider({ array: [member(endpoint)] }),
    );
  });

  test.each([
    ['2^32 - 1 (the SIGABRT)', 4_294_967_295],
    ['100,000,000 (2.2 GB)', 100_000_000],
    ['just past the item limit', 250_001],
    ['2^53', 2 ** 53],
  ])('a list refined to a fixed length of %s', async (_name, length) => {
    const diagnostics = await expectBounded(
      validateProvider({ array: fixedLength(1) }),
      validateProvider({ array: fixedLength(length) }),
    );
    expect(diagnostics.filter((d) => d.severity === 'ERROR')).toEqual([]);
  });

  test.each([
    ['a map', { array_labels: fixedLength(4_294_967_295) }],
    [
      'a string prefix of 1,000 characters',
      { name: new ExtData(12, refinementBytes([[2, 'v'.repeat(1000)]])) },
    ],
  ])('refinements on %s', async (_name, fields) => {
    await expectBounded(validateVolume({}), validateVolume(fields));
  });

  test('deep nesting and lying headers are refused with a diagnostic, quickly', async () => {
    const raw = (bytes: Uint8Array) => () =>
      call<{ diagnostics: Diagnostic[] }>(client, 'ValidateResourceConfig', {
        type_name: 'pure_volume',
        config: { msgpack: bytes },
      });
    for (const bytes of [
      new Uint8Array(1_000_000).fill(0x91),
      Uint8Array.of(0xdd, 0xff, 0xff, 0xff, 0xff),
      Uint8Array.of(0xdb, 0xff, 0xff, 0xff, 0xff),
    ]) {
      const diagnostics = await expectBounded(raw(encoder.encode(VOLUME)), raw(bytes));
      expect(diagnostics).toEqual([expect.objectContaining({ summary: 'Invalid value from Terraform' })]);
    }
  });
});

describe('validation says what a user should see, never a caught TypeError', () => {
  let provider: LaunchedProvider;
  let client: GenericClient;

  beforeAll(async () => {
    provider = await launchProvider();
    client = dial(provider, 'provider');
  });

  afterAll(() => provider.kill());

  const internal = (diagnostics: Diagnostic[]): Diagnostic[] =>
    diagnostics.filter((d) =>
      /Unexpected|TypeError|Provider bug|undefined|null \(reading/.test(`${d.summary} ${d.detail}`),
    );

  test('a null provider configuration is an absent provider block: nothing to report', async () => {
    const response = await call<{ diagnostics: Diagnostic[] }>(client, 'ValidateProviderConfig', {
      config: null,
    });
    expect(response.diagnostics).toEqual([]);
    const msgpackNull = await call<{ diagnostics: Diagnostic[] }>(client, 'ValidateProviderConfig', {
      config: { msgpack: Uint8Array.of(0xc0) },
    });
    expect(msgpackNull.diagnostics).toEqual([]);
  });

  test('an absurd request_timeout_seconds is refused by ConfigureProvider on its attribute', async () => {
    const response = await call<{ diagnostics: Diagnostic[] }>(client, 'ConfigureProvider', {
      terraform_version: '1.11.4',
      config: { msgpack: encoder.encode({ ...PROVIDER, request_timeout_seconds: 1e300 }) },
    });
    expect(response.diagnostics.map((d) => [d.severity, d.summary, pathOf(d)])).toEqual([
      ['ERROR', 'Invalid attribute value', ['request_timeout_seconds']],
    ]);
    expect(provider.stderr()).not.toMatch(/TimeoutOverflowWarning/);
  });

  test('a pure_fleet state whose members are not a list is refused on members', async () => {
    await call(client, 'ConfigureProvider', {
      terraform_version: '1.11.4',
      config: { msgpack: encoder.encode({ ...PROVIDER, array: [member('127.0.0.1:9')] }) },
    });
    const fleet = (members: unknown) => ({ msgpack: encoder.encode({ name: 'f', id: 'f', members }) });
    for (const members of [new ExtData(0, Uint8Array.of(0)), [new ExtData(0, Uint8Array.of(0))]]) {
      for (const [method, request] of [
        ['ReadResource', { type_name: 'pure_fleet', current_state: fleet(members) }],
        [
          'PlanResourceChange',
          {
            type_name: 'pure_fleet',
            prior_state: fleet(members),
            proposed_new_state: fleet(members),
            config: { msgpack: encoder.encode({ name: 'f', id: null, members: null }) },
          },
        ],
      ] as const) {
        const response = await call<{ diagnostics: Diagnostic[] }>(client, method, request);
        expect(internal(response.diagnostics)).toEqual([]);
        expect(response.diagnostics).toEqual([
          expect.objectContaining({ severity: 'ERROR', summary: 'Invalid value from Terraform' }),
        ]);
        expect(JSON.stringify(response.diagnostics[0]?.attribute)).toContain('members');
      }
    }
    const text = await call<{ diagnostics: Diagnostic[] }>(client, 'ReadResource', {
      type_name: 'pure_fleet',
      current_state: fleet('not a list'),
    });
    expect(internal(text.diagnostics)).toEqual([]);
    expect(text.diagnostics[0]?.summary).toBe('Invalid value from Terraform');
  });
});
