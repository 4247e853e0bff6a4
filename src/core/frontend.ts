// What a language front end offers the engine (./engine.ts), which knows front ends only through
// this module. The Python front end (tree-sitter) is ./python/frontend.ts; the TypeScript one
// (ts-morph's compiler), loaded lazily as a bundle of its own, is ./typescript/frontend.ts; contract.yaml's
// (the yaml package), also a lazy bundle, is ./contract/frontend.ts.
import type { CompletionRequest, CompletionResult } from './completions/types';
import type { EraDecision } from './era';
import type { Clock } from './clock';
import type { CommentInfo } from './suppression';
import type { AnalyzedClass, EngineConfig, FileKind, Fix, Finding, LanguageId, RawFinding, Span } from './types';
import type { ModuleFacts } from './workspace/facts';

/** What a caller wants from an analysis besides the findings. */
export interface AnalysisWants {
  /** The workspace index's facts of the file, read from the tree the analysis built (src/core/workspace). */
  facts?: boolean;
}

export interface FrontEnd {
  readonly language: FileKind;
  /**
   * Finds raw findings; `outOfTime` when the budget ran out part-way, as `clock` (default: the real one)
   * tells. `wants`: what else the caller wants from the analysis (the workspace index's facts).
   */
  findRaw(text: string, config: EngineConfig, fileName?: string, clock?: Clock, wants?: AnalysisWants): FrontEndAnalysis;
  fixes(text: string, finding: RawFinding, config: EngineConfig, fileName?: string): Fix[];
  syntaxErrorCount(text: string, fileName?: string): number;
  /** The ONEX snippets and file templates that belong at the request's cursor (./completions). */
  completions(request: CompletionRequest): CompletionResult;
  /** The classes "make production-ready" works on (./fixAll.ts), in source order. */
  productionClasses(text: string, config: EngineConfig, fileName?: string): ProductionClass[];
}

/**
 * A class whose findings are fixed together by "make production-ready": a production node class (the
 * class-level rules judge it: not a base, a test double or a declarative node), or today's handler.
 */
export interface ProductionClass {
  name: string;
  role: 'node' | 'handler';
  /** The class statement, decorators included. */
  span: Span;
  /** Its name, where the class-level findings are reported. */
  nameSpan: Span;
}

export interface FrontEndAnalysis {
  raw: RawFinding[];
  comments: CommentInfo[];
  syntaxErrors: number;
  parseMs: number;
  rulesMs: number;
  outOfTime: boolean;
  /** The era the file was given, and why. */
  era?: EraDecision;
  /** When asked for (AnalysisWants.facts). */
  facts?: ModuleFacts;
  /** Findings in other files (AnalysisResult.otherFiles), final already: their severities and suppressions applied. */
  otherFiles?: Record<string, Finding[]>;
  /** The file's classes and their roles. */
  classes?: AnalyzedClass[];
}

/**
 * An analysis whose syntax tree the caller keeps for the next edit of the same document, so that the
 * front end can re-parse incrementally (the Python front end's findRawKeepingTree).
 */
export interface KeptAnalysis<Tree> extends FrontEndAnalysis {
  tree: Tree;
  /** Whether the findings were carried over from the previous tree's analysis, the edit being unable to change them. */
  carriedOver: boolean;
}

/** Thrown by a front end whose parser ran out of the time budget before it had a tree. */
export class ParseBudgetExceeded extends Error {}
