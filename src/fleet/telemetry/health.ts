// Health problems from the arrays' own health endpoints. 'critical' excludes the array from new
// placements; 'warning' is shown but does not. The rules:
// - FA controller: mode `offline`, or status `not ready` while it should be primary/secondary →
//   critical; status `unknown`/`updating` → warning; no controller in mode `primary` → critical.
// - hardware component (FA/FB) or FB blade with status `critical`/`unhealthy` → critical;
//   a blade `evacuating` → warning.
// - open alerts: severity `critical` → critical, `warning` → warning (info is not read).
// - parity below 1 (data being rebuilt) → warning.
// Codes are stable: `<KIND>` or `<KIND>:<component>`, alerts `ALERT:<code>`.

import type { HealthProblem } from '../placement/model';
import type { PureAlert, PureHardwareComponent } from '../clients/common';
import type { FlashArrayController } from '../clients/flasharray';
import type { FlashBladeBlade } from '../clients/flashblade';

const critical = (code: string, message: string): HealthProblem => ({ code, severity: 'critical', message });
const warning = (code: string, message: string): HealthProblem => ({ code, severity: 'warning', message });

export function controllerProblems(controllers: readonly FlashArrayController[]): HealthProblem[] {
  const problems: HealthProblem[] = [];
  // Shelf controllers have modes too; only the array's own controllers serve I/O.
  const arrayControllers = controllers.filter((c) => c.type === undefined || c.type === 'array_controller');
  for (const c of arrayControllers) {
    const mode = c.mode ?? '';
    const status = c.status ?? '';
    if (mode === 'offline') {
      problems.push(critical(`CONTROLLER_OFFLINE:${c.name}`, `controller ${c.name} is offline`));
    } else if (status === 'not ready' && (mode === 'primary' || mode === 'secondary')) {
      problems.push(
        critical(`CONTROLLER_NOT_READY:${c.name}`, `controller ${c.name} (${mode}) is not ready`),
      );
    } else if (status === 'unknown' || status === 'updating') {
      problems.push(
        warning(`CONTROLLER_${status.toUpperCase()}:${c.name}`, `controller ${c.name} status is ${status}`),
      );
    }
  }
  if (
    arrayControllers.length > 0 &&
    !arrayControllers.some((c) => c.mode === 'primary' && c.status !== 'not ready')
  ) {
    problems.push(critical('NO_PRIMARY_CONTROLLER', 'no controller is serving as primary'));
  }
  return problems;
}

export function hardwareProblems(components: readonly PureHardwareComponent[]): HealthProblem[] {
  return components
    .filter((h) => h.status === 'critical' || h.status === 'unhealthy')
    .map((h) =>
      critical(
        `HARDWARE_${(h.status as string).toUpperCase()}:${h.name}`,
        `${h.type ? `${h.type} ` : ''}${h.name} is ${h.status}${h.details ? `: ${h.details}` : ''}`,
      ),
    );
}

export function bladeProblems(blades: readonly FlashBladeBlade[]): HealthProblem[] {
  const problems: HealthProblem[] = [];
  for (const b of blades) {
    if (b.status === 'critical' || b.status === 'unhealthy') {
      problems.push(
        critical(
          `BLADE_${b.status.toUpperCase()}:${b.name}`,
          `blade ${b.name} is ${b.status}${b.details ? `: ${b.details}` : ''}`,
        ),
      );
    } else if (b.status === 'evacuating') {
      problems.push(warning(`BLADE_EVACUATING:${b.name}`, `blade ${b.name} is being evacuated`));
    }
  }
  return problems;
}

export function alertProblems(alerts: readonly PureAlert[]): HealthProblem[] {
  const problems: HealthProblem[] = [];
  for (const a of alerts) {
    if (a.state !== undefined && a.state !== 'open') continue;
    const code = `ALERT:${a.code ?? a.name ?? a.id ?? 'unknown'}`;
    const message = `alert ${a.name ?? a.id ?? ''}${a.component_name ? ` on ${a.component_name}` : ''}: ${a.summary ?? 'no summary'}`;
    if (a.severity === 'critical') problems.push(critical(code, message));
    else if (a.severity === 'warning') problems.push(warning(code, message));
  }
  return problems;
}

export function parityProblems(parity: number | undefined): HealthProblem[] {
  if (parity === undefined || !Number.isFinite(parity) || parity >= 1) return [];
  return [warning('REBUILDING', `parity is ${parity.toFixed(2)}: data is being rebuilt`)];
}

/** Drops repeats of the same code (a failed blade shows in blades and in hardware). */
export function dedupeProblems(problems: readonly HealthProblem[]): HealthProblem[] {
  const seen = new Set<string>();
  const out: HealthProblem[] = [];
  for (const p of problems) {
    const key = p.code.replace(/^(HARDWARE|BLADE)_/, 'COMPONENT_');
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(p);
  }
  return out;
}
