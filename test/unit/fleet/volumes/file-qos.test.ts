// The file-volume QoS rules (src/fleet/volumes/flashblade-qos.ts) against an in-process fake
// FlashBlade transport, for what the simulator does not do: an array that ignores or refuses null
// as "no limit" gets the policy made again without the limit. The simulator (which takes null, as
// the spec names it) is driven in test/integration/fleet/file-volume-qos.test.ts and the e2e tests.

import { fileQosPolicyName, qosPolicyPrefix } from '../../../../src/fleet/clients/flashblade-qos';
import { PureApiError } from '../../../../src/fleet/rest/errors';
import type { RequestOptions, RestTransport } from '../../../../src/fleet/rest/session';
import { qosNeedsChange, reconcileFileQos } from '../../../../src/fleet/volumes/flashblade-qos';

interface Policy {
  id: string;
  name: string;
  enabled: boolean;
  max_total_ops_per_sec?: number;
  max_total_bytes_per_sec?: number;
}

/** A FlashBlade at 2.28 whose PATCH qos-policies treats null as `mode` says. */
class FakeFlashBlade implements RestTransport {
  readonly arrayName = 'fb-fake';
  readonly kind = 'flashblade' as const;
  readonly apiVersion = '2.28';
  readonly calls: string[] = [];
  readonly policies = new Map<string, Policy>();
  attached: string | undefined;
  private next = 1;

  constructor(private readonly mode: 'ignores-null' | 'refuses-null') {}

  negotiatedVersion(): Promise<string> {
    return Promise.resolve(this.apiVersion);
  }

  listAll<T>(): Promise<T[]> {
    return Promise.resolve([...this.policies.values()] as T[]);
  }

  async request<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
    this.calls.push(`${method} ${path}`);
    const name = String(options.query?.names ?? '');
    const body = (options.body ?? {}) as Record<string, unknown>;
    if (path === 'file-systems') {
      const ref = (body.qos_policy as { name: string }).name;
      this.attached = ref === '' ? undefined : ref;
      return { items: [{ id: 'fs-id', name }] } as T;
    }
    const p = this.policies.get(name);
    switch (method) {
      case 'GET':
        if (!p)
          throw new PureApiError(this.arrayName, method, path, 400, [{ message: 'Policy does not exist.' }]);
        return { items: [p] } as T;
      case 'POST': {
        const created: Policy = { id: `p${this.next++}`, name, enabled: true, ...body };
        this.policies.set(name, created);
        return { items: [created] } as T;
      }
      case 'PATCH': {
        if (!p) throw new Error('no such policy');
        const hasNull = Object.values(body).some((v) => v === null);
        if (hasNull && this.mode === 'refuses-null')
          throw new PureApiError(this.arrayName, method, path, 400, [{ message: 'Invalid value: null' }]);
        for (const [k, v] of Object.entries(body))
          if (v !== null) (p as unknown as Record<string, unknown>)[k] = v;
        return { items: [p] } as T;
      }
      case 'DELETE':
        if (this.attached === name)
          throw new PureApiError(this.arrayName, method, path, 400, [{ message: 'in use' }]);
        this.policies.delete(name);
        return {} as T;
      default:
        throw new Error(method);
    }
  }
}

const fs = { name: 'prod-data', id: 'fs-id' };
const own = fileQosPolicyName(fs);

test('policy names: the fleet prefix, then the file system id; "_" of a fleet name written "-"', () => {
  expect(own).toBe('prod-qos-fs-id');
  expect(fileQosPolicyName({ name: 'prod_a-x_y', id: 'abc' })).toBe('prod-a-qos-abc');
  expect(qosPolicyPrefix('prod_a-')).toBe('prod-a-qos-');
});

test('a change is needed when the limits differ, or when limits are held by a policy not the fleet’s own', () => {
  const none = { iopsLimit: null, bandwidthLimit: null };
  const some = { iopsLimit: 500, bandwidthLimit: null };
  expect(qosNeedsChange({ ...fs, qos: none }, none)).toBe(false);
  expect(qosNeedsChange({ ...fs, qos: none, qosPolicy: 'someone-else' }, none)).toBe(true);
  expect(qosNeedsChange({ ...fs, qos: some, qosPolicy: own.toUpperCase() }, some)).toBe(false);
  expect(qosNeedsChange({ ...fs, qos: some, qosPolicy: 'gold' }, some)).toBe(true);
  expect(qosNeedsChange({ ...fs, qos: some, qosPolicy: own }, { iopsLimit: 600, bandwidthLimit: null })).toBe(
    true,
  );
});

test.each(['ignores-null', 'refuses-null'] as const)(
  'an array that %s gets the policy made again with only the limit kept',
  async (mode) => {
    const array = new FakeFlashBlade(mode);
    const both = { iopsLimit: 5000, bandwidthLimit: 2 ** 30 };
    await reconcileFileQos(array, { ...fs, qos: { iopsLimit: null, bandwidthLimit: null } }, both);
    expect(array.attached).toBe(own);
    expect(array.policies.get(own)).toMatchObject({
      max_total_ops_per_sec: 5000,
      max_total_bytes_per_sec: 2 ** 30,
    });
    const firstId = array.policies.get(own)?.id;

    array.calls.length = 0;
    await reconcileFileQos(
      array,
      { ...fs, qos: both, qosPolicy: own },
      { iopsLimit: 5000, bandwidthLimit: null },
    );
    const policy = array.policies.get(own);
    expect(policy?.max_total_ops_per_sec).toBe(5000);
    expect(policy).not.toHaveProperty('max_total_bytes_per_sec');
    expect(policy?.id).not.toBe(firstId);
    expect(array.attached).toBe(own);
    expect(array.calls).toEqual([
      'GET qos-policies',
      'PATCH qos-policies',
      'PATCH file-systems',
      'DELETE qos-policies',
      'POST qos-policies',
      'PATCH file-systems',
    ]);
  },
);
