// Runs engine operations for a document where they belong: small Python texts on the extension
// host (the parser is already warm there), TypeScript and large texts in the worker thread.
import type * as vscode from 'vscode';
import { analyzeWith, fixesWith, getFrontEnd, type FixesResult } from '../core/engine';
import type { FixAllResult } from '../core/fixAll';
import type { AnalysisResult, EngineConfig, LanguageId, RawFinding } from '../core/types';
import type { WorkerClient } from './workerClient';

const MAIN_THREAD_LIMIT = 200_000;

export class EngineBridge {
  constructor(private readonly worker: WorkerClient) {}

  private here(language: LanguageId, text: string): boolean {
    return language === 'python' && text.length <= MAIN_THREAD_LIMIT;
  }

  private timeout(config: EngineConfig): number {
    return config.timeBudgetMs * 5 + 10_000;
  }

  /** `offThread` sends even small Python files to the worker (workspace scans). */
  async analyze(language: LanguageId, text: string, config: EngineConfig, fileName?: string, offThread = false): Promise<AnalysisResult> {
    if (!offThread && this.here(language, text)) return analyzeWith(await getFrontEnd('python'), text, config, fileName);
    const r = await this.worker.request({ kind: 'analyze', language, text, config, fileName }, this.timeout(config));
    if (!r.ok) throw new Error(r.error);
    if (r.kind !== 'analyze') throw new Error('unexpected worker answer');
    return r.result;
  }

  async fixes(language: LanguageId, text: string, finding: RawFinding, config: EngineConfig, fileName?: string): Promise<FixesResult> {
    if (this.here(language, text)) return fixesWith(await getFrontEnd('python'), text, finding, config, fileName);
    const r = await this.worker.request({ kind: 'fixes', language, text, finding, config, fileName }, this.timeout(config));
    if (!r.ok) throw new Error(r.error);
    if (r.kind !== 'fixes') throw new Error('unexpected worker answer');
    return r.result;
  }

  /** Always in the worker: fix-all re-analyses the file in passes and would block typing and saving. */
  async fixAll(language: LanguageId, text: string, config: EngineConfig, ruleIds: string[] | null, safeOnly: boolean, fileName?: string): Promise<FixAllResult> {
    const r = await this.worker.request({ kind: 'fixAll', language, text, config, fileName, ruleIds, safeOnly }, this.timeout(config) * 4);
    if (!r.ok) throw new Error(r.error);
    if (r.kind !== 'fixAll') throw new Error('unexpected worker answer');
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
