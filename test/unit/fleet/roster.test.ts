// PSO values files as the charts wrote them: the current NFSEndPoint and the older Flex chart's
// NfsEndPoint, and a misspelt key named with the spelling expected.

import { RosterError, membersFromPso } from '../../../src/fleet/roster';

const FB = { MgmtEndPoint: '10.0.0.6', APIToken: 'T-1' };

describe('PSO arrays section', () => {
  test('accepts NFSEndPoint and the older NfsEndPoint', () => {
    const members = membersFromPso(
      {
        FlashArrays: [
          { MgmtEndPoint: '10.0.0.1', APIToken: 'a', Labels: { 'topology.purestorage.com/zone': 'a' } },
        ],
        FlashBlades: [
          { ...FB, NFSEndPoint: '10.0.1.6' },
          { ...FB, MgmtEndPoint: '10.0.0.7', NfsEndPoint: '10.0.1.7' },
        ],
      },
      'values.yaml',
    );
    expect(members.map((m) => [m.name, m.kind, m.nfsEndpoint])).toEqual([
      ['10.0.0.1', 'flasharray', undefined],
      ['10.0.0.6', 'flashblade', '10.0.1.6'],
      ['10.0.0.7', 'flashblade', '10.0.1.7'],
    ]);
    expect(members[0]?.labels).toEqual({ 'topology.purestorage.com/zone': 'a' });
  });

  test.each([
    [
      { FlashBlades: [{ ...FB, NFSEndpoint: 'x' }] },
      /unknown key "NFSEndpoint"; the expected spelling is "NFSEndPoint"/,
    ],
    [
      { FlashBlades: [{ ...FB, NfsEndpoint: 'x' }] },
      /unknown key "NfsEndpoint"; the expected spelling is "NFSEndPoint"/,
    ],
    [
      { FlashArrays: [{ MgmtEndpoint: 'x', APIToken: 'a' }] },
      /unknown key "MgmtEndpoint"; the expected spelling is "MgmtEndPoint"/,
    ],
    [{ FlashArrays: [{ MgmtEndPoint: 'x', ApiToken: 'a' }] }, /the expected spelling is "APIToken"/],
    [
      { FlashArrays: [{ MgmtEndPoint: 'x', APIToken: 'a', labels: {} }] },
      /the expected spelling is "Labels"/,
    ],
    [{ Flasharrays: [] }, /unknown key "Flasharrays"; the expected spelling is "FlashArrays"/],
  ])('names the expected spelling of a misspelt key (%#)', (section, message) => {
    expect(() => membersFromPso(section, 'values.yaml')).toThrow(RosterError);
    expect(() => membersFromPso(section, 'values.yaml')).toThrow(message);
  });

  test('keys far from every known one are left alone (files derived from PSO carry extras)', () => {
    expect(membersFromPso({ FlashBlades: [{ ...FB, NFSEndPoint: 'n', VLAN: 7 }] }, 'pure.json')).toHaveLength(
      1,
    );
  });

  test('a FlashBlade without either spelling is refused, naming both', () => {
    expect(() => membersFromPso({ FlashBlades: [FB] }, 'values.yaml')).toThrow(
      /NFSEndPoint \(or the older NfsEndPoint\) is required/,
    );
  });
});
