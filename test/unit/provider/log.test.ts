// Structured logs as go-plugin's hclog reads them from the plugin's stderr.

import { createLogger, hclogTimestamp, levelFromEnvironment } from '../../../src/provider/log';

describe('provider logs', () => {
  it("writes one JSON object per line with hclog keys and Go's exact timestamp layout", () => {
    const lines: string[] = [];
    const logger = createLogger({ module: 'provider.test', level: 'debug', sink: (l) => lines.push(l) });
    logger.with({ array: 'fa-1' }).info('placed', { volume: 'v1', skipped: undefined });
    expect(lines).toHaveLength(1);
    expect(lines[0]?.endsWith('\n')).toBe(true);
    const entry = JSON.parse(lines[0] as string) as Record<string, unknown>;
    expect(entry).toMatchObject({
      '@level': 'info',
      '@message': 'placed',
      '@module': 'provider.test',
      array: 'fa-1',
      volume: 'v1',
    });
    expect('skipped' in entry).toBe(false);
    // 2006-01-02T15:04:05.000000Z07:00: microseconds, then Z.
    expect(entry['@timestamp']).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$/);
    expect(hclogTimestamp(new Date('2026-11-21T10:20:30.123Z'))).toBe('2026-11-21T10:20:30.123000Z');
  });

  it('drops lines below the level Terraform asked for', () => {
    const lines: string[] = [];
    const logger = createLogger({ module: 'm', level: 'warn', sink: (l) => lines.push(l) });
    logger.debug('hidden');
    logger.info('hidden');
    logger.warn('shown');
    logger.error('shown');
    expect(lines.map((l) => JSON.parse(l)['@level'])).toEqual(['warn', 'error']);
  });

  it('takes its level from TF_LOG_PROVIDER, then TF_LOG, else warn', () => {
    expect(levelFromEnvironment({ TF_LOG_PROVIDER: 'TRACE', TF_LOG: 'error' })).toBe('trace');
    expect(levelFromEnvironment({ TF_LOG: 'debug' })).toBe('debug');
    expect(levelFromEnvironment({ TF_LOG: 'json' })).toBe('trace');
    expect(levelFromEnvironment({ TF_LOG: 'nonsense' })).toBe('warn');
    expect(levelFromEnvironment({})).toBe('warn');
  });
});
