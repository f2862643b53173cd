// The msgpack codec on a pure_volume value, in-process: microseconds per decode of a configuration
// (as ValidateResourceConfig and PlanResourceChange receive it) and per encode of a plan (as
// PlanResourceChange answers), against @msgpack/msgpack's own decode of the same bytes (the floor
// under the typed walk) and the size check every decode runs first. Each figure is the best of
// several rounds of N calls in one process, warm; a plan's provider process is younger than that,
// so read them as the ranking of the costs, not as a plan's figures.
//
//   npm run bench:codec [-- --calls 3000 --rounds 7]

import { Decoder } from '@msgpack/msgpack';
import { decodeMsgpack, encodeMsgpack } from '../../src/provider/cty/msgpack';
import { CtyNumber } from '../../src/provider/cty/number';
import type { ObjectType } from '../../src/provider/cty/types';
import type { CtyValue } from '../../src/provider/cty/value';
import { UNKNOWN } from '../../src/provider/cty/value';
import { checkMsgpackShape } from '../../src/provider/cty/wire-limits';
import { schemaType } from '../../src/provider/framework/schema';
import { volumeSchema } from '../../src/resources/volume-schema';

const arg = (name: string, fallback: number): number =>
  process.argv.includes(name) ? Number(process.argv[process.argv.indexOf(name) + 1]) : fallback;
const CALLS = arg('--calls', 3000);
const ROUNDS = arg('--rounds', 7);

const type = schemaType(volumeSchema) as ObjectType;
// The configuration of `pure_volume "v" { fleet = "bench", name = "v17", size = "10G" }`.
const config: Record<string, CtyValue> = Object.create(null) as Record<string, CtyValue>;
for (const name of Object.keys(type.attributes)) config[name] = null;
Object.assign(config, { fleet: 'bench', name: 'v17', size: '10G' });
// What the provider plans for it: defaults, derived names, the computed rest unknown.
const planned: Record<string, CtyValue> = {
  ...config,
  id: 'bench/v17',
  backend_name: 'bench-v17',
  size_bytes: CtyNumber.of(10737418240),
  kind: 'block',
  adopt: false,
  deletion_policy: 'delete',
  destroyed: false,
  placement: UNKNOWN,
  array: UNKNOWN,
  array_id: UNKNOWN,
};
const bytes = encodeMsgpack(config, type);
const plain = new Decoder({ useBigInt64: true });

const subjects: [string, () => unknown][] = [
  ['decodeMsgpack (configuration)', () => decodeMsgpack(bytes, type)],
  ['encodeMsgpack (plan)', () => encodeMsgpack(planned, type)],
  ['@msgpack/msgpack decode, untyped (floor)', () => plain.decode(bytes)],
  ['checkMsgpackShape', () => checkMsgpackShape(bytes)],
];
const best = new Map<string, number>();
for (let round = 0; round < ROUNDS; round += 1) {
  for (const [name, run] of subjects) {
    const started = process.hrtime.bigint();
    for (let i = 0; i < CALLS; i += 1) run();
    const us = Number(process.hrtime.bigint() - started) / 1e3 / CALLS;
    best.set(name, Math.min(best.get(name) ?? Infinity, us));
  }
}
console.log(
  `pure_volume value: ${Object.keys(type.attributes).length} attributes, ${bytes.length} bytes; best of ${ROUNDS} x ${CALLS} calls`,
);
console.table(subjects.map(([name]) => ({ subject: name, us_per_call: +(best.get(name) ?? 0).toFixed(2) })));
