// Check Workspace's workers: one per core (the CLI's pool does the same), apart from the worker that
// serves open editors, so that a long scan neither waits for nor delays the file being typed in.
// Started on the first file of a scan and stopped at its end: each holds parsers and caches.
// TypeScript files gather on the workers that have loaded the TypeScript front end (see
// src/core/worker/affinity.ts), so that the others never pay its memory.
// No vscode import: the benchmark hosts this same code.
import { availableParallelism } from 'node:os';
import { chooseWorker, HEAVY_LANGUAGE, SPREAD_MIN_FILES } from '../core/worker/affinity';
import { BATCH_WORKER_LIMITS, type WorkerJob, type WorkerResponse } from '../core/worker/protocol';
import type { LanguageId } from '../core/types';
import { WorkerClient } from './workerClient';

/** Workers for a scan: one per core, at most four. */
export function scanWorkerCount(cores = availableParallelism()): number {
  return Math.max(1, Math.min(cores, 4));
}

/** What the pool needs of a worker (a WorkerClient; tests pass their own). */
export interface ScanWorker {
  readonly inFlight: number;
  request(job: WorkerJob, timeoutMs: number): Promise<WorkerResponse>;
  dispose(): void;
}

export class ScanPool {
  private workers: { worker: ScanWorker; languages: Set<LanguageId> }[] = [];
  /** While set, TypeScript jobs go only to the workers that have loaded TypeScript (once one has). */
  gatherHeavy = false;

  constructor(
    distDir: string,
    log: (message: string) => void,
    readonly size = scanWorkerCount(),
    private readonly start: () => ScanWorker = () => new WorkerClient(distDir, log, BATCH_WORKER_LIMITS),
  ) {}

  /** Sends a request to the worker chooseWorker picks, starting one while fewer than `size` run. */
  request(job: WorkerJob, timeoutMs: number): Promise<WorkerResponse> {
    const loads = this.workers.map((w) => ({ inFlight: w.worker.inFlight, languages: w.languages }));
    const at = chooseWorker(loads, job.language, this.workers.length < this.size, this.gatherHeavy);
    let entry = this.workers[at];
    if (!entry) {
      entry = { worker: this.start(), languages: new Set() };
      this.workers.push(entry);
    }
    entry.languages.add(job.language);
    return entry.worker.request(job, timeoutMs);
  }

  /** The languages each running worker has analysed, in start order. */
  get loaded(): LanguageId[][] {
    return this.workers.map((w) => [...w.languages].sort());
  }

  /** Stops the workers (a later request starts them again). */
  dispose(): void {
    for (const w of this.workers) w.worker.dispose();
    this.workers = [];
  }
}

/** Items handed out in order to any number of lanes. */
class Cursor<T> {
  private next = 0;
  constructor(private readonly items: readonly T[]) {}

  take(): T | undefined {
    return this.next < this.items.length ? this.items[this.next++] : undefined;
  }

  get remaining(): number {
    return this.items.length - this.next;
  }
}

/**
 * Runs `fn` over the cursor's items in `count` lanes, so at most `count` calls are in flight, starting
 * them in order; once `stop()` returns true no further item is started (those in flight finish).
 */
async function lanes<T>(cursor: Cursor<T>, count: number, fn: (item: T) => Promise<void>, stop: () => boolean): Promise<void> {
  const lane = async (): Promise<void> => {
    for (let item = stop() ? undefined : cursor.take(); item !== undefined; item = stop() ? undefined : cursor.take()) await fn(item);
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(count, cursor.remaining)) }, lane));
}

/**
 * A scan's files, `limit` in flight, with TypeScript gathered: while other files remain, at most two
 * TypeScript files are in flight and `gather(true)` keeps them on the workers that hold TypeScript;
 * once the others are done, `gather(false)` and the TypeScript files left take all the lanes if there
 * are at least SPREAD_MIN_FILES of them (fewer finish sooner where TypeScript is loaded already).
 */
export async function scanByLanguage<T>(
  items: readonly T[],
  languageOf: (item: T) => LanguageId,
  limit: number,
  fn: (item: T) => Promise<void>,
  stop: () => boolean = () => false,
  gather: (on: boolean) => void = () => undefined,
): Promise<void> {
  const heavy = new Cursor(items.filter((i) => languageOf(i) === HEAVY_LANGUAGE));
  const light = new Cursor(items.filter((i) => languageOf(i) !== HEAVY_LANGUAGE));
  const heavyLanes = Math.min(2, limit);
  gather(light.remaining > 0);
  const running = [lanes(heavy, heavyLanes, fn, stop)];
  running[0].catch(() => undefined); // (awaited below; a failure while the other lanes run is not unhandled)
  try {
    await lanes(light, limit, fn, stop);
    gather(false);
    if (heavy.remaining >= SPREAD_MIN_FILES && limit > heavyLanes) running.push(lanes(heavy, limit - heavyLanes, fn, stop));
    await Promise.all(running);
  } finally {
    gather(false);
  }
}
