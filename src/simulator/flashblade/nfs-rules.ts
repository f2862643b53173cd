// NFS export rules in the file-system `nfs.rules` string, e.g.
// `10.0.0.0/8(rw,no_root_squash) @netgrp(ro) *(rw)`: whitespace-separated
// `client(options)` entries. Unknown options or malformed clients are a 400. The options and the
// `*`/`?` host wildcards are those FB 2.28's `_nfs.rules` lists.
import { badRequest } from '../errors';

const OPTIONS = new Set([
  'rw',
  'ro',
  'root_squash',
  'no_root_squash',
  'all_squash',
  'no_all_squash',
  'atime',
  'noatime',
  'fileid_32bit',
  'no_fileid_32bit',
  'secure',
  'insecure',
]);
const CLIENT =
  /^(\*|@[A-Za-z0-9._-]+|[0-9]{1,3}(\.[0-9]{1,3}){3}(\/[0-9]{1,2})?|[0-9A-Fa-f:]+(\/[0-9]{1,3})?|[A-Za-z0-9*?]([A-Za-z0-9*?.-]{0,251}[A-Za-z0-9*?])?)$/;
const SEC = /^sec=(sys|krb5|krb5i|krb5p)(:(sys|krb5|krb5i|krb5p))*$/;

export function validateNfsRules(rules: string, context = 'nfs.rules'): void {
  if (rules.length > 4096) throw badRequest('NFS export rules are too long.', context);
  const trimmed = rules.trim();
  if (trimmed === '') return;
  for (const entry of trimmed.split(/\s+/)) {
    const m = /^([^()]+)\(([^()]*)\)$/.exec(entry) ?? /^([^()]+)$/.exec(entry);
    if (!m) throw badRequest(`Invalid NFS export rule '${entry.slice(0, 64)}'.`, context);
    const client = m[1] as string;
    if (!CLIENT.test(client))
      throw badRequest(`Invalid client '${client.slice(0, 64)}' in NFS export rule.`, context);
    const opts = m[2] === undefined || m[2] === '' ? [] : m[2].split(',');
    for (const o of opts) {
      const ok = OPTIONS.has(o) || /^anon(uid|gid)=[0-9]{1,10}$/.test(o) || SEC.test(o);
      if (!ok) throw badRequest(`Invalid option '${o.slice(0, 32)}' in NFS export rule.`, context);
    }
  }
}

export const DEFAULT_NFS_RULES = '*(rw,no_root_squash)';
