// The `pure` provider: its configuration is the fleet's roster and placement policy; configuring
// it connects the process to the fleet and logs in to every array, so that a roster entry that
// cannot be used is reported on its own block (roster-diagnostics.ts).
// The fleet layer, and its HTTP client, load only when the provider is configured.

import { readFileSync } from 'node:fs';
import { CtyNumber } from '../provider/cty/number';
import type { ProviderDefinition } from '../provider/framework/resource';
import { whollyKnownModel } from '../provider/framework/schema';
import { fleetDataSource } from './data-sources/fleet';
import { placementDataSource } from './data-sources/placement';
import { volumesDataSource } from './data-sources/volumes';
import { fleetResource } from './fleet';
import type { PureProviderData } from './provider-data';
import { hostResource } from './host';
import { hostGroupResource } from './host-group';
import { checkPlacementPolicy, placementOverrides } from './placement-policy';
import { providerSchema } from './provider-schema';
import { defaultTrustPem } from './trust';
import { RosterConfigError, rosterMembers } from './roster-config';
import { reportMemberProblems } from './roster-diagnostics';
import { exportRuleProblems } from './export-rules';
import { nfsExportPolicyResource } from './nfs-export-policy';
import { volumeResource } from './volume';

export { providerSchema } from './provider-schema';

export type { PureProviderData } from './provider-data';

export function pureProvider(
  env: NodeJS.ProcessEnv = process.env,
): ProviderDefinition<typeof providerSchema, PureProviderData> {
  return {
    typeName: 'pure',
    schema: providerSchema,

    validateConfig(config, { diags }) {
      checkPlacementPolicy(placementOverrides(config.placement), diags);
      if (typeof config.default_export_rules === 'string') {
        const problems = exportRuleProblems(config.default_export_rules);
        if (problems.length > 0)
          diags.error('Invalid NFS export rules', problems.join('\n'), [
            { attribute: 'default_export_rules' },
          ]);
      }
      // A dynamic block over a value not known yet: nothing to check until it is.
      if (!Array.isArray(config.array)) return;
      const seen = new Map<string, number>();
      config.array.forEach((a, index) => {
        if (typeof a.name !== 'string') return;
        const previous = seen.get(a.name);
        if (previous !== undefined) {
          diags.error(
            'Duplicate array name',
            `Array name "${a.name}" is already used by array block ${previous + 1}.`,
            [{ attribute: 'array' }, { index }, { attribute: 'name' }],
          );
        }
        seen.set(a.name, index);
        if (a.api_client && a.api_token !== null) {
          diags.error(
            'Two ways to log in',
            `Array "${a.name}" has both api_token and api_client: keep one.`,
            [{ attribute: 'array' }, { index }, { attribute: 'api_client' }],
          );
        }
        if (a.type === 'flashblade' && a.nfs_endpoint === null) {
          diags.error(
            'Missing NFS endpoint',
            'A FlashBlade needs nfs_endpoint, the data VIP clients mount from.',
            [{ attribute: 'array' }, { index }, { attribute: 'nfs_endpoint' }],
          );
        }
      });
    },

    async configure(planConfig, { diags, logger, signal }) {
      const config = whollyKnownModel<typeof providerSchema>(planConfig);
      if (!config) {
        logger.debug('provider configuration not yet known; planning without the fleet');
        return undefined;
      }
      const overrides = placementOverrides(config.placement);
      if (!checkPlacementPolicy(overrides, diags)) return undefined;
      let members;
      try {
        members = await rosterMembers(config, env);
      } catch (err) {
        if (!(err instanceof RosterConfigError)) throw err;
        diags.error(err.summary, err.message, err.path);
        return undefined;
      }
      const caFile = config.ca_file ?? env.PURE_CA_FILE;
      let caPem: string | undefined;
      if (caFile) {
        try {
          caPem = readFileSync(caFile, 'utf8');
        } catch (err) {
          diags.error('Cannot read the CA file', err instanceof Error ? err.message : String(err), [
            { attribute: 'ca_file' },
          ]);
          return undefined;
        }
      } else {
        caPem = defaultTrustPem(env, logger);
      }
      const seconds = (n: CtyNumber | null | undefined): number | undefined =>
        n instanceof CtyNumber ? n.toNumber() * 1000 : undefined;
      const [{ FleetConnection }, { FleetPlacer }] = await Promise.all([
        import('../fleet/connection'),
        import('../fleet/placer'),
      ]);
      const fleet = new FleetConnection(
        {
          arrays: members,
          caPem,
          insecureSkipVerify: config.insecure_skip_tls_verify === true,
          requestTimeoutMs: seconds(config.request_timeout_seconds),
          telemetryMaxAgeMs: seconds(config.placement?.telemetry_cache_seconds),
        },
        logger,
      );
      // Hosts configure a provider only in runs that go on to read or change resources, nearly
      // always on the arrays: logging in now costs nothing extra, and a roster entry that cannot
      // be used is reported here, on its own block, before any plan depends on it.
      reportMemberProblems(await fleet.checkMembers(signal), members, config, diags);
      return {
        fleet,
        placer: new FleetPlacer(fleet, overrides),
        policy: overrides,
        fileDefaults: config.default_export_rules ? { exportRules: config.default_export_rules } : {},
      };
    },

    resources: [fleetResource, volumeResource, nfsExportPolicyResource, hostResource, hostGroupResource],
    dataSources: [fleetDataSource, placementDataSource, volumesDataSource],
  };
}
