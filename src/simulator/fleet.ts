// Starts a whole simulated fleet in this process: state, CA and certificates,
// one HTTPS listener per array, the control API, the PSO values file, and a
// timer that eradicates objects whose eradication delay has passed.
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import YAML from 'yaml';
import type { SimulatedArray } from './array-base';
import { SimulatorControlClient } from './control/client';
import { ControlServer } from './control/server';
import type { FleetInfo, FleetMember } from './control/types';
import {
  FleetDescriptionError,
  resolveArray,
  validateFleetDescription,
  type FleetDescription,
} from './description';
import { FlashArraySimulator } from './flasharray/simulator';
import { FlashBladeSimulator } from './flashblade/simulator';
import { ArrayHttpServer, type TlsMaterial } from './http/server';
import { SimClock } from './runtime';
import { FleetStateStore } from './state/store';
import { issueServingCertificate, loadOrCreateCertificateAuthority } from './tls';

export interface StartFleetOptions {
  /** Where state, the CA and (by default) the values file live; a temporary directory removed on stop when absent. */
  stateDir?: string;
  /** Address to listen on; default 127.0.0.1. */
  host?: string;
  /** Serve plain HTTP instead of HTTPS (arrays and control API). */
  plainHttp?: boolean;
  /** Where to write values.yaml and ca.pem; default stateDir. */
  outDir?: string;
  /** Diagnostics (handler bugs, state write failures); silent by default. */
  log?: (message: string) => void;
  /** Debounce of state writes, ms (default 100). */
  stateDebounceMs?: number;
}

export interface RunningArray {
  name: string;
  type: 'flasharray' | 'flashblade';
  /** "127.0.0.1:PORT", as PSO writes MgmtEndPoint. */
  mgmtEndpoint: string;
  /** https://127.0.0.1:PORT (http:// with plainHttp). */
  url: string;
  apiToken: string;
  nfsEndpoint?: string;
  labels: Record<string, string>;
}

export interface RunningFleet {
  arrays: RunningArray[];
  caCertPath: string;
  caCertPem: string;
  control: SimulatorControlClient;
  controlUrl: string;
  valuesFilePath: string;
  stateFile: string;
  stop(): Promise<void>;
}

const SWEEP_INTERVAL_MS = 1000;

function endpointHost(host: string): string {
  if (host === '0.0.0.0' || host === '::' || host === '') return '127.0.0.1';
  return host.includes(':') ? `[${host}]` : host;
}

/** PSO's values.yaml `arrays:` section for the running fleet. */
export function psoValues(arrays: RunningArray[]): string {
  const flashArrays = arrays
    .filter((a) => a.type === 'flasharray')
    .map((a) => ({ MgmtEndPoint: a.mgmtEndpoint, APIToken: a.apiToken, Labels: a.labels }));
  const flashBlades = arrays
    .filter((a) => a.type === 'flashblade')
    .map((a) => ({
      MgmtEndPoint: a.mgmtEndpoint,
      APIToken: a.apiToken,
      NFSEndPoint: a.nfsEndpoint,
      Labels: a.labels,
    }));
  const arraysSection: Record<string, unknown> = {};
  if (flashArrays.length > 0) arraysSection.FlashArrays = flashArrays;
  if (flashBlades.length > 0) arraysSection.FlashBlades = flashBlades;
  return (
    '# PSO-style values for the simulated Pure fleet (written by the simulator).\n' +
    '# The arrays serve HTTPS with certificates from the simulator CA next to this file (ca.pem).\n' +
    YAML.stringify({ arrays: arraysSection })
  );
}

async function writeFileAtomic(file: string, text: string): Promise<void> {
  const tmp = `${file}.${process.pid}.tmp`;
  await fs.writeFile(tmp, text);
  await fs.rename(tmp, file);
}

