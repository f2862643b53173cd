// No import cycles in src/ (issue 11: the provider listed the resources, which imported the
// provider for its data type). Type-only imports count: they tie modules together as much as
// any other. Read from the source text, so the test needs no bundler.

import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

const SRC = join(__dirname, '..', '..', '..', 'src');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith('.ts') ? [path] : [];
  });
}

/** Relative modules a file imports or re-exports from (`from '…'`), as absolute .ts paths. */
function importsOf(file: string, known: ReadonlySet<string>): string[] {
  const text = readFileSync(file, 'utf8');
  const out: string[] = [];
  for (const match of text.matchAll(/\bfrom\s+'(\.{1,2}\/[^']+)'/g)) {
    const base = resolve(dirname(file), match[1] as string);
    const target = [`${base}.ts`, join(base, 'index.ts')].find((candidate) => known.has(candidate));
    if (target) out.push(target);
  }
  return out;
}

function findCycle(graph: ReadonlyMap<string, readonly string[]>): string[] | undefined {
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const visit = (node: string): string[] | undefined => {
    state.set(node, 'open');
    stack.push(node);
    for (const next of graph.get(node) ?? []) {
      if (state.get(next) === 'open') return [...stack.slice(stack.indexOf(next)), next];
      if (!state.has(next)) {
        const cycle = visit(next);
        if (cycle) return cycle;
      }
    }
    stack.pop();
    state.set(node, 'done');
    return undefined;
  };
  for (const node of graph.keys()) {
    if (!state.has(node)) {
      const cycle = visit(node);
      if (cycle) return cycle;
    }
  }
  return undefined;
}

describe('the module graph of src/', () => {
  const files = sourceFiles(SRC);
  const known = new Set(files);
  const graph = new Map(files.map((file) => [file, importsOf(file, known)]));

  it('reads the imports it checks (the provider imports its resources)', () => {
    const provider = graph.get(join(SRC, 'resources', 'provider.ts')) ?? [];
    expect(provider.map((f) => relative(SRC, f))).toEqual(
      expect.arrayContaining(['resources/volume.ts', 'resources/fleet.ts', 'resources/provider-data.ts']),
    );
  });

  it('has no cycle', () => {
    expect(findCycle(graph)?.map((f) => relative(SRC, f))).toBeUndefined();
  });
});
