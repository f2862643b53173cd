// Volume sizes as users write them, and the long inputs that once took seconds (issue 14): every
// parse is bounded by the text's length, and the message quotes a long input only in part.

import { SizeError, formatSize, parseSize } from '../../../src/resources/size';
import { normaliseEndpoint } from '../../../src/fleet/rest/endpoint';

describe('parseSize', () => {
  it.each([
    ['100G', 100n * 1024n ** 3n],
    [' 1.5 T ', 3n * 512n * 1024n ** 3n],
    ['512MiB', 512n * 1024n ** 2n],
    ['1073741824', 1073741824n],
    ['4p', 4n * 1024n ** 5n],
  ])('reads %j', (text, bytes) => {
    expect(parseSize(text)).toBe(bytes);
  });

  it.each([
    `1${' '.repeat(150_000)}x`,
    `1${' '.repeat(150_000)}`,
    `${' '.repeat(150_000)}1G`,
    '1'.repeat(150_000),
    'x',
    '1.0000001K',
  ])('refuses %#, quoting at most 40 characters of it', (text) => {
    expect(() => parseSize(text)).toThrow(SizeError);
    try {
      parseSize(text);
    } catch (error) {
      expect((error as Error).message.length).toBeLessThan(250);
    }
  });

  it('formats back the shortest exact unit', () => {
    expect(formatSize(100n * 1024n ** 3n)).toBe('100G');
    expect(formatSize(1000n)).toBe('1000');
  });
});

describe('normaliseEndpoint', () => {
  it('drops trailing slashes and adds https:// when no scheme is given', () => {
    expect(normaliseEndpoint(' fa-1.example.com:8443/// ')).toBe('https://fa-1.example.com:8443');
    expect(normaliseEndpoint('http://fa-1')).toBe('http://fa-1');
    expect(normaliseEndpoint(`fa-1${'/'.repeat(150_000)}`)).toBe('https://fa-1');
    expect(normaliseEndpoint(`fa-1${'/'.repeat(10)}x`)).toBe(`https://fa-1${'/'.repeat(10)}x`);
  });
});
