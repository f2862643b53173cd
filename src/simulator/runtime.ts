// Per-array runtime machinery that is not part of Pure's object model:
// the simulated clock, REST sessions, request counters and injected faults.
import { newSessionToken } from './ids';

/** Fleet-wide clock; the control API can move it forward so timers (eradication, load cycles) advance in tests. */
export class SimClock {
  private offsetMs = 0;
  now(): number {
    return Date.now() + this.offsetMs;
  }
  advance(ms: number): void {
    this.offsetMs += ms;
  }
  get offset(): number {
    return this.offsetMs;
  }
  set offset(ms: number) {
    this.offsetMs = ms;
  }
}

interface Session {
  username: string;
  lastUsed: number;
}

const MAX_SESSIONS = 10_000;

/** Session tokens from /login; they expire after `idleTimeoutMs` without use, or when the control API expires them. */
export class SessionTable {
  private readonly sessions = new Map<string, Session>();
  constructor(
    private readonly clock: SimClock,
    public idleTimeoutMs: number,
  ) {}

  create(username: string): string {
    if (this.sessions.size >= MAX_SESSIONS) {
      // Oldest first: Map keeps insertion order.
      const oldest = this.sessions.keys().next().value;
      if (oldest !== undefined) this.sessions.delete(oldest);
    }
    const token = newSessionToken();
    this.sessions.set(token, { username, lastUsed: this.clock.now() });
    return token;
  }

  /** Returns the session's user, refreshing its idle timer, or undefined when missing or expired. */
  touch(token: string | undefined): string | undefined {
    if (!token) return undefined;
    const s = this.sessions.get(token);
    if (!s) return undefined;
    const now = this.clock.now();
    if (now - s.lastUsed > this.idleTimeoutMs) {
      this.sessions.delete(token);
      return undefined;
    }
    s.lastUsed = now;
    return s.username;
  }

  delete(token: string): boolean {
    return this.sessions.delete(token);
  }

  expireAll(): number {
    const n = this.sessions.size;
    this.sessions.clear();
    return n;
  }

  get size(): number {
    return this.sessions.size;
  }
}

/** Counts requests per endpoint. Versions are normalised (`/api/2.x/volumes`) so counts compare across clients. */
export class RequestCounters {
  private counts = new Map<string, { total: number; byStatus: Map<number, number> }>();
  private static readonly MAX_KEYS = 500;

  static endpointKey(method: string, path: string): string {
    const clean = path.length > 120 ? path.slice(0, 120) : path;
    return `${method} ${clean.replace(/^\/api\/([0-9]+)\.[0-9]+\//, '/api/$1.x/')}`;
  }

  record(key: string, status: number): void {
    let entry = this.counts.get(key);
    if (!entry) {
      if (this.counts.size >= RequestCounters.MAX_KEYS) {
        key = 'OTHER';
        entry = this.counts.get(key);
      }
      if (!entry) {
        entry = { total: 0, byStatus: new Map() };
        this.counts.set(key, entry);
      }
    }
    entry.total++;
    entry.byStatus.set(status, (entry.byStatus.get(status) ?? 0) + 1);
  }

  snapshot(): EndpointCounts {
    const endpoints: EndpointCounts['endpoints'] = {};
    let total = 0;
    for (const [k, v] of this.counts) {
      endpoints[k] = {
        count: v.total,
        byStatus: Object.fromEntries([...v.byStatus].map(([s, n]) => [String(s), n])),
      };
      total += v.total;
    }
    return { total, endpoints };
  }

  reset(): void {
    this.counts = new Map();
  }
}

export interface EndpointCounts {
  total: number;
  endpoints: Record<string, { count: number; byStatus: Record<string, number> }>;
}

/** Faults injected through the control API. All fields optional in a patch; `match` limits them to some endpoints. */
export interface FaultSettings {
  /** Added to every matching request before it is answered. */
  latencyMs: number;
  /** Uniform random extra latency in [0, latencyJitterMs). */
  latencyJitterMs: number;
  /** Fraction (0–1) of matching requests answered with `errorStatus`. */
  errorRate: number;
  errorStatus: number;
  errorMessage: string;
  /** The next N matching requests fail with `errorStatus`, deterministically. */
  failNext: number;
  /** The next N matching requests get 429 from the gateway. */
  rateLimitBurst: number;
  /** The next N matching requests have their connection dropped without an answer. */
  dropNext: number;
  /** Fraction (0–1) of matching requests whose connection is dropped. */
  dropRate: number;
  /** Endpoint keys (`GET /api/2.x/volumes`) or prefixes ending in `*` the faults apply to; empty = all. */
  match: string[];
}

export const NO_FAULTS: FaultSettings = {
  latencyMs: 0,
  latencyJitterMs: 0,
  errorRate: 0,
  errorStatus: 500,
  errorMessage: 'Internal server error.',
  failNext: 0,
  rateLimitBurst: 0,
  dropNext: 0,
  dropRate: 0,
  match: [],
};

export interface FaultDecision {
  drop: boolean;
  latencyMs: number;
  rateLimited: boolean;
  error?: { status: number; message: string };
}

export class FaultInjector {
  settings: FaultSettings = { ...NO_FAULTS, match: [] };
  private readonly random: () => number;

  constructor(random: () => number = Math.random) {
    this.random = random;
  }

  configure(patch: Partial<FaultSettings>): FaultSettings {
    this.settings = { ...this.settings, ...patch, match: patch.match ?? this.settings.match };
    return this.settings;
  }

  reset(): void {
    this.settings = { ...NO_FAULTS, match: [] };
  }

  get active(): boolean {
    const s = this.settings;
    return (
      s.latencyMs > 0 ||
      s.latencyJitterMs > 0 ||
      s.errorRate > 0 ||
      s.failNext > 0 ||
      s.rateLimitBurst > 0 ||
      s.dropNext > 0 ||
      s.dropRate > 0
    );
  }

  private applies(key: string): boolean {
    const m = this.settings.match;
    if (m.length === 0) return true;
    return m.some((p) => (p.endsWith('*') ? key.startsWith(p.slice(0, -1)) : key === p));
  }

  /** Decides what happens to one request, consuming N-request budgets. */
  decide(key: string): FaultDecision {
    const none: FaultDecision = { drop: false, latencyMs: 0, rateLimited: false };
    if (!this.active || !this.applies(key)) return none;
    const s = this.settings;
    if (s.dropNext > 0) {
      s.dropNext--;
      return { ...none, drop: true };
    }
    if (s.dropRate > 0 && this.random() < s.dropRate) return { ...none, drop: true };
    const latencyMs = s.latencyMs + (s.latencyJitterMs > 0 ? this.random() * s.latencyJitterMs : 0);
    if (s.rateLimitBurst > 0) {
      s.rateLimitBurst--;
      return { ...none, latencyMs, rateLimited: true };
    }
    if (s.failNext > 0) {
      s.failNext--;
      return { ...none, latencyMs, error: { status: s.errorStatus, message: s.errorMessage } };
    }
    if (s.errorRate > 0 && this.random() < s.errorRate) {
      return { ...none, latencyMs, error: { status: s.errorStatus, message: s.errorMessage } };
    }
    return { ...none, latencyMs };
  }
}
