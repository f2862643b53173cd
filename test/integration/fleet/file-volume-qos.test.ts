// QoS of file volumes through the FlashBlade backend (src/fleet/volumes/flashblade-qos.ts) against
// simulated FlashBlades over HTTPS: limits set through a policy of the file system's own, changed
// in place, one removed (null on the array), all removed (detached, the policy deleted); destroy
// releases the policy first; the fleet-wide listing reads the policies in one more call only when
// a file system has one; a FlashBlade at REST 2.0 refuses before any create; a dropped policy
// create still makes exactly one policy.

import { FleetConnection } from '../../../src/fleet/connection';
import { FlashBladeQosClient, fileQosPolicyName } from '../../../src/fleet/clients/flashblade-qos';
import { FleetPlacer } from '../../../src/fleet/placer';
import { UnsupportedApiVersionError } from '../../../src/fleet/rest/errors';
import type { FileVolumeSpec, QosLimits, VolumeView } from '../../../src/fleet/volumes/backend';
import { startFleet, type RunningFleet } from '../../../src/simulator';
import { countOf, rosterOf } from './support';

jest.setTimeout(60_000);

const GIB = 1024 ** 3;
const FB = 'fb-qos';
const OLD = 'fb-qos-old';

let fleet: RunningFleet;
let connection: FleetConnection;

const spec = (qos: QosLimits): FileVolumeSpec => ({
  kind: 'file',
  nfsV3: true,
  nfsV41: false,
  exportRules: '',
  hardLimit: false,
  qos,
});

beforeAll(async () => {
  fleet = await startFleet({
    name: 'fleet-file-qos',
    arrays: [
      {
        name: FB,
        type: 'flashblade',
        capacity: '50TiB',
        nfsEndpoint: '10.8.0.1',
        preexistingUsed: 0.6,
        load: { profile: 'steady', utilization: 0.5 },
      },
      // The emptier and idler one, so placement tries it first for an unpinned volume.
      {
        name: OLD,
        type: 'flashblade',
        capacity: '500TiB',
        nfsEndpoint: '10.8.0.2',
        maxApiVersion: '2.0',
        preexistingUsed: 0,
        load: { profile: 'steady', utilization: 0.01 },
      },
    ],
  });
  connection = new FleetConnection(rosterOf(fleet));
});

afterEach(async () => {
  await fleet.control.resetFaults();
});

afterAll(async () => {
  await connection?.close();
  await fleet?.stop();
});

function fileOf(view: VolumeView | undefined): Extract<VolumeView, { kind: 'file' }> {
  if (view?.kind !== 'file') throw new Error(`not a file view: ${JSON.stringify(view)}`);
  return view;
}

const policies = (): FlashBladeQosClient => new FlashBladeQosClient(connection.session(FB));

test('limits are set, changed, partly and wholly removed in place, through a policy of the file system’s own', async () => {
  const backend = connection.volumeBackend(FB);
  const wanted = { iopsLimit: 5000, bandwidthLimit: 500 * 2 ** 20 };
  const { volume } = await backend.create('qf-one', { sizeBytes: GIB, spec: spec(wanted) });
  const created = fileOf(volume);
  expect(created.qos).toEqual({ iopsLimit: null, bandwidthLimit: null });
  const own = fileQosPolicyName(created);
  expect(own).toBe(`qf-qos-${created.id}`);

  let view = fileOf(await backend.update('qf-one', created, { sizeBytes: GIB, spec: spec(wanted) }));
  expect(view).toMatchObject({ qos: wanted, qosPolicy: own });
  expect(await policies().getPolicy(own)).toMatchObject({
    max_total_ops_per_sec: 5000,
    max_total_bytes_per_sec: 500 * 2 ** 20,
  });
  // Unchanged: nothing is sent.
  await fleet.control.resetCounters(FB);
  expect(await backend.update('qf-one', view, { sizeBytes: GIB, spec: spec(wanted) })).toBe(view);
  expect(await countOf(fleet, FB, 'PATCH /api/2.x/qos-policies')).toBe(0);
  expect(await countOf(fleet, FB, 'PATCH /api/2.x/file-systems')).toBe(0);

  const changed = { iopsLimit: 20_000, bandwidthLimit: null };
  view = fileOf(await backend.update('qf-one', view, { sizeBytes: GIB, spec: spec(changed) }));
  expect(view.qos).toEqual(changed);
  const onArray = await policies().getPolicy(own);
  expect(onArray?.max_total_ops_per_sec).toBe(20_000);
  expect(onArray).not.toHaveProperty('max_total_bytes_per_sec');
  expect(await countOf(fleet, FB, 'POST /api/2.x/qos-policies')).toBe(0);

  const none = { iopsLimit: null, bandwidthLimit: null };
  view = fileOf(await backend.update('qf-one', view, { sizeBytes: GIB, spec: spec(none) }));
  expect(view.qos).toEqual(none);
  expect(view.qosPolicy).toBeUndefined();
  expect((await connection.flashBlade(FB).getFileSystem('qf-one'))?.qos_policy).toBeUndefined();
  expect(await policies().getPolicy(own)).toBeUndefined();
});

