// Messages between the extension host (or the CLI) and the analysis worker thread.
import type { CompletionRequest, CompletionResult } from '../completions/types';
import type { FixAllResult } from '../fixAll';
import type { ProductionClass } from '../frontend';
import type { ModuleFacts } from '../workspace/facts';
import type { TypeScriptBaseAnswer, TypeScriptBaseRequest } from '../workspace/index';
import type { AnalysisResult, EngineConfig, FixesResult, LanguageId, RawFinding, Span } from './protocolTypes';

export type WorkerRequest =
  /** `facts`: the result carries the workspace index's facts of the file too. */
  | { id: number; kind: 'analyze'; language: LanguageId; text: string; config: EngineConfig; fileName?: string; facts?: boolean }
  | { id: number; kind: 'fixes'; language: LanguageId; text: string; finding: RawFinding; config: EngineConfig; fileName?: string }
  | { id: number; kind: 'fixAll'; language: LanguageId; text: string; config: EngineConfig; fileName?: string; ruleIds: string[] | null; safeOnly: boolean; within?: Span }
  | { id: number; kind: 'productionClasses'; language: LanguageId; text: string; config: EngineConfig; fileName?: string }
  | ({ id: number; kind: 'completions'; language: LanguageId } & CompletionRequest)
  /** The workspace index's facts of a file (src/core/workspace). */
  | { id: number; kind: 'facts'; language: LanguageId; text: string; fileName?: string }
  /**
   * Questions for the worker's ts-morph projects (language: 'typescript'); `changed` files are read again
   * and `createdOrDeleted` makes the projects afresh before answering.
   */
  | { id: number; kind: 'typescriptBases'; language: 'typescript'; requests: TypeScriptBaseRequest[]; changed?: string[]; createdOrDeleted?: boolean };

export type WorkerResponse =
  | { id: number; ok: true; kind: 'analyze'; result: AnalysisResult }
  | { id: number; ok: true; kind: 'fixes'; result: FixesResult }
  | { id: number; ok: true; kind: 'fixAll'; result: FixAllResult }
  | { id: number; ok: true; kind: 'completions'; result: CompletionResult }
  | { id: number; ok: true; kind: 'productionClasses'; result: ProductionClass[] }
  | { id: number; ok: true; kind: 'facts'; result: ModuleFacts }
  | { id: number; ok: true; kind: 'typescriptBases'; result: TypeScriptBaseAnswer[] }
  | { id: number; ok: false; error: string };

/** A request before the transport gives it an id. */
export type WorkerJob = { [K in WorkerRequest['kind']]: Omit<Extract<WorkerRequest, { kind: K }>, 'id'> }[WorkerRequest['kind']];

/** Every analysis worker: a deeper stack than the default lets TypeScript's recursive parser take deeply nested files. */
export const WORKER_LIMITS = { stackSizeMb: 16 };

/**
 * The workers that check many files in a row (Check Workspace, the CLI's pool) also get a bounded old
 * generation, so V8 collects each one's garbage before it piles up: unbounded, two such workers held
 * about 650 MB on the benchmark's 2,000-file check. A 20,000-line file analyses well within it; a
 * worker that still runs out is replaced and its file reported as not analysed.
 */
export const BATCH_WORKER_LIMITS = { ...WORKER_LIMITS, maxOldGenerationSizeMb: 128 };
