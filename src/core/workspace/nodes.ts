// The workspace's nodes as the ONEX Nodes view shows them: every production node the index knows, with
// its kind, its era, its readiness for that era, its open findings, its contract.yaml and its tests.
// Fed with analysis results (findings and facts of one file at a time); answers from the index and
// from files on disk (contracts, project pins). No vscode import: the extension wraps it
// (src/extension/nodesView.ts) and the benchmark times it.
import { existsSync, readFileSync } from 'node:fs';
import { posix } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { type EraDecision, type EraSetting, type ProjectPin, resolveEra } from '../era';
import { packageFactsOf } from '../packageFacts';
import { pinInFolder } from '../projectPin';
import type { AnalysisResult, Finding, RuleId, Severity } from '../types';
import { type NodeKind, type WorkspaceHints, hasHints } from './facts';
import { type ChainLink, type ClassInfo, WorkspaceIndex, type WorkspaceIndexOptions, indexPath } from './index';
import { resolveModule } from './pythonModules';
import {
  BANNED_CONSTRUCT_RULES, CANONICAL_HANDLER_RULE, type CheckState, type Readiness, bridgeReadiness, findingsByClass, isDefBHandle, todayReadiness,
} from './readiness';
import { isTestFile } from './roles';

/** Today's item rules whose findings anywhere in a node's package count for it. */
const PACKAGE_RULES: ReadonlySet<string> = new Set([...BANNED_CONSTRUCT_RULES, CANONICAL_HANDLER_RULE]);

export interface NodeContract {
  /** The contract.yaml found for the node (beside its module, else in the folder above), or null. */
  path: string | null;
  state: CheckState;
  detail: string;
}

export interface NodeEntry {
  /** `file#Class`. */
  id: string;
  file: string;
  name: string;
  language: ClassInfo['language'];
  kind: NodeKind | null;
  /** The class statement's place in the file, and its name's (for revealing it). */
  span: { start: number; end: number };
  nameStart: number;
  nameEnd: number;
  line: number;
  /** The node's package folder (a bridge-era `v1_0_0/` folder is part of its package). */
  packageDir: string;
  /** The folder holding the node packages, relative to its workspace root ('' for the root): what the view groups by. */
  group: string;
  era: EraDecision;
  readiness: Readiness;
  /** The node's open findings (its class's, and its module's outside every class). */
  findings: Finding[];
  contract: NodeContract;
  tests: string[];
  chain: ChainLink[];
}

export interface NodesModelOptions extends WorkspaceIndexOptions {
  /** The era setting for a file (`auto` lets the resolver decide). */
  eraSettingFor?: (path: string) => EraSetting;
  /** The rule severities configured for a file (a rule switched off cannot vouch for its pattern). */
  severitiesFor?: (path: string) => Partial<Record<RuleId, Severity>>;
  /** The rules that report today's banned constructs (default: BANNED_CONSTRUCT_RULES, those not switched off). */
  bannedRules?: readonly string[];
  /**
   * How a contract is judged (the contract checks, in the era of its package), when the host has their
   * verdict on this text; undefined while it has not (the host checks it and calls contractChanged).
   */
  contractStatus?: (path: string, text: string) => { state: CheckState; detail: string } | undefined;
}

const VERSION_DIR = /^v\d+(_\d+)*$/;

/** The node's package folder: its module's folder, or the folder above a bridge-era version folder. */
export function packageDirOf(file: string): string {
  const dir = posix.dirname(file);
  return VERSION_DIR.test(posix.basename(dir)) ? posix.dirname(dir) : dir;
}

/** A file's text, or null when there is none (or it cannot be read). */
function readText(path: string): string | null {
  if (!existsSync(path)) return null; // (cheaper than the exception of a read that fails)
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return null;
  }
}

function byGroupAndName(a: NodeEntry, b: NodeEntry): number {
  return a.group < b.group ? -1 : a.group > b.group ? 1 : a.name < b.name ? -1 : a.name > b.name ? 1 : a.file < b.file ? -1 : a.file > b.file ? 1 : 0;
}

