#!/usr/bin/env node
// Summarises a V8 CPU profile (node --cpu-prof): the functions with the most self time, and the
// most inclusive time (each sample counted once per function on its stack), in ms.
//
//   node bench/cpu-profile-summary.mjs FILE.cpuprofile [--top 30] [--match TEXT]
//
// --match keeps only functions whose name or location contains TEXT in the inclusive list;
// --under TEXT counts only samples with such a function on their stack (its callees' shares).
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { fileURLToPath } from 'node:url';

const arg = (name, fallback) =>
  process.argv.includes(name) ? process.argv[process.argv.indexOf(name) + 1] : fallback;

/** Self and inclusive ms per function of one profile. */
export function summarise(profile, under) {
  const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const label = (n) => {
    const f = n.callFrame;
    const where = f.url ? `${basename(f.url)}:${f.lineNumber + 1}` : '';
    return `${f.functionName || '(anonymous)'} ${where}`.trim();
  };
  const self = new Map();
  const inclusive = new Map();
  const add = (map, key, ms) => map.set(key, (map.get(key) ?? 0) + ms);
  const deltas = profile.timeDeltas;
  let total = 0;
  const hasUnder = (id) => {
    for (let cur = id; cur !== undefined; cur = parent.get(cur))
      if (label(nodes.get(cur)).includes(under)) return true;
    return false;
  };
  profile.samples.forEach((id, i) => {
    if (under && !hasUnder(id)) return;
    const ms = (deltas[i + 1] ?? 0) / 1000;
    total += ms;
    const leaf = nodes.get(id);
    add(self, label(leaf), ms);
    const seen = new Set();
    for (let cur = id; cur !== undefined; cur = parent.get(cur)) {
      const key = label(nodes.get(cur));
      if (seen.has(key)) continue;
      seen.add(key);
      add(inclusive, key, ms);
    }
  });
  return { total, self, inclusive };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const file = process.argv[2];
  const top = Number(arg('--top', 30));
  const match = arg('--match', undefined);
  const under = arg('--under', undefined);
  const { total, self, inclusive } = summarise(JSON.parse(readFileSync(file, 'utf8')), under);
  const print = (title, map, filter = () => true) => {
    console.log(`\n${title}`);
    [...map.entries()]
      .filter(([k]) => filter(k))
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .forEach(([k, ms]) => console.log(`${ms.toFixed(1).padStart(9)} ms  ${k}`));
  };
  console.log(`${file}: ${total.toFixed(0)} ms sampled`);
  print('self time', self);
  print('inclusive time', inclusive, (k) => !match || k.includes(match));
}
