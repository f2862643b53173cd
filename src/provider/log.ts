// Structured logs for Terraform: one JSON object per stderr line with hclog's keys. go-plugin
// reads the plugin's stderr and re-logs each JSON line at its `@level`, so `TF_LOG=debug` (or
// TF_LOG_PROVIDER) shows them at the right level. stdout is reserved for the handshake.

export type LogLevel = 'trace' | 'debug' | 'info' | 'warn' | 'error';

const LEVEL_RANK: Record<LogLevel, number> = { trace: 0, debug: 1, info: 2, warn: 3, error: 4 };

export type LogFields = Readonly<Record<string, string | number | boolean | null | undefined>>;

export interface Logger {
  readonly level: LogLevel;
  enabled(level: LogLevel): boolean;
  trace(message: string, fields?: LogFields): void;
  debug(message: string, fields?: LogFields): void;
  info(message: string, fields?: LogFields): void;
  warn(message: string, fields?: LogFields): void;
  error(message: string, fields?: LogFields): void;
  with(fields: LogFields): Logger;
}

/** hclog accepts exactly Go's `2006-01-02T15:04:05.000000Z07:00`: microseconds, then Z or ±hh:mm. */
export function hclogTimestamp(date: Date): string {
  return `${date.toISOString().slice(0, 23)}000Z`;
}

/** The level Terraform asked for through the environment it passes down to the plugin. */
export function levelFromEnvironment(env: NodeJS.ProcessEnv): LogLevel {
  const raw = (env.TF_LOG_PROVIDER ?? env.TF_LOG ?? '').trim().toLowerCase();
  if (raw === 'json') return 'trace';
  if (raw in LEVEL_RANK) return raw as LogLevel;
  return 'warn';
}

type Sink = (line: string) => void;

class JsonLineLogger implements Logger {
  constructor(
    readonly level: LogLevel,
    private readonly module: string,
    private readonly context: LogFields,
    private readonly sink: Sink,
  ) {}

  enabled(level: LogLevel): boolean {
    return LEVEL_RANK[level] >= LEVEL_RANK[this.level];
  }

  private write(level: LogLevel, message: string, fields?: LogFields): void {
    if (!this.enabled(level)) return;
    const entry: Record<string, unknown> = {
      '@level': level,
      '@message': message,
      '@module': this.module,
      '@timestamp': hclogTimestamp(new Date()),
    };
    for (const [k, v] of Object.entries(this.context)) if (v !== undefined) entry[k] = v;
    if (fields) for (const [k, v] of Object.entries(fields)) if (v !== undefined) entry[k] = v;
    this.sink(`${JSON.stringify(entry)}\n`);
  }

  trace(message: string, fields?: LogFields): void {
    this.write('trace', message, fields);
  }
  debug(message: string, fields?: LogFields): void {
    this.write('debug', message, fields);
  }
  info(message: string, fields?: LogFields): void {
    this.write('info', message, fields);
  }
  warn(message: string, fields?: LogFields): void {
    this.write('warn', message, fields);
  }
  error(message: string, fields?: LogFields): void {
    this.write('error', message, fields);
  }
  with(fields: LogFields): Logger {
    return new JsonLineLogger(this.level, this.module, { ...this.context, ...fields }, this.sink);
  }
}

export function createLogger(options: { module: string; level?: LogLevel; sink?: Sink }): Logger {
  return new JsonLineLogger(
    options.level ?? levelFromEnvironment(process.env),
    options.module,
    {},
    options.sink ?? ((line) => process.stderr.write(line)),
  );
}

/** A logger that drops everything; for tests and library callers that bring none. */
export const silentLogger: Logger = createLogger({ module: 'silent', level: 'error', sink: () => undefined });
