// What logging in at configure costs: the provider now waits, in ConfigureProvider, for one login
// per array (to report a bad roster entry on its block) where it used to start the logins in the
// background. Against a simulated fleet over HTTPS on loopback, per round and fresh connection:
//   check     — checkMembers(): TLS, version negotiation and login to every array, concurrently;
//   first read after the check — the telemetry round that follows (logins already done);
//   cold read — a telemetry round on a fresh connection with no check (logins inside it);
// for API-token and API-client (OAuth 2.0, RS256 JWT) logins. Medians over the rounds.
//
//   npm run bench:roster [-- --arrays 20 --rounds 15]

import { generateKeyPairSync } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { FleetConnection } from '../../src/fleet/connection';
import type { ArrayMember } from '../../src/fleet/roster';
import { startFleet, type RunningFleet } from '../../src/simulator';

const arg = (name: string, fallback: number): number =>
  process.argv.includes(name) ? Number(process.argv[process.argv.indexOf(name) + 1]) : fallback;
const ARRAYS = arg('--arrays', 20);
const ROUNDS = arg('--rounds', 15);

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};

async function timed(fn: () => Promise<unknown>): Promise<number> {
  const t0 = performance.now();
  await fn();
  return performance.now() - t0;
}

async function main(): Promise<void> {
  const fleet: RunningFleet = await startFleet({
    name: 'bench',
    arrays: Array.from({ length: ARRAYS }, (_, i) => ({
      name: `fa-${i}`,
      type: 'flasharray' as const,
      capacity: '100TiB',
    })),
  });
  const keys = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const publicKey = keys.publicKey.export({ type: 'spki', format: 'pem' }).toString();
  for (const a of fleet.arrays) {
    await fleet.control.registerApiClient(a.name, {
      id: `c-${a.name}`,
      keyId: 'k',
      issuer: 'bench',
      publicKey,
    });
  }
  const members = (kind: 'token' | 'client'): ArrayMember[] =>
    fleet.arrays.map((a) => ({
      name: a.name,
      kind: 'flasharray',
      endpoint: a.mgmtEndpoint,
      labels: {},
      ...(kind === 'token'
        ? { apiToken: a.apiToken }
        : {
            apiClient: {
              clientId: `c-${a.name}`,
              keyId: 'k',
              issuer: 'bench',
              user: 'pureuser',
              privateKey: keys.privateKey,
            },
          }),
    }));
  const rows: string[] = [];
  for (const kind of ['token', 'client'] as const) {
    const check: number[] = [];
    const after: number[] = [];
    const cold: number[] = [];
    for (let r = 0; r < ROUNDS; r++) {
      const checked = new FleetConnection({ arrays: members(kind), caPem: fleet.caCertPem });
      check.push(
        await timed(async () => {
          const problems = await checked.checkMembers();
          if (problems.length > 0) throw new Error(JSON.stringify(problems));
        }),
      );
      after.push(await timed(() => checked.telemetry.readAll()));
      await checked.close();
      const fresh = new FleetConnection({ arrays: members(kind), caPem: fleet.caCertPem });
      cold.push(await timed(() => fresh.telemetry.readAll()));
      await fresh.close();
    }
    const f = (x: number): string => x.toFixed(1);
    rows.push(
      `| ${kind === 'token' ? 'API token' : 'API client'} | ${ARRAYS} | ${f(median(check))} | ${f(median(after))} | ${f(median(check) + median(after))} | ${f(median(cold))} |`,
    );
  }
  console.log(`${ROUNDS} rounds, medians in ms`);
  console.log('| login | arrays | check | first read after it | sum | cold read (no check) |');
  console.log('|---|---|---|---|---|---|');
  for (const row of rows) console.log(row);
  await fleet.stop();
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
