export type { AnalysisResult, EngineConfig, LanguageId, RawFinding } from '../types';
export type { FixesResult } from '../engine';
