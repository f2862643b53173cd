// The CDKTF app: `cdktf synth` (or `npm run synth`) writes cdktf.out/stacks/fleet/cdk.tf.json.
// The arrays come from the JSON file named by PURE_FLEET_CONFIG ({ caFile?, arrays: [...] },
// see ArraySpec); their API tokens from PURE_API_TOKEN_<NAME> when terraform runs.

import { readFileSync } from 'node:fs';
import { App } from 'cdktf';
import type { ArraySpec } from './src/fleet-stack';
import { FleetStack } from './src/fleet-stack';
import type { VolumeSpec } from './src/fleet-volumes';

/** The application's volumes: two zones, and each volume's data kept, binned or removed on destroy. */
export const VOLUMES: readonly VolumeSpec[] = [
  { name: 'orders-db', size: '200G', zone: 'a', deletionPolicy: 'delete' },
  { name: 'orders-db-replica', size: '200G', zone: 'b', deletionPolicy: 'delete' },
  { name: 'scratch', size: '50G', zone: 'b', deletionPolicy: 'eradicate' },
  { name: 'audit-archive', size: '100G', zone: 'a', deletionPolicy: 'orphan' },
  { name: 'shared-files', kind: 'file', size: '1T', zone: 'b', deletionPolicy: 'delete' },
];

export interface FleetConfig {
  readonly caFile?: string;
  readonly arrays: readonly ArraySpec[];
}

export function synthesize(config: FleetConfig, outdir?: string): App {
  const app = new App(outdir ? { outdir } : {});
  new FleetStack(app, 'fleet', { fleetName: 'orders', volumes: VOLUMES, ...config });
  app.synth();
  return app;
}

if (require.main === module) {
  const file = process.env.PURE_FLEET_CONFIG;
  if (!file) throw new Error('set PURE_FLEET_CONFIG to a JSON file: { "caFile": "...", "arrays": [...] }');
  synthesize(JSON.parse(readFileSync(file, 'utf8')) as FleetConfig);
}
