// The e2e harness's CLI version rules: comparisons, and picking a built version that has a feature.

import type { E2ESetup } from '../../e2e/harness/workspace';
import { cliSupports, setupSupporting, versionAtLeast } from '../../e2e/harness/cli-versions';

const setup = (tofu: string, available: E2ESetup['available'] = []): E2ESetup => ({
  mirror: '/m',
  cliConfig: '/c',
  version: '0.1.0',
  clis: { terraform: { path: '/tf', version: '1.16.4' }, tofu: { path: '/tofu-run', version: tofu } },
  available,
});

describe('versionAtLeast', () => {
  it.each([
    ['1.6.3-dev', '1.6.0', true],
    ['1.6.3', '1.12.6', false],
    ['1.12.6', '1.12.6', true],
    ['1.12.5', '1.12.6', false],
    ['2.0.0', '1.99.99', true],
  ])('%s >= %s is %s', (version, minimum, expected) => {
    expect(versionAtLeast(version, minimum)).toBe(expected);
  });
});

describe('cliSupports and setupSupporting', () => {
  it('keeps the run binary when it has the feature', () => {
    const s = setup('1.12.6');
    expect(cliSupports('tofu', 'generate-config-out', s)).toBe(true);
    expect(setupSupporting('tofu', 'generate-config-out', s)).toBe(s);
  });

  it('picks the newest built version that has the feature when the run binary lacks it', () => {
    const s = setup('1.6.3-dev', [
      { cli: 'tofu', path: '/tofu-1.6.3', version: '1.6.3-dev' },
      { cli: 'tofu', path: '/tofu-1.12.6', version: '1.12.6' },
      { cli: 'tofu', path: '/tofu-1.13.0', version: '1.13.0' },
      { cli: 'terraform', path: '/tf-9', version: '9.0.0' },
    ]);
    expect(cliSupports('tofu', 'generate-config-out', s)).toBe(false);
    expect(setupSupporting('tofu', 'generate-config-out', s).clis.tofu).toEqual({
      path: '/tofu-1.13.0',
      version: '1.13.0',
    });
  });

  it('says how to build one when none is built', () => {
    expect(() => setupSupporting('tofu', 'generate-config-out', setup('1.6.3-dev'))).toThrow(
      /needs tofu >= 1\.12\.6 .*node scripts\/tools\.mjs --all/,
    );
  });
});