test('a policy changed or detached out of band is read as such and repaired', async () => {
  const backend = connection.volumeBackend(FB);
  const wanted = { iopsLimit: 1000, bandwidthLimit: null };
  const created = fileOf((await backend.create('qf-drift', { sizeBytes: GIB, spec: spec(wanted) })).volume);
  let view = fileOf(await backend.update('qf-drift', created, { sizeBytes: GIB, spec: spec(wanted) }));
  const own = fileQosPolicyName(view);
  await connection.session(FB).request('PATCH', 'qos-policies', {
    query: { names: own },
    body: { max_total_ops_per_sec: 300, enabled: false },
  });
  view = fileOf(await backend.get('qf-drift'));
  expect(view.qos).toEqual({ iopsLimit: null, bandwidthLimit: null }); // disabled: no limit in effect
  view = fileOf(await backend.update('qf-drift', view, { sizeBytes: GIB, spec: spec(wanted) }));
  expect(view.qos).toEqual(wanted);
  expect(await policies().getPolicy(own)).toMatchObject({ enabled: true, max_total_ops_per_sec: 1000 });

  await policies().detach('qf-drift');
  view = fileOf(await backend.get('qf-drift'));
  expect(view.qosPolicy).toBeUndefined();
  view = fileOf(await backend.update('qf-drift', view, { sizeBytes: GIB, spec: spec(wanted) }));
  expect(view).toMatchObject({ qos: wanted, qosPolicy: own });
});

test('destroy detaches and deletes the file system’s policy first; eradicate then succeeds', async () => {
  const backend = connection.volumeBackend(FB);
  const wanted = { iopsLimit: 800, bandwidthLimit: 2 ** 30 };
  const created = fileOf((await backend.create('qf-gone', { sizeBytes: GIB, spec: spec(wanted) })).volume);
  const view = fileOf(await backend.update('qf-gone', created, { sizeBytes: GIB, spec: spec(wanted) }));
  const own = fileQosPolicyName(view);
  const destroyed = fileOf(await backend.destroy('qf-gone'));
  expect(destroyed).toMatchObject({ destroyed: true, qos: { iopsLimit: null, bandwidthLimit: null } });
  expect(await policies().getPolicy(own)).toBeUndefined();
  await backend.eradicate('qf-gone');
  expect(await backend.get('qf-gone')).toBeUndefined();
});

test('the fleet listing reads the policies in one more call, and only when a file system has one', async () => {
  const prefix = 'qlist-';
  const backend = connection.volumeBackend(FB);
  await backend.create('qlist-a', { sizeBytes: GIB, spec: spec({ iopsLimit: null, bandwidthLimit: null }) });
  await fleet.control.resetCounters(FB);
  let snapshot = await connection.volumes.snapshot(prefix, { arrays: [FB], maxAgeMs: 0 });
  expect(snapshot.lookup(FB, 'qlist-a').state).toBe('found');
  expect(await countOf(fleet, FB, 'GET /api/2.x/qos-policies')).toBe(0);

  const wanted = { iopsLimit: 4000, bandwidthLimit: null };
  const b = fileOf((await backend.create('qlist-b', { sizeBytes: GIB, spec: spec(wanted) })).volume);
  await backend.update('qlist-b', b, { sizeBytes: GIB, spec: spec(wanted) });
  connection.volumes.invalidate(FB, prefix);
  await fleet.control.resetCounters(FB);
  snapshot = await connection.volumes.snapshot(prefix, { arrays: [FB], maxAgeMs: 0 });
  expect(await countOf(fleet, FB, 'GET /api/2.x/qos-policies')).toBe(1);
  const found = snapshot.lookup(FB, 'qlist-b');
  if (found.state !== 'found') throw new Error('qlist-b not listed');
  expect(fileOf(backend.view(found.object)).qos).toEqual(wanted);
  const other = snapshot.lookup(FB, 'qlist-a');
  if (other.state !== 'found') throw new Error('qlist-a not listed');
  expect(fileOf(backend.view(other.object)).qos).toEqual({ iopsLimit: null, bandwidthLimit: null });
});

