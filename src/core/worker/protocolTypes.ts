export type { AnalysisResult, EngineConfig, LanguageId, RawFinding, Span } from '../types';
export type { FixesResult } from '../engine';
