// Which copy of a volume a plan adopts, refuses, or asks about: decided from the copies on the
// arrays and their ownership marks, never from the name alone.

import { contentionOrder } from '../../../src/fleet/contention';
import { markTags, marksFromTags, ownedBy, type Ownership } from '../../../src/fleet/ownership';
import type { FleetObject } from '../../../src/fleet/volumes/snapshot';
import { copyToKeep, decideCopies, type Copy } from '../../../src/resources/volume-adoption';

const mark = (resource: string): Ownership => ({
  by: 'mark',
  mark: { fleet: resource.split('/')[0] as string, resource },
});

function copy(
  array: string,
  options: { ownership?: Ownership; destroyed?: boolean; created?: number; unique?: number } = {},
): Copy {
  const object: FleetObject = {
    kind: 'flasharray',
    name: 'prod-db',
    volume: {
      id: `${array}-id`,
      name: 'prod-db',
      serial: 'S',
      provisioned: 2 ** 30,
      destroyed: options.destroyed ?? false,
      created: options.created ?? 1_000,
      space: { unique: options.unique ?? 0 },
    },
    ...(options.ownership ? { ownership: options.ownership } : {}),
  };
  return { array, object };
}

test('one live copy with this fleet and resource mark is adopted', () => {
  expect(decideCopies([copy('fa-1', { ownership: mark('prod/db') })], 'prod', 'prod/db')).toMatchObject({
    kind: 'adopt',
    copy: { array: 'fa-1' },
  });
});

test('a copy marked for another resource, or unmarked, is never adopted', () => {
  expect(decideCopies([copy('fa-1', { ownership: mark('prod/other') })], 'prod', 'prod/db').kind).toBe(
    'foreign',
  );
  expect(decideCopies([copy('fa-1', { ownership: { by: 'unmarked' } })], 'prod', 'prod/db').kind).toBe(
    'foreign',
  );
  expect(decideCopies([copy('fa-1', { ownership: mark('test/db') })], 'prod', 'prod/db').kind).toBe(
    'foreign',
  );
});

test('ownership that could not be read decides nothing', () => {
  expect(decideCopies([copy('fa-1')], 'prod', 'prod/db').kind).toBe('marks-unreadable');
});

test('several marked copies: an error that keeps the one with data, else the oldest', () => {
  const d = decideCopies(
    [
      copy('fa-1', { ownership: mark('prod/db'), created: 5 }),
      copy('fa-2', { ownership: mark('prod/db'), created: 9, unique: 4096 }),
      copy('fa-3', { ownership: mark('prod/db'), created: 1 }),
    ],
    'prod',
    'prod/db',
  );
  expect(d.kind).toBe('several');
  if (d.kind === 'several') expect(d.keep.array).toBe('fa-2');
  expect(copyToKeep([copy('fa-1', { created: 5 }), copy('fa-3', { created: 1 })]).array).toBe('fa-3');
});

test('a destroyed copy alone is reported as destroyed, and a live marked one wins over it', () => {
  expect(
    decideCopies([copy('fa-1', { destroyed: true, ownership: mark('prod/db') })], 'prod', 'prod/db').kind,
  ).toBe('destroyed');
  expect(
    decideCopies(
      [copy('fa-1', { destroyed: true }), copy('fa-2', { ownership: mark('prod/db') })],
      'prod',
      'prod/db',
    ),
  ).toMatchObject({ kind: 'adopt', copy: { array: 'fa-2' } });
});

test('the prefix rule (FlashBlade) proves nothing: adopted only when asked; marks round-trip through tags', () => {
  expect(ownedBy({ by: 'prefix-rule' }, 'prod', 'prod/db')).toBe(false);
  expect(decideCopies([copy('fb-1', { ownership: { by: 'prefix-rule' } })], 'prod', 'prod/db').kind).toBe(
    'foreign',
  );
  const tags = markTags({ fleet: 'prod', resource: 'prod/db' }).map((t) => ({
    ...t,
    resource: { name: 'Prod-DB' },
  }));
  expect(
    marksFromTags([...tags, { namespace: 'other', key: 'resource', value: 'x/y', resource: { name: 'z' } }]),
  ).toEqual(new Map([['prod-db', { fleet: 'prod', resource: 'prod/db' }]]));
});

test('contention order: the array clock first, then the name, the same for every reader', () => {
  const creates = [
    { name: 'b', sizeBytes: 1, createdAtMs: 10 },
    { name: 'a', sizeBytes: 1, createdAtMs: 10 },
    { name: 'c', sizeBytes: 1, createdAtMs: 5 },
  ];
  expect(contentionOrder(creates).map((c) => c.name)).toEqual(['c', 'a', 'b']);
  expect(contentionOrder([...creates].reverse()).map((c) => c.name)).toEqual(['c', 'a', 'b']);
});
