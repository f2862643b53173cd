import {
  demoFleet,
  loadFleetDescription,
  parseDuration,
  parseSize,
  resolveArray,
  validateFleetDescription,
  FleetDescriptionError,
} from '../../../src/simulator/description';

describe('fleet descriptions', () => {
  test('the demo fleet has three FlashArrays in two zones and one FlashBlade, and validates', () => {
    const demo = demoFleet();
    expect(validateFleetDescription(demo)).toEqual([]);
    const fas = demo.arrays.filter((a) => a.type === 'flasharray');
    expect(fas).toHaveLength(3);
    expect(new Set(fas.map((a) => a.labels?.['topology.purestorage.com/zone']))).toEqual(
      new Set(['zone-a', 'zone-b']),
    );
    expect(demo.arrays.filter((a) => a.type === 'flashblade')).toHaveLength(1);
    // Different advertised versions, so clients must negotiate.
    expect(new Set(demo.arrays.map((a) => a.maxApiVersion)).size).toBeGreaterThan(2);
  });

  test('YAML with sizes, durations and a load profile resolves with defaults', () => {
    const d = loadFleetDescription(`
name: lab
arrays:
  - name: fa-1
    type: flasharray
    model: fa-x90r4
    capacity: 1.5PiB
    load: { profile: diurnal, iops: 1000, peakIops: 5000, periodSeconds: 3600 }
    eradicationDelay: 10m
    preexistingUsed: 0.25
  - name: fb-1
    type: flashblade
    load: spikes
`);
    const fa = resolveArray(d.arrays[0]!);
    expect(fa.model).toBe('FA-X90R4');
    expect(fa.capacity).toBe(1.5 * 2 ** 50);
    expect(fa.eradicationDelayMs).toBe(600_000);
    expect(fa.preexistingUsed).toBe(Math.round(0.25 * 1.5 * 2 ** 50));
    expect(fa.load).toEqual(
      expect.objectContaining({ profile: 'diurnal', iops: 1000, peakIops: 5000, periodSeconds: 3600 }),
    );
    expect(fa.maxApiVersion).toBe('2.56');
    const fb = resolveArray(d.arrays[1]!);
    expect(fb.maxApiVersion).toBe('2.28');
    expect(fb.load.profile).toBe('spikes');
    expect(fb.volumeLimit).toBeGreaterThan(0);
  });

  test('every problem is reported with its path', () => {
    let err: FleetDescriptionError | undefined;
    try {
      loadFleetDescription(`
arrays:
  - { name: fa, type: flasharray, fillRatio: 2, port: 70000, maxApiVersion: 2.5 }
  - { name: FA, type: flasharray }
  - { name: fb, type: flashblade, load: { profile: wavy, readRatio: 3 }, nfsEndpoint: "bad host!" }
  - { name: fa2, type: flasharray, nfsEndpoint: 1.2.3.4, model: FA-Z9, eradicationDelay: soon }
extra: 1
`);
    } catch (e) {
      err = e as FleetDescriptionError;
    }
    expect(err).toBeInstanceOf(FleetDescriptionError);
    const text = err!.problems.join('\n');
    for (const p of [
      'extra: unknown setting',
      'arrays[0].fillRatio',
      'arrays[0].port',
      'arrays[0].maxApiVersion',
      'arrays[1].name: "FA" is used twice',
      'arrays[2].load.profile',
      'arrays[2].load.readRatio',
      'arrays[2].nfsEndpoint',
      'arrays[3].nfsEndpoint: only a flashblade',
      'arrays[3].model: unknown flasharray model',
      'arrays[3].eradicationDelay',
    ]) {
      expect(text).toContain(p);
    }
  });

  test('invalid YAML and empty fleets are errors', () => {
    expect(() => loadFleetDescription('arrays: [')).toThrow(/not valid YAML/);
    expect(() => loadFleetDescription('arrays: []')).toThrow(/non-empty list/);
    expect(() => loadFleetDescription('just a string')).toThrow(/mapping/);
  });

  test('sizes use binary units and durations ms/s/m/h/d', () => {
    expect(parseSize('100TiB')).toBe(100 * 2 ** 40);
    expect(parseSize('100T')).toBe(100 * 2 ** 40);
    expect(parseSize('512 GB')).toBe(512 * 2 ** 30);
    expect(parseSize(4096)).toBe(4096);
    expect(parseSize('lots')).toBeUndefined();
    expect(parseDuration('24h')).toBe(86_400_000);
    expect(parseDuration('90s')).toBe(90_000);
    expect(parseDuration('250ms')).toBe(250);
    expect(parseDuration('1w')).toBeUndefined();
  });
});