export class NodesModel {
  readonly index: WorkspaceIndex;
  private readonly findings = new Map<string, Finding[]>();
  /** The era each file's analysis gave it (the one resolver, with the settings the analysis had). */
  private readonly eras = new Map<string, EraDecision>();
  private cache: { revision: number; nodes: NodeEntry[] } | undefined;
  private revision = 0;
  private readonly roots: string[];
  /** Hints last handed out, by file (only files with any). */
  private readonly handed = new Map<string, string>();
  /** Each file's node entries, kept until something they show changes (a save re-reads one file's). */
  private readonly entries = new Map<string, NodeEntry[]>();
  /** Files whose entries must be made again, and files whose hints must be compared again. */
  private readonly stale = new Set<string>();
  private readonly hintsToCheck = new Set<string>();
  /** Files whose hints changed, found by advance() and not yet handed out by changedHints(). */
  private readonly hintsChanged = new Set<string>();
  /** Files' findings of today's package-wide item rules (banned constructs, the canonical handler). */
  private readonly flagged = new Map<string, Finding[]>();
  /** Files whose entries changed since nodes() last listed them. */
  private readonly listChanged = new Map<string, NodeEntry[] | undefined>();
  /** Package folder → its test files (made again when a test file changes). */
  private tests: Map<string, Set<string>> | undefined;
  /** A file an entry read (a contract, found or not; a bound handler's module) → the node files whose entries read it. */
  private readonly readBy = new Map<string, Set<string>>();
  private readonly reads = new Map<string, Set<string>>();
  /** Folder → the omnibase-core pin that governs it (cleared by projectChanged). */
  private readonly pins = new Map<string, ProjectPin | null>();

  constructor(private readonly options: NodesModelOptions = {}) {
    this.index = new WorkspaceIndex(options);
    this.roots = (options.roots ?? []).map(indexPath);
  }

  /** Bumped on every change the view must show. */
  get version(): number {
    return this.revision;
  }

  /** An analysis of a file: its findings, and its facts for the index (a result without facts keeps the last ones). */
  update(path: string, result: Pick<AnalysisResult, 'findings' | 'facts' | 'era'>): void {
    const p = indexPath(path);
    if (result.facts) this.index.update(p, result.facts);
    this.findings.set(p, result.findings);
    this.flag(p, result.findings);
    if (result.era) this.eras.set(p, result.era);
    else this.eras.delete(p);
    this.changed(p);
  }

  remove(path: string): void {
    const p = indexPath(path);
    this.index.remove(p);
    this.findings.delete(p);
    this.flag(p, []);
    this.eras.delete(p);
    this.changed(p); // (its entries go when the stale files are made again)
  }

  removeFolder(dir: string): void {
    const prefix = `${indexPath(dir).replace(/\/$/, '')}/`;
    for (const p of [...this.findings.keys()]) if (p.startsWith(prefix)) this.findings.delete(p);
    for (const p of this.entries.keys()) if (p.startsWith(prefix)) this.stale.add(p);
    this.index.removeFolder(dir);
    this.tests = undefined;
    this.changed(prefix);
  }

  /** A contract.yaml was created, changed or deleted: the nodes that looked for it show it again. */
  contractChanged(path: string): void {
    for (const file of this.readBy.get(indexPath(path)) ?? []) this.stale.add(file);
    this.revision++;
  }

  /** A project file (pyproject.toml, a lock file) or a setting changed: eras and severities are read again. */
  projectChanged(): void {
    this.pins.clear();
    for (const file of this.entries.keys()) this.stale.add(file);
    this.revision++;
  }

  private changed(path: string): void {
    // (What else the change reaches through the index, the files whose classes derive from this file's,
    // is taken when the nodes or the hints are next asked for: a scan of many files resolves once.)
    this.stale.add(path);
    for (const file of this.readBy.get(path) ?? []) this.stale.add(file);
    if (isTestFile(path, this.rootFor(path) || undefined)) {
      this.tests = undefined;
      for (const file of this.entries.keys()) this.stale.add(file);
    }
    this.revision++;
  }

