// Runs engine requests on all cores: a pool of worker threads over dist/worker.js when the CLI runs
// from its bundle; in-process when there are few files or no bundle (tests run the sources).
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { Clock } from '../core/clock';
import { analyzeWith, emptyResult, getFrontEnd } from '../core/engine';
import { fixAllWith, type FixAllResult } from '../core/fixAll';
import type { AnalysisResult, EngineConfig, LanguageId } from '../core/types';
import type { ModuleFacts } from '../core/workspace/facts';
import type { TypeScriptBaseAnswer, TypeScriptBaseRequest } from '../core/workspace/index';
import { answerTypeScriptBases, readFacts } from '../core/workspace/read';
import { HEAVY_LANGUAGE, pickJob } from '../core/worker/affinity';
import { BATCH_WORKER_LIMITS, type WorkerJob, type WorkerRequest, type WorkerResponse } from '../core/worker/protocol';

type Job = { request: WorkerJob; resolve(r: WorkerResponse): void };

export class EnginePool {
  private readonly workers: Worker[] = [];
  private readonly idle: Worker[] = [];
  private readonly queue: Job[] = [];
  private readonly inflight = new Map<number, Job>();
  /** The job each busy worker is on. */
  private readonly busy = new Map<Worker, number>();
  /** The languages each worker has analysed (TypeScript gathers on the workers that hold it). */
  private readonly languages = new Map<Worker, Set<LanguageId>>();
  private nextId = 1;
  private closing = false;

  /** `clock`: what time budgets are measured with; a clock of the caller's keeps every request in-process. */
  constructor(size: number, private readonly script = join(__dirname, 'worker.js'), private readonly clock?: Clock) {
    if (size <= 1 || clock || !existsSync(script)) return;
    for (let i = 0; i < size; i++) this.spawn();
  }

  private spawn(): void {
    const w = new Worker(this.script, { resourceLimits: BATCH_WORKER_LIMITS });
    w.on('message', (response: WorkerResponse) => {
      const job = this.inflight.get(response.id);
      this.inflight.delete(response.id);
      this.busy.delete(w);
      this.idle.push(w);
      job?.resolve(response);
      this.pump();
    });
    // A worker that dies (out of memory, a crash in the parser) fails its one file and is replaced.
    w.on('error', (error) => this.lost(w, error.message));
    w.on('exit', (code) => this.lost(w, `the analysis worker exited (code ${code})`));
    this.workers.push(w);
    this.languages.set(w, new Set());
    this.idle.push(w);
  }

  private lost(w: Worker, reason: string): void {
    const at = this.workers.indexOf(w);
    if (at < 0 || this.closing) return;
    this.workers.splice(at, 1);
    this.languages.delete(w);
    const idleAt = this.idle.indexOf(w);
    if (idleAt >= 0) this.idle.splice(idleAt, 1);
    const id = this.busy.get(w);
    this.busy.delete(w);
    void w.terminate();
    if (id !== undefined) {
      const job = this.inflight.get(id);
      this.inflight.delete(id);
      job?.resolve({ id, ok: false, error: reason });
    }
    this.spawn();
    this.pump();
  }

  /** Whether requests run on this thread (few files, or no bundle beside this script). */
  get inProcess(): boolean {
    return this.workers.length === 0;
  }

  static forFiles(count: number, clock?: Clock): EnginePool {
    return new EnginePool(count >= 8 ? Math.min(availableParallelism(), Math.ceil(count / 4)) : 1, undefined, clock);
  }

  private pump(): void {
    // Each idle worker takes the job pickJob gives it (in queue order otherwise); one may stay idle
    // rather than load TypeScript for a few files that a worker holding it will finish soon.
    for (let i = this.idle.length - 1; i >= 0 && this.queue.length > 0; i--) {
      const w = this.idle[i];
      const held = this.languages.get(w)!;
      const elsewhere = this.workers.some((o) => o !== w && this.languages.get(o)?.has(HEAVY_LANGUAGE));
      const at = pickJob(this.queue, (j) => j.request.language, held, elsewhere);
      if (at < 0) continue;
      this.idle.splice(i, 1);
      const job = this.queue.splice(at, 1)[0];
      held.add(job.request.language);
      const id = this.nextId++;
      this.inflight.set(id, job);
      this.busy.set(w, id);
      w.postMessage({ ...job.request, id });
    }
  }

  private async run(request: WorkerJob): Promise<WorkerResponse> {
    if (this.workers.length === 0) {
      if (request.kind === 'facts') return { id: 0, ok: true, kind: 'facts', result: await readFacts(request.language, request.text, request.fileName) };
      if (request.kind === 'typescriptBases') return { id: 0, ok: true, kind: 'typescriptBases', result: answerTypeScriptBases(request) };
      const frontEnd = await getFrontEnd(request.language);
      if (request.kind === 'analyze') return { id: 0, ok: true, kind: 'analyze', result: analyzeWith(frontEnd, request.text, request.config, request.fileName, this.clock, { facts: request.facts }) };
      if (request.kind === 'fixAll') return { id: 0, ok: true, kind: 'fixAll', result: fixAllWith(frontEnd, request.text, request.config, request) };
      throw new Error('unsupported request');
    }
    return new Promise((resolve) => {
      this.queue.push({ request, resolve });
      this.pump();
    });
  }

  /** Like analyzeText, never throws for the file's sake: a failed analysis comes back as `skipped`. */
  async analyze(language: LanguageId, text: string, config: EngineConfig, fileName: string, facts = false): Promise<AnalysisResult> {
    const r = await this.run({ kind: 'analyze', language, text, config, fileName, facts });
    if (!r.ok) return emptyResult({ kind: 'parse-failure', message: `Analysis failed: ${r.error}` });
    if (r.kind !== 'analyze') throw new Error('unexpected answer');
    return r.result;
  }

  async fixAll(language: LanguageId, text: string, config: EngineConfig, fileName: string, ruleIds: string[] | null, safeOnly: boolean): Promise<FixAllResult> {
    const r = await this.run({ kind: 'fixAll', language, text, config, fileName, ruleIds, safeOnly });
    if (!r.ok) throw new Error(r.error);
    if (r.kind !== 'fixAll') throw new Error('unexpected answer');
    return r.result;
  }

  /** The workspace index's facts of a file (src/core/workspace). */
  async facts(language: LanguageId, text: string, fileName: string): Promise<ModuleFacts> {
    const r = await this.run({ kind: 'facts', language, text, fileName });
    if (!r.ok) throw new Error(r.error);
    if (r.kind !== 'facts') throw new Error('unexpected answer');
    return r.result;
  }

  /** Questions for the ts-morph projects of the worker that takes them (each worker keeps its own, idle ones disposed). */
  async typescriptBases(requests: TypeScriptBaseRequest[]): Promise<TypeScriptBaseAnswer[]> {
    const r = await this.run({ kind: 'typescriptBases', language: 'typescript', requests });
    if (!r.ok) throw new Error(r.error);
    if (r.kind !== 'typescriptBases') throw new Error('unexpected answer');
    return r.result;
  }

  async close(): Promise<void> {
    this.closing = true;
    await Promise.all(this.workers.map((w) => w.terminate()));
  }
}
