// Helpers for the file-volume end-to-end tests: provider blocks for a simulated fleet, and a way
// to look at the arrays themselves (through the fleet's own REST clients, over HTTPS), so a test
// checks what the array holds, not only what state says.

import { FleetConnection } from '../../../src/fleet/connection';
import type { FlashBladeFileSystem } from '../../../src/fleet/clients/flashblade';
import { getExportPolicy, type NfsExportPolicy } from '../../../src/fleet/clients/flashblade-policies';
import type { RestTransport } from '../../../src/fleet/rest/session';
import { FlashBladeQosClient, type FlashBladeQosPolicy } from '../../../src/fleet/clients/flashblade-qos';
import type { RunningFleet } from '../../../src/simulator';
import type { StateResource } from '../harness/workspace';

export const TERRAFORM_BLOCK = `terraform {\n  required_providers {\n    pure = { source = "pure-fleet/pure" }\n  }\n}\n`;

/** `array` blocks for every array of the fleet (or the first `members` of them), labels included. */
export function arrayBlocks(fleet: RunningFleet, members = fleet.arrays.length): string {
  return fleet.arrays
    .slice(0, members)
    .map((a) => {
      const labels = Object.entries(a.labels)
        .map(([k, v]) => `"${k}" = "${v}"`)
        .join(', ');
      const nfs = a.nfsEndpoint ? `\n    nfs_endpoint = "${a.nfsEndpoint}"` : '';
      return `  array {\n    name = "${a.name}"\n    type = "${a.type}"\n    endpoint = "${a.mgmtEndpoint}"\n    api_token = "${a.apiToken}"${nfs}\n    labels = { ${labels} }\n  }`;
    })
    .join('\n');
}

/** The provider with the fleet's arrays as its roster (the first `members` of them), and `pure_fleet.f`. */
export function providerBlock(
  fleet: RunningFleet,
  fleetName: string,
  extra = '',
  members = fleet.arrays.length,
): string {
  return `${TERRAFORM_BLOCK}provider "pure" {\n  ca_file = "${fleet.caCertPath}"\n${extra}${arrayBlocks(fleet, members)}\n}\nresource "pure_fleet" "f" {\n  name = "${fleetName}"\n}\n`;
}

/** Reads the arrays directly, as an administrator would. */
export class ArrayInspector {
  private readonly connection: FleetConnection;

  constructor(fleet: RunningFleet) {
    this.connection = new FleetConnection({
      arrays: fleet.arrays.map((a) => ({
        name: a.name,
        kind: a.type,
        endpoint: a.mgmtEndpoint,
        apiToken: a.apiToken,
        labels: a.labels,
        ...(a.nfsEndpoint ? { nfsEndpoint: a.nfsEndpoint } : {}),
      })),
      caPem: fleet.caCertPem,
    });
  }

  fileSystem(array: string, name: string): Promise<FlashBladeFileSystem | undefined> {
    return this.connection.flashBlade(array).getFileSystem(name);
  }

  async fileSystemOf(resource: StateResource): Promise<FlashBladeFileSystem | undefined> {
    return this.fileSystem(resource.values.array as string, resource.values.backend_name as string);
  }

  exportPolicy(array: string, name: string): Promise<NfsExportPolicy | undefined> {
    return getExportPolicy(this.connection.session(array), name);
  }

  /** The array's REST session, for reads a test makes as an administrator would. */
  rest(array: string): RestTransport {
    return this.connection.session(array);
  }

  qosPolicy(array: string, name: string): Promise<FlashBladeQosPolicy | undefined> {
    return new FlashBladeQosClient(this.connection.session(array)).getPolicy(name);
  }

  /** An administrator's edit of a QoS policy, out of band. */
  async patchQosPolicy(array: string, name: string, body: Record<string, unknown>): Promise<void> {
    await this.connection.session(array).request('PATCH', 'qos-policies', { query: { names: name }, body });
  }

  /** An administrator's edit of one rule, out of band. */
  async patchRule(array: string, ruleName: string, body: Record<string, unknown>): Promise<void> {
    await this.connection.session(array).request('PATCH', 'nfs-export-policies/rules', {
      query: { names: ruleName },
      body,
    });
  }

  close(): Promise<void> {
    return this.connection.close();
  }
}

export function byAddress(state: readonly StateResource[], address: string): StateResource {
  const found = state.find((r) => r.address === address);
  if (!found) throw new Error(`${address} is not in state`);
  return found;
}
