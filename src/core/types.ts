import type { Era, EraDecision, EraSetting, ProjectPin } from './era';
import type { PackageFacts } from './packageFacts';
import type { ClassRole } from './rules/classRoles';

// The engine's shared vocabulary. Nothing here knows about VS Code or about a parser:
// both language front ends (tree-sitter for Python, ts-morph for TypeScript) produce these.
import type { ModuleFacts, WorkspaceHints } from './workspace/facts';

export type LanguageId = 'python' | 'typescript';

/** The language of a file by its name (`.d.ts` declaration files are not node code); null for others. */
export function languageOfPath(path: string): LanguageId | null {
  if (path.endsWith('.py')) return 'python';
  if (path.endsWith('.ts') && !path.endsWith('.d.ts')) return 'typescript';
  return null;
}

/** What the checks read: node code in a language, or a node package's contract.yaml (the contract rules). */
export type FileKind = LanguageId | 'contract';

/** The kind of a file by its name: `contract.yaml` (the name every loader of the framework looks for), else its language. */
export function fileKindOfPath(path: string): FileKind | null {
  return /(^|[\\/])contract\.yaml$/.test(path) ? 'contract' : languageOfPath(path);
}

// ONEX001–ONEX011: the node rules; ONEX012–ONEX019: today's node rules; ONEX020 onward: the contract.yaml rules.
export type RuleId =
  | 'ONEX001' | 'ONEX002' | 'ONEX003' | 'ONEX004' | 'ONEX005' | 'ONEX006'
  | 'ONEX007' | 'ONEX008' | 'ONEX009' | 'ONEX010' | 'ONEX011'
  | 'ONEX012' | 'ONEX013' | 'ONEX014' | 'ONEX015' | 'ONEX016' | 'ONEX017' | 'ONEX018' | 'ONEX019'
  | 'ONEX020' | 'ONEX021' | 'ONEX022' | 'ONEX023' | 'ONEX024' | 'ONEX025' | 'ONEX026'
  | 'ONEX027' | 'ONEX028' | 'ONEX029' | 'ONEX030' | 'ONEX031' | 'ONEX032' | 'ONEX033';

export const ALL_RULE_IDS: readonly RuleId[] = [
  'ONEX001', 'ONEX002', 'ONEX003', 'ONEX004', 'ONEX005', 'ONEX006',
  'ONEX007', 'ONEX008', 'ONEX009', 'ONEX010', 'ONEX011',
  'ONEX012', 'ONEX013', 'ONEX014', 'ONEX015', 'ONEX016', 'ONEX017', 'ONEX018', 'ONEX019',
  'ONEX020', 'ONEX021', 'ONEX022', 'ONEX023', 'ONEX024', 'ONEX025', 'ONEX026',
  'ONEX027', 'ONEX028', 'ONEX029', 'ONEX030', 'ONEX031', 'ONEX032', 'ONEX033',
];

/** The known rule ids as a short list of ranges, for messages: "ONEX001 to ONEX011, ONEX020 to ONEX033". */
export function describeRuleIds(ids: readonly string[] = ALL_RULE_IDS): string {
  const numbers = ids.map((id) => Number(id.slice(4))).sort((a, b) => a - b);
  const name = (n: number) => `ONEX${String(n).padStart(3, '0')}`;
  const parts: string[] = [];
  for (let i = 0; i < numbers.length; ) {
    let j = i;
    while (j + 1 < numbers.length && numbers[j + 1] === numbers[j] + 1) j++;
    parts.push(j === i ? name(numbers[i]) : `${name(numbers[i])} to ${name(numbers[j])}`);
    i = j + 1;
  }
  return parts.join(', ');
}

/** A severity as users configure it; `off` disables the rule. */
export type Severity = 'off' | 'hint' | 'information' | 'warning' | 'error';
export const SEVERITIES: readonly Severity[] = ['off', 'hint', 'information', 'warning', 'error'];
/** The severity of a reported finding (a rule switched off reports nothing). */
export type FindingSeverity = Exclude<Severity, 'off'>;

/** Offsets are UTF-16 code-unit indexes into the analysed text (JavaScript string indexes). */
export interface Span {
  start: number;
  end: number;
}

/** 0-based line and 0-based UTF-16 column, as VS Code counts them. */
export interface Position {
  line: number;
  character: number;
}

export interface Range {
  start: Position;
  end: Position;
}

/** A text replacement over the analysed text: replace [start, end) by newText. */
export interface TextEdit {
  start: number;
  end: number;
  newText: string;
}

/**
 * ruff's fix safety: `safe` fixes keep the program's meaning and may run unattended
 * (fix-on-save, `onex-forge fix`); `unsafe` fixes generate code and run only on request.
 */
export type FixSafety = 'safe' | 'unsafe';

export interface Fix {
  /** Stable id among the fixes of one finding, e.g. 'reraise-onex-error' or 'full-ladder'. */
  id: string;
  title: string;
  safety: FixSafety;
  /** Non-overlapping edits against the analysed text. */
  edits: TextEdit[];
  /** The preferred fix is the one the lightbulb puts first. */
  preferred?: boolean;
}

/** What a rule reports before configuration (severity, suppressions) is applied. */
export interface RawFinding {
  ruleId: RuleId;
  message: string;
  span: Span;
  /**
   * Opaque, JSON-serialisable data the rule needs to compute its fixes later
   * (fixes are computed lazily, when an action is chosen).
   */
  data?: unknown;
  /** Where else the finding points (the contract rules' node ↔ contract findings). */
  related?: RelatedInformation[];
  /**
   * This finding's default severity when it differs from its rule's (rules.md, "Eras": in today's era a
   * rule whose framework check is not wired reports at information). A configured severity always wins.
   */
  defaultSeverity?: FindingSeverity;
}

