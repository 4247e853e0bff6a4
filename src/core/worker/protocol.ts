// Messages between the extension host (or the CLI) and the analysis worker thread.
import type { FixAllResult } from '../fixAll';
import type { AnalysisResult, EngineConfig, FixesResult, LanguageId, RawFinding } from './protocolTypes';

export type WorkerRequest =
  | { id: number; kind: 'analyze'; language: LanguageId; text: string; config: EngineConfig; fileName?: string }
  | { id: number; kind: 'fixes'; language: LanguageId; text: string; finding: RawFinding; config: EngineConfig; fileName?: string }
  | { id: number; kind: 'fixAll'; language: LanguageId; text: string; config: EngineConfig; fileName?: string; ruleIds: string[] | null; safeOnly: boolean };

export type WorkerResponse =
  | { id: number; ok: true; kind: 'analyze'; result: AnalysisResult }
  | { id: number; ok: true; kind: 'fixes'; result: FixesResult }
  | { id: number; ok: true; kind: 'fixAll'; result: FixAllResult }
  | { id: number; ok: false; error: string };

/** A request before the transport gives it an id. */
export type WorkerJob = { [K in WorkerRequest['kind']]: Omit<Extract<WorkerRequest, { kind: K }>, 'id'> }[WorkerRequest['kind']];
