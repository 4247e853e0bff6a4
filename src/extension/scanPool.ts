// Check Workspace's workers: one per core (the CLI's pool does the same), apart from the worker that
// serves open editors, so that a long scan neither waits for nor delays the file being typed in.
// Started on the first file of a scan and stopped at its end: each holds parsers and caches.
// No vscode import: the benchmark hosts this same code.
import { availableParallelism } from 'node:os';
import { BATCH_WORKER_LIMITS, type WorkerJob, type WorkerResponse } from '../core/worker/protocol';
import { WorkerClient } from './workerClient';

/** Workers for a scan: one per core, at most four. */
export function scanWorkerCount(cores = availableParallelism()): number {
  return Math.max(1, Math.min(cores, 4));
}

export class ScanPool {
  private clients: WorkerClient[] = [];

  constructor(
    private readonly distDir: string,
    private readonly log: (message: string) => void,
    readonly size = scanWorkerCount(),
  ) {}

  /** Sends a request to the least busy worker, starting one while fewer than `size` run. */
  request(job: WorkerJob, timeoutMs: number): Promise<WorkerResponse> {
    let client = this.clients.find((c) => c.inFlight === 0);
    if (!client && this.clients.length < this.size) {
      client = new WorkerClient(this.distDir, this.log, BATCH_WORKER_LIMITS);
      this.clients.push(client);
    }
    client ??= this.clients.reduce((a, b) => (b.inFlight < a.inFlight ? b : a));
    return client.request(job, timeoutMs);
  }

  /** Stops the workers (a later request starts them again). */
  dispose(): void {
    for (const c of this.clients) c.dispose();
    this.clients = [];
  }
}

/**
 * Runs `fn` over the items with at most `limit` calls in flight, starting them in order; once `stop()`
 * returns true no further item is started (those in flight finish). Resolves when all started calls end.
 */
export async function forEachConcurrent<T>(items: readonly T[], limit: number, fn: (item: T) => Promise<void>, stop: () => boolean = () => false): Promise<void> {
  let next = 0;
  const lane = async (): Promise<void> => {
    while (next < items.length && !stop()) {
      const item = items[next++];
      await fn(item);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, lane));
}