  /** A file's findings as last analysed. */
  findingsOf(path: string): Finding[] | undefined {
    return this.findings.get(indexPath(path));
  }

  hintsFor(path: string): WorkspaceHints {
    return this.index.hintsFor(path);
  }

  /**
   * The files whose hints changed since the last call (their analyses are out of date): those the index
   * says a change may have reached, whose hints differ from the ones last handed out.
   */
  changedHints(): string[] {
    this.advance(Infinity);
    const out = [...this.hintsChanged];
    this.hintsChanged.clear();
    return out;
  }

  /**
   * Does the work changes left (resolving bases, comparing hints, making node entries) until `budgetMs`
   * is spent; true when none is left. A host spreads the work of a scan over several turns of its event
   * loop this way; nodes() and changedHints() finish whatever is left.
   */
  advance(budgetMs: number): boolean {
    const deadline = performance.now() + budgetMs;
    if (!this.index.resolveSome(deadline)) return false;
    this.takeTouched();
    let done = 0;
    const over = () => (++done & 15) === 0 && performance.now() > deadline;
    for (const file of this.hintsToCheck) {
      if (over()) return false;
      this.hintsToCheck.delete(file);
      const hints = this.index.hintsFor(file);
      const key = hasHints(hints) ? JSON.stringify(hints) : '';
      if ((this.handed.get(file) ?? '') === key) continue;
      if (key) this.handed.set(file, key);
      else this.handed.delete(file);
      if (this.index.has(file)) this.hintsChanged.add(file);
    }
    this.tests ??= this.testImports();
    for (const file of this.stale) {
      if (over()) return false;
      this.stale.delete(file);
      this.makeEntries(file);
    }
    return true;
  }

  private makeEntries(file: string): void {
    const infos = this.index.has(file) ? this.index.classesIn(file).filter((c) => c.role === 'node') : [];
    const reads = new Set<string>();
    const before = this.entries.get(file);
    const facts = this.index.factsOf(file);
    const ofClass = findingsByClass(this.findings.get(file) ?? [], facts?.classes ?? []);
    // The era is the file's (its imports, the project's pin), the same for all its nodes.
    const era = facts && infos.length > 0
      ? this.eras.get(file) ?? resolveEra({ setting: this.options.eraSettingFor?.(file) ?? 'auto', language: facts.language, imports: facts.imports, pin: this.pinOf(posix.dirname(file)) })
      : undefined;
    if (era) this.entries.set(file, infos.map((n) => this.entry(n, ofClass(n.facts), era, this.tests!, reads)));
    else if (!this.entries.delete(file)) return;
    if (!this.listChanged.has(file)) this.listChanged.set(file, before);
    for (const read of this.reads.get(file) ?? []) this.readBy.get(read)?.delete(file);
    this.reads.set(file, reads);
    for (const read of reads) {
      let set = this.readBy.get(read);
      if (!set) this.readBy.set(read, (set = new Set()));
      set.add(file);
    }
  }

  private rootFor(path: string): string {
    let best = '';
    for (const r of this.roots) if (path.startsWith(`${r.replace(/\/$/, '')}/`) && r.length > best.length) best = r.replace(/\/$/, '');
    return best;
  }

  /** Every production node, sorted by group then name. */
  nodes(): NodeEntry[] {
    if (this.cache?.revision === this.revision && this.listChanged.size === 0) return this.cache.nodes;
    this.advance(Infinity);
    const nodes = (this.cache && this.patched(this.cache.nodes)) ?? [...this.entries.values()].flat().sort(byGroupAndName);
    this.listChanged.clear();
    this.cache = { revision: this.revision, nodes };
    return nodes;
  }

  /**
   * The last list with the changed files' entries replaced in place, when they are the same nodes as
   * before (a save changes a node's findings, not its name): no sort of the whole list after a save.
   */
  private patched(list: NodeEntry[]): NodeEntry[] | null {
    if (this.listChanged.size > 8) return null;
    const out = list.slice();
    for (const [file, before] of this.listChanged) {
      const after = this.entries.get(file);
      if (!before || !after || before.length !== after.length || before.some((b, i) => b.id !== after[i].id || b.group !== after[i].group)) return null;
      for (let i = 0; i < before.length; i++) {
        const at = out.indexOf(before[i]);
        if (at < 0) return null;
        out[at] = after[i];
      }
    }
    return out;
  }

