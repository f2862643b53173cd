// Several copies of one volume (left by an older version of the provider): the fleet's mark for the
// same resource on two arrays. The plan is a clear error that lists both and says which to keep;
// nothing is adopted and nothing is written to any array, by plan or by apply. Following the advice
// (eradicate the other copy) makes the next plan adopt the one kept, and the apply take it into
// state without creating anything. (engineering/fault-safety.md §3; unit-tested in
// test/unit/resources/volume-adoption.test.ts.)

import { FleetConnection } from '../../src/fleet/connection';
import type { RunningFleet } from '../../src/simulator';
import type { CliName } from './harness/workspace';
import { Workspace } from './harness/workspace';
import {
  FLEET_NAME,
  copiesOnArrays,
  providerConfig,
  startFaultFleet,
  writesSinceReset,
} from './support/faults';

jest.setTimeout(300_000);

let fleet: RunningFleet;

beforeAll(async () => {
  fleet = await startFaultFleet();
});

afterAll(async () => {
  await fleet?.stop();
});

const GIB = 2 ** 30;

/** Creates `name` on each array with the fleet's mark for resource `<fleet>/<resource>`, as the provider does. */
async function markedCopies(name: string, resource: string, arrays: readonly string[]): Promise<void> {
  const connection = new FleetConnection({
    arrays: fleet.arrays.map((a) => ({
      name: a.name,
      kind: a.type,
      endpoint: a.mgmtEndpoint,
      apiToken: a.apiToken,
      labels: a.labels,
    })),
    caPem: fleet.caCertPem,
  });
  try {
    for (const array of arrays)
      await connection
        .flashArray(array)
        .createVolume(name, 10 * GIB, undefined, { mark: { fleet: FLEET_NAME, resource } });
  } finally {
    connection.close();
  }
}

function volumeConfig(name: string): string {
  return `resource "pure_volume" "v" {\n  fleet = pure_fleet.f.name\n  name  = "${name}"\n  size  = "10G"\n  deletion_policy = "eradicate"\n}\n`;
}

describe.each<CliName>(['terraform', 'tofu'])('with %s', (cli) => {
  it('two marked copies: the plan lists both and says which to keep; nothing adopted or written; the advice works', async () => {
    const short = `dup-${cli}`;
    const backend = `${FLEET_NAME}-${short}`;
    await markedCopies(backend, `${FLEET_NAME}/${short}`, ['fa-1', 'fa-2']);
    // The copy on fa-2 holds data: it is the one to keep.
    await fleet.control.change('fa-2', { action: 'write', name: backend, writtenBytes: GIB });
    const w = new Workspace(cli);
    try {
      w.writeConfig(providerConfig(fleet) + volumeConfig(short));
      await w.init();
      await fleet.control.resetCounters();
      for (const args of [
        ['plan', '-input=false', '-no-color'],
        ['apply', '-auto-approve', '-input=false', '-no-color'],
      ]) {
        const run = await w.run(args, { allowFailure: true });
        expect(run.code).toBe(1);
        const text = run.stderr.replace(/\s+/g, ' ');
        expect(text).toContain('Several copies of this volume');
        expect(text).toContain(`"${backend}" exists on 2 arrays, each marked as this fleet's`);
        expect(text).toMatch(/- fa-1: created \S+, 0 bytes written/);
        expect(text).toMatch(new RegExp(`- fa-2: created \\S+, ${GIB} bytes written`));
        expect(text).toContain('Keep the copy on fa-2');
        expect(text).not.toMatch(/Adopting|Adopted/);
      }
      // Nothing adopted, nothing created, nothing written.
      expect((await w.state()).filter((r) => r.type === 'pure_volume')).toEqual([]);
      expect((await copiesOnArrays(fleet)).get(backend)).toEqual(['fa-1', 'fa-2']);
      expect(await writesSinceReset(fleet)).toEqual({});

      // The advice: eradicate the other copy, plan again: it is adopted, on fa-2.
      await fleet.control.change('fa-1', { action: 'eradicate', name: backend });
      const plan = await w.run(['plan', '-input=false', '-no-color'], { allowFailure: true });
      expect(plan.code).toBe(0);
      expect(plan.stdout + plan.stderr).toMatch(/Adopting a volume this fleet created/);
      expect((plan.stdout + plan.stderr).replace(/\s+/g, ' ')).toContain(`adopting "${backend}" on fa-2`);
      await fleet.control.resetCounters();
      await w.apply();
      const [state] = (await w.state()).filter((r) => r.type === 'pure_volume');
      expect(state?.values.array).toBe('fa-2');
      expect(state?.values.backend_name).toBe(backend);
      expect((await copiesOnArrays(fleet)).get(backend)).toEqual(['fa-2']);
      expect(Object.keys(await writesSinceReset(fleet)).filter((k) => /POST .*volumes$/.test(k))).toEqual([]);
      await fleet.control.resetCounters();
      await w.run(['apply', '-refresh-only', '-auto-approve', '-input=false', '-no-color']);
      expect((await w.plan()).code).toBe(0);
      expect(await writesSinceReset(fleet)).toEqual({});
      await w.destroy();
      expect((await copiesOnArrays(fleet)).get(backend)).toBeUndefined();
    } finally {
      w.dispose();
    }
  });
});
