// A short seeded fuzz of the provider process over its real gRPC interface (the long run is
// `npm run bench:fuzz`, 100,000 requests; see engineering/fuzzing.md). Fixed seed, so a failure
// here is a failure every time, and the report names each failing input by seed and index:
// `npm run bench:fuzz -- --seed <seed> --only <index>` replays one.

import type { LaunchedProvider } from '../../support/plugin-process';
import { launchProvider } from '../../support/plugin-process';
import type { FuzzReport } from '../../support/fuzz/run';
import { runFuzz } from '../../support/fuzz/run';

jest.setTimeout(120_000);

const SEED = 14;
const REQUESTS = 2000;

describe('fuzzed requests against the provider process', () => {
  let provider: LaunchedProvider;
  let report: FuzzReport;

  beforeAll(async () => {
    provider = await launchProvider();
    report = await runFuzz(provider, { seed: SEED, count: REQUESTS });
  });

  afterAll(() => provider.kill());

  it('answers every request, keeps serving and never reports an internal error', () => {
    expect(report.failures).toEqual([]);
    expect(report.crashed).toBe(false);
    expect(report.hangs).toBe(0);
    expect(report.requests).toBe(REQUESTS);
    expect(report.healthChecks).toBeGreaterThan(0);
  });

  it('turns bad input into error diagnostics, and the mix reaches past decoding', () => {
    expect(report.withErrorDiagnostics).toBeGreaterThan(REQUESTS / 4);
    expect(report.withoutErrors).toBeGreaterThan(0);
    // Requests that decode and then fail further in: schema validators, resources, the fleet.
    const summaries = Object.keys(report.summaries);
    expect(summaries).toEqual(
      expect.arrayContaining([
        'Invalid value from Terraform',
        'Invalid volume size',
        'Invalid attribute value',
      ]),
    );
    expect(summaries.length).toBeGreaterThanOrEqual(8);
  });

  it('keeps its memory bounded', () => {
    expect(report.rssKiB.peak).toBeLessThan(512 * 1024);
  });
});
