// A provider process's connection to the fleet: one REST session per array, created on first
// use and shared by every resource in the process.

import { FlashArrayClient } from './clients/flasharray';
import type { FleetLogger } from './log';
import { quietFleetLogger } from './log';
import { PureRestSession } from './rest/session';
import type { ArrayMember, FleetRoster } from './roster';

export class UnknownArrayError extends Error {
  constructor(
    readonly arrayName: string,
    known: readonly string[],
  ) {
    super(`no array named "${arrayName}" in the provider's roster (known: ${known.join(', ') || 'none'})`);
    this.name = 'UnknownArrayError';
  }
}

export class FleetConnection {
  private readonly sessions = new Map<string, PureRestSession>();
  private readonly membersByName: ReadonlyMap<string, ArrayMember>;

  constructor(
    readonly roster: FleetRoster,
    private readonly logger: FleetLogger = quietFleetLogger,
  ) {
    this.membersByName = new Map(roster.arrays.map((m) => [m.name, m]));
  }

  get members(): readonly ArrayMember[] {
    return this.roster.arrays;
  }

  member(name: string): ArrayMember {
    const member = this.membersByName.get(name);
    if (!member) throw new UnknownArrayError(name, [...this.membersByName.keys()]);
    return member;
  }

  session(name: string): PureRestSession {
    let session = this.sessions.get(name);
    if (!session) {
      const member = this.member(name);
      session = new PureRestSession({
        arrayName: member.name,
        kind: member.kind,
        endpoint: member.endpoint,
        apiToken: member.apiToken,
        caPem: this.roster.caPem,
        insecureSkipVerify: this.roster.insecureSkipVerify,
        timeoutMs: this.roster.requestTimeoutMs,
        logger: this.logger,
      });
      this.sessions.set(name, session);
    }
    return session;
  }

  flashArray(name: string): FlashArrayClient {
    const member = this.member(name);
    if (member.kind !== 'flasharray')
      throw new Error(`array "${name}" is a ${member.kind}, not a FlashArray`);
    return new FlashArrayClient(this.session(name));
  }

  /** REST requests sent so far by this process, per array. */
  requestCounts(): Record<string, number> {
    return Object.fromEntries([...this.sessions].map(([name, s]) => [name, s.requestCount]));
  }
}
