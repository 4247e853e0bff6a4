// Runs engine requests on all cores: a pool of worker threads over dist/worker.js when the CLI runs
// from its bundle; in-process when there are few files or no bundle (tests run the sources).
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { analyzeWith, getFrontEnd } from '../core/engine';
import { fixAllWith, type FixAllResult } from '../core/fixAll';
import type { AnalysisResult, EngineConfig, LanguageId } from '../core/types';
import type { WorkerJob, WorkerRequest, WorkerResponse } from '../core/worker/protocol';

type Job = { request: WorkerJob; resolve(r: WorkerResponse): void };

export class EnginePool {
  private readonly workers: Worker[] = [];
  private readonly idle: Worker[] = [];
  private readonly queue: Job[] = [];
  private readonly inflight = new Map<number, Job>();
  private nextId = 1;

  constructor(size: number) {
    const script = join(__dirname, 'worker.js');
    if (size <= 1 || !existsSync(script)) return;
    for (let i = 0; i < size; i++) {
      const w = new Worker(script, { resourceLimits: { stackSizeMb: 16 } });
      w.on('message', (response: WorkerResponse) => {
        const job = this.inflight.get(response.id);
        this.inflight.delete(response.id);
        this.idle.push(w);
        job?.resolve(response);
        this.pump();
      });
      this.workers.push(w);
      this.idle.push(w);
    }
  }

  static forFiles(count: number): EnginePool {
    return new EnginePool(count >= 8 ? Math.min(availableParallelism(), Math.ceil(count / 4)) : 1);
  }

  private pump(): void {
    while (this.idle.length > 0 && this.queue.length > 0) {
      const w = this.idle.pop()!;
      const job = this.queue.shift()!;
      const id = this.nextId++;
      this.inflight.set(id, job);
      w.postMessage({ ...job.request, id });
    }
  }

  private async run(request: WorkerJob): Promise<WorkerResponse> {
    if (this.workers.length === 0) {
      const frontEnd = await getFrontEnd(request.language);
      if (request.kind === 'analyze') return { id: 0, ok: true, kind: 'analyze', result: analyzeWith(frontEnd, request.text, request.config, request.fileName) };
      if (request.kind === 'fixAll') return { id: 0, ok: true, kind: 'fixAll', result: fixAllWith(frontEnd, request.text, request.config, request) };
      throw new Error('unsupported request');
    }
    return new Promise((resolve) => {
      this.queue.push({ request, resolve });
      this.pump();
    });
  }

  async analyze(language: LanguageId, text: string, config: EngineConfig, fileName: string): Promise<AnalysisResult> {
    const r = await this.run({ kind: 'analyze', language, text, config, fileName });
    if (!r.ok) throw new Error(r.error);
    if (r.kind !== 'analyze') throw new Error('unexpected answer');
    return r.result;
  }

  async fixAll(language: LanguageId, text: string, config: EngineConfig, fileName: string, ruleIds: string[] | null, safeOnly: boolean): Promise<FixAllResult> {
    const r = await this.run({ kind: 'fixAll', language, text, config, fileName, ruleIds, safeOnly });
    if (!r.ok) throw new Error(r.error);
    if (r.kind !== 'fixAll') throw new Error('unexpected answer');
    return r.result;
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.terminate()));
  }
}
