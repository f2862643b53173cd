// Durable fleet state: one JSON file per fleet, written atomically (temporary
// file, fsync, rename) so a crash mid-write leaves the previous version.
// Writes are serialised — one at a time, each taking a fresh snapshot — and
// debounced, so a burst of mutations costs one write. `flush()` waits until
// everything mutated so far is on disk; `stop()` flushes.
import { promises as fs, openSync, closeSync, writeSync, unlinkSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { PersistedArrayBase } from '../array-base';

export interface FleetStateFile {
  formatVersion: 1;
  savedAt: number;
  clockOffsetMs: number;
  arrays: PersistedArrayBase[];
}

export class StateLockedError extends Error {}

/** Lock files held by this process (several fleets may run in one process, e.g. in tests). */
const heldLocks = new Set<string>();

export class FleetStateStore {
  private dirty = false;
  private writing: Promise<void> | null = null;
  private timer: NodeJS.Timeout | null = null;
  private firstDirtyAt = 0;
  private lockHeld = false;
  private lastWriteStarted = 0;
  private lastWriteMs = 0;
  readonly file: string;
  private readonly lockFile: string;

  constructor(
    dir: string,
    fleetName: string,
    private readonly snapshot: () => FleetStateFile,
    private readonly options: { debounceMs?: number; maxDelayMs?: number; onError?: (e: Error) => void } = {},
  ) {
    this.file = path.join(dir, `${fleetName}.state.json`);
    this.lockFile = path.join(dir, `${fleetName}.lock`);
  }

  /** Takes the state directory's lock so two simulators never write the same file. */
  async lock(): Promise<void> {
    await fs.mkdir(path.dirname(this.file), { recursive: true });
    if (heldLocks.has(this.lockFile))
      throw new StateLockedError(`state ${this.file} is in use by this process`);
    for (let attempt = 0; attempt < 2; attempt++) {
      try {
        const fd = openSync(this.lockFile, 'wx');
        writeSync(fd, String(process.pid));
        closeSync(fd);
        this.lockHeld = true;
        heldLocks.add(this.lockFile);
        return;
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
        const pid = Number(readFileSync(this.lockFile, 'utf8').trim());
        if (Number.isInteger(pid) && pid > 0 && pid !== process.pid && isAlive(pid)) {
          throw new StateLockedError(`state ${this.file} is in use by process ${pid}`);
        }
        // Stale lock from a process that died: take it over.
        unlinkSync(this.lockFile);
      }
    }
    throw new StateLockedError(`could not lock ${this.lockFile}`);
  }

  async load(): Promise<FleetStateFile | undefined> {
    let text: string;
    try {
      text = await fs.readFile(this.file, 'utf8');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw e;
    }
    const parsed = JSON.parse(text) as FleetStateFile;
    if (parsed.formatVersion !== 1 || !Array.isArray(parsed.arrays)) {
      throw new Error(`${this.file} is not a simulator state file (format ${String(parsed.formatVersion)})`);
    }
    return parsed;
  }

  /** Records that state changed; a write follows within the debounce window. */
  markDirty(): void {
    const now = Date.now();
    if (!this.dirty) this.firstDirtyAt = now;
    this.dirty = true;
    const debounce = this.options.debounceMs ?? 100;
    const maxDelay = this.options.maxDelayMs ?? 1000;
    if (this.timer) clearTimeout(this.timer);
    // A big state takes a while to encode, and encoding blocks the event loop: keep at least ten
    // write-durations between writes so persistence never takes more than ~10 % of the time.
    const spacing = this.lastWriteStarted + 10 * this.lastWriteMs - now;
    const wait = Math.max(0, Math.min(debounce, this.firstDirtyAt + maxDelay - now), spacing);
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.flush().catch((e: Error) => this.options.onError?.(e));
    }, wait);
    this.timer.unref();
  }

  /** Writes until nothing dirty remains. Concurrent callers share the same writes. */
  async flush(): Promise<void> {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = null;
    }
    while (this.writing || this.dirty) {
      if (this.writing) {
        await this.writing;
        continue;
      }
      this.dirty = false;
      this.writing = this.writeNow().finally(() => {
        this.writing = null;
      });
    }
  }

  private async writeNow(): Promise<void> {
    const started = Date.now();
    const data = JSON.stringify(this.snapshot());
    this.lastWriteStarted = started;
    this.lastWriteMs = Date.now() - started;
    const tmp = `${this.file}.${process.pid}.tmp`;
    const handle = await fs.open(tmp, 'w');
    try {
      await handle.writeFile(data, 'utf8');
      await handle.sync();
    } finally {
      await handle.close();
    }
    await fs.rename(tmp, this.file);
  }

  async close(): Promise<void> {
    await this.flush();
    if (this.lockHeld) {
      await fs.rm(this.lockFile, { force: true });
      this.lockHeld = false;
      heldLocks.delete(this.lockFile);
    }
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}
