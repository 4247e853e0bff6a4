// The engine's one entry point for both languages: analyse a text, compute the fixes of a finding.
// Used by the extension (directly or from a worker thread), the CLI and the tests; no vscode import.
import { ALL_RULE_IDS, DEFAULT_CONFIG, type AnalysisResult, type EngineConfig, type Finding, type Fix,
  type LanguageId, type RawFinding, type Severity } from './types';
import { LineIndex, applyEdits } from './text';
import { isSuppressed, readSuppressions, type CommentInfo } from './suppression';
import { getPythonParser } from './python/parser';
import { PythonFrontEnd, ParseBudgetExceeded } from './python/frontend';
import type { Tree } from 'web-tree-sitter';
import type { PyFile } from './python/model';
import { SyntaxTree, emptyObservations } from './python/view';
import { type RecordedAnalysis, configKey, moveFindings, offsetsAfterUnreadEdit } from './python/reuse';
import { PYTHON_RULES_BY_ID } from './rules/python';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { defaultCacheDir, requireWithCodeCache } from './codeCache';

/** What both front ends offer the engine. The TypeScript one (ts-morph) lives in ./typescript/frontend. */
export interface FrontEnd {
  readonly language: LanguageId;
  /** Finds raw findings; `outOfTime` when the budget ran out part-way. */
  findRaw(text: string, config: EngineConfig, fileName?: string): FrontEndAnalysis;
  fixes(text: string, finding: RawFinding, config: EngineConfig, fileName?: string): Fix[];
  syntaxErrorCount(text: string, fileName?: string): number;
}

export interface FrontEndAnalysis {
  raw: RawFinding[];
  comments: CommentInfo[];
  syntaxErrors: number;
  parseMs: number;
  rulesMs: number;
  outOfTime: boolean;
}

/** An analysis whose tree the caller keeps for the next edit (PythonEngineFrontEnd.findRawKeepingTree). */
export interface KeptAnalysis extends FrontEndAnalysis {
  tree: Tree;
  /** Whether the findings were carried over from the previous tree's analysis, the edit being unable to change them. */
  carriedOver: boolean;
}

/** Fills in defaults; a key present with the value `undefined` does not override its default. */
export function resolveConfig(partial?: Partial<EngineConfig>): EngineConfig {
  const defined = Object.fromEntries(Object.entries(partial ?? {}).filter(([, v]) => v !== undefined));
  return { ...DEFAULT_CONFIG, ...defined, rules: { ...DEFAULT_CONFIG.rules, ...partial?.rules } };
}

export function severityOf(config: EngineConfig, ruleId: RawFinding['ruleId']): Severity {
  return config.rules[ruleId] ?? 'warning';
}

/** Python front end over the shared tree-sitter parser, with incremental re-parsing when a tree is kept. */
/** The last text parsed for fixes and syntax checks: fix-all asks about one text many times per pass. */
interface ParsedText {
  text: string;
  tree: Tree;
  model?: { config: EngineConfig; file: PyFile };
  syntaxErrors?: number;
}

/** Python front end over the shared tree-sitter parser, with incremental re-parsing when a tree is kept. */
class PythonEngineFrontEnd implements FrontEnd {
  readonly language = 'python' as const;
  private last: ParsedText | undefined;
  /** The view of each tree handed to a caller who keeps it (see findRawKeepingTree). */
  private readonly views = new WeakMap<Tree, SyntaxTree>();
  /** The complete analysis of each such tree, with what it read, for the next edit. */
  private readonly analyses = new WeakMap<Tree, RecordedAnalysis>();

  constructor(readonly inner: PythonFrontEnd) {}

  findRaw(text: string, config: EngineConfig): FrontEndAnalysis {
    const analysis = this.analyse(text, config, undefined, false);
    this.remember({ text, tree: analysis.tree, syntaxErrors: analysis.syntaxErrors });
    return analysis;
  }

  /**
   * Like findRaw, but re-parses incrementally from `previous` (already `edit`ed to match text) and
   * hands the new tree to the caller, who keeps it for the next edit and deletes it when done.
   */
  findRawKeepingTree(text: string, config: EngineConfig, previous?: Tree): KeptAnalysis {
    return this.analyse(text, config, previous, true);
  }

