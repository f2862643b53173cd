// A stored state missing a name the object is found by is an error on that attribute
// (src/resources/recorded-state.ts), never a lookup under "null".

import { Diagnostics } from '../../../src/provider/framework/diagnostics';
import { recorded } from '../../../src/resources/recorded-state';

describe('recorded', () => {
  test('every name present: true, no diagnostic', () => {
    const diags = new Diagnostics();
    expect(recorded({ fleet: 'f', array: 'fa-1', size: null }, ['fleet', 'array'], diags)).toBe(true);
    expect(diags.all).toEqual([]);
  });

  test('a null name: false, with an error on that attribute', () => {
    const diags = new Diagnostics();
    expect(recorded({ fleet: 'f', array: null as string | null }, ['fleet', 'array'], diags)).toBe(false);
    expect(diags.all.map((d) => [d.severity, d.summary, JSON.stringify(d.path)])).toEqual([
      ['error', 'Incomplete state', '[{"attribute":"array"}]'],
    ]);
  });
});
