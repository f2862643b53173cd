// Data source pure_volumes: the fleet's volumes (FlashArray) and file systems (FlashBlade) as the
// fleet-wide listing reads them, filtered by array, kind and the labels of the array they live on.
// One listing per array (shared with the process's refreshes). An array that cannot be read is an
// error, not an empty list: an output built from a partial list would silently lose volumes.

import type { FleetObject } from '../../fleet/volumes';
import { CtyNumber } from '../../provider/cty/number';
import type { DataSourceDefinition } from '../../provider/framework/resource';
import type { StateModel } from '../../provider/framework/schema';
import { attr, defineSchema } from '../../provider/framework/schema';
import { validate } from '../../provider/framework/validators';
import { FLEET_NAME_PATTERN } from '../fleet';
import type { PureProviderData } from '../provider-data';
import { fleetPrefix } from '../volume';

const volumeAttributes = {
  name: attr.string({ computed: true, description: 'Name within the fleet (as `pure_volume.name`).' }),
  id: attr.string({ computed: true, description: '`<fleet>/<name>`, the import id of the volume.' }),
  backend_name: attr.string({ computed: true, description: 'Name on the array (`<fleet>-<name>`).' }),
  array: attr.string({ computed: true, description: 'Roster name of the array it lives on.' }),
  kind: attr.string({
    computed: true,
    description: '`block` (FlashArray volume) or `file` (FlashBlade file system).',
  }),
  size_bytes: attr.number({
    computed: true,
    description: 'Provisioned size, bytes; null for an unlimited file system.',
  }),
  serial: attr.string({ computed: true, description: 'FlashArray volume serial; null for file systems.' }),
  destroyed: attr.bool({ computed: true, description: 'In the eradication bin (recoverable).' }),
  array_labels: attr.stringMap({ computed: true, description: 'Labels of the array, from the roster.' }),
};

export const volumesDataSchema = defineSchema({
  description:
    "The fleet's volumes and file systems on every array of the roster, read from the arrays (not from state), for outputs and other modules.",
  attributes: {
    fleet: attr.string({
      required: true,
      description: 'The fleet whose volumes to list (its name prefixes them on the arrays).',
      validators: [validate.matches(FLEET_NAME_PATTERN, 'must be a fleet name')],
    }),
    array: attr.string({ optional: true, description: 'Only the volumes on this array of the roster.' }),
    kind: attr.string({
      optional: true,
      description: 'Only `block` volumes (FlashArray) or `file` systems (FlashBlade).',
      validators: [validate.oneOf(['block', 'file'])],
    }),
    array_labels: attr.stringMap({
      optional: true,
      description: 'Only the volumes on arrays carrying every one of these labels.',
    }),
    include_destroyed: attr.bool({
      optional: true,
      description: 'Include volumes in the eradication bin (default false).',
    }),
    volumes: attr.nested('list', volumeAttributes, {
      computed: true,
      description: 'The matching volumes, by array (roster order), then by name.',
    }),
  },
});

type VolumesData = StateModel<typeof volumesDataSchema>;
type VolumeData = NonNullable<VolumesData['volumes']>[number];

function volumeData(
  fleet: string,
  array: string,
  labels: Readonly<Record<string, string>>,
  object: FleetObject,
): VolumeData {
  const name = object.name.slice(fleetPrefix(fleet).length);
  const common = { name, id: `${fleet}/${name}`, backend_name: object.name, array, array_labels: labels };
  if (object.kind === 'flasharray') {
    return {
      ...common,
      kind: 'block',
      size_bytes: CtyNumber.of(object.volume.provisioned),
      serial: object.volume.serial,
      destroyed: object.volume.destroyed,
    };
  }
  const provisioned = object.fileSystem.provisioned;
  return {
    ...common,
    kind: 'file',
    size_bytes: typeof provisioned === 'number' ? CtyNumber.of(provisioned) : null,
    serial: null,
    destroyed: object.fileSystem.destroyed,
  };
}

const matchesLabels = (
  labels: Readonly<Record<string, string>>,
  selector: Readonly<Record<string, string>>,
) => Object.entries(selector).every(([k, v]) => labels[k] === v);

export const volumesDataSource: DataSourceDefinition<typeof volumesDataSchema, PureProviderData> = {
  typeName: 'pure_volumes',
  schema: volumesDataSchema,

  async read({ config }, ctx) {
    const { fleet } = ctx.providerData;
    const fleetName = config.fleet as string;
    if (config.array && !fleet.members.some((m) => m.name === config.array)) {
      ctx.diags.error(
        'Unknown array',
        `No array named "${config.array}" in the provider's roster (known: ${fleet.members.map((m) => m.name).join(', ')}).`,
        [{ attribute: 'array' }],
      );
      return undefined;
    }
    const wantedKind =
      config.kind === 'file' ? 'flashblade' : config.kind === 'block' ? 'flasharray' : undefined;
    const members = fleet.members.filter(
      (m) =>
        (!config.array || m.name === config.array) &&
        (!wantedKind || m.kind === wantedKind) &&
        matchesLabels(m.labels, config.array_labels ?? {}),
    );
    const snapshot = await fleet.volumes.snapshot(fleetPrefix(fleetName), {
      arrays: members.map((m) => m.name),
      signal: ctx.signal,
    });
    const unreadable = snapshot.unreadableArrays();
    if (unreadable.length > 0) {
      for (const array of unreadable) {
        const status = snapshot.status(array);
        ctx.diags.error(
          `Array "${array}" could not be listed`,
          `${status?.state === 'unreadable' ? status.reason : 'unknown reason'}; the list would be incomplete.`,
        );
      }
      return undefined;
    }
    const volumes: VolumeData[] = [];
    for (const member of members) {
      const objects = snapshot
        .objects(member.name)
        .filter(
          (o) =>
            config.include_destroyed === true ||
            !(o.kind === 'flasharray' ? o.volume.destroyed : o.fileSystem.destroyed),
        )
        .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
      for (const o of objects) volumes.push(volumeData(fleetName, member.name, member.labels, o));
    }
    return { ...config, volumes };
  },
};
