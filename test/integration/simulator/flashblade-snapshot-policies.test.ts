// FlashBlade snapshot policies over HTTPS at REST 2.0 and 2.28: policies with rules, file systems
// mapped to them from either side, snapshots taken on the fleet's clock and expired after
// keep_for, the rules the spec states (and those assumed where it is silent) refused with
// Pure-shaped errors. Every response body is validated against the spec of the version in its
// path (PureSession checks each one).
import { startFleet, type RunningFleet } from '../../../src/simulator';
import { TestHttpClient } from './support/http';
import { PureSession, errorMessages } from './support/session';

jest.setTimeout(120_000);

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

let fleet: RunningFleet;
let http: TestHttpClient;

beforeAll(async () => {
  fleet = await startFleet({
    name: 'fb-snap',
    arrays: [{ name: 'fb-snap', type: 'flashblade', maxApiVersion: '2.28', capacity: '100TiB' }],
  });
  http = new TestHttpClient(fleet.caCertPem);
});

afterAll(async () => {
  http?.close();
  await fleet?.stop();
});

test.each(['2.0', '2.28'])(
  'FlashBlade %s snapshot policies, members and scheduled snapshots',
  async (version) => {
    const s = new PureSession(http, fleet.arrays[0]!, version);
    await s.login();
    const p = `/api/${version}`;
    const tag = version.replace('.', '-');
    const fs = `snap-${tag}-fs`;
    const other = `snap-${tag}-other`;
    const pol = `snap-${tag}-hourly`;
    for (const name of [fs, other])
      expect(
        (await s.call('POST', 'file-systems', { query: `names=${name}`, body: { provisioned: 2 ** 30 } }))
          .status,
      ).toBe(200);

    // Rules: the spec's `at` rule, and the assumed minimums.
    const refused = async (rules: unknown[], pattern: RegExp): Promise<void> => {
      const r = await s.call('POST', 'policies', { query: `names=${pol}-bad`, body: { rules } });
      expect(r.status).toBe(400);
      expect(errorMessages(r)).toMatch(pattern);
    };
    await refused([{ every: 60_000, keep_for: HOUR }], /at least 5 minutes/);
    await refused([{ every: HOUR, keep_for: 60_000 }], /keep_for must be at least every/);
    await refused([{ every: HOUR, keep_for: DAY, at: 3_600_000 }], /only valid if 'every' is in days/);
    await refused([{ keep_for: DAY }], /needs every/);
    expect(
      (
        await s.call('POST', 'policies', {
          query: `names=${pol}`,
          body: { rules: [{ every: HOUR, keep_for: 2 * HOUR }] },
        })
      ).status,
    ).toBe(200);
    expect((await s.call('POST', 'policies', { query: `names=${pol}` })).status).toBe(400);
    expect(
      (
        await s.call('POST', 'policies', {
          query: `names=${pol}-daily`,
          body: { rules: [{ every: DAY, keep_for: 7 * DAY, at: 2 * HOUR }] },
        })
      ).status,
    ).toBe(200);
    expect(await s.items('policies', `names=${pol}`)).toEqual([
      expect.objectContaining({ name: pol, enabled: true, rules: [{ every: HOUR, keep_for: 2 * HOUR }] }),
    ]);

    // Membership from either side; one file system per request.
    expect(
      (
        await s.call('POST', 'policies/file-systems', {
          query: `policy_names=${pol}&member_names=${fs},${other}`,
        })
      ).status,
    ).toBe(400);
    expect(
      (await s.call('POST', 'policies/file-systems', { query: `policy_names=${pol}&member_names=${fs}` }))
        .status,
    ).toBe(200);
    const again = await s.call('POST', 'file-systems/policies', {
      query: `policy_names=${pol}&member_names=${fs}`,
    });
    expect(again.status).toBe(400);
    expect(errorMessages(again)).toMatch(/already a member/);
    expect(
      (
        await s.call('POST', 'file-systems/policies', {
          query: `policy_names=${pol}-daily&member_names=${fs}`,
        })
      ).status,
    ).toBe(200);
    expect(
      (await s.items('file-systems/policies', `member_names=${fs}`))
        .map((m) => (m.policy as { name: string }).name)
        .sort(),
    ).toEqual([pol, `${pol}-daily`]);
    expect(await s.items('policies/file-systems', `policy_names=${pol}`)).toEqual([
      {
        member: expect.objectContaining({ name: fs, resource_type: 'file-systems' }),
        policy: expect.objectContaining({ name: pol }),
      },
    ]);
    expect((await s.call('DELETE', 'policies', { query: `names=${pol}-daily` })).status).toBe(400);
    expect(
      (
        await s.call('DELETE', 'file-systems/policies', {
          query: `policy_names=${pol}-daily&member_names=${fs}`,
        })
      ).status,
    ).toBe(200);
    expect(
      (
        await s.call('DELETE', 'file-systems/policies', {
          query: `policy_names=${pol}-daily&member_names=${fs}`,
        })
      ).status,
    ).toBe(400);
    expect((await s.call('DELETE', 'policies', { query: `names=${pol}-daily` })).status).toBe(200);

    // Three hours on the fleet's clock: three hourly snapshots, the oldest past keep_for (2 h).
    await fleet.control.advanceClock(3 * HOUR + 1000);
    await s.login(); // the session expired with the clock
    const snaps = await s.items('file-system-snapshots', `names_or_owner_names=${fs}&sort=-created`);
    expect(snaps.map((x) => x.name)).toEqual([`${fs}.${pol}.3`, `${fs}.${pol}.2`]);
    expect(snaps[0]).toEqual(
      expect.objectContaining({
        destroyed: false,
        owner: expect.objectContaining({ name: fs }),
        policy: expect.objectContaining({ name: pol }),
      }),
    );
    expect((await s.items('file-system-snapshots', `names_or_owner_names=${other}`)).length).toBe(0);
    expect(
      (await s.call('GET', 'file-system-snapshots', { query: 'names_or_owner_names=nope-missing' })).status,
    ).toBe(400);
    expect((await s.items('file-system-snapshots', `names_or_owner_names=${fs}.${pol}.3`)).length).toBe(1);

    // Shortening keep_for would destroy snapshots: refused without destroy_snapshots=true.
    const shorten = { rules: [{ every: HOUR, keep_for: HOUR }] };
    const r = await s.call('PATCH', 'policies', { query: `names=${pol}`, body: shorten });
    expect(r.status).toBe(400);
    expect(errorMessages(r)).toMatch(/destroy_snapshots/);
    expect(
      (await s.call('PATCH', 'policies', { query: `names=${pol}&destroy_snapshots=true`, body: shorten }))
        .status,
    ).toBe(200);
    expect(
      (await s.call('PATCH', 'policies', { query: `names=${pol}`, body: { enabled: false } })).status,
    ).toBe(200);

    // A destroyed owner's snapshots are reported destroyed; eradicated, they are gone.
    expect(
      (
        await s.call('PATCH', 'file-systems', {
          query: `names=${fs}`,
          body: {
            destroyed: true,
            nfs: { v3_enabled: false, v4_1_enabled: false },
            smb: { enabled: false },
            http: { enabled: false },
          },
        })
      ).status,
    ).toBe(200);
    expect(
      (await s.items('file-system-snapshots', `names_or_owner_names=${fs}&destroyed=true`)).every(
        (x) => x.owner_destroyed === true,
      ),
    ).toBe(true);
    const destroyedJoin = await s.call('POST', 'policies/file-systems', {
      query: `policy_names=${pol}&member_names=${fs}`,
    });
    expect(destroyedJoin.status).toBe(400);
    expect(errorMessages(destroyedJoin)).toMatch(/has been destroyed/);
    expect((await s.call('DELETE', 'file-systems', { query: `names=${fs}` })).status).toBe(200);
    expect(
      (await s.items('file-system-snapshots')).filter((x) => (x.owner as { name: string }).name === fs),
    ).toEqual([]);
    expect((await s.items('policies/file-systems', `policy_names=${pol}`)).length).toBe(0);
    expect((await s.call('DELETE', 'policies', { query: `names=${pol}` })).status).toBe(200);
    expect((await s.call('DELETE', 'file-systems', { query: `names=${other}` })).status).toBe(400); // not destroyed

    for (const key of [
      `GET ${p}/policies 200`,
      `POST ${p}/policies 200`,
      `POST ${p}/policies 400`,
      `PATCH ${p}/policies 200`,
      `PATCH ${p}/policies 400`,
      `DELETE ${p}/policies 200`,
      `GET ${p}/policies/file-systems 200`,
      `POST ${p}/policies/file-systems 200`,
      `GET ${p}/file-systems/policies 200`,
      `POST ${p}/file-systems/policies 400`,
      `DELETE ${p}/file-systems/policies 200`,
      `GET ${p}/file-system-snapshots 200`,
      `GET ${p}/file-system-snapshots 400`,
    ])
      expect([...s.seen]).toContain(key);
  },
);

test('a daily rule with `at` snapshots at that time of day', async () => {
  const s = new PureSession(http, fleet.arrays[0]!, '2.28');
  await s.login();
  expect(
    (await s.call('POST', 'file-systems', { query: 'names=daily-fs', body: { provisioned: 2 ** 30 } }))
      .status,
  ).toBe(200);
  expect(
    (
      await s.call('POST', 'policies', {
        query: 'names=daily-at-2',
        body: { rules: [{ every: DAY, keep_for: 3 * DAY, at: 2 * HOUR }] },
      })
    ).status,
  ).toBe(200);
  expect(
    (
      await s.call('POST', 'policies/file-systems', {
        query: 'policy_names=daily-at-2&member_names=daily-fs',
      })
    ).status,
  ).toBe(200);
  await fleet.control.advanceClock(2 * DAY + 1000);
  await s.login();
  const snaps = await s.items('file-system-snapshots', 'names_or_owner_names=daily-fs&sort=created');
  expect(snaps.length).toBe(2);
  for (const x of snaps) expect(((x.created as number) - 2 * HOUR) % DAY).toBe(0);
});
