// The volume backends (src/fleet/volumes) against simulated arrays over HTTPS, with faults
// injected through the control API: the FlashBlade backend's whole lifecycle (create that
// exports to no one unless told, in-place updates that send only what differs, destroy that
// unexports first, recover that exports again, eradicate, mount paths), export policies on REST
// 2.28 and their refusal on 2.0, the FlashArray backend's, and the rule that matters most: a
// create whose outcome is unknown never makes a second file system, on its array or elsewhere.

import { ArrayNotFoundError, FleetConnection } from '../../../src/fleet/connection';
import {
  createExportPolicy,
  getExportPolicy,
  syncExportPolicyRules,
  type NfsExportRuleSpec,
} from '../../../src/fleet/clients/flashblade-policies';
import { FleetPlacer } from '../../../src/fleet/placer';
import { OutcomeUnknownError, UnsupportedApiVersionError } from '../../../src/fleet/rest/errors';
import type { FileVolumeSpec, VolumeView } from '../../../src/fleet/volumes/backend';
import { VolumeKindError } from '../../../src/fleet/volumes/backend';
import { startFleet, type RunningFleet } from '../../../src/simulator';
import { RecordingSleep, countOf, memberOf, rosterOf } from './support';

jest.setTimeout(60_000);

const GIB = 1024 ** 3;
const FA = 'fa-be';
const FB = 'fb-be';
const FB2 = 'fb-be2';
const OLD = 'fb-old';
const FA_OLD = 'fa-old';

let fleet: RunningFleet;
let connection: FleetConnection;

const SPEC: FileVolumeSpec = {
  kind: 'file',
  nfsV3: true,
  nfsV41: false,
  exportRules: '10.0.0.0/24(rw,no_root_squash)',
  hardLimit: true,
};

