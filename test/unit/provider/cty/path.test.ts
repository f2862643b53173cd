import { CtyDecodeError, CtyEncodeError, appendStep, formatPath } from '../../../../src/provider/cty/path';

describe('formatPath', () => {
  test.each([
    [[], ''],
    [[{ attribute: 'volumes' }, { index: 2 }, { attribute: 'size' }], '.volumes[2].size'],
    [[{ attribute: 'tags' }, { key: 'env' }], '.tags["env"]'],
    [[{ key: 'a"b' }], '["a\\"b"]'],
  ])('%j renders as %s', (path, expected) => {
    expect(formatPath(path)).toBe(expected);
  });
});

test('appendStep does not change the path it extends', () => {
  const base = [{ attribute: 'a' }];
  const extended = appendStep(base, { index: 0 });
  expect(base).toEqual([{ attribute: 'a' }]);
  expect(extended).toEqual([{ attribute: 'a' }, { index: 0 }]);
});

describe('codec errors', () => {
  test('carry the path and the reason, and put the path in the message', () => {
    const error = new CtyDecodeError([{ attribute: 'size' }], 'a number is required');
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe('CtyDecodeError');
    expect(error.message).toBe('.size: a number is required');
    expect(error.reason).toBe('a number is required');
    expect(error.path).toEqual([{ attribute: 'size' }]);
  });

  test('at the top level the message is just the reason', () => {
    expect(new CtyEncodeError([], 'value is not known').message).toBe('value is not known');
    expect(new CtyEncodeError([], 'x').name).toBe('CtyEncodeError');
  });
});
