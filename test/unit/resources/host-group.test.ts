// pure_host_group's rules against in-process fake FlashArrays (the e2e test drives the real
// simulator): every array is checked before the first write; a foreign group or a member that
// cannot join is an error on its attribute with nothing written anywhere; membership drift drops
// the array from `arrays` and stays visible on every refresh; delete touches only the fleet's
// groups. Plus the connection-row rule: a row naming a host group is the group's, not a host's.

import { targetsOf, type FlashArrayConnection } from '../../../src/fleet/clients/flasharray-connections';
import { PureApiError } from '../../../src/fleet/rest/errors';
import type { Query, RequestOptions, RestTransport } from '../../../src/fleet/rest/session';
import { Diagnostics } from '../../../src/provider/framework/diagnostics';
import { silentLogger } from '../../../src/provider/log';
import { hostGroupResource } from '../../../src/resources/host-group';
import { namesValidator } from '../../../src/resources/host-group-schema';
import type { PureProviderData } from '../../../src/resources/provider-data';

interface FakeGroup {
  owner?: string;
  connections: number;
}
interface FakeHost {
  owner?: string;
  group?: string;
}

/** One FlashArray's hosts and host groups, answering the calls the host group client makes. */
class FakeArray implements RestTransport {
  readonly kind = 'flasharray' as const;
  readonly apiVersion = '2.56';
  readonly groups = new Map<string, FakeGroup>();
  readonly hosts = new Map<string, FakeHost>();
  readonly writes: string[] = [];

  constructor(readonly arrayName: string) {}

  negotiatedVersion(): Promise<string> {
    return Promise.resolve(this.apiVersion);
  }

  private missing(method: string, path: string, name: string): PureApiError {
    return new PureApiError(this.arrayName, method, path, 400, [{ message: `${name} does not exist.` }]);
  }

  private members(group: string): string[] {
    return [...this.hosts].filter(([, h]) => h.group === group).map(([n]) => n);
  }

