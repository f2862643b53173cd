// Typed client of the control API, for tests and benchmarks in this process
// or another one (give it the control URL and the CA certificate).
import http from 'node:http';
import https from 'node:https';
import type { ArraySummary, HealthState, OutOfBandChange } from '../array-base';
import type { LoadProfileSpec, ResolvedLoadProfile } from '../description';
import type { ApiClientRegistration } from '../http/oauth';
import type { EndpointCounts, FaultSettings } from '../runtime';
import {
  CONTROL_PREFIX,
  type CapacityPatchInput,
  type ChangeResult,
  type CountersByArray,
  type FleetInfo,
  type HealthPatch,
} from './types';

export class SimulatorControlError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

export class SimulatorControlClient {
  private readonly url: URL;
  private readonly agent: http.Agent;

  constructor(controlUrl: string, options: { caCertPem?: string } = {}) {
    this.url = new URL(controlUrl);
    this.agent =
      this.url.protocol === 'https:'
        ? new https.Agent({ keepAlive: true, ca: options.caCertPem, maxSockets: 4 })
        : new http.Agent({ keepAlive: true, maxSockets: 4 });
  }

  /** Closes pooled connections so a test process can exit. */
  close(): void {
    this.agent.destroy();
  }

  private request<T>(method: string, path: string, body?: unknown): Promise<T> {
    const payload = body === undefined ? undefined : JSON.stringify(body);
    const mod = this.url.protocol === 'https:' ? https : http;
    return new Promise<T>((resolve, reject) => {
      const req = mod.request(
        {
          protocol: this.url.protocol,
          hostname: this.url.hostname,
          port: this.url.port,
          path: `${CONTROL_PREFIX}${path}`,
          method,
          agent: this.agent,
          headers: payload
            ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) }
            : undefined,
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => {
            const text = Buffer.concat(chunks).toString('utf8');
            let parsed: unknown;
            try {
              parsed = text ? JSON.parse(text) : undefined;
            } catch {
              reject(
                new SimulatorControlError(
                  res.statusCode ?? 0,
                  `control API answered non-JSON: ${text.slice(0, 200)}`,
                ),
              );
              return;
            }
            if ((res.statusCode ?? 500) >= 400) {
              const msg = (parsed as { error?: { message?: string } } | undefined)?.error?.message ?? text;
              reject(new SimulatorControlError(res.statusCode ?? 500, msg));
            } else {
              resolve(parsed as T);
            }
          });
        },
      );
      req.on('error', reject);
      req.end(payload);
    });
  }

  private static enc(name: string): string {
    return encodeURIComponent(name);
  }

  fleet(): Promise<FleetInfo> {
    return this.request('GET', '/fleet');
  }

  arrays(): Promise<{ arrays: ArraySummary[] }> {
    return this.request('GET', '/arrays');
  }

  array(name: string): Promise<ArraySummary> {
    return this.request('GET', `/arrays/${SimulatorControlClient.enc(name)}`);
  }

  setLoad(name: string, load: LoadProfileSpec): Promise<ResolvedLoadProfile> {
    return this.request('PUT', `/arrays/${SimulatorControlClient.enc(name)}/load`, load);
  }

  setHealth(name: string, health: HealthPatch): Promise<HealthState> {
    return this.request('PATCH', `/arrays/${SimulatorControlClient.enc(name)}/health`, health);
  }

  setCapacity(name: string, capacity: CapacityPatchInput): Promise<ArraySummary['capacity']> {
    return this.request('PATCH', `/arrays/${SimulatorControlClient.enc(name)}/capacity`, capacity);
  }

  faults(name: string): Promise<FaultSettings> {
    return this.request('GET', `/arrays/${SimulatorControlClient.enc(name)}/faults`);
  }

  injectFaults(name: string, faults: Partial<FaultSettings>): Promise<FaultSettings> {
    return this.request('PATCH', `/arrays/${SimulatorControlClient.enc(name)}/faults`, faults);
  }

  /** Resets faults on one array, or on every array when no name is given. */
  async resetFaults(name?: string): Promise<void> {
    await this.request(
      'DELETE',
      name === undefined ? '/faults' : `/arrays/${SimulatorControlClient.enc(name)}/faults`,
    );
  }

  expireSessions(name: string): Promise<{ expired: number }> {
    return this.request('POST', `/arrays/${SimulatorControlClient.enc(name)}/sessions/expire`);
  }

  setSessionTimeout(name: string, timeoutMs: number): Promise<{ timeoutMs: number }> {
    return this.request('PATCH', `/arrays/${SimulatorControlClient.enc(name)}/sessions`, { timeoutMs });
  }

  /** Registers an API client whose JWTs the array's token endpoint (/oauth2/1.0/token) accepts. */
  registerApiClient(
    name: string,
    client: ApiClientRegistration,
  ): Promise<{ array: string; id: string; keyId: string; clients: number }> {
    return this.request('POST', `/arrays/${SimulatorControlClient.enc(name)}/api-clients`, client);
  }

  /** An out-of-band change (as if made on the array's GUI or CLI), for drift tests. */
  change(name: string, change: OutOfBandChange): Promise<ChangeResult> {
    return this.request('POST', `/arrays/${SimulatorControlClient.enc(name)}/changes`, change);
  }

  counters(): Promise<CountersByArray>;
  counters(name: string): Promise<EndpointCounts>;
  counters(name?: string): Promise<CountersByArray | EndpointCounts> {
    return this.request(
      'GET',
      name === undefined ? '/counters' : `/arrays/${SimulatorControlClient.enc(name)}/counters`,
    );
  }

  async resetCounters(name?: string): Promise<void> {
    await this.request(
      'DELETE',
      name === undefined ? '/counters' : `/arrays/${SimulatorControlClient.enc(name)}/counters`,
    );
  }

  /** Moves the fleet clock forward (eradication timers, load cycles); returns the total offset. */
  advanceClock(ms: number): Promise<{ offsetMs: number }> {
    return this.request('POST', '/clock/advance', { ms });
  }

  flushState(): Promise<{ flushed: boolean }> {
    return this.request('POST', '/state/flush');
  }
}
