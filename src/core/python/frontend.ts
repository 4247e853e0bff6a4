// The Python front end: tree-sitter parse (incremental when given the previous tree), the file
// model, and the Python rules over it (PythonFrontEnd); and the engine's view of it
// (PythonEngineFrontEnd, the FrontEnd of ../frontend.ts), which keeps the last parsed text for fixes
// and, for a caller who keeps the tree between edits, re-parses incrementally and carries findings
// over an edit that cannot change them (./reuse.ts).
import type { Parser, Tree } from 'web-tree-sitter';
import { type Clock, systemClock } from '../clock';
import { pythonCompletions } from '../completions/python';
import type { CompletionRequest, CompletionResult } from '../completions/types';
import { type AnalysisWants, type FrontEnd, type FrontEndAnalysis, type KeptAnalysis, ParseBudgetExceeded, type ProductionClass } from '../frontend';
import { roleOf } from '../rules/classRoles';
import type { PythonRule } from '../rules/rule';
import { PYTHON_RULES, PYTHON_RULES_BY_ID } from '../rules/python';
import { appliesIn, withEraSeverity } from '../rules/eras';
import type { EraDecision } from '../era';
import type { CommentInfo } from '../suppression';
import type { AnalyzedClass, EngineConfig, Fix, RawFinding } from '../types';
import { buildPyFile, type PyFile } from './model';
import { pythonModuleFacts } from '../workspace/pythonFacts';
import { getPythonParser } from './parser';
import { type RecordedAnalysis, configKey, moveClasses, moveFindings, offsetsAfterUnreadEdit } from './reuse';
import { classRoles } from '../rules/classRoles';
import { type SyntaxNode, SyntaxTree, emptyObservations } from './view';

export class PythonFrontEnd {
  readonly language = 'python' as const;

  constructor(private readonly parser: Parser) {}

  /** Parses text; with `previous` (already `edit`ed to match text) tree-sitter re-parses incrementally. */
  parse(text: string, previous?: Tree, budgetMs?: number, clock: Clock = systemClock): Tree {
    const deadline = budgetMs ? clock() + budgetMs : Infinity;
    const tree = this.parser.parse(text, previous ?? null, budgetMs ? {
      progressCallback: () => clock() > deadline,
    } : undefined);
    if (!tree) {
      // A cancelled parse stays pending in the parser and the next parse() would resume it, even
      // for another text: start afresh.
      this.parser.reset();
      throw new ParseBudgetExceeded(`parsing took longer than ${budgetMs} ms`);
    }
    return tree;
  }

  model(text: string, tree: Tree, config: EngineConfig, view?: SyntaxTree, fileName?: string): PyFile {
    return buildPyFile(text, tree, config, view, fileName);
  }

  rules(config: EngineConfig): PythonRule[] {
    return PYTHON_RULES.filter((r) => (config.rules[r.meta.id] ?? 'warning') !== 'off');
  }

  /** The file's classes with their roles, for hovers and the nodes view. */
  classes(file: PyFile): AnalyzedClass[] {
    return [...classRoles(file)].map(([cls, info]) => ({
      name: cls.name, span: { start: cls.nameNode.startIndex, end: cls.nameNode.endIndex }, role: info.role, reason: info.reason,
    }));
  }

  /** Runs the enabled rules that apply in the file's era; stops (and says so) when the deadline passes on `clock`. */
  check(file: PyFile, config: EngineConfig, deadline: number, clock: Clock = systemClock): { findings: RawFinding[]; outOfTime: boolean } {
    const findings: RawFinding[] = [];
    const era = file.era.era;
    for (const rule of this.rules(config)) {
      if (!appliesIn(rule.meta, era)) continue;
      if (clock() > deadline) return { findings, outOfTime: true };
      findings.push(...withEraSeverity(rule.meta, era, rule.check(file)));
    }
    return { findings, outOfTime: false };
  }