  /** `keep`: the caller keeps the tree for its next edit, so what the analysis read is recorded for it. */
  private analyse(text: string, config: EngineConfig, previous: Tree | undefined, keep: boolean): KeptAnalysis {
    const t0 = performance.now();
    const tree = this.inner.parse(text, previous, config.timeBudgetMs);
    const t1 = performance.now();
    // A caller who keeps the tree for the next edit gets its view kept too, so the next view copies
    // what tree-sitter reused instead of walking the whole tree again.
    const before = previous && this.views.get(previous);
    const view = new SyntaxTree(tree, text, { keepIds: keep, previous: before });
    if (keep) this.views.set(tree, view);
    const key = configKey(config);
    const recorded = previous && this.analyses.get(previous);
    // Findings the edit cannot have changed are carried over (./python/reuse.ts); else the rules run.
    let raw = before && recorded?.configKey === key ? this.carriedOver(before, view, recorded) : null;
    const carriedOver = raw !== null;
    let outOfTime = false;
    if (raw) {
      view.adoptTypeIndex(before!);
      this.analyses.set(tree, { configKey: key, raw, observed: recorded!.observed });
    } else {
      const observed = keep ? emptyObservations(view.count) : undefined;
      view.observer = observed;
      try {
        const file = this.inner.model(text, tree, config, view);
        ({ findings: raw, outOfTime } = this.inner.check(file, config, t0 + config.timeBudgetMs));
      } finally {
        view.observer = undefined;
      }
      if (observed && !outOfTime) this.analyses.set(tree, { configKey: key, raw, observed });
    }
    const t2 = performance.now();
    return {
      // Suppression comments only matter when there is something to suppress.
      raw: raw.slice(), comments: raw.length > 0 ? this.inner.commentsIn(view.rootNode) : [], syntaxErrors: this.inner.syntaxErrorCount(tree),
      parseMs: t1 - t0, rulesMs: t2 - t1, outOfTime, tree, carriedOver,
    };
  }

  /** The previous findings, moved, when the edit from `before` to `after` cannot change them. */
  private carriedOver(before: SyntaxTree, after: SyntaxTree, recorded: RecordedAnalysis): RawFinding[] | null {
    const map = offsetsAfterUnreadEdit(before, after, recorded.observed);
    return map && moveFindings(recorded.raw, map, (ruleId) => PYTHON_RULES_BY_ID.get(ruleId)?.shiftData);
  }

  private remember(parsed: ParsedText): ParsedText {
    if (this.last && this.last.tree !== parsed.tree) this.last.tree.delete();
    this.last = parsed;
    return parsed;
  }

  private parsed(text: string): ParsedText {
    if (this.last && this.last.text === text) return this.last;
    return this.remember({ text, tree: this.inner.parse(text) });
  }

  fixes(text: string, finding: RawFinding, config: EngineConfig): Fix[] {
    const parsed = this.parsed(text);
    if (!parsed.model || parsed.model.config !== config) {
      parsed.model = { config, file: this.inner.model(text, parsed.tree, config) };
    }
    return this.inner.fixes(parsed.model.file, finding);
  }

  syntaxErrorCount(text: string): number {
    const parsed = this.parsed(text);
    parsed.syntaxErrors ??= this.inner.syntaxErrorCount(parsed.tree);
    return parsed.syntaxErrors;
  }
}

let python: Promise<PythonEngineFrontEnd> | undefined;
let typescript: Promise<FrontEnd> | undefined;

export function getFrontEnd(language: 'python'): Promise<PythonEngineFrontEnd>;
export function getFrontEnd(language: LanguageId): Promise<FrontEnd>;
export function getFrontEnd(language: LanguageId): Promise<FrontEnd> {
  if (language === 'python') {
    python ??= getPythonParser().then((p) => new PythonEngineFrontEnd(new PythonFrontEnd(p)));
    return python;
  }
  // Loaded on first TypeScript analysis only: ts-morph brings its own TypeScript compiler.
  // The build maps this require to dist/typescript-frontend.js, a bundle of its own.
  typescript ??= Promise.resolve().then(() => {
    // From a bundle, the front end's own bundle sits beside it: compiled through a V8 code cache (codeCache.ts).
    const bundled = join(__dirname, 'typescript-frontend.js');
    if (existsSync(bundled)) {
      const mod = requireWithCodeCache(bundled, defaultCacheDir(), warmTypeScript) as TypeScriptModule;
      return mod.createTypeScriptFrontEnd();
    }
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const mod = require('./typescript/frontend') as TypeScriptModule;
    return mod.createTypeScriptFrontEnd();
  });
  return typescript;
}

/** What ./typescript/frontend exports. */
interface TypeScriptModule {
  createTypeScriptFrontEnd(): FrontEnd;
}

/** Before its code cache is written: one small analysis, so that the parser's and the rules' functions are compiled into it. */
function warmTypeScript(mod: unknown): void {
  try {
    (mod as TypeScriptModule).createTypeScriptFrontEnd()
      .findRaw('export class NodeExampleEffect extends NodeEffect {\n  async execute(input: unknown): Promise<unknown> {\n    try {\n      return await this.run(input);\n    } catch (error) {\n      throw error;\n    }\n  }\n}\n', resolveConfig({}), 'node.ts');
  } catch {
    // (The cache is then only smaller.)
  }
}

/** Whether the TypeScript front end (and so ts-morph) has been loaded in this process. */
export function isTypeScriptFrontEndLoaded(): boolean {
  return typescript !== undefined;
}

export interface AnalyzeOptions {
  language: LanguageId;
  config?: Partial<EngineConfig>;
  fileName?: string;
}

