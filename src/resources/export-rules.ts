// NFS export rules in Pure's syntax, checked at plan time so a typo is a diagnostic on the
// attribute rather than a 400 at apply. The grammar is the one the FlashBlade specs describe for
// `nfs.rules` (FB 2.x `_nfs.rules`): whitespace-separated `client(options)` entries, where the
// client is `*`, an IP address, an IPv4/IPv6 network `addr/len`, a netgroup `@name`, or a host
// name or domain that may carry `*` and `?` wildcards; options are rw, ro, fileid_32bit,
// no_fileid_32bit, anonuid=N, anongid=N, root_squash, no_root_squash, all_squash, no_all_squash,
// secure, insecure, atime, noatime and sec=flavor[:flavor…].
// (The simulator has its own parser: it stands alone and shares no code with the provider.)

const FLAGS = new Set([
  'rw',
  'ro',
  'fileid_32bit',
  'no_fileid_32bit',
  'root_squash',
  'no_root_squash',
  'all_squash',
  'no_all_squash',
  'secure',
  'insecure',
  'atime',
  'noatime',
]);
const SEC_FLAVOURS = new Set(['sys', 'krb5', 'krb5i', 'krb5p']);
const IPV4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;
const IPV6 = /^[0-9A-Fa-f:]+(?:\.\d{1,3}(?:\.\d{1,3}){3})?$/;
const NETGROUP = /^@[A-Za-z0-9._-]{1,255}$/;
const HOST =
  /^(?=.{1,253}$)[A-Za-z0-9*?](?:[A-Za-z0-9*?-]{0,61}[A-Za-z0-9*?])?(?:\.[A-Za-z0-9*?](?:[A-Za-z0-9*?-]{0,61}[A-Za-z0-9*?])?)*$/;

/** The longest rules string the provider sends (FlashBlade's own limit is not in the specs). */
export const MAX_EXPORT_RULES_LENGTH = 4096;

/** A world export: a rule whose client is `*`. */
export function exportsToEveryone(rules: string): boolean {
  return rules
    .trim()
    .split(/\s+/)
    .some((entry) => entry.split('(')[0] === '*');
}

function clientProblem(client: string): string | undefined {
  if (client === '*' || NETGROUP.test(client)) return undefined;
  const slash = client.indexOf('/');
  if (slash >= 0) {
    const address = client.slice(0, slash);
    const length = client.slice(slash + 1);
    if (!/^\d{1,3}$/.test(length)) return `"${client}": the prefix length after "/" must be a number`;
    const bits = Number(length);
    if (IPV4.test(address)) return bits <= 32 ? undefined : `"${client}": an IPv4 prefix is at most /32`;
    if (address.includes(':') && IPV6.test(address))
      return bits <= 128 ? undefined : `"${client}": an IPv6 prefix is at most /128`;
    return `"${client}": "${address}" is not an IP address`;
  }
  if (IPV4.test(client) || (client.includes(':') && IPV6.test(client))) return undefined;
  if (/^[\d.]+$/.test(client)) return `"${client}" is not a valid IPv4 address`;
  if (HOST.test(client)) return undefined;
  return `"${client}" is not a client: use *, an IP address, a network such as 10.0.0.0/24, @netgroup or a host name`;
}

function optionProblem(option: string): string | undefined {
  if (FLAGS.has(option)) return undefined;
  const [key, value] = option.split('=', 2) as [string, string | undefined];
  if ((key === 'anonuid' || key === 'anongid') && value !== undefined) {
    return /^\d{1,10}$/.test(value) && Number(value) <= 4294967295
      ? undefined
      : `${key} needs a number from 0 to 4294967295`;
  }
  if (key === 'sec' && value !== undefined) {
    const bad = value.split(':').find((f) => !SEC_FLAVOURS.has(f));
    return bad === undefined ? undefined : `sec flavour "${bad}" is not one of sys, krb5, krb5i, krb5p`;
  }
  return `"${option}" is not an export option (rw, ro, root_squash, no_root_squash, all_squash, no_all_squash, anonuid=N, anongid=N, secure, insecure, atime, noatime, fileid_32bit, no_fileid_32bit, sec=…)`;
}

/** Every problem in a rules string, each naming the entry it is about; [] when the rules are valid. */
export function exportRuleProblems(rules: string): string[] {
  if (rules.length > MAX_EXPORT_RULES_LENGTH)
    return [`the rules are ${rules.length} characters long; at most ${MAX_EXPORT_RULES_LENGTH} are accepted`];
  const problems: string[] = [];
  const trimmed = rules.trim();
  if (trimmed === '') return problems;
  for (const entry of trimmed.split(/\s+/)) {
    const match = /^([^()]+)(?:\(([^()]*)\))?$/.exec(entry);
    if (!match) {
      problems.push(`"${entry}" is not of the form client(options), e.g. 10.0.0.0/24(rw,no_root_squash)`);
      continue;
    }
    const [, client = '', options] = match;
    const clientIssue = clientProblem(client);
    if (clientIssue) problems.push(clientIssue);
    const opts = options === undefined || options === '' ? [] : options.split(',');
    for (const option of opts) {
      const issue = optionProblem(option);
      if (issue) problems.push(`in "${entry}": ${issue}`);
    }
    if (opts.includes('rw') && opts.includes('ro'))
      problems.push(`in "${entry}": rw and ro exclude each other`);
  }
  return problems;
}
