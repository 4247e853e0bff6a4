// Runs engine operations for a document where they belong: small Python texts on the extension
// host (the parser is already warm there), TypeScript and large texts in the worker thread, contracts
// on the extension host (their checks read the package through the editor's open documents).
import type * as vscode from 'vscode';
import { analyzeWith, completionsWith, fixesWith, getFrontEnd, type FixesResult } from '../core/engine';
import type { CompletionRequest, CompletionResult } from '../core/completions/types';
import { fixAllWith, type FixAllResult } from '../core/fixAll';
import type { AnalysisWants, ProductionClass } from '../core/frontend';
import type { AnalysisResult, EngineConfig, FileKind, LanguageId, RawFinding, Span } from '../core/types';
import type { WorkerJob } from '../core/worker/protocol';
import type { TypeScriptBaseAnswer, TypeScriptBaseRequest } from '../core/workspace/index';
import type { ContractWorkspace } from './contracts';
import type { ScanPool } from './scanPool';
import type { WorkerClient } from './workerClient';

const MAIN_THREAD_LIMIT = 200_000;

export class EngineBridge {
  /** `scan` serves workspace scans; without it they go to the editors' worker. */
  constructor(private readonly worker: WorkerClient, private readonly scan?: ScanPool, private readonly contracts?: ContractWorkspace) {}

  /** Workspace scans running (Check Workspace, the nodes view's first scan): they share the scan workers. */
  private scans = 0;

  private contractFrontEnd() {
    if (!this.contracts) throw new Error('contract.yaml is not checked here');
    return this.contracts.frontEnd();
  }

  private here(language: LanguageId, text: string): boolean {
    return language === 'python' && text.length <= MAIN_THREAD_LIMIT;
  }

  private timeout(config: EngineConfig): number {
    return config.timeBudgetMs * 5 + 10_000;
  }

  /**
   * Where: 'auto' analyses small Python texts here and the rest in the editors' worker; 'worker' always
   * in that worker (a file re-checked from disk); 'scan' in the workspace scan's pool.
   */
  async analyze(language: FileKind, text: string, config: EngineConfig, fileName?: string, where: 'auto' | 'worker' | 'scan' = 'auto', wants: AnalysisWants = {}): Promise<AnalysisResult> {
    if (language === 'contract') return analyzeWith(await this.contractFrontEnd(), text, config, fileName);
    if (where === 'auto' && this.here(language, text)) return analyzeWith(await getFrontEnd('python'), text, config, fileName, undefined, wants);
    const job = { kind: 'analyze' as const, language, text, config, fileName, facts: wants.facts };
    const r = where === 'scan' && this.scan ? await this.scan.request(job, this.timeout(config)) : await this.worker.request(job, this.timeout(config));
    if (!r.ok) throw new Error(r.error);
    if (r.kind !== 'analyze') throw new Error('unexpected worker answer');
    return r.result;
  }

  async fixes(language: FileKind, text: string, finding: RawFinding, config: EngineConfig, fileName?: string): Promise<FixesResult> {
    if (language === 'contract') return fixesWith(await this.contractFrontEnd(), text, finding, config, fileName);
    if (this.here(language, text)) return fixesWith(await getFrontEnd('python'), text, finding, config, fileName);
    const r = await this.worker.request({ kind: 'fixes', language, text, finding, config, fileName }, this.timeout(config));
    if (!r.ok) throw new Error(r.error);
    if (r.kind !== 'fixes') throw new Error('unexpected worker answer');
    return r.result;
  }

  /** ONEX snippets at a cursor: small Python texts here (no wait for the worker while typing), the rest in the worker. */
  async completions(language: LanguageId, request: CompletionRequest): Promise<CompletionResult> {
    if (this.here(language, request.text)) return completionsWith(await getFrontEnd('python'), request);
    const r = await this.worker.request({ ...request, kind: 'completions', language }, this.timeout(request.config));
    if (!r.ok) throw new Error(r.error);
    if (r.kind !== 'completions') throw new Error('unexpected worker answer');
    return r.result;
  }