/** Cheap checks before parsing: too large, or not text. */
export function precheck(text: string, config: EngineConfig): AnalysisResult['skipped'] {
  const size = Buffer.byteLength(text, 'utf8');
  if (size > config.maxFileSize) {
    return {
      kind: 'too-large',
      message: `Skipped: the file is ${(size / 1024 / 1024).toFixed(1)} MB, above the ${(config.maxFileSize / 1024 / 1024).toFixed(1)} MB limit (setting onexForge.maxFileSize).`,
    };
  }
  if (text.includes('\u0000')) return { kind: 'binary', message: 'Skipped: the file contains NUL bytes and looks binary.' };
  return undefined;
}

/** Applies severities and suppression comments, and turns offsets into ranges. */
export function finalizeFindings(text: string, analysis: FrontEndAnalysis, config: EngineConfig): Finding[] {
  const suppressions = readSuppressions(analysis.comments);
  const lines = new LineIndex(text);
  const findings: Finding[] = [];
  for (const raw of analysis.raw) {
    const severity = severityOf(config, raw.ruleId);
    if (severity === 'off') continue;
    const range = lines.rangeOf(raw.span);
    if (isSuppressed(suppressions, raw.ruleId, range.start.line)) continue;
    findings.push({ ...raw, range, severity });
  }
  // (Rule ids are ASCII: a plain comparison, not localeCompare, whose first call loads ICU's collator.)
  findings.sort((a, b) => a.span.start - b.span.start || (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0));
  return findings;
}

/** A result with no findings, saying why the file was not (fully) analysed. */
export function emptyResult(skipped: AnalysisResult['skipped']): AnalysisResult {
  return { findings: [], skipped, syntaxErrors: 0, parseMs: 0, rulesMs: 0 };
}

/** Analyses one text. Never throws: failures come back as `skipped`. */
export async function analyzeText(text: string, options: AnalyzeOptions): Promise<AnalysisResult> {
  const config = resolveConfig(options.config);
  const skipped = precheck(text, config);
  if (skipped) return emptyResult(skipped);
  try {
    const frontEnd = await getFrontEnd(options.language);
    return analyzeWith(frontEnd, text, config, options.fileName);
  } catch (error) {
    return emptyResult({ kind: 'parse-failure', message: `Analysis failed: ${(error as Error).message}` });
  }
}

/** Synchronous analysis with a loaded front end (the worker and the CLI use it in loops). */
export function analyzeWith(frontEnd: FrontEnd, text: string, config: EngineConfig, fileName?: string): AnalysisResult {
  const skipped = precheck(text, config);
  if (skipped) return emptyResult(skipped);
  try {
    const analysis = frontEnd.findRaw(text, config, fileName);
    const findings = finalizeFindings(text, analysis, config);
    return {
      findings,
      syntaxErrors: analysis.syntaxErrors,
      parseMs: analysis.parseMs,
      rulesMs: analysis.rulesMs,
      skipped: analysis.outOfTime
        ? { kind: 'time-budget', message: `Stopped: analysis took longer than ${config.timeBudgetMs} ms (setting onexForge.timeBudgetMs); findings may be incomplete.` }
        : undefined,
    };
  } catch (error) {
    if (error instanceof ParseBudgetExceeded) {
      return emptyResult({ kind: 'time-budget', message: `Stopped: parsing took longer than ${config.timeBudgetMs} ms (setting onexForge.timeBudgetMs).` });
    }
    return emptyResult({ kind: 'parse-failure', message: `Analysis failed: ${(error as Error).message}` });
  }
}

export interface FixesResult {
  fixes: Fix[];
  /** Fixes withheld because their output would parse worse than the input. */
  refused: { fix: Fix; reason: string }[];
}

/**
 * The fixes of one finding, each checked the way ESLint checks its own output: the text after the
 * fix must not have more syntax errors than before, or the fix is refused.
 */
export function fixesWith(frontEnd: FrontEnd, text: string, finding: RawFinding, config: EngineConfig, fileName?: string): FixesResult {
  const result: FixesResult = { fixes: [], refused: [] };
  let candidates: Fix[];
  try {
    candidates = frontEnd.fixes(text, finding, config, fileName);
  } catch (error) {
    result.refused.push({ fix: { id: 'error', title: 'fix', safety: 'unsafe', edits: [] }, reason: `The fix failed: ${(error as Error).message}` });
    return result;
  }
  if (candidates.length === 0) return result;
  const before = frontEnd.syntaxErrorCount(text, fileName);
  for (const fix of candidates) {
    let after: number;
    try {
      after = frontEnd.syntaxErrorCount(applyEdits(text, fix.edits), fileName);
    } catch (error) {
      result.refused.push({ fix, reason: `The fix produced overlapping edits: ${(error as Error).message}` });
      continue;
    }
    if (after > before) result.refused.push({ fix, reason: `"${fix.title}" was refused: the file would have ${after} syntax errors instead of ${before}.` });
    else result.fixes.push(fix);
  }
  return result;
}

export async function fixesFor(text: string, finding: RawFinding, options: AnalyzeOptions): Promise<FixesResult> {
  const frontEnd = await getFrontEnd(options.language);
  return fixesWith(frontEnd, text, finding, resolveConfig(options.config), options.fileName);
}

export { ALL_RULE_IDS };
