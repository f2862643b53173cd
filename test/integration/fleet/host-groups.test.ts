// The host group and connection clients against the simulator over HTTPS: a group created with
// the fleet's mark, members added and removed (one already gone counts as removed), membership
// read back, shared connections made and undone by host_group_names, and an unmarked group seen
// as unmarked.

import { FleetConnection } from '../../../src/fleet/connection';
import { FlashArrayConnectionsClient, targetsOf } from '../../../src/fleet/clients/flasharray-connections';
import { FlashArrayHostGroupsClient } from '../../../src/fleet/clients/flasharray-host-groups';
import { FlashArrayHostsClient } from '../../../src/fleet/clients/flasharray-hosts';
import { startFleet, type RunningFleet } from '../../../src/simulator';
import { rosterOf } from './support';

jest.setTimeout(60_000);

let fleet: RunningFleet;
let connection: FleetConnection;

beforeAll(async () => {
  fleet = await startFleet({ name: 'hg-clients', arrays: [{ name: 'fa-1', type: 'flasharray' }] });
  connection = new FleetConnection(rosterOf(fleet));
});

afterAll(async () => {
  await connection?.close();
  await fleet?.stop();
});

test('a marked group, its members and its shared connections', async () => {
  const session = connection.session('fa-1');
  const hosts = new FlashArrayHostsClient(session);
  const groups = new FlashArrayHostGroupsClient(session);
  const spec = (iqn: string) => ({ iqns: [iqn], nqns: [], wwns: [], personality: null });
  for (const h of ['n1', 'n2', 'n3']) await hosts.createHost(h, spec(`iqn.2024-01.com.example:${h}`), 'f');

  const { group, outcome } = await groups.createGroup('c1', 'f');
  expect(group.name).toBe('c1');
  expect(outcome).toBe('created');
  expect(await groups.ownerOf('c1')).toBe('f');
  await groups.addMembers('c1', ['n1', 'n2', 'n3']);
  expect(await groups.members('c1')).toEqual(['n1', 'n2', 'n3']);
  expect((await hosts.getHost('n2'))?.host_group?.name).toBe('c1');

  // One host already gone from the group: the rest are still removed.
  await groups.removeMembers('c1', ['n3']);
  await groups.removeMembers('c1', ['n2', 'n3']);
  expect(await groups.members('c1')).toEqual(['n1']);

  await session.request('POST', 'volumes', { query: { names: 'hg-v' }, body: { provisioned: 2 ** 30 } });
  const conns = new FlashArrayConnectionsClient(session);
  const rows = await conns.connect('hg-v', ['c1'], undefined, 'host-group');
  expect(targetsOf(rows, 'host-group')).toEqual(['c1']);
  expect(targetsOf(rows, 'host')).toEqual([]);
  expect(rows[0]?.lun).toBe(254);
  // Already gone counts as disconnected.
  await conns.disconnect('hg-v', ['c1'], undefined, 'host-group');
  await conns.disconnect('hg-v', ['c1'], undefined, 'host-group');
  expect(await conns.listForVolume('hg-v')).toEqual([]);

  await groups.removeMembers('c1', ['n1']);
  await groups.deleteGroup('c1');
  await groups.deleteGroup('c1');
  expect(await groups.getGroup('c1')).toBeUndefined();

  await session.request('POST', 'host-groups', { query: { names: 'theirs' } });
  expect(await groups.ownerOf('theirs')).toBeUndefined();
  await groups.markGroup('theirs', 'f');
  expect(await groups.ownerOf('theirs')).toBe('f');
});
