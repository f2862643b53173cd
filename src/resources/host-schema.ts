// pure_host's schema: a consumer of the fleet's block volumes (its iSCSI IQNs, NVMe NQNs and
// Fibre Channel WWNs, and the optional personality), registered on every FlashArray of the fleet.

import { planModifier } from '../provider/framework/plan-modifiers';
import { attr, defineSchema } from '../provider/framework/schema';
import type { Validator } from '../provider/framework/validators';
import { validate } from '../provider/framework/validators';

/** FlashArray host names: letters, digits and `-`, alphanumeric at both ends, at most 63 characters. */
export const HOST_NAME_PATTERN = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?$/;

/** iSCSI names (RFC 3720 §3.2.6): `iqn.yyyy-mm.<reversed domain>[:<anything>]` or `eui.` + 16 hex. */
export const IQN_PATTERN =
  /^(?:iqn\.\d{4}-(?:0[1-9]|1[0-2])\.[a-z0-9](?:[a-z0-9.-]*[a-z0-9])?(?::[^\s]+)?|eui\.[0-9A-Fa-f]{16})$/;
/** NVMe qualified names (NVMe base spec §4.5): `nqn.yyyy-mm.<reversed domain>:<anything>`, at most 223 bytes. */
export const NQN_PATTERN = /^nqn\.\d{4}-(?:0[1-9]|1[0-2])\.[a-z0-9](?:[a-z0-9.-]*[a-z0-9])?:[^\s]+$/;
/** Fibre Channel port names: 16 hex digits, optionally in colon-separated pairs. */
export const WWN_PATTERN = /^(?:[0-9A-Fa-f]{16}|(?:[0-9A-Fa-f]{2}:){7}[0-9A-Fa-f]{2})$/;

/** Host personalities FA 2.56 accepts (HostPost.personality). */
export const PERSONALITIES = [
  'aix',
  'esxi',
  'hitachi-vsp',
  'hpux',
  'oracle-vm-server',
  'solaris',
  'vms',
  'nutanix-mgmt',
  'nutanix-cluster',
] as const;

function portsValidator(kind: string, pattern: RegExp, example: string, maxBytes = 223): Validator {
  return {
    description: `each a valid ${kind}, e.g. "${example}"`,
    validate(value, path, diags) {
      if (!Array.isArray(value)) return;
      for (const port of value) {
        if (typeof port !== 'string') continue;
        if (!pattern.test(port) || Buffer.byteLength(port) > maxBytes) {
          diags.error(
            `Invalid ${kind}`,
            `"${port.slice(0, 80)}" is not a valid ${kind} (e.g. "${example}").`,
            path,
          );
        }
      }
    },
  };
}

export const hostSchema = defineSchema({
  version: 0,
  description:
    "A host (an initiator of block I/O) of a fleet, registered on every FlashArray of the fleet so that a volume placed on any member can be connected to it. Adding an array to the roster registers the fleet's hosts there on the next apply; no volume changes. A host of the same name that the fleet did not create is never changed unless `adopt` is set.",
  attributes: {
    fleet: attr.string({
      required: true,
      description: 'Name of the `pure_fleet` the host belongs to (`pure_fleet.x.name`).',
      planModifiers: [planModifier.requiresReplace()],
    }),
    name: attr.string({
      required: true,
      description: 'Name of the host on every FlashArray (letters, digits and "-", at most 63 characters).',
      validators: [
        validate.matches(
          HOST_NAME_PATTERN,
          'must be 1-63 letters, digits or "-", starting and ending with a letter or digit',
        ),
      ],
      planModifiers: [planModifier.requiresReplace()],
    }),
    iqns: attr.stringSet({
      optional: true,
      description: 'iSCSI qualified names of the host, e.g. `iqn.1994-05.com.redhat:web1`.',
      validators: [portsValidator('IQN', IQN_PATTERN, 'iqn.1994-05.com.redhat:web1')],
    }),
    nqns: attr.stringSet({
      optional: true,
      description: 'NVMe qualified names of the host, e.g. `nqn.2014-08.org.nvmexpress:uuid:…`.',
      validators: [portsValidator('NQN', NQN_PATTERN, 'nqn.2014-08.com.example:web1')],
    }),
    wwns: attr.stringSet({
      optional: true,
      description: 'Fibre Channel WWNs of the host, e.g. `21:00:00:24:ff:4c:12:34` or `21000024ff4c1234`.',
      validators: [portsValidator('WWN', WWN_PATTERN, '21:00:00:24:ff:4c:12:34')],
    }),
    personality: attr.string({
      optional: true,
      description: `Host personality, tuning the array for the host's OS: ${PERSONALITIES.map((p) => `\`${p}\``).join(', ')}. Unset by default.`,
      validators: [validate.oneOf(PERSONALITIES)],
    }),
    adopt: attr.bool({
      optional: true,
      default: false,
      description:
        "Take over a host of this name that already exists on an array but was not created by this fleet (it is marked as the fleet's and set to this configuration). Without it, such a host is an error naming the array, and nothing on that array is changed.",
    }),
    id: attr.string({
      computed: true,
      description: '`<fleet>/<name>`; also the import id.',
      planModifiers: [planModifier.useStateForUnknown()],
    }),
    arrays: attr.stringSet({
      computed: true,
      description:
        'The FlashArrays the host is registered on with exactly its ports and personality, as last seen. A plan shows an array being added when the roster gained a member, or when the host was deleted there or its IQNs, NQNs, WWNs or personality were changed there out of band.',
    }),
  },
});
