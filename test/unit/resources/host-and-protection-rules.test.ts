// The provider's own checks of host ports (IQN, NQN, WWN), the device WWN it exports, QoS ranges
// and snapshot durations: what reaches the arrays only after these have passed.

import { IQN_PATTERN, NQN_PATTERN, WWN_PATTERN } from '../../../src/resources/host-schema';
import { volumeWwn } from '../../../src/resources/volume-connections';
import {
  formatDuration,
  groupName,
  parseDuration,
  scheduleOf,
} from '../../../src/resources/volume-protection';
import { qosOf } from '../../../src/resources/volume-qos';
import { CtyNumber } from '../../../src/provider/cty/number';

describe('host ports', () => {
  test.each([
    'iqn.1994-05.com.redhat:web1',
    'iqn.2010-06.com.purestorage:linux.393d930077be2977',
    'eui.0123456789ABCDEF',
  ])('accepts IQN %p', (iqn) => expect(IQN_PATTERN.test(iqn)).toBe(true));
  test.each(['iqn.bogus', 'iqn.1994-13.com.redhat:x', 'iqn.1994-05.com.redhat:has space', 'eui.0123'])(
    'refuses IQN %p',
    (iqn) => expect(IQN_PATTERN.test(iqn)).toBe(false),
  );
  test.each([
    'nqn.2014-08.org.nvmexpress:uuid:1b4e28ba-2fa1-11d2-883f-0016d3ccabcd',
    'nqn.2010-06.com.purestorage:flasharray.512f7bb185978505',
  ])('accepts NQN %p', (nqn) => expect(NQN_PATTERN.test(nqn)).toBe(true));
  test.each(['nqn-without-date', 'nqn.2014-08.org.nvmexpress', 'iqn.2014-08.org.nvmexpress:x'])(
    'refuses NQN %p',
    (nqn) => expect(NQN_PATTERN.test(nqn)).toBe(false),
  );
  test.each(['21:00:00:24:ff:4c:12:34', '21000024FF4C1234'])('accepts WWN %p', (wwn) =>
    expect(WWN_PATTERN.test(wwn)).toBe(true),
  );
  test.each(['21:00:00:24:ff:4c:12', '21-00-00-24-ff-4c-12-34', '21000024FF4C123G'])(
    'refuses WWN %p',
    (wwn) => expect(WWN_PATTERN.test(wwn)).toBe(false),
  );
});

test('a volume’s WWN is NAA 6, Pure’s OUI 24a937, then the serial in lower case', () => {
  expect(volumeWwn('3B7B308D98F9425E000113E9')).toBe('naa.624a93703b7b308d98f9425e000113e9');
});

describe('QoS', () => {
  test('limits in bytes per second and IOPS; unset is an explicit null', () => {
    expect(qosOf({ iops_limit: CtyNumber.of(1000), bandwidth_limit: '500M' })).toEqual({
      iopsLimit: 1000,
      bandwidthLimit: 500 * 1024 ** 2,
    });
    expect(qosOf({ iops_limit: null, bandwidth_limit: null })).toEqual({
      iopsLimit: null,
      bandwidthLimit: null,
    });
  });
});

describe('snapshot schedules', () => {
  test('durations parse and print exactly', () => {
    expect(parseDuration('30m')).toBe(1_800_000);
    expect(parseDuration('7d')).toBe(7 * 86_400_000);
    expect(parseDuration('-1d')).toBeUndefined();
    expect(parseDuration('1w')).toBeUndefined();
    expect(formatDuration(90 * 60_000)).toBe('90m');
    expect(formatDuration(48 * 3_600_000)).toBe('2d');
  });

  test('one group name per distinct schedule, whatever the spelling', () => {
    const a = scheduleOf({ snapshot_every: '60m', snapshot_retention: '24h' });
    const b = scheduleOf({ snapshot_every: '1h', snapshot_retention: '1d' });
    expect(a).toEqual(b);
    expect(groupName('prod', a!)).toBe('prod-snap-1h-1d');
    expect(scheduleOf({ snapshot_every: null, snapshot_retention: null })).toBeNull();
  });
});
