// pure_host_group's schema: hosts of a fleet that share volumes (a cluster), registered as a host
// group on every FlashArray of the fleet, like the hosts themselves.

import { planModifier } from '../provider/framework/plan-modifiers';
import { attr, defineSchema } from '../provider/framework/schema';
import type { Validator } from '../provider/framework/validators';
import { validate } from '../provider/framework/validators';
import { HOST_NAME_PATTERN } from './host-schema';

/** Host group names follow the host name rule (FlashArray object names, at most 63 characters). */
export const HOST_GROUP_NAME_PATTERN = HOST_NAME_PATTERN;

/** Each element of a set of names must be a FlashArray host (or host group) name. */
export function namesValidator(what: 'host' | 'host group'): Validator {
  return {
    description: `${what} names`,
    validate(value, path, diags) {
      if (!Array.isArray(value)) return;
      for (const name of value)
        if (typeof name === 'string' && !HOST_NAME_PATTERN.test(name))
          diags.error(
            `Invalid ${what} name`,
            `"${name.slice(0, 80)}" is not a FlashArray ${what} name (1-63 letters, digits or "-", starting and ending with a letter or digit).`,
            path,
          );
    },
  };
}

export const hostGroupSchema = defineSchema({
  version: 0,
  description:
    'A host group of a fleet (hosts that share volumes, such as a cluster), registered with its member hosts on every FlashArray of the fleet so that a volume placed on any member can be connected to the whole group. Adding an array to the roster registers the group there on the next apply; no volume changes. A host group of the same name that the fleet did not create is never changed unless `adopt` is set.',
  attributes: {
    fleet: attr.string({
      required: true,
      description: 'Name of the `pure_fleet` the host group belongs to (`pure_fleet.x.name`).',
      planModifiers: [planModifier.requiresReplace()],
    }),
    name: attr.string({
      required: true,
      description:
        'Name of the host group on every FlashArray (letters, digits and "-", at most 63 characters).',
      validators: [
        validate.matches(
          HOST_GROUP_NAME_PATTERN,
          'must be 1-63 letters, digits or "-", starting and ending with a letter or digit',
        ),
      ],
      planModifiers: [planModifier.requiresReplace()],
    }),
    hosts: attr.stringSet({
      optional: true,
      description:
        "Names of the fleet's hosts in the group (`pure_host.x.name`). A host can be in at most one host group. Unset means no members. Members changed outside Terraform are set back (the plan shows the array where they changed in `arrays`).",
      validators: [namesValidator('host')],
    }),
    adopt: attr.bool({
      optional: true,
      default: false,
      description:
        "Take over a host group of this name that already exists on an array but was not created by this fleet (it is marked as the fleet's and its members set to this configuration). Without it, such a group is an error naming the array, and nothing on that array is changed.",
    }),
    id: attr.string({
      computed: true,
      description: '`<fleet>/<name>`; also the import id.',
      planModifiers: [planModifier.useStateForUnknown()],
    }),
    arrays: attr.stringSet({
      computed: true,
      description:
        'The FlashArrays the host group is registered on with exactly its `hosts`, as last seen. A plan shows an array being added when the roster gained a member, or when the group was deleted there or its members changed there out of band.',
    }),
  },
});
