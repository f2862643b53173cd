// An administrator at an array's REST API, for e2e tests: out-of-band changes Terraform did not
// make (a host deleted, a foreign host created) and reads that check what is really on the array.
import { TestHttpClient } from '../../integration/simulator/support/http';
import { PureSession } from '../../integration/simulator/support/session';
import type { RunningArray, RunningFleet } from '../../../src/simulator';

export class ArrayAdmin {
  private readonly http: TestHttpClient;
  private readonly sessions = new Map<string, PureSession>();

  constructor(private readonly fleet: RunningFleet) {
    this.http = new TestHttpClient(fleet.caCertPem);
  }

  async session(array: string): Promise<PureSession> {
    let s = this.sessions.get(array);
    if (!s) {
      const target = this.fleet.arrays.find((a) => a.name === array) as RunningArray;
      s = new PureSession(this.http, target, '2.56');
      await s.login();
      this.sessions.set(array, s);
    }
    return s;
  }

  async call(
    array: string,
    method: string,
    resource: string,
    query?: string,
    body?: unknown,
  ): Promise<number> {
    const r = await (await this.session(array)).call(method, resource, { query, body });
    return r.status;
  }

  async items(array: string, resource: string, query?: string): Promise<Array<Record<string, unknown>>> {
    return (await this.session(array)).items(resource, query);
  }

  /** Host names on the array. */
  async hostNames(array: string): Promise<string[]> {
    return (await this.items(array, 'hosts')).map((h) => h.name as string).sort();
  }

  /** Writes (POST, PATCH, PUT, DELETE other than login/logout) each array has served so far. */
  async writeCounts(): Promise<Record<string, number>> {
    const out: Record<string, number> = {};
    for (const a of this.fleet.arrays) {
      const counts = await this.fleet.control.counters(a.name);
      out[a.name] = Object.entries(counts.endpoints)
        .filter(([k]) => /^(POST|PATCH|PUT|DELETE) /.test(k) && !/\/(login|logout)$/.test(k))
        .reduce((n, [, v]) => n + v.count, 0);
    }
    return out;
  }

  /** Logs in afresh next time (sessions expire when the simulator's clock is advanced). */
  forgetSessions(): void {
    this.sessions.clear();
  }

  close(): void {
    this.http.close();
  }
}