beforeAll(async () => {
  fleet = await startFleet({
    name: 'fleet-backends',
    arrays: [
      { name: FA, type: 'flasharray', capacity: '50TiB' },
      { name: FB, type: 'flashblade', capacity: '50TiB', nfsEndpoint: '10.7.0.1' },
      { name: FB2, type: 'flashblade', capacity: '50TiB', nfsEndpoint: '10.7.0.2' },
      { name: OLD, type: 'flashblade', capacity: '50TiB', nfsEndpoint: '10.7.0.3', maxApiVersion: '2.0' },
      { name: FA_OLD, type: 'flasharray', capacity: '50TiB', maxApiVersion: '2.0' },
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

describe('FlashBlade backend', () => {
  test('create, update in place, destroy, recover, eradicate, with the mount path', async () => {
    const backend = connection.volumeBackend(FB);
    expect(backend.kind).toBe('file');
    const { volume, outcome } = await backend.create('be-fs1', { sizeBytes: 10 * GIB, spec: SPEC });
    expect(outcome).toBe('created');
    expect(fileOf(volume)).toMatchObject({
      name: 'be-fs1',
      sizeBytes: 10 * GIB,
      nfsV3: true,
      nfsV41: false,
      exportRules: SPEC.exportRules,
      hardLimit: true,
      destroyed: false,
    });
    await expect(backend.accessPath('be-fs1')).resolves.toBe('10.7.0.1:/be-fs1');

    // Nothing differs: no request at all.
    await fleet.control.resetCounters(FB);
    await expect(backend.update('be-fs1', volume, { sizeBytes: 10 * GIB, spec: SPEC })).resolves.toBe(volume);
    expect(await countOf(fleet, FB, 'PATCH /api/2.x/file-systems')).toBe(0);

    // Size, rules and v4.1 differ: one PATCH.
    const grown = await backend.update('be-fs1', volume, {
      sizeBytes: 20 * GIB,
      spec: { ...SPEC, nfsV41: true, exportRules: '10.0.1.0/24(ro)' },
    });
    expect(fileOf(grown)).toMatchObject({
      sizeBytes: 20 * GIB,
      nfsV41: true,
      exportRules: '10.0.1.0/24(ro)',
    });
    expect(await countOf(fleet, FB, 'PATCH /api/2.x/file-systems')).toBe(1);

    const destroyed = fileOf(await backend.destroy('be-fs1'));
    expect(destroyed).toMatchObject({ destroyed: true, nfsV3: false, nfsV41: false });
    expect(destroyed.timeRemainingMs).toBeGreaterThan(0);
    const recovered = fileOf(await backend.recover('be-fs1', { ...SPEC, nfsV41: true }));
    expect(recovered).toMatchObject({ destroyed: false, nfsV3: true, nfsV41: true, sizeBytes: 20 * GIB });
    expect(recovered.id).toBe(volume.id);

    await backend.destroy('be-fs1');
    await backend.eradicate('be-fs1');
    await expect(backend.get('be-fs1')).resolves.toBeUndefined();
  });

  test('exports to no client when the spec has no rules, although REST 2.28 would default to *(rw,no_root_squash)', async () => {
    const { volume } = await connection
      .volumeBackend(FB)
      .create('be-closed', { sizeBytes: GIB, spec: { ...SPEC, exportRules: '' } });
    expect(fileOf(volume).exportRules).toBe('');
    expect((await connection.flashBlade(FB).getFileSystem('be-closed'))?.nfs?.rules).toBe('');
  });

  test('an export policy on REST 2.28 replaces the inline rules; on 2.0 it is refused before any create', async () => {
    const backend = connection.volumeBackend(FB);
    const { volume } = await backend.create('be-pol', { sizeBytes: GIB, spec: SPEC });
    const withPolicy = fileOf(
      await backend.update('be-pol', volume, { sizeBytes: GIB, spec: { ...SPEC, exportPolicy: 'default' } }),
    );
    expect(withPolicy).toMatchObject({ exportPolicy: 'default', exportRules: '' });
    // Back to rules: setting them detaches the policy.
    const back = fileOf(await backend.update('be-pol', withPolicy, { sizeBytes: GIB, spec: SPEC }));
    expect(back.exportPolicy).toBeUndefined();
    expect(back.exportRules).toBe(SPEC.exportRules);

    await fleet.control.resetCounters(OLD);
    const refused = await connection
      .volumeBackend(OLD)
      .create('be-pol-old', { sizeBytes: GIB, spec: { ...SPEC, exportPolicy: 'default' } })
      .catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(UnsupportedApiVersionError);
    expect((refused as Error).message).toMatch(
      /NFS export policies needs REST 2\.3 or later; the array offers 2\.0/,
    );
    expect(await countOf(fleet, OLD, 'POST /api/2.x/file-systems')).toBe(0);
  });

  test('REST 2.0 file systems: the same lifecycle by its own spec', async () => {
    const backend = connection.volumeBackend(OLD);
    const { volume } = await backend.create('be-old', { sizeBytes: 5 * GIB, spec: SPEC });
    expect(fileOf(volume)).toMatchObject({ sizeBytes: 5 * GIB, exportRules: SPEC.exportRules, nfsV3: true });
    const grown = await backend.update('be-old', volume, { sizeBytes: 6 * GIB, spec: SPEC });
    expect(grown.sizeBytes).toBe(6 * GIB);
    await backend.destroy('be-old');
    expect(fileOf(await backend.recover('be-old', SPEC))).toMatchObject({ destroyed: false, nfsV3: true });
  });

  test('without an NFS endpoint in the roster, the mount path uses the data VIP (read once)', async () => {
    const other = new FleetConnection({
      ...rosterOf(fleet),
      arrays: [memberOf(fleet, FB, { nfsEndpoint: undefined })],
    });
    try {
      await fleet.control.resetCounters(FB);
      const backend = other.volumeBackend(FB);
      await expect(backend.accessPath('x')).resolves.toBe('10.7.0.1:/x');
      await expect(backend.accessPath('y')).resolves.toBe('10.7.0.1:/y');
      expect(await countOf(fleet, FB, 'GET /api/2.x/network-interfaces')).toBe(1);
    } finally {
      await other.close();
    }
  });

  test('a block spec sent to a FlashBlade is a caller error, not a request', async () => {
    await fleet.control.resetCounters(FB);
    await expect(
      connection.volumeBackend(FB).create('be-wrong', { sizeBytes: GIB, spec: { kind: 'block' } }),
    ).rejects.toBeInstanceOf(VolumeKindError);
    expect(await countOf(fleet, FB, 'POST /api/2.x/file-systems')).toBe(0);
  });
});

describe('FlashBlade export policies', () => {
  const rule = (client: string, permission: 'rw' | 'ro' = 'rw'): NfsExportRuleSpec => ({
    client,
    permission,
    access: 'root-squash',
  });

  test('rules are synced with the fewest changes: edited in place, extra deleted, missing appended', async () => {
    const session = connection.session(FB);
    await createExportPolicy(session, 'be-policy', [rule('10.0.0.1'), rule('10.0.0.2'), rule('*', 'ro')]);
    const before = await getExportPolicy(session, 'be-policy');
    await fleet.control.resetCounters(FB);
    // The first stays, the second changes, the third goes.
    const wanted = [rule('10.0.0.1'), { ...rule('10.0.0.3'), anonuid: 99 }];
    expect(await syncExportPolicyRules(session, before!, wanted)).toBe(2);
    expect(await countOf(fleet, FB, 'PATCH /api/2.x/nfs-export-policies/rules')).toBe(1);
    expect(await countOf(fleet, FB, 'DELETE /api/2.x/nfs-export-policies/rules')).toBe(1);
    const after = await getExportPolicy(session, 'be-policy');
    expect(after?.rules?.map((r) => [r.client, r.anonuid])).toEqual([
      ['10.0.0.1', undefined],
      ['10.0.0.3', 99],
    ]);
    // Edited in place: the same rule ids.
    expect(after?.rules?.map((r) => r.id)).toEqual(before?.rules?.slice(0, 2).map((r) => r.id));
    // Two more appended; a removed anonuid is cleared with "".
    expect(
      await syncExportPolicyRules(session, after!, [
        rule('10.0.0.1'),
        rule('10.0.0.3'),
        rule('a'),
        rule('*'),
      ]),
    ).toBe(3);
    const grown = await getExportPolicy(session, 'be-policy');
    expect(grown?.rules?.map((r) => [r.client, r.anonuid])).toEqual([
      ['10.0.0.1', undefined],
      ['10.0.0.3', undefined],
      ['a', undefined],
      ['*', undefined],
    ]);
    expect(
      await syncExportPolicyRules(
        session,
        grown!,
        grown!.rules!.map((r) => ({ ...rule(r.client) })),
      ),
    ).toBe(0);
  });
});

describe('FlashArray backend', () => {
  test('create, resize, destroy, recover, eradicate', async () => {
    const backend = connection.volumeBackend(FA);
    expect(backend.kind).toBe('block');
    const { volume } = await backend.create('be-v1', { sizeBytes: GIB, spec: { kind: 'block' } });
    expect(volume).toMatchObject({ kind: 'block', name: 'be-v1', sizeBytes: GIB, destroyed: false });
    expect(volume.kind === 'block' && volume.serial).toMatch(/^[0-9A-F]{24}$/);
    await expect(backend.accessPath('be-v1')).resolves.toBeUndefined();
    const grown = await backend.update('be-v1', volume, { sizeBytes: 2 * GIB, spec: { kind: 'block' } });
    expect(grown.sizeBytes).toBe(2 * GIB);
    expect((await backend.destroy('be-v1')).destroyed).toBe(true);
    expect((await backend.recover('be-v1', { kind: 'block' })).destroyed).toBe(false);
    await backend.destroy('be-v1');
    await backend.eradicate('be-v1');
    await expect(backend.get('be-v1')).resolves.toBeUndefined();
    await expect(backend.create('be-v2', { sizeBytes: GIB, spec: SPEC })).rejects.toBeInstanceOf(
      VolumeKindError,
    );
  });
});

describe('placement of a file volume with an export policy', () => {
  test('a FlashBlade at REST 2.0 refuses before any create, and placement moves on to one with policies', async () => {
    // The 2.0 FlashBlade is by far the least busy, so placement tries it first rather than by the
    // tie-break, and must move on when it refuses. A connection of its own, so no telemetry read
    // before the change is reused.
    for (const busy of [FB, FB2]) await fleet.control.setLoad(busy, { profile: 'steady', utilization: 0.7 });
    const fresh = new FleetConnection(rosterOf(fleet));
    const placer = new FleetPlacer(fresh);
    await fleet.control.resetCounters(OLD);
    const spec: FileVolumeSpec = { ...SPEC, exportPolicy: 'default' };
    const placed = await Promise.all(
      ['be-p1', 'be-p2', 'be-p3', 'be-p4', 'be-p5', 'be-p6'].map((name) =>
        placer.place({ key: `backends/${name}`, kind: 'file', sizeBytes: GIB, labelSelector: {} }, (array) =>
          fresh.volumeBackend(array).create(name, { sizeBytes: GIB, spec }),
        ),
      ),
    );
    expect(placed.map((p) => p.decision.arrayName).every((a) => a === FB || a === FB2)).toBe(true);
    // The 2.0 FlashBlade was tried and refused without a create.
    expect(placed.some((p) => p.failedAttempts.length > 0)).toBe(true);
    expect(await countOf(fleet, OLD, 'POST /api/2.x/file-systems')).toBe(0);
  });
});

describe('arrays known by identity', () => {
  test('a renamed or respelt member is found by its id; a name now naming another array is refused', async () => {
    const id = await connection.arrayId(FB);
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    await expect(connection.locate(FB, id)).resolves.toEqual({ name: FB, id });
    // Another array now has the recorded name, and the recorded id is elsewhere in the roster.
    await expect(connection.locate(FB2, id)).resolves.toEqual({ name: FB, id });

    const renamed = new FleetConnection({
      ...rosterOf(fleet),
      arrays: [memberOf(fleet, FB, { name: 'fb-renamed' }), memberOf(fleet, FB2, { name: FB })],
    });
    try {
      await expect(renamed.locate(FB, id)).resolves.toEqual({ name: 'fb-renamed', id });
    } finally {
      await renamed.close();
    }
    const replaced = new FleetConnection({
      ...rosterOf(fleet),
      arrays: [memberOf(fleet, FB2, { name: FB })],
    });
    try {
      const err = await replaced.locate(FB, id).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(ArrayNotFoundError);
      expect((err as Error).message).toMatch(/is now a different array/);
    } finally {
      await replaced.close();
    }
  });

  test('a FlashArray at REST 2.0, which reports no identity, is known by its name', async () => {
    await expect(connection.arrayId(FA_OLD)).resolves.toBeUndefined();
    await expect(connection.locate(FA_OLD, undefined)).resolves.toEqual({ name: FA_OLD, id: undefined });
  });
});

describe('an unknown create outcome never makes a second file system', () => {
  async function fileSystemsNamed(name: string): Promise<string[]> {
    const found: string[] = [];
    for (const array of [FB, FB2, OLD]) {
      if (await connection.flashBlade(array).getFileSystem(name)) found.push(array);
    }
    return found;
  }

  test('an answer lost to the deadline: the array is asked by name before any second create', async () => {
    // The array applies the create 1.5 s after receiving it; the client gives up after 0.5 s.
    const slow = new FleetConnection(rosterOf(fleet), undefined, {
      session: { timeoutMs: 500, sleep: new RecordingSleep().sleep },
    });
    try {
      await slow.volumeBackend(FB).get('warm-up');
      await fleet.control.resetCounters(FB);
      await fleet.control.injectFaults(FB, { latencyMs: 1_500, match: ['POST /api/2.x/file-systems'] });
      const result = await slow
        .volumeBackend(FB)
        .create('be-lost', { sizeBytes: GIB, spec: SPEC })
        .then(
          (r) => r.outcome,
          (e: unknown) => e,
        );
      if (result instanceof Error) expect(result).toBeInstanceOf(OutcomeUnknownError);
      else expect(result).toBe('found-after-unknown-outcome');
      await fleet.control.resetFaults(FB);
      await new Promise((r) => setTimeout(r, 2_000)); // let the delayed creates land
      expect(await fileSystemsNamed('be-lost')).toEqual([FB]);
      // At most three sends, all on this array (create-outcome.ts); the name makes them one object.
      expect(await countOf(fleet, FB, 'POST /api/2.x/file-systems')).toBeLessThanOrEqual(3);
      expect(await countOf(fleet, FB, 'POST /api/2.x/file-systems', 200)).toBe(1);
    } finally {
      await slow.close();
    }
  });

  test('a dropped connection: the lookup says it did not land, one more create makes exactly one', async () => {
    await connection.volumeBackend(FB).get('warm-up');
    await fleet.control.resetCounters(FB);
    await fleet.control.injectFaults(FB, { dropNext: 1, match: ['POST /api/2.x/file-systems'] });
    const { outcome } = await connection.volumeBackend(FB).create('be-drop', { sizeBytes: GIB, spec: SPEC });
    expect(outcome).toBe('created');
    expect(await fileSystemsNamed('be-drop')).toEqual([FB]);
    expect(await countOf(fleet, FB, 'POST /api/2.x/file-systems')).toBe(2);
  });

  test('through placement: an unknown outcome on the chosen FlashBlade is not retried on another', async () => {
    const slow = new FleetConnection(rosterOf(fleet), undefined, {
      session: { timeoutMs: 500, sleep: new RecordingSleep().sleep },
    });
    try {
      const placer = new FleetPlacer(slow);
      const candidates = await slow.telemetry.candidates();
      expect(candidates.filter((c) => c.kind === 'flashblade').length).toBe(3);
      // Both FlashBlades lose create answers; whichever is chosen, no other may get a copy.
      for (const array of [FB, FB2])
        await fleet.control.injectFaults(array, { latencyMs: 1_500, match: ['POST /api/2.x/file-systems'] });
      const attempt = await placer
        .place({ key: 'backends/be-placed', kind: 'file', sizeBytes: GIB, labelSelector: {} }, (array) =>
          slow.volumeBackend(array).create('be-placed', { sizeBytes: GIB, spec: SPEC }),
        )
        .then(
          (p) => p.decision.arrayName,
          (e: unknown) => e,
        );
      await fleet.control.resetFaults();
      await new Promise((r) => setTimeout(r, 2_000));
      const holders = await fileSystemsNamed('be-placed');
      expect(holders).toHaveLength(1);
      if (typeof attempt === 'string') expect(holders).toEqual([attempt]);
    } finally {
      await slow.close();
    }
  });
});
