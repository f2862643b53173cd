// A fleet-wide NFS export policy: the same named policy, with the same rules, on every FlashBlade
// of the roster whose REST version has export policies (2.3+), so a file volume placed on any of
// them can export through it. FlashBlades at REST 2.0 have none; they are reported, not failed.

import {
  createExportPolicy,
  deleteExportPolicy,
  getExportPolicy,
  ruleSpecOf,
  syncExportPolicyRules,
  type NfsExportRuleSpec,
} from './clients/flashblade-policies';
import { FB_MIN_EXPORT_POLICY_VERSION } from './clients/flashblade';
import type { FleetConnection } from './connection';
import { versionAtLeast } from './rest/versions';

export interface PolicyOnArray {
  readonly array: string;
  /** The rules as that array holds them; undefined when the array has no such policy. */
  readonly rules: readonly NfsExportRuleSpec[] | undefined;
}

export class FleetExportPolicies {
  constructor(private readonly fleet: FleetConnection) {}

  /** FlashBlades that can hold export policies, and those that cannot (REST below 2.3). */
  async members(signal?: AbortSignal): Promise<{ able: string[]; unable: string[] }> {
    const blades = this.fleet.members.filter((m) => m.kind === 'flashblade').map((m) => m.name);
    const versions = await Promise.all(
      blades.map((name) => this.fleet.session(name).negotiatedVersion(signal)),
    );
    const able: string[] = [];
    const unable: string[] = [];
    blades.forEach((name, i) =>
      (versionAtLeast(versions[i] as string, FB_MIN_EXPORT_POLICY_VERSION) ? able : unable).push(name),
    );
    return { able, unable };
  }

  /** The policy on every able FlashBlade (an unreachable one throws: nothing is known of it). */
  async read(name: string, signal?: AbortSignal): Promise<PolicyOnArray[]> {
    const { able } = await this.members(signal);
    return Promise.all(
      able.map(async (array) => {
        const policy = await getExportPolicy(this.fleet.session(array), name, signal);
        return { array, rules: policy ? (policy.rules ?? []).map(ruleSpecOf) : undefined };
      }),
    );
  }

  /** Creates the policy where it is missing and edits its rules in place where they differ. */
  async apply(name: string, rules: readonly NfsExportRuleSpec[], signal?: AbortSignal): Promise<string[]> {
    const { able } = await this.members(signal);
    await Promise.all(
      able.map(async (array) => {
        const session = this.fleet.session(array);
        const existing = await getExportPolicy(session, name, signal);
        if (!existing) await createExportPolicy(session, name, rules, signal);
        else await syncExportPolicyRules(session, existing, rules, signal);
      }),
    );
    return able;
  }

  /** Deletes the policy everywhere it exists (the array refuses while a file system uses it). */
  async remove(name: string, signal?: AbortSignal): Promise<void> {
    const { able } = await this.members(signal);
    await Promise.all(
      able.map(async (array) => {
        const session = this.fleet.session(array);
        if (await getExportPolicy(session, name, signal)) await deleteExportPolicy(session, name, signal);
      }),
    );
  }
}