test('a FlashBlade at REST 2.0 refuses limits before any create; without limits it creates as before', async () => {
  const backend = connection.volumeBackend(OLD);
  await backend.get('warm-up');
  await fleet.control.resetCounters(OLD);
  await expect(
    backend.create('qf-old', { sizeBytes: GIB, spec: spec({ iopsLimit: 500, bandwidthLimit: null }) }),
  ).rejects.toThrow(UnsupportedApiVersionError);
  await expect(
    backend.create('qf-old', { sizeBytes: GIB, spec: spec({ iopsLimit: 500, bandwidthLimit: null }) }),
  ).rejects.toThrow(/QoS policies needs REST 2\.17 or later; the array offers 2\.0/);
  expect(await countOf(fleet, OLD, 'POST /api/2.0/file-systems')).toBe(0);
  const { volume } = await backend.create('qf-old', {
    sizeBytes: GIB,
    spec: spec({ iopsLimit: null, bandwidthLimit: null }),
  });
  const view = fileOf(volume);
  expect(view.qos).toEqual({ iopsLimit: null, bandwidthLimit: null });
  // Nothing to do without limits, and no QoS call on an array that has none.
  expect(await backend.update('qf-old', view, { sizeBytes: GIB, spec: spec(view.qos) })).toBe(view);
  await backend.destroy('qf-old');
  await backend.eradicate('qf-old');
  const counts = await fleet.control.counters(OLD);
  expect(Object.keys(counts.endpoints).filter((k) => k.includes('qos'))).toEqual([]);
});

test('a policy create whose connection dropped makes exactly one policy', async () => {
  const backend = connection.volumeBackend(FB);
  const wanted = { iopsLimit: 2500, bandwidthLimit: null };
  const created = fileOf((await backend.create('qf-drop', { sizeBytes: GIB, spec: spec(wanted) })).volume);
  await fleet.control.resetCounters(FB);
  await fleet.control.injectFaults(FB, { dropNext: 1, match: ['POST /api/2.x/qos-policies'] });
  const view = fileOf(await backend.update('qf-drop', created, { sizeBytes: GIB, spec: spec(wanted) }));
  expect(view.qos).toEqual(wanted);
  expect(await countOf(fleet, FB, 'POST /api/2.x/qos-policies', 200)).toBe(1);
  const own = (await policies().listWithPrefix('qf-qos-')).filter((p) => p.name === fileQosPolicyName(view));
  expect(own).toHaveLength(1);
});

test('through placement: a FlashBlade without QoS policies is passed over before anything is created there', async () => {
  const placer = new FleetPlacer(connection);
  const wanted = { iopsLimit: 1500, bandwidthLimit: null };
  const request = { key: 'qos/qf-placed', kind: 'file' as const, sizeBytes: GIB, labelSelector: {} };
  const placed = await placer.place(request, (array) =>
    connection.volumeBackend(array).create('qf-placed', { sizeBytes: GIB, spec: spec(wanted) }),
  );
  expect(placed.decision.arrayName).toBe(FB);
  // The emptier FlashBlade at REST 2.0 was tried first and refused before any create.
  expect(placed.failedAttempts.map((f) => f.error)).toEqual([expect.any(UnsupportedApiVersionError)]);
  expect(await connection.volumeBackend(OLD).get('qf-placed')).toBeUndefined();
  expect(fileOf(await connection.volumeBackend(FB).get('qf-placed')).name).toBe('qf-placed');
});
