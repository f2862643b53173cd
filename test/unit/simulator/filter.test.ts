import {
  evaluateFilter,
  filterProperties,
  parseFilter,
  FilterSyntaxError,
} from '../../../src/simulator/filter';

const vol = {
  name: 'pso-pvc-1234',
  provisioned: 10 * 2 ** 30,
  destroyed: false,
  qos: { iops_limit: 5000 },
  space: { total_physical: 100 },
  iqns: ['iqn.2024-01.a', 'iqn.2024-01.b'],
};

function matches(f: string, item: unknown = vol, tags: Array<{ key: string; value: string }> = []): boolean {
  return evaluateFilter(parseFilter(f), item, { tags: () => tags });
}

describe('filter expressions as py-pure-client builds them', () => {
  test.each([
    ["name='pso-pvc-1234'", true],
    ["name='pso-*'", true],
    ["name='*-1234'", true],
    ["name='other*'", false],
    ["name!='pso-*'", false],
    ['provisioned>1073741824', true],
    ['provisioned>=10737418240', true],
    ['provisioned<10737418240', false],
    ['provisioned<=10737418240', true],
    ['destroyed=false', true],
    ['destroyed=true', false],
    ["name='x' or destroyed=false", true],
    ["name='x' and destroyed=false", false],
    ["not(name='x')", true],
    ["not(name='pso-*')", false],
    ["contains(name, 'pvc')", true],
    ["contains(name, 'zzz')", false],
    ["name=('a','pso-pvc-1234')", true],
    ["name=('a','b')", false],
    ["name!=('a','b')", true],
    ['qos.iops_limit=5000', true],
    ['qos.bandwidth_limit', false],
    ['qos.iops_limit', true],
    ["iqns[any]='iqn.2024-01.b'", true],
    ["iqns[all]='iqn.2024-01.*'", true],
    ["iqns[all]='iqn.2024-01.a'", false],
    // `and` binds tighter than `or`.
    ["name='x' and destroyed=true or provisioned>0", true],
    ["name='x' and (destroyed=true or provisioned>0)", false],
    ['name="pso-pvc-1234"', true],
  ])('%s → %s', (f, expected) => {
    expect(matches(f)).toBe(expected);
  });

  test('tags() matches key and value', () => {
    expect(matches("tags('fleet','f1')", vol, [{ key: 'fleet', value: 'f1' }])).toBe(true);
    expect(matches("tags('fleet','f2')", vol, [{ key: 'fleet', value: 'f1' }])).toBe(false);
  });

  test('a quoted number compares with a numeric field', () => {
    expect(matches("provisioned>'1000'")).toBe(true);
  });

  test('filterProperties lists the top-level fields named', () => {
    expect(
      filterProperties(parseFilter("name='a' and not(qos.iops_limit>1) or contains(serial,'x')")).sort(),
    ).toEqual(['name', 'qos', 'serial']);
  });

  test.each([
    "name='x",
    'name=',
    "name='x' and",
    'not(',
    '(name',
    'contains(name)',
    "name<('a','b')",
    'name[first]=1',
    "name='a' #",
    '',
    ')',
    "name='x' name='y'",
  ])('rejects %p', (f) => {
    expect(() => parseFilter(f)).toThrow(FilterSyntaxError);
  });

  test('deep nesting and huge filters are rejected instead of overflowing the stack', () => {
    expect(() => parseFilter(`${'('.repeat(500)}name='x'${')'.repeat(500)}`)).toThrow(FilterSyntaxError);
    expect(() => parseFilter(`name='${'x'.repeat(5000)}'`)).toThrow(/too long/);
  });
});
