// The TypeScript front end (ts-morph's bundled TypeScript compiler): parses the text with
// `ts.createSourceFile`, builds the node-class model from the syntax tree (no type checker) and runs
// the TypeScript rules. It keeps the last file's model only (analysis, then its fixes), so memory does
// not grow with the number of files analysed. Loaded lazily by the engine
// (`require('./typescript/frontend')`) so that ts-morph and its compiler only load when a TypeScript
// file is analysed.
import { type Clock, systemClock } from '../clock';
import { typeScriptCompletions } from './completions';
import type { CompletionRequest, CompletionResult } from '../completions/types';
import { resolveEra } from '../era';
import type { AnalysisWants, FrontEnd, FrontEndAnalysis, ProductionClass } from '../frontend';
import type { EngineConfig, Fix, RawFinding } from '../types';
import { suppressionComments } from './comments';
import { buildTsFile, parseDiagnostics, type TsFile } from './model';
import { parseStandalone } from './parse';
import { TYPESCRIPT_RULES, TYPESCRIPT_RULES_BY_ID } from '../rules/typescript';
import { appliesIn, withEraSeverity } from '../rules/eras';
import { forgetRecentIndex } from './tree';
import type { TypeScriptModuleFacts } from '../workspace/facts';
import { typescriptModuleFacts } from './workspaceFacts';

export class TypeScriptFrontEnd implements FrontEnd {
  readonly language = 'typescript' as const;
  /** The last model built, reused while the text and settings stay the same (analysis then fixes). */
  private last: { text: string; fileName: string | undefined; configKey: string; file: TsFile } | undefined;

  /** How many files' trees and models the front end holds (at most one: the last analysed). */
  get retainedFiles(): number {
    return this.last ? 1 : 0;
  }

  private model(text: string, config: EngineConfig, fileName: string | undefined): { file: TsFile; parseMs: number } {
    const configKey = JSON.stringify([config.nodeBaseClasses, config.startMethods, config.stopMethods, config.frameworkTarget, config.testFiles, config.projectRoot, config.workspace]);
    if (this.last && this.last.text === text && this.last.fileName === fileName && this.last.configKey === configKey) {
      this.last.file.config = config;
      return { file: this.last.file, parseMs: 0 };
    }
    // The previous file's tree can go before this one is parsed: one file's tree in memory at a time.
    this.last = undefined;
    forgetRecentIndex();
    const t0 = performance.now();
    // No parent pointers from the parser: the model's tree index sets them in the pass it makes anyway.
    const sf = parseStandalone(text, fileName, false);
    const parseMs = performance.now() - t0;
    const file = buildTsFile(text, sf, config, fileName);
    this.last = { text, fileName, configKey, file };
    return { file, parseMs };
  }

  findRaw(text: string, config: EngineConfig, fileName?: string, clock: Clock = systemClock, wants?: AnalysisWants): FrontEndAnalysis {
    const t0 = clock();
    const { file } = this.model(text, config, fileName);
    const t1 = clock();
    const deadline = t0 + config.timeBudgetMs;
    const raw: RawFinding[] = [];
    let outOfTime = false;
    const era = file.era.era;
    for (const rule of TYPESCRIPT_RULES) {
      if ((config.rules[rule.meta.id] ?? 'warning') === 'off' || !appliesIn(rule.meta, era)) continue;
      if (clock() > deadline) {
        outOfTime = true;
        break;
      }
      raw.push(...withEraSeverity(rule.meta, era, rule.check(file)));
    }
    const t2 = clock();
    return {
      raw,
      comments: suppressionComments(file.sf, text, file.lines),
      syntaxErrors: file.errorOffsets.length,
      parseMs: t1 - t0,
      rulesMs: t2 - t1,
      outOfTime,
      era: file.era,
      facts: wants?.facts ? typescriptModuleFacts(file.sf) : undefined,
    };
  }

  fixes(text: string, finding: RawFinding, config: EngineConfig, fileName?: string): Fix[] {
    const rule = TYPESCRIPT_RULES_BY_ID.get(finding.ruleId);
    if (!rule?.fixes) return [];
    const { file } = this.model(text, config, fileName);
    if (!appliesIn(rule.meta, file.era.era)) return [];
    return rule.fixes(file, finding);
  }

  productionClasses(text: string, config: EngineConfig, fileName?: string): ProductionClass[] {
    const { file } = this.model(text, config, fileName);
    return file.nodeClasses.map((cls) => ({
      name: cls.name,
      role: 'node' as const,
      span: { start: cls.node.getStart(file.sf), end: cls.node.end },
      nameSpan: { ...cls.nameSpan },
    }));
  }

  syntaxErrorCount(text: string, fileName?: string): number {
    if (this.last && this.last.text === text && this.last.fileName === fileName) return this.last.file.errorOffsets.length;
    // Candidate fix results are parsed on their own (diagnostics only): they must not displace the last model.
    return parseDiagnostics(parseStandalone(text, fileName, false)).length;
  }

  completions(request: CompletionRequest): CompletionResult {
    return typeScriptCompletions(request);
  }
}

export function createTypeScriptFrontEnd(): FrontEnd {
  return new TypeScriptFrontEnd();
}

// The bundle's other exports: the workspace index's TypeScript side, which needs the same compiler (one
// copy of it per thread). The analysis above never uses the project.
export { TypeScriptProjects } from './project';

/** The workspace index's facts of a file from its text alone (a file the index learns of before any analysis). */
export function typescriptFactsOfText(text: string, fileName?: string): TypeScriptModuleFacts {
  return typescriptModuleFacts(parseStandalone(text, fileName, false));
}