  fixes(file: PyFile, finding: RawFinding): Fix[] {
    const rule = PYTHON_RULES_BY_ID.get(finding.ruleId);
    if (!rule || !appliesIn(rule.meta, file.era.era)) return [];
    return rule.fixes?.(file, finding) ?? [];
  }

  commentsIn(root: SyntaxNode): CommentInfo[] {
    return root.descendantsOfType('comment').map((c) => ({ body: c.text.slice(1), line: c.startPosition.row }));
  }

  /** Number of ERROR and MISSING nodes: the measure of "parses no worse". */
  syntaxErrorCount(tree: Tree): number {
    if (!tree.rootNode.hasError) return 0;
    let count = 0;
    const cursor = tree.walk();
    const visit = (): void => {
      const node = cursor.currentNode;
      if (node.isError || node.isMissing) count++;
      if (!node.hasError || node.isError) return;
      if (cursor.gotoFirstChild()) {
        do visit(); while (cursor.gotoNextSibling());
        cursor.gotoParent();
      }
    };
    visit();
    return count;
  }
}

/** The last text parsed for fixes and syntax checks: fix-all asks about one text many times per pass. */
interface ParsedText {
  text: string;
  tree: Tree;
  model?: { config: EngineConfig; fileName: string | undefined; file: PyFile };
  syntaxErrors?: number;
}

/** Python front end over the shared tree-sitter parser, with incremental re-parsing when a tree is kept. */
export class PythonEngineFrontEnd implements FrontEnd {
  readonly language = 'python' as const;
  private last: ParsedText | undefined;
  /** The view of each tree handed to a caller who keeps it (see findRawKeepingTree). */
  private readonly views = new WeakMap<Tree, SyntaxTree>();
  /** The complete analysis of each such tree, with what it read, for the next edit. */
  private readonly analyses = new WeakMap<Tree, RecordedAnalysis>();

  constructor(readonly inner: PythonFrontEnd) {}

  findRaw(text: string, config: EngineConfig, fileName?: string, clock: Clock = systemClock, wants?: AnalysisWants): FrontEndAnalysis {
    const analysis = this.analyse(text, config, undefined, false, fileName, clock, wants);
    this.remember({ text, tree: analysis.tree, syntaxErrors: analysis.syntaxErrors });
    return analysis;
  }

  /**
   * Like findRaw, but re-parses incrementally from `previous` (already `edit`ed to match text) and
   * hands the new tree to the caller, who keeps it for the next edit and deletes it when done.
   */
  findRawKeepingTree(text: string, config: EngineConfig, previous?: Tree, fileName?: string, clock: Clock = systemClock, wants?: AnalysisWants): KeptAnalysis<Tree> {
    return this.analyse(text, config, previous, true, fileName, clock, wants);
  }

  /** `keep`: the caller keeps the tree for its next edit, so what the analysis read is recorded for it. */
  private analyse(text: string, config: EngineConfig, previous: Tree | undefined, keep: boolean, fileName: string | undefined, clock: Clock, wants?: AnalysisWants): KeptAnalysis<Tree> {
    const t0 = clock();
    const tree = this.inner.parse(text, previous, config.timeBudgetMs, clock);
    const t1 = clock();
    // A caller who keeps the tree for the next edit gets its view kept too, so the next view copies
    // what tree-sitter reused instead of walking the whole tree again.
    const before = previous && this.views.get(previous);
    const view = new SyntaxTree(tree, text, { keepIds: keep, previous: before });
    if (keep) this.views.set(tree, view);
    const key = configKey(config);
    const recorded = previous && this.analyses.get(previous);
    // Findings the edit cannot have changed are carried over (./reuse.ts); else the rules run.
    const moved = before && recorded?.configKey === key ? this.carriedOver(before, view, recorded) : null;
    let raw = moved?.raw ?? null;
    const carriedOver = moved !== null;
    let outOfTime = false;
    let era: EraDecision;
    let classes: AnalyzedClass[];
    if (moved) {
      view.adoptTypeIndex(before!);
      era = recorded!.era;
      classes = moved.classes;
      this.analyses.set(tree, { configKey: key, raw: moved.raw, era, classes, observed: recorded!.observed });
    } else {
      const observed = keep ? emptyObservations(view.count) : undefined;
      view.observer = observed;
      try {
        const file = this.inner.model(text, tree, config, view, fileName);
        era = file.era;
        ({ findings: raw, outOfTime } = this.inner.check(file, config, t0 + config.timeBudgetMs, clock));
        // Within the record of what the analysis read: the roles hold after an edit exactly when the findings do.
        classes = this.inner.classes(file);
      } finally {
        view.observer = undefined;
      }
      if (observed && !outOfTime) this.analyses.set(tree, { configKey: key, raw: raw!, era, classes, observed });
    }
    const t2 = clock();
    return {
      // Suppression comments only matter when there is something to suppress.
      raw: raw!.slice(), comments: raw!.length > 0 ? this.inner.commentsIn(view.rootNode) : [], syntaxErrors: this.inner.syntaxErrorCount(tree),
      parseMs: t1 - t0, rulesMs: t2 - t1, outOfTime, tree, carriedOver, era, classes,
      // Read after the rules, outside the record of what they read (view.observer).
      facts: wants?.facts ? pythonModuleFacts(view.rootNode) : undefined,
    };
  }

