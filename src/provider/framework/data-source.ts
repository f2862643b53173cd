// The framework's part of reading a data source. Terraform core plans data sources itself: when a
// data source's configuration holds values known only after apply, core defers the read to apply
// and shows "(known after apply)" without calling the provider; otherwise it calls
// ReadDataSource, at plan time, with a wholly known configuration, and requires a wholly known,
// non-null result (terraform-plugin-protocol.md, "Data sources").

import type { CtyObject, CtyValue } from '../cty/value';
import { isCtyObject, isWhollyKnown } from '../cty/value';
import { DiagnosticError } from './diagnostics';

/** A configuration with unknowns is core's to defer; reaching the provider, it is a host bug. */
export function requireKnownDataSourceConfig(typeName: string, config: CtyValue): CtyObject {
  if (!isCtyObject(config)) {
    throw new DiagnosticError(
      'Invalid data source configuration',
      `${typeName} was read with no configuration`,
    );
  }
  if (!isWhollyKnown(config)) {
    throw new DiagnosticError(
      'Data source read too early',
      `${typeName} was asked to read a configuration with values not known yet; Terraform defers such reads to apply.`,
    );
  }
  return config;
}

/**
 * The state of a read: what the data source returned, with every argument it left out taken from
 * the configuration (a data source's arguments are part of its result, as Terraform shows them).
 */
export function dataSourceResult(
  config: CtyObject,
  result: Readonly<Record<string, unknown>>,
): Record<string, unknown> {
  const merged: Record<string, unknown> = { ...config };
  for (const [name, value] of Object.entries(result)) if (value !== undefined) merged[name] = value;
  return merged;
}