export async function startFleet(
  description: FleetDescription,
  options: StartFleetOptions = {},
): Promise<RunningFleet> {
  const problems = validateFleetDescription(description);
  if (problems.length > 0) throw new FleetDescriptionError(problems);
  const log = options.log ?? (() => undefined);
  const host = options.host ?? '127.0.0.1';
  const ephemeral = options.stateDir === undefined;
  const stateDir = path.resolve(options.stateDir ?? (await fs.mkdtemp(path.join(os.tmpdir(), 'pure-sim-'))));
  const outDir = path.resolve(options.outDir ?? stateDir);
  await fs.mkdir(stateDir, { recursive: true });
  await fs.mkdir(outDir, { recursive: true });
  const fleetName = description.name ?? 'fleet';

  const ca = await loadOrCreateCertificateAuthority(stateDir);
  let tls: TlsMaterial | null = null;
  if (!options.plainHttp) {
    const leaf = await issueServingCertificate(ca, [host]);
    tls = { certPem: leaf.certPem, keyPem: leaf.keyPem };
  }

  const clock = new SimClock();
  const arrays: SimulatedArray[] = [];
  const store = new FleetStateStore(
    stateDir,
    fleetName,
    () => ({
      formatVersion: 1,
      savedAt: Date.now(),
      clockOffsetMs: clock.offset,
      arrays: arrays.map((a) => a.toRecord()),
    }),
    { debounceMs: options.stateDebounceMs, onError: (e) => log(`state write failed: ${e.message}`) },
  );
  await store.lock();
  const servers: ArrayHttpServer[] = [];
  let control: ControlServer | undefined;
  let sweepTimer: NodeJS.Timeout | undefined;
  try {
    const saved = await store.load();
    if (saved) clock.offset = saved.clockOffsetMs;
    description.arrays.forEach((d, i) => {
      const config = resolveArray(d);
      const array =
        config.type === 'flasharray'
          ? new FlashArraySimulator(config, clock)
          : new FlashBladeSimulator(config, clock, config.nfsEndpoint ?? `127.1.0.${i + 1}`);
      const record = saved?.arrays.find((r) => r.name.toLowerCase() === config.name.toLowerCase());
      if (record && record.type === config.type) array.restore(record);
      else if (record)
        log(`${config.name}: type changed from ${record.type} to ${config.type}; starting it empty`);
      array.onMutation = () => store.markDirty();
      arrays.push(array);
    });

    const running: RunningArray[] = [];
    const scheme = options.plainHttp ? 'http' : 'https';
    const shownHost = endpointHost(host);
    for (const array of arrays) {
      const server = new ArrayHttpServer(array, tls, { log });
      let port: number;
      const fixed = array.config.port;
      const remembered = array.lastPort;
      if (fixed !== undefined) {
        port = await server.listen(fixed, host);
      } else {
        try {
          // Prefer the port used last time so endpoints survive a restart.
          port = await server.listen(remembered ?? 0, host);
        } catch {
          port = await server.listen(0, host);
        }
      }
      servers.push(server);
      array.lastPort = port;
      running.push({
        name: array.config.name,
        type: array.type,
        mgmtEndpoint: `${shownHost}:${port}`,
        url: `${scheme}://${shownHost}:${port}`,
        apiToken: array.apiToken,
        nfsEndpoint:
          array instanceof FlashBladeSimulator
            ? (array.config.nfsEndpoint ?? `127.1.0.${arrays.indexOf(array) + 1}`)
            : undefined,
        labels: { ...array.config.labels },
      });
    }
    store.markDirty();

    const fleetInfo = (): FleetInfo => ({
      name: fleetName,
      clockOffsetMs: clock.offset,
      stateFile: store.file,
      arrays: running.map((r, i): FleetMember => ({
        ...r,
        labels: { ...(arrays[i] as SimulatedArray).config.labels },
        model: (arrays[i] as SimulatedArray).config.model,
        maxApiVersion: (arrays[i] as SimulatedArray).config.maxApiVersion,
      })),
    });
    const sweep = (): void => {
      const now = clock.now();
      for (const a of arrays) a.sweep(now);
    };
    control = new ControlServer(
      {
        arrays,
        fleetInfo,
        advanceClock: (ms) => {
          clock.advance(ms);
          sweep();
          store.markDirty();
          return clock.offset;
        },
        flushState: () => store.flush(),
      },
      tls,
    );
    const controlPort = await control.listen(description.controlPort ?? 0, host);
    const controlUrl = `${scheme}://${shownHost}:${controlPort}`;

    const caCertPath = path.join(outDir, 'ca.pem');
    if (outDir !== stateDir) await writeFileAtomic(caCertPath, ca.certPem);
    const valuesFilePath = path.join(outDir, 'values.yaml');
    await writeFileAtomic(valuesFilePath, psoValues(running));

    sweep();
    sweepTimer = setInterval(sweep, SWEEP_INTERVAL_MS);
    sweepTimer.unref();

    const client = new SimulatorControlClient(controlUrl, { caCertPem: ca.certPem });
    let stopped: Promise<void> | undefined;
    const controlServer = control;
    return {
      arrays: running,
      caCertPath,
      caCertPem: ca.certPem,
      control: client,
      controlUrl,
      valuesFilePath,
      stateFile: store.file,
      stop: () => {
        stopped ??= (async () => {
          clearInterval(sweepTimer);
          client.close();
          await Promise.all([...servers.map((s) => s.close()), controlServer.close()]);
          await store.close();
          if (ephemeral) await fs.rm(stateDir, { recursive: true, force: true });
        })();
        return stopped;
      },
    };
  } catch (e) {
    clearInterval(sweepTimer);
    await Promise.all([...servers.map((s) => s.close()), control?.close()]);
    await store.close().catch(() => undefined);
    if (ephemeral) await fs.rm(stateDir, { recursive: true, force: true });
    throw e;
  }
}