  /** The findings of today's package-wide item rules (banned constructs, canonical handler) in the package's files. */
  private packageFindings(packageDir: string): Finding[] {
    const out: Finding[] = [];
    for (const [path, found] of this.flagged) if (path.startsWith(`${packageDir}/`)) out.push(...found);
    return out;
  }

  /** Keeps a file's findings of the package-wide rules; when they change, its package's nodes are made again. */
  private flag(path: string, findings: readonly Finding[]): void {
    const found = findings.filter((f) => PACKAGE_RULES.has(f.ruleId));
    const key = (list: readonly Finding[]) => list.map((f) => `${f.ruleId}\u0000${f.severity}\u0000${f.message}`).join('\u0001');
    const changed = key(found) !== key(this.flagged.get(path) ?? []);
    // The file's own findings are kept (the node of that file takes them with its own, the same objects).
    if (found.length > 0) this.flagged.set(path, found);
    else this.flagged.delete(path);
    // What the checklist reads of them (readiness.ts: the rule, its severity, its message) unchanged, as when
    // a line above moved them: the package's nodes stay as they are.
    if (!changed) return;
    for (const file of this.entries.keys()) if (path.startsWith(`${packageDirOf(file)}/`)) this.stale.add(file);
  }

  /** `reads`: the files the entry reads besides the node's own (so that their change makes it again). */
  private entry(info: ClassInfo, findings: Finding[], era: EraDecision, tests: Map<string, Set<string>>, reads: Set<string>): NodeEntry {
    const file = info.ref.file;
    const packageDir = packageDirOf(file);
    const root = this.rootFor(file);
    const parent = posix.dirname(packageDir);
    const group = root && parent.startsWith(root) ? parent.slice(root.length + 1) : parent;
    const contract = this.contractOf(file, packageDir, reads);
    const nodeTests = [...(tests.get(packageDir) ?? [])].sort();
    const severities = this.options.severitiesFor?.(file) ?? {};
    const readiness = era.era === 'bridge'
      ? bridgeReadiness(findings, severities)
      : todayReadiness([...new Set([...findings, ...this.packageFindings(packageDir)])], {
        declarative: info.facts.declarative,
        contract: { state: contract.state, detail: contract.detail },
        handler: this.handlerOf(contract.path, packageDir, reads),
        tests: nodeTests,
        bannedRules: this.options.bannedRules ?? BANNED_CONSTRUCT_RULES.filter((id) => severities[id as RuleId] !== 'off'),
      });
    return {
      id: `${file}#${info.ref.name}`, file, name: info.ref.name, language: info.language, kind: info.kind,
      span: { start: info.facts.start, end: info.facts.end }, nameStart: info.facts.nameStart, nameEnd: info.facts.nameEnd, line: info.facts.line,
      packageDir, group, era, readiness, findings, contract, tests: nodeTests, chain: info.chain,
    };
  }

  /** The files a change reached through the index: their entries and hints are looked at again. */
  private takeTouched(): void {
    for (const file of this.index.takeTouched()) {
      this.stale.add(file);
      this.hintsToCheck.add(file);
    }
  }

  /** findProjectPin, each folder looked at once: the nodes of a workspace share their folders' parents. */
  private pinOf(dir: string): ProjectPin | null {
    const known = this.pins.get(dir);
    if (known !== undefined) return known;
    const parent = posix.dirname(dir);
    const pin = pinInFolder(dir) ?? (parent === dir ? null : this.pinOf(parent));
    this.pins.set(dir, pin);
    return pin;
  }