  /** Worker threads a workspace scan runs on. */
  get scanWorkers(): number {
    return this.scan?.size ?? 1;
  }

  /** While on, the scan's TypeScript files stay on the scan workers that have loaded TypeScript. */
  gatherScan(on: boolean): void {
    if (this.scan) this.scan.gatherHeavy = on;
  }

  /** A workspace scan starts: the scan workers stay until the last running scan ends. */
  beginScan(): void {
    this.scans++;
  }

  /** Stops the scan workers when the last running workspace scan ends. */
  endScan(): void {
    this.scans = Math.max(0, this.scans - 1);
    if (this.scans === 0) this.scan?.dispose();
  }

  /**
   * Questions for the editors' worker's ts-morph projects (the workspace index's TypeScript bases that
   * come from other modules); `changed` files are read again and `createdOrDeleted` makes them afresh first.
   */
  async typescriptBases(requests: TypeScriptBaseRequest[], changed: string[], createdOrDeleted: boolean): Promise<TypeScriptBaseAnswer[]> {
    const r = await this.worker.request({ kind: 'typescriptBases', language: 'typescript', requests, changed, createdOrDeleted }, 60_000);
    if (!r.ok) throw new Error(r.error);
    if (r.kind !== 'typescriptBases') throw new Error('unexpected worker answer');
    return r.result;
  }

  /** Always in the worker: fix-all re-analyses the file in passes and would block typing and saving. */
  async fixAll(language: FileKind, text: string, config: EngineConfig, ruleIds: string[] | null, safeOnly: boolean, fileName?: string): Promise<FixAllResult> {
    // A contract's fix-all is a few YAML parses: on the extension host, where its package reader is.
    if (language === 'contract') return fixAllWith(await this.contractFrontEnd(), text, config, { fileName, ruleIds, safeOnly });
    return this.fixAllJob({ kind: 'fixAll', language, text, config, fileName, ruleIds, safeOnly });
  }

  /** "Make <Class> production-ready" (core/fixAll.ts makeProductionReady): every fix inside the class's span. */
  async makeProductionReady(language: LanguageId, text: string, config: EngineConfig, span: Span, fileName?: string): Promise<FixAllResult> {
    return this.fixAllJob({ kind: 'fixAll', language, text, config, fileName, ruleIds: null, safeOnly: false, within: span });
  }

  private async fixAllJob(job: Extract<WorkerJob, { kind: 'fixAll' }>): Promise<FixAllResult> {
    const r = await this.worker.request(job, this.timeout(job.config) * 4);
    if (!r.ok) throw new Error(r.error);
    if (r.kind !== 'fixAll') throw new Error('unexpected worker answer');
    return r.result;
  }

  /** The classes of the text that "make production-ready" works on. */
  async productionClasses(language: LanguageId, text: string, config: EngineConfig, fileName?: string): Promise<ProductionClass[]> {
    if (this.here(language, text)) return (await getFrontEnd('python')).productionClasses(text, config, fileName);
    const r = await this.worker.request({ kind: 'productionClasses', language, text, config, fileName }, this.timeout(config));
    if (!r.ok) throw new Error(r.error);
    if (r.kind !== 'productionClasses') throw new Error('unexpected worker answer');
    return r.result;
  }
}

/** The smallest single replacement that turns `before` into `after` (common prefix and suffix kept). */
export function minimalReplacement(before: string, after: string): { start: number; end: number; newText: string } | null {
  if (before === after) return null;
  let start = 0;
  const max = Math.min(before.length, after.length);
  while (start < max && before.charCodeAt(start) === after.charCodeAt(start)) start++;
  let endBefore = before.length;
  let endAfter = after.length;
  while (endBefore > start && endAfter > start && before.charCodeAt(endBefore - 1) === after.charCodeAt(endAfter - 1)) {
    endBefore--;
    endAfter--;
  }
  return { start, end: endBefore, newText: after.slice(start, endAfter) };
}

export type { vscode };