/** Another place a finding concerns: the other file of a node ↔ contract mismatch (VS Code's relatedInformation). */
export interface RelatedInformation {
  /** Absolute path of the other file; absent: the finding's own file. */
  path?: string;
  range: Range;
  message: string;
}

export interface Finding extends RawFinding {
  range: Range;
  severity: FindingSeverity;
}

/** How a rule stands in one era (rules.md's era table): whether it applies, in which form, why, at which severity. */
export interface RuleEraEntry {
  applies: boolean;
  /** What it reports in that era (or what reports it instead), one sentence. */
  form: string;
  /** Why, with the framework facts behind it (current-era.md §5). */
  why: string;
  /** Its default severity there (a configured severity wins). */
  defaultSeverity: FindingSeverity;
}

/** The order findings are reported in: by position, then by rule id. */
export function compareFindings(a: RawFinding, b: RawFinding): number {
  // (Rule ids are ASCII: a plain comparison, not localeCompare, whose first call loads ICU's collator.)
  return a.span.start - b.span.start || (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0);
}

export interface RuleMeta {
  id: RuleId;
  /** kebab-case name, e.g. 'health-check-mode'. */
  name: string;
  /** One line: what the rule reports. */
  summary: string;
  /** Which framework era the pattern belongs to (see onex-facts.md). */
  era: string;
  /** The safety of the rule's primary fix, or 'none' when it has no fix. */
  fixSafety: FixSafety | 'none';
  /** The severity when the configuration sets none; absent: warning. */
  defaultSeverity?: Exclude<Severity, 'off'>;
  /** The files the rule reads: absent for node code (Python, TypeScript); 'contract.yaml' for the contract rules. */
  appliesTo?: 'contract.yaml';
  /** The framework check the rule mirrors (current-era.md §2.1's numbering), when one does. */
  mirrors?: string;
  /** In which era the rule applies, in which form and at which default severity (absent: both, at warning). */
  eras?: Record<Era, RuleEraEntry>;
}

/** Settings that shape detection, shared by the extension and the CLI. */
export interface EngineConfig {
  /** Severity per rule; a missing rule uses its default (its catalogue entry's defaultSeverity, else warning). */
  rules: Partial<Record<RuleId, Severity>>;
  /** Extra base-class names that make a class a node class. */
  nodeBaseClasses: string[];
  /** Lifecycle method names. */
  startMethods: string[];
  stopMethods: string[];
  /**
   * The framework era: `auto` (the default) lets the resolver decide per file (era.ts: the file's imports,
   * then the project's pin, then today); `current` or `bridge` is an explicit choice.
   */
  frameworkTarget: EraSetting;
  /**
   * The omnibase-core pin of the file's project (projectPin.ts's findProjectPin), looked up by the caller
   * from the file's path: the engine itself reads no files. Absent or null: the project pins none.
   */
  projectPin?: ProjectPin | null;
  /**
   * The file's project folder (the nearest pyproject.toml's, else the workspace folder), looked up by the
   * caller: test files are recognised by `testFiles` relative to it.
   */
  projectRoot?: string | null;
  /** Gitignore-style patterns, relative to the project folder, of test files (their classes are test doubles). */
  testFiles: string[];
  /** What the file's node package's contract.yaml says (packageFacts.ts), looked up by the caller. */
  packageFacts?: PackageFacts | null;
  /** Files larger than this (bytes) are skipped with a message. */
  maxFileSize: number;
  /** Per-file time budget (ms) for analysis. */
  timeBudgetMs: number;
  /**
   * What the workspace index knows beyond the analysed file (issue 22): node bases defined in other files
   * of the workspace, and this file's classes that other files derive from. Absent: the file on its own.
   */
  workspace?: WorkspaceHints;
}

export const DEFAULT_CONFIG: EngineConfig = {
  rules: {},
  nodeBaseClasses: [],
  startMethods: ['startup', 'initialize', 'on_startup'],
  stopMethods: ['shutdown', 'cleanup', 'on_shutdown'],
  frameworkTarget: 'auto',
  testFiles: ['test_*.py', '*_test.py', 'conftest.py', 'tests/', 'test/', '*.test.ts', '*.spec.ts', '__tests__/'],
  maxFileSize: 1024 * 1024,
  timeBudgetMs: 2000,
};

/** Why a file produced no findings although it was asked for. */
export interface SkipReason {
  kind: 'too-large' | 'binary' | 'time-budget' | 'parse-failure' | 'unsupported';
  message: string;
}

/** A class of the analysed file and its role (rules/classRoles.ts), for hovers and the nodes view. */
export interface AnalyzedClass {
  name: string;
  /** The class's name in the text. */
  span: Span;
  role: ClassRole;
  /** Why it has that role: "a test double: named FakeLedgerEffect". */
  reason: string;
}

export interface AnalysisResult {
  findings: Finding[];
  /** Set when the file was not (fully) analysed. */
  skipped?: SkipReason;
  /** Number of syntax errors the parser recovered from. */
  syntaxErrors: number;
  /** Wall time spent on parse and rules, in milliseconds. */
  parseMs: number;
  rulesMs: number;
  /** The workspace index's facts of the file, when asked for (read from the analysis's own tree). */
  facts?: ModuleFacts;
  /** The era the file was given, and why (for hovers and the status); absent when it was not analysed. */
  era?: EraDecision;
  /**
   * Findings the analysis made in other files, by absolute path: a contract's node ↔ contract checks report
   * a handler's mistake in the handler's file. Absent when there are none.
   */
  otherFiles?: Record<string, Finding[]>;
  /** The file's classes with their roles (the Python front end fills it); absent when it was not analysed. */
  classes?: AnalyzedClass[];
}