  async request<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
    const q = (options.query ?? {}) as Record<string, string>;
    if (method !== 'GET') this.writes.push(`${method} ${path}`);
    const list = (k: string): string[] => (q[k] ?? '').split(',').filter(Boolean);
    switch (`${method} ${path}`) {
      case 'GET host-groups': {
        const g = this.groups.get(q.names as string);
        if (!g) throw this.missing(method, path, q.names as string);
        return { items: [{ name: q.names, connection_count: g.connections }] } as T;
      }
      case 'GET hosts': {
        const h = this.hosts.get(q.names as string);
        if (!h) throw this.missing(method, path, q.names as string);
        return { items: [{ name: q.names, ...(h.group ? { host_group: { name: h.group } } : {}) }] } as T;
      }
      case 'POST host-groups': {
        const tags = (options.body as { tags?: { value: string }[] }).tags ?? [];
        this.groups.set(q.names as string, { owner: tags[0]?.value, connections: 0 });
        return { items: [{ name: q.names }] } as T;
      }
      case 'PUT host-groups/tags/batch':
        (this.groups.get(q.resource_names as string) as FakeGroup).owner = (
          options.body as { value: string }[]
        )[0]?.value;
        return {} as T;
      case 'POST host-groups/hosts':
        for (const h of list('member_names')) (this.hosts.get(h) as FakeHost).group = q.group_names;
        return {} as T;
      case 'DELETE host-groups/hosts':
        for (const h of list('member_names')) delete (this.hosts.get(h) as FakeHost).group;
        return {} as T;
      case 'DELETE host-groups':
        this.groups.delete(q.names as string);
        return {} as T;
      default:
        throw new Error(`unexpected ${method} ${path}`);
    }
  }

  async listAll<T>(path: string, query: Query = {}): Promise<T[]> {
    const name = (query.resource_names ?? query.group_names) as string;
    if (path === 'host-groups/tags') {
      const owner = this.groups.get(name)?.owner;
      return (owner ? [{ namespace: 'terraform-pure', key: 'fleet', value: owner }] : []) as T[];
    }
    if (path === 'hosts/tags') {
      const owner = this.hosts.get(name)?.owner;
      return (owner ? [{ namespace: 'terraform-pure', key: 'fleet', value: owner }] : []) as T[];
    }
    if (path === 'host-groups/hosts')
      return this.members(name).map((m) => ({ group: { name }, member: { name: m } })) as T[];
    throw new Error(`unexpected list ${path}`);
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

/** Arrays with the fleet's hosts h1 and h2 registered on each. */
function arraysWithHosts(names: string[]): FakeArray[] {
  return names.map((n) => {
    const a = new FakeArray(n);
    for (const h of ['h1', 'h2']) a.hosts.set(h, { owner: 'f' });
    return a;
  });
}

const PLAN = { fleet: 'f', name: 'cluster', hosts: ['h1', 'h2'], adopt: false, id: null, arrays: null };

async function run<T>(
  data: PureProviderData,
  step: (ctx: Parameters<typeof hostGroupResource.create>[1]) => Promise<T>,
): Promise<{ result: T; diags: Diagnostics }> {
  const diags = new Diagnostics();
  const result = await step({
    diags,
    logger: silentLogger,
    signal: new AbortController().signal,
    providerData: data,
  });
  return { result, diags };
}

describe('pure_host_group', () => {
  test('creates the group with its members and the mark on every array', async () => {
    const arrays = arraysWithHosts(['fa-1', 'fa-2']);
    const { result, diags } = await run(fleetOf(arrays), (ctx) =>
      hostGroupResource.create({ plan: PLAN, config: PLAN } as never, ctx),
    );
    expect(diags.all).toEqual([]);
    expect(result).toMatchObject({ id: 'f/cluster', arrays: ['fa-1', 'fa-2'] });
    for (const a of arrays) {
      expect(a.groups.get('cluster')?.owner).toBe('f');
      expect([...a.hosts.values()].map((h) => h.group)).toEqual(['cluster', 'cluster']);
    }
  });

  test('a foreign group on one array, or a member in another group, fails with nothing written anywhere', async () => {
    const arrays = arraysWithHosts(['fa-1', 'fa-2', 'fa-3']);
    (arrays[1] as FakeArray).groups.set('cluster', { connections: 0 });
    (arrays[2] as FakeArray).groups.set('db', { owner: 'f', connections: 0 });
    ((arrays[2] as FakeArray).hosts.get('h2') as FakeHost).group = 'db';
    const { result, diags } = await run(fleetOf(arrays), (ctx) =>
      hostGroupResource.create({ plan: PLAN, config: PLAN } as never, ctx),
    );
    expect(result).toBeUndefined();
    expect(diags.all.map((d) => [d.summary, JSON.stringify(d.path)])).toEqual([
      ["Host group exists and is not the fleet's", '[{"attribute":"name"}]'],
      ['Host already in a host group', '[{"attribute":"hosts"}]'],
    ]);
    expect(diags.all[0]?.detail).toMatch(/FlashArray "fa-2" already has a host group named "cluster"/);
    expect(diags.all[1]?.detail).toMatch(/The host "h2" is already in host group "db" on "fa-3"/);
    for (const a of arrays) expect(a.writes).toEqual([]);
  });

  test('an undeclared member is one error on hosts naming every array', async () => {
    const arrays = arraysWithHosts(['fa-1', 'fa-2']);
    const plan = { ...PLAN, hosts: ['h1', 'ghost'] };
    const { diags } = await run(fleetOf(arrays), (ctx) =>
      hostGroupResource.create({ plan, config: plan } as never, ctx),
    );
    expect(diags.all).toHaveLength(1);
    expect(diags.all[0]?.detail).toMatch(/"ghost" is not a host of fleet "f" on "fa-1" and "fa-2"/);
    for (const a of arrays) expect(a.writes).toEqual([]);
  });

  test('adopt takes a foreign group over and sets its members', async () => {
    const arrays = arraysWithHosts(['fa-1']);
    const a = arrays[0] as FakeArray;
    a.groups.set('cluster', { connections: 0 });
    a.hosts.set('stray', { group: 'cluster' });
    const plan = { ...PLAN, adopt: true };
    const { diags } = await run(fleetOf(arrays), (ctx) =>
      hostGroupResource.create({ plan, config: plan } as never, ctx),
    );
    expect(diags.all).toEqual([]);
    expect(a.groups.get('cluster')?.owner).toBe('f');
    expect(a.hosts.get('stray')?.group).toBeUndefined();
    expect(a.hosts.get('h1')?.group).toBe('cluster');
  });

  test('membership drift drops the array from arrays, on every refresh alike', async () => {
    const arrays = arraysWithHosts(['fa-1', 'fa-2']);
    const data = fleetOf(arrays);
    await run(data, (ctx) => hostGroupResource.create({ plan: PLAN, config: PLAN } as never, ctx));
    delete ((arrays[1] as FakeArray).hosts.get('h2') as FakeHost).group;
    let state = { ...PLAN, id: 'f/cluster', arrays: ['fa-1', 'fa-2'] };
    for (let i = 0; i < 2; i++) {
      const { result } = await run(data, (ctx) => hostGroupResource.read({ state } as never, ctx));
      expect(result).toMatchObject({ hosts: ['h1', 'h2'], arrays: ['fa-1'] });
      state = result as typeof state;
    }
  });

  test('delete removes only the fleet’s groups, and not one with volumes still connected', async () => {
    const arrays = arraysWithHosts(['fa-1', 'fa-2', 'fa-3']);
    const data = fleetOf(arrays);
    await run(data, (ctx) => hostGroupResource.create({ plan: PLAN, config: PLAN } as never, ctx));
    const [fa1, fa2, fa3] = arrays as [FakeArray, FakeArray, FakeArray];
    (fa2.groups.get('cluster') as FakeGroup).owner = 'someone-else';
    (fa3.groups.get('cluster') as FakeGroup).connections = 1;
    const state = { ...PLAN, id: 'f/cluster', arrays: ['fa-1', 'fa-2', 'fa-3'] };
    const { diags } = await run(data, (ctx) => hostGroupResource.delete({ state } as never, ctx));
    expect(fa1.groups.has('cluster')).toBe(false);
    expect(fa2.groups.has('cluster')).toBe(true);
    expect(fa3.groups.has('cluster')).toBe(true);
    expect(diags.all.map((d) => d.detail)).toEqual([
      expect.stringMatching(/still has 1 volume connection\(s\) on "fa-3"; disconnect them first/),
    ]);
  });
});

test('a connection row naming a host group is the group’s, even when it names a member host too', () => {
  const rows: FlashArrayConnection[] = [
    { host: { name: 'h1' }, volume: { name: 'v' }, lun: 1 },
    { host_group: { name: 'cluster' }, volume: { name: 'v' }, lun: 254 },
    { host: { name: 'h2' }, host_group: { name: 'cluster' }, volume: { name: 'v' }, lun: 254 },
  ];
  expect(targetsOf(rows, 'host')).toEqual(['h1']);
  expect(targetsOf(rows, 'host-group')).toEqual(['cluster']);
});

test('host and host group names are checked element by element', () => {
  const diags = new Diagnostics();
  namesValidator('host group').validate(['ok-1', 'Bad_Group', '-x'], [{ attribute: 'host_groups' }], diags);
  expect(diags.all.map((d) => d.summary)).toEqual(['Invalid host group name', 'Invalid host group name']);
});
