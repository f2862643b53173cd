// The FlashArray's hardware inventory as the health state shows it:
// controllers CT0/CT1, chassis, fans, ports, power supplies, drive bays and
// the drives in them. Pure functions of the state so they are easy to test.
import type { HealthState } from '../array-base';

export interface InventoryContext {
  health: HealthState;
  now: number;
  model: string;
  purityVersion: string;
  serialPrefix: string;
  /** The component that fails while hardware is degraded. */
  degradedComponent: string;
  capacity: number;
}

export const DEGRADED_COMPONENT = 'CH0.BAY3';
export const CONTROLLER_TO_FAIL = 'CT1';

export function controllerRows(ctx: InventoryContext): Array<Record<string, unknown>> {
  const down = ctx.health.controllerDown;
  const since = ctx.now - 86_400_000 * 30;
  return ['CT0', 'CT1'].map((name) => {
    const isDown = down === name;
    const primary = down === 'CT0' ? 'CT1' : 'CT0';
    return {
      name,
      mode: isDown ? 'offline' : name === primary ? 'primary' : 'secondary',
      mode_since: since,
      model: ctx.model,
      status: isDown ? 'not ready' : 'ready',
      type: 'array_controller',
      version: ctx.purityVersion,
    };
  });
}

export function hardwareRows(ctx: InventoryContext): Array<Record<string, unknown>> {
  const rows: Array<Record<string, unknown>> = [];
  const status = (name: string): string => {
    if (ctx.health.controllerDown === name) return 'critical';
    if (ctx.health.degradedHardware && name === ctx.degradedComponent) return 'critical';
    return 'healthy';
  };
  rows.push({
    name: 'CH0',
    type: 'chassis',
    index: 0,
    status: status('CH0'),
    model: ctx.model,
    serial: `${ctx.serialPrefix.slice(0, 8)}CH0`,
    identify_enabled: false,
  });
  for (let i = 0; i < 2; i++) {
    const name = `CT${i}`;
    rows.push({
      name,
      type: 'controller',
      index: i,
      slot: i,
      status: status(name),
      model: ctx.model,
      serial: `${ctx.serialPrefix.slice(0, 8)}${name}`,
      temperature: 38 + i,
      identify_enabled: false,
    });
    rows.push({
      name: `${name}.FAN0`,
      type: 'cooling',
      index: 0,
      status: status(`${name}.FAN0`),
      identify_enabled: false,
    });
    rows.push({
      name: `${name}.ETH0`,
      type: 'eth_port',
      index: 0,
      speed: 25_000_000_000,
      status: status(`${name}.ETH0`),
      identify_enabled: false,
    });
  }
  for (let i = 0; i < 2; i++)
    rows.push({
      name: `CH0.PWR${i}`,
      type: 'power_supply',
      index: i,
      status: status(`CH0.PWR${i}`),
      voltage: 230,
      identify_enabled: false,
    });
  for (let i = 0; i < 10; i++) {
    const name = `CH0.BAY${i}`;
    rows.push({
      name,
      type: 'drive_bay',
      index: i,
      slot: i,
      status: status(name),
      identify_enabled: false,
    });
  }
  return rows;
}

export function driveRows(ctx: InventoryContext): Array<Record<string, unknown>> {
  // Ten drives hold the usable capacity plus 25 % for parity and spares.
  const perDrive = Math.round((ctx.capacity * 1.25) / 10 / 512) * 512;
  const failed = ctx.health.degradedHardware ? ctx.degradedComponent : '';
  return Array.from({ length: 10 }, (_, i) => ({
    name: `CH0.BAY${i}`,
    capacity: perDrive,
    details: '',
    protocol: 'NVMe',
    status: `CH0.BAY${i}` === failed ? 'failed' : 'healthy',
    type: 'SSD',
  }));
}
