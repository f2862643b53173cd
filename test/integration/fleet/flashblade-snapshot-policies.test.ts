// The FlashBlade snapshot-policy client against the simulator over HTTPS, with faults injected:
// a policy create or a membership POST that gets 503 ends with one policy and one membership
// (read back, never sent blindly twice); a rule changed out of band is set back; removing is
// idempotent; the newest snapshot is read after the clock passes the schedule; a destroyed file
// system's export policy is detached so the policy can be deleted at once.

import { FlashBladeClient } from '../../../src/fleet/clients/flashblade';
import { FlashBladeSnapshotPolicyClient } from '../../../src/fleet/clients/flashblade-snapshot-policies';
import { PureRestSession } from '../../../src/fleet/rest/session';
import { startFleet, type RunningFleet } from '../../../src/simulator';
import { CapturingLogger, RecordingSleep, countOf } from './support';

jest.setTimeout(60_000);

const FB = 'fb-snapc';
const HOUR = 3_600_000;
let fleet: RunningFleet;
const opened: PureRestSession[] = [];

beforeAll(async () => {
  fleet = await startFleet({
    name: 'fb-snap-client',
    arrays: [{ name: FB, type: 'flashblade', capacity: '50TiB', eradicationDelay: '1h' }],
  });
});

afterEach(() => fleet.control.resetFaults());

afterAll(async () => {
  for (const s of opened) s.close();
  await fleet?.stop();
});

function open(): PureRestSession {
  const a = fleet.arrays[0]!;
  const s = new PureRestSession({
    arrayName: a.name,
    kind: a.type,
    endpoint: a.mgmtEndpoint,
    apiToken: a.apiToken,
    caPem: fleet.caCertPem,
    logger: new CapturingLogger(),
    sleep: new RecordingSleep().sleep,
  });
  opened.push(s);
  return s;
}

test('a policy and a membership whose POSTs get 503 end as one of each; the schedule reads back', async () => {
  const session = open();
  const fb = new FlashBladeClient(session);
  const policies = new FlashBladeSnapshotPolicyClient(session);
  await fb.createFileSystem('snapc-fs1', { nfsV3: true, nfsV41: false, provisionedBytes: 2 ** 30 });
  await fleet.control.resetCounters(FB);
  await fleet.control.injectFaults(FB, { failNext: 1, errorStatus: 503, match: ['POST /api/2.x/policies'] });
  const schedule = { frequencyMs: HOUR, retentionSec: 86_400 };
  await policies.ensure('snapc-1h-1d', schedule);
  expect(await countOf(fleet, FB, 'POST /api/2.x/policies')).toBe(2);
  await expect(policies.runningSchedule('snapc-1h-1d')).resolves.toEqual(schedule);

  await fleet.control.injectFaults(FB, {
    failNext: 1,
    errorStatus: 503,
    match: ['POST /api/2.x/policies/file-systems'],
  });
  await policies.addMember('snapc-1h-1d', 'snapc-fs1');
  expect(await countOf(fleet, FB, 'POST /api/2.x/policies/file-systems', 503)).toBe(1);
  expect(await countOf(fleet, FB, 'POST /api/2.x/policies/file-systems', 200)).toBe(1);
  await policies.addMember('snapc-1h-1d', 'snapc-fs1'); // already a member: done
  await expect(policies.membershipsOf('snapc-fs1')).resolves.toEqual(['snapc-1h-1d']);
  await expect(policies.memberCount('snapc-1h-1d')).resolves.toBe(1);
  await expect(policies.membershipsOf('snapc-nope')).resolves.toEqual([]);

  await expect(policies.newestSnapshot('snapc-1h-1d', 'snapc-fs1')).resolves.toBeUndefined();
  const before = Date.now();
  await fleet.control.advanceClock(2 * HOUR + 1000);
  const newest = await policies.newestSnapshot('snapc-1h-1d', 'snapc-fs1');
  expect(newest).toBeGreaterThan(before + HOUR);

  // A rule changed out of band (keep_for lengthened, then the provider's shorter one restored).
  const admin = new PureRestSession({
    arrayName: FB,
    kind: 'flashblade',
    endpoint: fleet.arrays[0]!.mgmtEndpoint,
    apiToken: fleet.arrays[0]!.apiToken,
    caPem: fleet.caCertPem,
    logger: new CapturingLogger(),
  });
  opened.push(admin);
  await admin.request('PATCH', 'policies', {
    query: { names: 'snapc-1h-1d' },
    body: { rules: [{ every: HOUR, keep_for: 7 * 86_400_000 }] },
    retrySafe: true,
  });
  await expect(policies.runningSchedule('snapc-1h-1d')).resolves.toEqual({
    frequencyMs: HOUR,
    retentionSec: 7 * 86_400,
  });
  await policies.ensure('snapc-1h-1d', schedule);
  await expect(policies.runningSchedule('snapc-1h-1d')).resolves.toEqual(schedule);

  await policies.removeMember('snapc-1h-1d', 'snapc-fs1');
  await policies.removeMember('snapc-1h-1d', 'snapc-fs1'); // not a member: done
  await expect(policies.memberCount('snapc-1h-1d')).resolves.toBe(0);
  await policies.remove('snapc-1h-1d');
  await policies.remove('snapc-1h-1d'); // already gone
  await expect(policies.getPolicy('snapc-1h-1d')).resolves.toBeUndefined();
});

test('destroying a file system detaches its NFS export policy, so the policy can be deleted at once', async () => {
  const session = open();
  const fb = new FlashBladeClient(session);
  await session.request('POST', 'nfs-export-policies', {
    query: { names: 'snapc-exports' },
    retrySafe: false,
  });
  await fb.createFileSystem('snapc-fs2', { nfsV3: true, nfsV41: true, exportPolicy: 'snapc-exports' });
  const kept = await fb.destroyFileSystem('snapc-fs2');
  expect(kept.nfs?.export_policy?.name).toBe('snapc-exports');
  // Kept attached, the bin holds the policy.
  await expect(
    session.request('DELETE', 'nfs-export-policies', { query: { names: 'snapc-exports' }, retrySafe: true }),
  ).rejects.toThrow(/in use/);
  await fb.recoverFileSystem('snapc-fs2', { v3_enabled: true, v4_1_enabled: true });
  const detached = await fb.destroyFileSystem('snapc-fs2', undefined, { detachExportPolicy: true });
  expect(detached.destroyed).toBe(true);
  expect(detached.nfs?.export_policy ?? null).toBeNull();
  await session.request('DELETE', 'nfs-export-policies', {
    query: { names: 'snapc-exports' },
    retrySafe: true,
  });
});