  /** The previous findings and classes, moved, when the edit from `before` to `after` cannot change them. */
  private carriedOver(before: SyntaxTree, after: SyntaxTree, recorded: RecordedAnalysis): { raw: RawFinding[]; classes: AnalyzedClass[] } | null {
    const map = offsetsAfterUnreadEdit(before, after, recorded.observed);
    const raw = map && moveFindings(recorded.raw, map, (ruleId) => PYTHON_RULES_BY_ID.get(ruleId)?.shiftData);
    const classes = raw && moveClasses(recorded.classes, map!);
    return raw && classes ? { raw, classes } : null;
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

  /** The model of `text` for fixes and questions about its classes, kept with the last parsed text. */
  private modelOf(text: string, config: EngineConfig, fileName: string | undefined): PyFile {
    const parsed = this.parsed(text);
    if (!parsed.model || parsed.model.config !== config || parsed.model.fileName !== fileName) {
      parsed.model = { config, fileName, file: this.inner.model(text, parsed.tree, config, undefined, fileName) };
    }
    return parsed.model.file;
  }

  fixes(text: string, finding: RawFinding, config: EngineConfig, fileName?: string): Fix[] {
    return this.inner.fixes(this.modelOf(text, config, fileName), finding);
  }

  productionClasses(text: string, config: EngineConfig, fileName?: string): ProductionClass[] {
    const file = this.modelOf(text, config, fileName);
    const out: ProductionClass[] = [];
    for (const cls of file.classes) {
      const { role } = roleOf(file, cls);
      if (role !== 'production-node' && role !== 'handler') continue;
      const outer = cls.node.parent?.type === 'decorated_definition' ? cls.node.parent : cls.node;
      out.push({
        name: cls.name,
        role: role === 'handler' ? 'handler' : 'node',
        span: { start: outer.startIndex, end: outer.endIndex },
        nameSpan: { start: cls.nameNode.startIndex, end: cls.nameNode.endIndex },
      });
    }
    return out;
  }

  syntaxErrorCount(text: string): number {
    const parsed = this.parsed(text);
    parsed.syntaxErrors ??= this.inner.syntaxErrorCount(parsed.tree);
    return parsed.syntaxErrors;
  }

  completions(request: CompletionRequest): CompletionResult {
    return pythonCompletions((text) => this.inner.parse(text), request);
  }
}

let python: Promise<PythonEngineFrontEnd> | undefined;

/** The one Python front end of the process (the engine's getFrontEnd('python') returns it too). */
export function getPythonFrontEnd(): Promise<PythonEngineFrontEnd> {
  python ??= getPythonParser().then((p) => new PythonEngineFrontEnd(new PythonFrontEnd(p)));
  return python;
}
