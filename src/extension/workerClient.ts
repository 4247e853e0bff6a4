// One lazily started worker thread for heavy analysis; requests carry ids, stale answers are
// dropped by the caller (document versions), and a worker that overruns is replaced.
import { type ResourceLimits, Worker } from 'node:worker_threads';
import { join } from 'node:path';
import { WORKER_LIMITS, type WorkerJob, type WorkerRequest, type WorkerResponse } from '../core/worker/protocol';

type Pending = { resolve(r: WorkerResponse): void; reject(e: Error): void; timer: NodeJS.Timeout };
type Request = WorkerJob;

export class WorkerClient {
  private worker: Worker | undefined;
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();

  constructor(
    private readonly distDir: string,
    private readonly log: (message: string) => void,
    private readonly limits: ResourceLimits = WORKER_LIMITS,
  ) {}

  /** Requests sent and not yet answered. */
  get inFlight(): number {
    return this.pending.size;
  }

  private ensure(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(join(this.distDir, 'worker.js'), { resourceLimits: this.limits });
    worker.on('message', (response: WorkerResponse) => {
      const p = this.pending.get(response.id);
      if (!p) return;
      clearTimeout(p.timer);
      this.pending.delete(response.id);
      p.resolve(response);
    });
    worker.on('error', (error) => {
      this.log(`Analysis worker failed: ${error.message}`);
      this.reset(error);
    });
    worker.on('exit', () => {
      if (this.worker === worker) this.reset(new Error('analysis worker exited'));
    });
    worker.unref();
    this.worker = worker;
    return worker;
  }

  private reset(error: Error): void {
    const worker = this.worker;
    this.worker = undefined;
    for (const p of this.pending.values()) {
      clearTimeout(p.timer);
      p.reject(error);
    }
    this.pending.clear();
    void worker?.terminate();
  }

  /** Sends a request; rejects after timeoutMs and restarts the worker (a runaway analysis is stopped). */
  request(request: Request, timeoutMs: number): Promise<WorkerResponse> {
    const worker = this.ensure();
    const id = this.nextId++;
    return new Promise<WorkerResponse>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.log(`Analysis worker did not answer within ${timeoutMs} ms; restarting it.`);
        this.reset(new Error(`analysis took longer than ${timeoutMs} ms`));
      }, timeoutMs);
      this.pending.set(id, { resolve, reject, timer });
      worker.postMessage({ ...request, id } as WorkerRequest);
    });
  }

  dispose(): void {
    this.reset(new Error('disposed'));
  }
}
