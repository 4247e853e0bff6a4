// The engine's one entry point for both languages: analyse a text, compute the fixes of a finding.
// Used by the extension (directly or from a worker thread), the CLI and the tests; no vscode import.
import { ALL_RULE_IDS, DEFAULT_CONFIG, compareFindings, type AnalysisResult, type EngineConfig, type Finding, type Fix,
  type LanguageId, type RawFinding, type Severity } from './types';
import { LineIndex, applyEdits } from './text';
import { isSuppressed, readSuppressions } from './suppression';
import type { Clock } from './clock';
import { type AnalysisWants, type FrontEnd, type FrontEndAnalysis, ParseBudgetExceeded } from './frontend';
import { getPythonFrontEnd } from './python/frontend';
import { defaultSeverityOf } from './rules/meta';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { defaultCacheDir, requireWithCodeCache } from './codeCache';
import type { TypeScriptProjects } from './typescript/project';
import type { TypeScriptModuleFacts } from './workspace/facts';
import { cursorLine } from './completions/cursor';
import { mayMatchAnItem } from './completions/labels';
import { type CompletionRequest, type CompletionResult, NO_COMPLETIONS } from './completions/types';

/** Fills in defaults; a key present with the value `undefined` does not override its default. */
export function resolveConfig(partial?: Partial<EngineConfig>): EngineConfig {
  const defined = Object.fromEntries(Object.entries(partial ?? {}).filter(([, v]) => v !== undefined));
  return { ...DEFAULT_CONFIG, ...defined, rules: { ...DEFAULT_CONFIG.rules, ...partial?.rules } };
}

/**
 * A finding's severity: the configured one, else the finding's own default (its rule's default in the
 * file's era: rules/eras.ts), else its rule's default.
 */
export function severityOf(config: EngineConfig, ruleId: RawFinding['ruleId'], finding?: Pick<RawFinding, 'defaultSeverity'>): Severity {
  return config.rules[ruleId] ?? finding?.defaultSeverity ?? defaultSeverityOf(ruleId);
}

let typescript: Promise<FrontEnd> | undefined;
let typescriptModule: TypeScriptModule | undefined;

/** The front end of a language. The Python one loads with the engine; the TypeScript one on first use. */
export function getFrontEnd(language: LanguageId): Promise<FrontEnd> {
  if (language === 'python') return getPythonFrontEnd();
  typescript ??= Promise.resolve().then(() => loadTypeScriptModule().createTypeScriptFrontEnd());
  return typescript;
}

/**
 * The TypeScript front end's module, loaded once per thread on first use: ts-morph brings its own
 * TypeScript compiler. The build maps the require to dist/typescript-frontend.js, a bundle of its own,
 * which also holds the workspace index's TypeScript side (one copy of the compiler).
 */
export function loadTypeScriptModule(): TypeScriptModule {
  if (typescriptModule) return typescriptModule;
  // From a bundle, the front end's own bundle sits beside it: compiled through a V8 code cache (codeCache.ts).
  const bundled = join(__dirname, 'typescript-frontend.js');
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  typescriptModule = existsSync(bundled) ? requireWithCodeCache(bundled, defaultCacheDir(), warmTypeScript) as TypeScriptModule : require('./typescript/frontend') as TypeScriptModule;
  return typescriptModule;
}

/** What ./typescript/frontend exports. */
export interface TypeScriptModule {
  createTypeScriptFrontEnd(): FrontEnd;
  TypeScriptProjects: typeof TypeScriptProjects;
  typescriptFactsOfText(text: string, fileName?: string): TypeScriptModuleFacts;
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
  /** What the time budget is measured with (default: the real clock; tests give one of their own). */
  clock?: Clock;
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
    const severity = severityOf(config, raw.ruleId, raw);
    if (severity === 'off') continue;
    const range = lines.rangeOf(raw.span);
    if (isSuppressed(suppressions, raw.ruleId, range.start.line)) continue;
    findings.push({ ...raw, range, severity });
  }
  findings.sort(compareFindings);
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
    return analyzeWith(frontEnd, text, config, options.fileName, options.clock);
  } catch (error) {
    return emptyResult({ kind: 'parse-failure', message: `Analysis failed: ${(error as Error).message}` });
  }
}

/** Synchronous analysis with a loaded front end (the worker and the CLI use it in loops). */
export function analyzeWith(frontEnd: FrontEnd, text: string, config: EngineConfig, fileName?: string, clock?: Clock, wants?: AnalysisWants): AnalysisResult {
  const skipped = precheck(text, config);
  if (skipped) return emptyResult(skipped);
  try {
    const analysis = frontEnd.findRaw(text, config, fileName, clock, wants);
    const findings = finalizeFindings(text, analysis, config);
    return {
      findings,
      syntaxErrors: analysis.syntaxErrors,
      parseMs: analysis.parseMs,
      rulesMs: analysis.rulesMs,
      era: analysis.era,
      ...(analysis.otherFiles && Object.keys(analysis.otherFiles).length ? { otherFiles: analysis.otherFiles } : {}),
      classes: analysis.classes,
      skipped: analysis.outOfTime
        ? { kind: 'time-budget', message: `Stopped: analysis took longer than ${config.timeBudgetMs} ms (setting onexForge.timeBudgetMs); findings may be incomplete.` }
        : undefined,
      facts: analysis.facts,
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

/**
 * The ONEX snippets and file templates at a cursor (./completions). Never throws: a text too large or
 * binary, or one the front end cannot read, gets none.
 */
export function completionsWith(frontEnd: FrontEnd, request: CompletionRequest): CompletionResult {
  if (precheck(request.text, request.config)) return NO_COMPLETIONS;
  const cursor = cursorLine(request.text, request.offset);
  if (!cursor || !mayMatchAnItem(cursor.word)) return NO_COMPLETIONS;
  try {
    return frontEnd.completions(request);
  } catch {
    return NO_COMPLETIONS;
  }
}

export async function completionsFor(language: LanguageId, request: Omit<CompletionRequest, 'config'> & { config?: Partial<EngineConfig> }): Promise<CompletionResult> {
  return completionsWith(await getFrontEnd(language), { ...request, config: resolveConfig(request.config) });
}

export { ALL_RULE_IDS };
