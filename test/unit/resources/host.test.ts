// pure_host's refresh against in-process fake FlashArrays (the e2e test drives the real
// simulator): state keeps the ports last applied, an array whose host has other ports or another
// personality drops out of `arrays`, the same on every refresh, and an unreadable array keeps what
// state says about it.

import { PureApiError } from '../../../src/fleet/rest/errors';
import type { Query, RequestOptions, RestTransport } from '../../../src/fleet/rest/session';
import { Diagnostics } from '../../../src/provider/framework/diagnostics';
import { silentLogger } from '../../../src/provider/log';
import { hostResource } from '../../../src/resources/host';
import type { PureProviderData } from '../../../src/resources/provider-data';

interface FakeHost {
  owner?: string;
  iqns: string[];
  personality?: string;
}

/** One FlashArray's hosts, answering the reads a refresh makes. */
class FakeArray implements RestTransport {
  readonly kind = 'flasharray' as const;
  readonly apiVersion = '2.56';
  readonly hosts = new Map<string, FakeHost>();
  down = false;

  constructor(readonly arrayName: string) {}

  negotiatedVersion(): Promise<string> {
    return Promise.resolve(this.apiVersion);
  }

  async request<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
    if (this.down) throw new Error(`${this.arrayName} is unreachable`);
    const name = (options.query as Record<string, string>).names as string;
    if (`${method} ${path}` !== 'GET hosts') throw new Error(`unexpected ${method} ${path}`);
    const h = this.hosts.get(name);
    if (!h)
      throw new PureApiError(this.arrayName, method, path, 400, [{ message: `${name} does not exist.` }]);
    return {
      items: [
        { name, iqns: h.iqns, nqns: [], wwns: [], ...(h.personality ? { personality: h.personality } : {}) },
      ],
    } as T;
  }

  async listAll<T>(path: string, query: Query = {}): Promise<T[]> {
    if (path !== 'hosts/tags') throw new Error(`unexpected list ${path}`);
    const owner = this.hosts.get(query.resource_names as string)?.owner;
    return (owner ? [{ namespace: 'terraform-pure', key: 'fleet', value: owner }] : []) as T[];
  }
}

function fleetOf(arrays: FakeArray[]): PureProviderData {
  return {
    fleet: {
      members: arrays.map((a) => ({ name: a.arrayName, kind: 'flasharray' })),
      session: (name: string) => arrays.find((a) => a.arrayName === name),
    },
  } as unknown as PureProviderData;
}

const IQN = 'iqn.1994-05.com.redhat:web1';
const STATE = {
  fleet: 'f',
  name: 'web1',
  iqns: [IQN],
  nqns: null,
  wwns: null,
  personality: null,
  adopt: false,
  id: 'f/web1',
  arrays: ['fa-1', 'fa-2', 'fa-3'],
};

function arraysWithWeb1(): FakeArray[] {
  return ['fa-1', 'fa-2', 'fa-3'].map((n) => {
    const a = new FakeArray(n);
    a.hosts.set('web1', { owner: 'f', iqns: [IQN.toUpperCase()] }); // ports compare case-blind
    return a;
  });
}

async function read(
  data: PureProviderData,
  state: typeof STATE,
): Promise<{ result: unknown; diags: Diagnostics }> {
  const diags = new Diagnostics();
  const result = await hostResource.read({ state } as never, {
    diags,
    logger: silentLogger,
    signal: new AbortController().signal,
    providerData: data,
  });
  return { result, diags };
}

describe('pure_host refresh', () => {
  test('a host as applied on every array keeps every array', async () => {
    const { result, diags } = await read(fleetOf(arraysWithWeb1()), STATE);
    expect(diags.all).toEqual([]);
    expect(result).toEqual(STATE);
  });

  test('an out-of-band IQN or personality change drops that array, on every refresh alike', async () => {
    const arrays = arraysWithWeb1();
    (arrays[1] as FakeArray).hosts.set('web1', { owner: 'f', iqns: ['iqn.1994-05.com.redhat:other'] });
    (arrays[2] as FakeArray).hosts.set('web1', { owner: 'f', iqns: [IQN], personality: 'esxi' });
    let state = STATE;
    for (let i = 0; i < 2; i++) {
      const { result } = await read(fleetOf(arrays), state);
      expect(result).toEqual({ ...STATE, arrays: ['fa-1'] });
      state = result as typeof STATE;
    }
  });

  test('a host gone or unmarked drops its array; an unreadable array stays as in state, with a warning', async () => {
    const arrays = arraysWithWeb1();
    (arrays[0] as FakeArray).down = true;
    (arrays[1] as FakeArray).hosts.delete('web1');
    delete ((arrays[2] as FakeArray).hosts.get('web1') as FakeHost).owner;
    const { result, diags } = await read(fleetOf(arrays), STATE);
    expect(result).toEqual({ ...STATE, arrays: ['fa-1'] });
    expect(diags.all.map((d) => [d.severity, d.summary, d.detail])).toEqual([
      ['warning', 'Array "fa-1" not read', 'fa-1 is unreachable. Its host registration stays as in state.'],
    ]);
  });
});