  /** The node's contract.yaml: beside its module, else in its package folder (discovery's order, current-era.md §1). */
  private contractOf(file: string, packageDir: string, reads: Set<string>): NodeContract {
    for (const dir of [...new Set([posix.dirname(file), packageDir])]) {
      const path = posix.join(dir, 'contract.yaml');
      reads.add(path);
      const text = readText(path);
      if (text === null) continue;
      let parsed: unknown;
      try {
        parsed = parseYaml(text);
      } catch (error) {
        return { path, state: 'fail', detail: `does not parse: ${(error as Error).message.split('\n')[0]}` };
      }
      if (!parsed || typeof parsed !== 'object') return { path, state: 'fail', detail: 'is not a mapping' };
      const judged = this.options.contractStatus?.(path, text);
      return judged ? { path, ...judged } : { path, state: 'unknown', detail: 'parses; not checked yet' };
    }
    return { path: null, state: 'fail', detail: 'no contract.yaml beside the node' };
  }

  /** Today's bound def-B handler: the handler the contract's handler_routing names, found in the workspace. */
  private handlerOf(contractPath: string | null, packageDir: string, reads: Set<string>): { state: CheckState; detail: string } {
    if (!contractPath) return { state: 'fail', detail: 'no contract binds a handler' };
    // The handlers the contract binds, as the rules read them (packageFacts.ts: handler_routing, handler, default_handler).
    const facts = packageFactsOf(readText(contractPath) ?? '', contractPath);
    if (!facts) return { state: 'fail', detail: 'the contract does not parse or has no node_type' };
    if (facts.handlers.length === 0) return { state: 'fail', detail: 'the contract binds no handler (handler_routing)' };
    const lookup = { hasFile: (p: string) => this.index.has(p), hasDir: (d: string) => this.index.paths().some((p) => p.startsWith(`${d}/`)) };
    for (const h of facts.handlers) {
      // By its module when the contract names one, else a class of that name in the node's package.
      const module = h.module ? resolveModule(lookup, contractPath, h.module, 0) : null;
      const file = module?.kind === 'file' ? module.path : h.module ? undefined
        : this.index.paths().find((p) => p.startsWith(`${packageDir}/`) && this.index.describe(p, h.name));
      if (file) reads.add(file);
      const cls = file ? this.index.describe(file, h.name) : undefined;
      if (!cls) return { state: 'fail', detail: `${h.name}${h.module ? ` (${h.module})` : ''} is not in the workspace` };
      if (!isDefBHandle(cls.facts.handle)) return { state: 'fail', detail: `${h.name} has no def-B handle(self, request: Model…)` };
    }
    return { state: 'pass', detail: facts.handlers.map((h) => h.name).join(', ') };
  }

  /**
   * Package folder → the test files that exercise it: test files inside it, and test files whose
   * imports resolve to a module inside it (Python: absolute imports; TypeScript: relative ones).
   */
  private testImports(): Map<string, Set<string>> {
    const byModuleDir = new Map<string, Set<string>>();
    const add = (dir: string, test: string) => {
      let set = byModuleDir.get(dir);
      if (!set) byModuleDir.set(dir, (set = new Set()));
      set.add(test);
    };
    const paths = this.index.paths();
    const dirs = new Set(paths.flatMap((p) => {
      const out: string[] = [];
      for (let d = posix.dirname(p); d !== posix.dirname(d); d = posix.dirname(d)) out.push(d);
      return out;
    }));
    const lookup = { hasFile: (p: string) => this.index.has(p), hasDir: (d: string) => dirs.has(d) };
    for (const test of paths) {
      if (!isTestFile(test, this.rootFor(test) || undefined)) continue;
      // Every folder up from the test: a test inside a package tests it.
      for (let d = posix.dirname(test); d !== posix.dirname(d); d = posix.dirname(d)) add(d, test);
      const facts = this.index.factsOf(test);
      for (const signal of facts?.imports ?? []) {
        let target: string | null = null;
        if (facts?.language === 'python') {
          const module = resolveModule(lookup, test, signal.module, 0);
          target = module?.kind === 'file' ? module.path : module?.dir ?? null;
        } else if (signal.module.startsWith('.')) {
          target = posix.join(posix.dirname(test), signal.module);
        }
        for (let d = target && (this.index.has(target) ? posix.dirname(target) : target); d && d !== posix.dirname(d); d = posix.dirname(d)) add(d, test);
      }
    }
    return byModuleDir;
  }
}
