// FlashBlade NFS export policies (REST 2.3+, `nfs-export-policies` and `nfs-export-policies/rules`
// of FB2.28.spec.yaml): a named policy holds ordered client rules; file systems export through it.
// Rules are edited in place (PATCH by the rule's name `<policy>.<index>`), so a changed rule keeps
// its id and its place, and file systems using the policy never see it missing.

import type { ItemsResponse, RestTransport } from '../rest/session';
import { createWithExistenceCheck, findByName, firstOf, type CreateOutcome } from './common';

/** A rule as the provider states it (FB `NfsExportPolicyRuleBase`, the fields it manages). */
export interface NfsExportRuleSpec {
  readonly client: string;
  readonly permission: 'rw' | 'ro';
  readonly access: 'root-squash' | 'all-squash' | 'no-squash';
  readonly anonuid?: number;
  readonly anongid?: number;
}

/** A rule as the array reports it. */
export interface NfsExportPolicyRule extends NfsExportRuleSpec {
  readonly id: string;
  /** `<policy>.<index>`. */
  readonly name: string;
  readonly index?: number;
}

export interface NfsExportPolicy {
  readonly id: string;
  readonly name: string;
  readonly enabled?: boolean;
  readonly version?: string;
  readonly rules?: readonly NfsExportPolicyRule[];
}

const PATH = 'nfs-export-policies';
const RULES = 'nfs-export-policies/rules';

function ruleBody(rule: NfsExportRuleSpec): Record<string, unknown> {
  return {
    client: rule.client,
    permission: rule.permission,
    access: rule.access,
    // "" clears a UID/GID (the spec's own words), so a removed setting is removed on the array.
    anonuid: rule.anonuid ?? '',
    anongid: rule.anongid ?? '',
  };
}

/** The fields the provider manages, from what the array reports (nulls and absences alike). */
export function ruleSpecOf(rule: NfsExportPolicyRule): NfsExportRuleSpec {
  return {
    client: rule.client,
    permission: rule.permission,
    access: rule.access,
    ...(typeof rule.anonuid === 'number' ? { anonuid: rule.anonuid } : {}),
    ...(typeof rule.anongid === 'number' ? { anongid: rule.anongid } : {}),
  };
}

export function sameRule(a: NfsExportRuleSpec, b: NfsExportRuleSpec): boolean {
  return (
    a.client === b.client &&
    a.permission === b.permission &&
    a.access === b.access &&
    a.anonuid === b.anonuid &&
    a.anongid === b.anongid
  );
}

export function getExportPolicy(
  session: RestTransport,
  name: string,
  signal?: AbortSignal,
): Promise<NfsExportPolicy | undefined> {
  return findByName<NfsExportPolicy>(session, PATH, name, signal);
}

/** Creates a policy with its rules, under the never-blind-create rule. */
export async function createExportPolicy(
  session: RestTransport,
  name: string,
  rules: readonly NfsExportRuleSpec[],
  signal?: AbortSignal,
): Promise<{ policy: NfsExportPolicy; outcome: CreateOutcome }> {
  const { object, outcome } = await createWithExistenceCheck({
    array: session.arrayName,
    object: `NFS export policy "${name}"`,
    ...(signal ? { signal } : {}),
    create: async () => {
      const response = await session.request<ItemsResponse<NfsExportPolicy>>('POST', PATH, {
        query: { names: name },
        body: { rules: rules.map(ruleBody) },
        retrySafe: false,
        signal,
      });
      return firstOf(session, 'POST', PATH, response.items, 'policy');
    },
    lookup: () => getExportPolicy(session, name, signal),
  });
  return { policy: object, outcome };
}

/**
 * Brings a policy's rules to `wanted` with the fewest changes: rules at the same position that
 * differ are edited in place, extra ones are deleted from the end, missing ones appended.
 * Returns how many requests it sent.
 */
export async function syncExportPolicyRules(
  session: RestTransport,
  policy: NfsExportPolicy,
  wanted: readonly NfsExportRuleSpec[],
  signal?: AbortSignal,
): Promise<number> {
  const current = policy.rules ?? [];
  let sent = 0;
  for (let i = 0; i < Math.min(current.length, wanted.length); i++) {
    const have = current[i] as NfsExportPolicyRule;
    const want = wanted[i] as NfsExportRuleSpec;
    if (sameRule(ruleSpecOf(have), want)) continue;
    await session.request('PATCH', RULES, {
      query: { names: `${policy.name}.${i + 1}` },
      body: ruleBody(want),
      retrySafe: true,
      signal,
    });
    sent++;
  }
  // From the end, so the indexes of the rules still to delete do not move.
  for (let i = current.length; i > wanted.length; i--) {
    await session.request('DELETE', RULES, {
      query: { names: `${policy.name}.${i}` },
      retrySafe: true,
      signal,
    });
    sent++;
  }
  for (const want of wanted.slice(current.length)) {
    // Appending is not idempotent; a lost answer shows as a rule too many at the next refresh,
    // which the next apply removes.
    await session.request('POST', RULES, {
      query: { policy_names: policy.name },
      body: ruleBody(want),
      retrySafe: false,
      signal,
    });
    sent++;
  }
  return sent;
}

export async function deleteExportPolicy(
  session: RestTransport,
  name: string,
  signal?: AbortSignal,
): Promise<void> {
  await session.request('DELETE', PATH, { query: { names: name }, retrySafe: true, signal });
}
