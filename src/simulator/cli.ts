// `npm run simulate -- [options] [fleet.yaml]`: starts a simulated fleet and
// runs until SIGINT/SIGTERM. Without a fleet file it starts the demo fleet.
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { FleetDescriptionError, demoFleet, loadFleetDescription, type FleetDescription } from './description';
import { startFleet, type RunningFleet } from './fleet';

const USAGE = `Usage: npm run simulate -- [options] [fleet.yaml]

Starts a simulated fleet of Pure Storage FlashArrays and FlashBlades (REST 2.x over HTTPS).
Without a fleet file, starts the demo fleet: three FlashArrays across two zones and one FlashBlade.

Options:
  --fleet <file>        fleet description (YAML); same as the positional argument
  --state-dir <dir>     where state and the CA live (default: .sim)
  --out-dir <dir>       where values.yaml and ca.pem are written (default: the state dir)
  --host <address>      listen address (default: 127.0.0.1)
  --plain-http          serve plain HTTP instead of HTTPS
  --ready-file <file>   write a JSON description of the running fleet there once it is up
  --json                print the endpoints as JSON instead of a table
  -h, --help            show this help
`;

export interface CliOptions {
  fleetFile?: string;
  stateDir: string;
  outDir?: string;
  host: string;
  plainHttp: boolean;
  readyFile?: string;
  json: boolean;
  help: boolean;
}

export function parseArgs(argv: string[]): CliOptions {
  const opts: CliOptions = {
    stateDir: '.sim',
    host: '127.0.0.1',
    plainHttp: false,
    json: false,
    help: false,
  };
  const value = (i: number, flag: string): string => {
    const v = argv[i + 1];
    if (v === undefined || v.startsWith('--')) throw new Error(`${flag} needs a value`);
    return v;
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] as string;
    const [flag, inline] =
      a.startsWith('--') && a.includes('=')
        ? [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)]
        : [a, undefined];
    const take = (): string => {
      if (inline !== undefined) return inline;
      const v = value(i, flag);
      i++;
      return v;
    };
    switch (flag) {
      case '--fleet':
        opts.fleetFile = take();
        break;
      case '--state-dir':
        opts.stateDir = take();
        break;
      case '--out-dir':
        opts.outDir = take();
        break;
      case '--host':
        opts.host = take();
        break;
      case '--ready-file':
        opts.readyFile = take();
        break;
      case '--plain-http':
        opts.plainHttp = true;
        break;
      case '--json':
        opts.json = true;
        break;
      case '-h':
      case '--help':
        opts.help = true;
        break;
      default:
        if (flag.startsWith('-')) throw new Error(`unknown option ${flag}`);
        if (opts.fleetFile !== undefined)
          throw new Error(`only one fleet file may be given (got ${opts.fleetFile} and ${flag})`);
        opts.fleetFile = flag;
    }
  }
  return opts;
}

export function describeFleet(fleet: RunningFleet): object {
  return {
    arrays: fleet.arrays,
    controlUrl: fleet.controlUrl,
    caCertPath: fleet.caCertPath,
    valuesFilePath: fleet.valuesFilePath,
    stateFile: fleet.stateFile,
    pid: process.pid,
  };
}

function table(fleet: RunningFleet): string {
  const rows = fleet.arrays.map((a) => [
    a.name,
    a.type,
    a.url,
    a.apiToken,
    a.nfsEndpoint ?? '',
    Object.entries(a.labels)
      .map(([k, v]) => `${k.replace('topology.purestorage.com/', '')}=${v}`)
      .join(','),
  ]);
  const header = ['NAME', 'TYPE', 'ENDPOINT', 'API TOKEN', 'NFS', 'LABELS'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] as string).length)));
  const line = (r: string[]): string =>
    r
      .map((c, i) => c.padEnd(widths[i] as number))
      .join('  ')
      .trimEnd();
  return [line(header), ...rows.map(line)].join('\n');
}

export async function main(argv: string[]): Promise<number> {
  let opts: CliOptions;
  try {
    opts = parseArgs(argv);
  } catch (e) {
    console.error(`simulate: ${(e as Error).message}\n\n${USAGE}`);
    return 2;
  }
  if (opts.help) {
    console.log(USAGE);
    return 0;
  }
  let description: FleetDescription;
  try {
    description = opts.fleetFile
      ? loadFleetDescription(await fs.readFile(opts.fleetFile, 'utf8'))
      : demoFleet();
  } catch (e) {
    console.error(
      `simulate: ${e instanceof FleetDescriptionError ? e.message : `cannot read ${opts.fleetFile}: ${(e as Error).message}`}`,
    );
    return 2;
  }
  let fleet: RunningFleet;
  try {
    fleet = await startFleet(description, {
      stateDir: path.resolve(opts.stateDir),
      outDir: opts.outDir ? path.resolve(opts.outDir) : undefined,
      host: opts.host,
      plainHttp: opts.plainHttp,
      log: (m) => console.error(`simulate: ${m}`),
    });
  } catch (e) {
    console.error(`simulate: could not start the fleet: ${(e as Error).message}`);
    return 1;
  }
  if (opts.json) {
    console.log(JSON.stringify(describeFleet(fleet), null, 2));
  } else {
    console.log(
      `Simulated fleet "${description.name ?? 'fleet'}" is up (${opts.plainHttp ? 'plain HTTP' : 'HTTPS'}).\n`,
    );
    console.log(table(fleet));
    console.log(`\nControl API:   ${fleet.controlUrl}/simulator/v1/fleet`);
    console.log(`CA certificate: ${fleet.caCertPath}`);
    console.log(`PSO values:     ${fleet.valuesFilePath}`);
    console.log(`State file:     ${fleet.stateFile}`);
    console.log('\nPress Ctrl-C to stop.');
  }
  if (opts.readyFile) {
    const tmp = `${opts.readyFile}.tmp`;
    await fs.writeFile(tmp, JSON.stringify(describeFleet(fleet), null, 2));
    await fs.rename(tmp, opts.readyFile);
  }
  return new Promise<number>((resolve) => {
    let stopping = false;
    const stop = (signal: string): void => {
      if (stopping) return;
      stopping = true;
      if (!opts.json) console.log(`\nReceived ${signal}; stopping the fleet and saving state...`);
      fleet
        .stop()
        .then(() => resolve(0))
        .catch((e: Error) => {
          console.error(`simulate: error while stopping: ${e.message}`);
          resolve(1);
        });
    };
    process.once('SIGINT', () => stop('SIGINT'));
    process.once('SIGTERM', () => stop('SIGTERM'));
  });
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (e: Error) => {
      console.error(`simulate: ${e.stack ?? e.message}`);
      process.exit(1);
    },
  );
}
