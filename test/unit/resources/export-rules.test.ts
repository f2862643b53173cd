// The provider's own check of NFS export rules (src/resources/export-rules.ts), against the
// grammar the FlashBlade specs describe, and the per-kind size ranges.

import { exportRuleProblems, exportsToEveryone } from '../../../src/resources/export-rules';
import { SIZE_RANGES, parseSize, sizeProblem } from '../../../src/resources/size';

describe('export rules', () => {
  test.each([
    '',
    '10.0.0.0/24(rw,no_root_squash)',
    '10.0.0.1(ro) @netgrp(rw,all_squash,anonuid=99,fileid_32bit)',
    'fd01:abcd::/64(ro,secure,root_squash,anongid=16000)',
    '1.41.8.32(rw,no_all_squash,sec=krb5:krb5i:krb5p)',
    'my-hostname(rw,no_root_squash) host.exampledomain.com(rw) host?.example*domain.com(ro) host.*(rw)',
    '*(ro,noatime,insecure,no_fileid_32bit)',
    '10.0.0.0/8',
  ])('accepts %p (the spec’s own examples and forms)', (rules) => {
    expect(exportRuleProblems(rules)).toEqual([]);
  });

  test.each([
    ['10.0.0.0/33(rw)', /IPv4 prefix is at most \/32/],
    ['10.0.0.0/x(rw)', /prefix length after "\/" must be a number/],
    ['300.1.1.1(rw)', /not a valid IPv4 address/],
    ['10.0.0.1(rw,no_root_sqush)', /"no_root_sqush" is not an export option/],
    ['10.0.0.1(rw,ro)', /rw and ro exclude each other/],
    ['10.0.0.1(anonuid=abc)', /anonuid needs a number/],
    ['10.0.0.1(sec=ntlm)', /sec flavour "ntlm"/],
    ['10.0.0.1(rw', /not of the form client\(options\)/],
    ['bad_host!(rw)', /is not a client/],
  ])('rejects %p, saying why', (rules, why) => {
    const problems = exportRuleProblems(rules);
    expect(problems.length).toBeGreaterThan(0);
    expect(problems.join('\n')).toMatch(why);
  });

  test('reports every bad entry, not only the first', () => {
    expect(exportRuleProblems('10.0.0.0/40(rw) 10.0.0.1(xx) ok-host(rw)')).toHaveLength(2);
  });

  test('a rule for * is a world export', () => {
    expect(exportsToEveryone('10.0.0.0/8(rw) *(ro)')).toBe(true);
    expect(exportsToEveryone('10.0.0.0/8(rw) *.example.com(ro)')).toBe(false);
  });
});

describe('sizes per kind', () => {
  const problem = (text: string, kind: 'block' | 'file'): string | undefined =>
    sizeProblem(text, parseSize(text), SIZE_RANGES[kind]);

  test('block volumes: 512-byte multiples from 1M to 4P', () => {
    expect(problem('1M', 'block')).toBeUndefined();
    expect(problem('4P', 'block')).toBeUndefined();
    expect(problem('5P', 'block')).toMatch(/outside the FlashArray volume range 1M to 4P/);
    expect(problem('1048577', 'block')).toMatch(/not a multiple of 512 bytes/);
  });

  test('file volumes: whole bytes from 1M to 8P', () => {
    expect(problem('1048577', 'file')).toBeUndefined();
    expect(problem('8P', 'file')).toBeUndefined();
    expect(problem('9P', 'file')).toMatch(/outside the FlashBlade file system range 1M to 8P/);
    expect(problem('1K', 'file')).toMatch(/outside the FlashBlade file system range/);
  });
});
