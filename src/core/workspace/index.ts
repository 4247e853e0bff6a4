// The workspace index: every module-level class of the workspace's Python and TypeScript files and what
// it derives from, resolved across files, kept up to date one file at a time. It answers: is this class
// a node class, of which kind, through which chain of bases; which classes derive from it (then it is a
// base, not a production node); which nodes the workspace has; and, for the per-file analysis, which
// names stand for node bases defined elsewhere (hintsFor).
//
// Files come in as facts (./facts.ts), read from the syntax trees the analysis builds anyway. A file's
// bases are resolved lazily, on the first question after a change. Each resolution records every file
// and folder it looked at (also those it did not find), so a change re-resolves only the classes whose
// answer it can change: a saved file re-reads that file only, and a base file deleted while the index
// runs turns its derived classes' bases back into plain names. TypeScript bases imported from another
// module are resolved by the ts-morph project (src/core/typescript/project.ts), asynchronously: until its
// answer comes (settle), such a base counts by its name.
import type { BaseFacts, ClassFacts, ModuleFacts, NodeKind, PythonBinding, PythonModuleFacts, TypeScriptClassFacts, WorkspaceHints } from './facts';
import { type ModuleLookup, type PythonModule, resolveModule, submodule } from './pythonModules';
import { FRAMEWORK_NODE_BASES, NODE_NAME_PATTERN, isTestDoubleName, isTestFile, kindOfName } from './roles';
import { posix } from 'node:path';

export interface ClassRef {
  file: string;
  name: string;
}

/** What a base resolves to: a class of the workspace, or a name from outside it (the framework, a package). */
export type BaseTarget = { kind: 'class'; file: string; name: string } | { kind: 'external'; name: string };

/** One step of a chain of bases: a workspace class (with its file) or the outside name the chain ends on. */
export interface ChainLink {
  name: string;
  file?: string;
}

export type ClassRole = 'node' | 'base' | 'test-double' | 'class';

export interface ClassInfo {
  ref: ClassRef;
  facts: ClassFacts;
  language: ModuleFacts['language'];
  isNode: boolean;
  kind: NodeKind | null;
  /** How it is a node: through a chain of bases, or (having some base) by its `Node…Effect` name only. */
  via: 'bases' | 'name' | null;
  /** From the class itself to the node base the chain ends on; just the class when not a node through its bases. */
  chain: ChainLink[];
  /** What each base (facts.bases) resolves to. */
  bases: BaseTarget[];
  /** The workspace classes that name it as a base. */
  derivedBy: ClassRef[];
  testDouble: boolean;
  /**
   * `node`: a production node; `base`: a node class another class derives from (test doubles aside);
   * `test-double`: in a test file or named like one; `class`: not a node class.
   */
  role: ClassRole;
}

/** A TypeScript question for the project: the bases of one class that come from another module. */
export interface TypeScriptBaseRequest {
  file: string;
  className: string;
  /** Indexes into the class's facts.bases. */
  bases: number[];
}

/** The project's answer: the target of each base asked about, and every file the answer read. */
export interface TypeScriptBaseAnswer {
  file: string;
  className: string;
  targets: { base: number; target: BaseTarget }[];
  /** Files whose change can change the answer (the class's file, re-exporting modules, the declaration's file). */
  dependsOn: string[];
}

export type TypeScriptBaseResolver = (requests: TypeScriptBaseRequest[]) => Promise<TypeScriptBaseAnswer[]>;

export interface WorkspaceIndexOptions {
  /** Names outside the workspace that make a class a node (the `node-base-classes` setting). */
  nodeBaseClasses?: readonly string[];
  /** Workspace (or project) folders: a test folder is one inside them. */
  roots?: readonly string[];
  /** Called for each class whose bases are resolved (again): a change should re-resolve only what it can affect. */
  onResolve?: (file: string, className: string) => void;
}

interface Edge {
  /** Per base of the class (facts.bases order). */
  targets: BaseTarget[];
  /** Bases still waiting for the TypeScript project (their targets count by name meanwhile). */
  waiting: number[];
  /** Keys this resolution depends on. */
  deps: string[];
}

interface FileEntry {
  facts: ModuleFacts;
  /** The class each name stands for at the end of the module (the last definition wins). */
  classes: Map<string, ClassFacts>;
}

const fileKey = (path: string) => `f:${path}`;
const dirKey = (dir: string) => `d:${dir}`;
const classKey = (file: string, name: string) => `${file}#${name}`;
const lastOf = (parts: readonly string[]) => parts[parts.length - 1];

/** Paths as the index keys them: forward slashes, a drive letter lower-cased (`c:/ws/a.py`: still a path the file system takes). */
export function indexPath(path: string): string {
  const p = path.replace(/\\/g, '/');
  return /^[A-Z]:\//.test(p) ? `${p[0].toLowerCase()}${p.slice(1)}` : p;
}

export class WorkspaceIndex {
  private readonly files = new Map<string, FileEntry>();
  /** Folder → how many indexed files lie below it. */
  private readonly dirs = new Map<string, number>();
  private readonly edges = new Map<string, Edge>();
  /** Classes whose bases must be resolved (again) before the next answer. */
  private readonly dirty = new Set<string>();
  /** Key → the resolutions (edges, memoised module lookups) that asked about it. */
  private readonly dependents = new Map<string, Set<string>>();
  /** Memoised module lookups ('m:' keys) with their own dependencies. */
  private readonly modules = new Map<string, { found: PythonModule | null; deps: string[] }>();
  /** Class key → the classes whose bases include it. */
  private readonly derived = new Map<string, Set<string>>();
  private nodeBaseNames: Set<string>;
  private readonly roots: string[];
  /** Bumped on every change: the memo of node answers is only valid within one generation. */
  private generation = 0;
  private memo: { generation: number; nodes: Map<string, { chain: ChainLink[] } | null> } = { generation: -1, nodes: new Map() };
  /** Files whose classes' bases, or the classes deriving from them, changed since takeTouched(). */
  private touched = new Set<string>();
  /** TypeScript classes whose edges hold the project's answers. */
  private readonly answered = new Set<string>();
  /** Edge versions, so that a TypeScript answer for a class that changed meanwhile is dropped. */
  private readonly versions = new Map<string, number>();
  private readonly onResolve: ((file: string, className: string) => void) | undefined;

  constructor(options: WorkspaceIndexOptions = {}) {
    this.nodeBaseNames = new Set([...FRAMEWORK_NODE_BASES, ...(options.nodeBaseClasses ?? [])]);
    this.roots = (options.roots ?? []).map(indexPath);
    this.onResolve = options.onResolve;
  }

  /** The `node-base-classes` setting changed: node answers change, resolutions do not. */
  setNodeBaseClasses(names: readonly string[]): void {
    this.nodeBaseNames = new Set([...FRAMEWORK_NODE_BASES, ...names]);
    // TypeScript bases skip the project when their name is a node base: ask again under the new names.
    for (const [path, entry] of this.files) if (entry.facts.language === 'typescript') for (const c of entry.classes.values()) this.markDirty(classKey(path, c.name));
    this.generation++;
  }

  get size(): number {
    return this.files.size;
  }

  paths(): string[] {
    return [...this.files.keys()];
  }

  has(path: string): boolean {
    return this.files.has(indexPath(path));
  }

  factsOf(path: string): ModuleFacts | undefined {
    return this.files.get(indexPath(path))?.facts;
  }

  // ---- updates ---------------------------------------------------------------------------------

  /** A file was read (added or changed): its facts replace what the index knew of it. */
  update(path: string, facts: ModuleFacts): void {
    const p = indexPath(path);
    const old = this.files.get(p);
    if (old) this.dropClasses(p, old);
    else {
      this.countDirs(p, +1);
      if (facts.language === 'typescript') this.typescriptModulesChanged();
    }
    const classes = new Map<string, ClassFacts>();
    for (const c of facts.classes) classes.set(c.name, c);
    this.files.set(p, { facts, classes });
    this.touched.add(p);
    this.invalidate(fileKey(p));
    for (const c of classes.values()) this.markDirty(classKey(p, c.name));
    this.generation++;
  }

  /** A file was deleted (or left the workspace). */
  remove(path: string): void {
    const p = indexPath(path);
    const old = this.files.get(p);
    if (!old) return;
    this.dropClasses(p, old);
    this.files.delete(p);
    this.touched.add(p);
    this.countDirs(p, -1);
    if (old.facts.language === 'typescript') this.typescriptModulesChanged();
    this.invalidate(fileKey(p));
    this.generation++;
  }

  /** Every file below a folder was deleted. */
  removeFolder(dir: string): void {
    const prefix = `${indexPath(dir).replace(/\/$/, '')}/`;
    for (const p of [...this.files.keys()]) if (p.startsWith(prefix)) this.remove(p);
  }

  /**
   * A TypeScript module appeared or went: an import the project could not resolve may resolve now (or
   * resolve elsewhere), so the project's answers are asked for again. (Python lookups record what they
   * did not find instead: the TypeScript module resolution is the checker's.)
   */
  private typescriptModulesChanged(): void {
    for (const key of [...this.answered]) {
      this.forgetEdge(key);
      this.markDirty(key);
    }
    this.answered.clear();
  }

  private countDirs(path: string, delta: 1 | -1): void {
    for (let d = posix.dirname(path); ; d = posix.dirname(d)) {
      const before = this.dirs.get(d) ?? 0;
      const after = before + delta;
      if (after <= 0) this.dirs.delete(d);
      else this.dirs.set(d, after);
      // A folder that starts or stops holding files changes namespace-package and top-package lookups.
      if ((before === 0) !== (after <= 0)) this.invalidate(dirKey(d));
      if (posix.dirname(d) === d) break;
    }
  }

  private dropClasses(path: string, entry: FileEntry): void {
    for (const c of entry.classes.values()) {
      const key = classKey(path, c.name);
      this.forgetEdge(key);
      this.dirty.delete(key);
      this.versions.delete(key);
    }
  }

  private markDirty(key: string): void {
    this.dirty.add(key);
    this.versions.set(key, (this.versions.get(key) ?? 0) + 1);
  }

  private forgetEdge(key: string): void {
    const edge = this.edges.get(key);
    if (!edge) return;
    this.edges.delete(key);
    this.answered.delete(key);
    for (const dep of edge.deps) this.dependents.get(dep)?.delete(key);
    for (const t of edge.targets) {
      if (t.kind !== 'class') continue;
      this.derived.get(classKey(t.file, t.name))?.delete(key);
      this.touched.add(t.file);
    }
  }

  /** Everything that asked about `key` must ask again. */
  private invalidate(key: string): void {
    const waiting = this.dependents.get(key);
    if (!waiting) return;
    this.dependents.delete(key);
    for (const dependent of waiting) {
      if (dependent.startsWith('m:')) {
        const memo = this.modules.get(dependent);
        this.modules.delete(dependent);
        if (memo) for (const dep of memo.deps) if (dep !== key) this.dependents.get(dep)?.delete(dependent);
        this.invalidate(dependent);
      } else if (this.edges.has(dependent)) {
        this.forgetEdge(dependent);
        this.markDirty(dependent);
      }
    }
  }

  private depend(dependent: string, deps: Iterable<string>): string[] {
    const list = [...new Set(deps)];
    for (const dep of list) {
      let set = this.dependents.get(dep);
      if (!set) this.dependents.set(dep, (set = new Set()));
      set.add(dependent);
    }
    return list;
  }

  // ---- resolution ------------------------------------------------------------------------------

  /** Resolves every class whose bases changed since the last question. */
  private resolveDirty(): void {
    this.resolveSome(Infinity);
  }

  /**
   * Resolves classes whose bases changed until `deadline` (performance.now()); true when none is left. A
   * host spreads a scan's resolution over several turns of its event loop this way.
   */
  resolveSome(deadline: number): boolean {
    let resolved = 0;
    for (const key of this.dirty) {
      if ((++resolved & 31) === 0 && performance.now() > deadline) break;
      this.dirty.delete(key);
      const at = key.lastIndexOf('#');
      const file = key.slice(0, at);
      const entry = this.files.get(file);
      const cls = entry?.classes.get(key.slice(at + 1));
      if (!entry || !cls) continue;
      this.onResolve?.(file, cls.name);
      this.setEdge(key, entry.facts.language === 'python'
        ? this.resolvePythonClass(file, entry.facts, cls)
        : this.resolveTypeScriptClass(file, cls as TypeScriptClassFacts));
    }
    if (resolved > 0) this.generation++;
    return this.dirty.size === 0;
  }

  /** Records a class's resolved bases: what it depends on, and which classes it derives from. */
  private setEdge(key: string, edge: Edge): void {
    edge.deps = this.depend(key, edge.deps);
    this.edges.set(key, edge);
    this.touched.add(key.slice(0, key.lastIndexOf('#')));
    for (const t of edge.targets) {
      if (t.kind !== 'class') continue;
      this.touched.add(t.file);
      const target = classKey(t.file, t.name);
      let set = this.derived.get(target);
      if (!set) this.derived.set(target, (set = new Set()));
      set.add(key);
    }
  }

  private resolvePythonClass(file: string, facts: PythonModuleFacts, cls: ClassFacts): Edge {
    const deps: string[] = [fileKey(file)];
    const resolver = new PythonResolver(this, deps);
    // A base is evaluated before its class is bound: `class Foo(Foo)` derives from the Foo bound before it.
    const ordinal = facts.classes.indexOf(cls);
    const position = nthClassBinding(facts.bindings, ordinal);
    const targets = cls.bases.map((b) => resolver.name(file, b.path, position) ?? { kind: 'external' as const, name: lastOf(b.path) });
    return { targets, waiting: [], deps };
  }

  private resolveTypeScriptClass(file: string, cls: TypeScriptClassFacts): Edge {
    const targets: BaseTarget[] = [];
    const waiting: number[] = [];
    cls.bases.forEach((b, i) => {
      const origin = cls.origins[i];
      if (origin?.kind === 'local' && this.files.get(file)?.classes.has(origin.name)) {
        targets.push({ kind: 'class', file, name: origin.name });
      } else {
        targets.push({ kind: 'external', name: b.localName });
        // An imported base that is not a node base by name may be a workspace class: the project knows.
        if (origin?.kind === 'import' && !this.nodeBaseNames.has(b.localName)) waiting.push(i);
      }
    });
    return { targets, waiting, deps: [fileKey(file)] };
  }

  /** Module lookups for the Python resolver, memoised with their dependencies. */
  lookupModule(importer: string, module: string, level: number, deps: string[]): PythonModule | null {
    const key = `m:${posix.dirname(importer)}|${level}|${module}`;
    let memo = this.modules.get(key);
    if (!memo) {
      const own: string[] = [];
      const found = resolveModule(this.recordingLookup(own), importer, module, level);
      memo = { found, deps: this.depend(key, own) };
      this.modules.set(key, memo);
    }
    deps.push(key);
    return memo.found;
  }

  lookupSubmodule(parent: PythonModule, name: string, deps: string[]): PythonModule | null {
    return submodule(this.recordingLookup(deps), parent, name);
  }

  /** The index's files and folders, each question recorded in `deps`. */
  private recordingLookup(deps: string[]): ModuleLookup {
    return {
      hasFile: (path) => {
        deps.push(fileKey(path));
        return this.files.has(path);
      },
      hasDir: (dir) => {
        deps.push(dirKey(dir));
        return this.dirs.has(dir);
      },
    };
  }

  pythonFacts(path: string): PythonModuleFacts | undefined {
    const facts = this.files.get(path)?.facts;
    return facts?.language === 'python' ? facts : undefined;
  }

  // ---- TypeScript answers ------------------------------------------------------------------------

  /** The TypeScript bases waiting for the project. */
  pendingTypeScript(): TypeScriptBaseRequest[] {
    this.resolveDirty();
    const out: TypeScriptBaseRequest[] = [];
    for (const [key, edge] of this.edges) {
      if (edge.waiting.length === 0) continue;
      const at = key.lastIndexOf('#');
      out.push({ file: key.slice(0, at), className: key.slice(at + 1), bases: edge.waiting.slice() });
    }
    return out;
  }

  /** Takes the project's answers; an answer for a class that changed since it was asked is dropped. */
  applyTypeScript(answers: readonly TypeScriptBaseAnswer[], askedAt?: ReadonlyMap<string, number>): void {
    this.resolveDirty();
    for (const a of answers) {
      const file = indexPath(a.file);
      const key = classKey(file, a.className);
      const edge = this.edges.get(key);
      if (!edge || (askedAt && askedAt.get(key) !== this.versions.get(key))) continue;
      this.forgetEdge(key);
      const targets = edge.targets.slice();
      for (const { base, target } of a.targets) {
        if (!edge.waiting.includes(base)) continue;
        targets[base] = target.kind === 'class' ? { kind: 'class', file: indexPath(target.file), name: target.name } : target;
      }
      this.setEdge(key, { targets, waiting: [], deps: [...edge.deps, ...a.dependsOn.map((d) => fileKey(indexPath(d)))] });
      this.answered.add(key);
    }
    this.generation++;
  }

  /** Asks the project about every waiting TypeScript base, until none waits (or `rounds` are done). */
  async settle(resolver: TypeScriptBaseResolver | undefined, rounds = 3): Promise<void> {
    if (!resolver) return;
    for (let i = 0; i < rounds; i++) {
      const requests = this.pendingTypeScript();
      if (requests.length === 0) return;
      const askedAt = new Map(requests.map((r) => [classKey(r.file, r.className), this.versions.get(classKey(r.file, r.className)) ?? 0]));
      let answers: TypeScriptBaseAnswer[];
      try {
        answers = await resolver(requests);
      } catch {
        answers = [];
      }
      // A request the project could not answer counts by name from now on (no endless asking).
      const answered = new Set(answers.map((a) => classKey(indexPath(a.file), a.className)));
      const unanswered = requests.filter((r) => !answered.has(classKey(r.file, r.className)))
        .map((r) => ({ file: r.file, className: r.className, targets: [], dependsOn: [] }));
      this.applyTypeScript([...answers, ...unanswered], askedAt);
    }
  }

  // ---- questions -------------------------------------------------------------------------------

  private nodeChain(key: string, visiting = new Set<string>()): { chain: ChainLink[] } | null {
    if (this.memo.generation !== this.generation) this.memo = { generation: this.generation, nodes: new Map() };
    const known = this.memo.nodes.get(key);
    if (known !== undefined) return known;
    if (visiting.has(key)) return null; // a cycle of bases: no node base on it
    visiting.add(key);
    const at = key.lastIndexOf('#');
    const file = key.slice(0, at);
    const name = key.slice(at + 1);
    const edge = this.edges.get(key);
    let found: { chain: ChainLink[] } | null = null;
    for (const t of edge?.targets ?? []) {
      if (t.kind === 'external') {
        if (this.nodeBaseNames.has(t.name)) found = { chain: [{ name, file }, { name: t.name }] };
      } else {
        const further = this.nodeChain(classKey(t.file, t.name), visiting);
        if (further) found = { chain: [{ name, file }, ...further.chain] };
      }
      if (found) break;
    }
    visiting.delete(key);
    // Answers found while a cycle was open are not memoised as negative: another entry point may find more.
    if (found || visiting.size === 0) this.memo.nodes.set(key, found);
    return found;
  }

  private rootFor(path: string): string | undefined {
    let best: string | undefined;
    for (const r of this.roots) if (path.startsWith(`${r.replace(/\/$/, '')}/`) && (!best || r.length > best.length)) best = r;
    return best;
  }

  private info(file: string, entry: FileEntry, cls: ClassFacts): ClassInfo {
    const key = classKey(file, cls.name);
    const found = this.nodeChain(key);
    const byName = !found && cls.bases.length > 0 && NODE_NAME_PATTERN.test(cls.name);
    const isNode = !!found || byName;
    // The kind of the node base the chain ends on (NodeEffect), else the first name along it that says one.
    const names = found ? [found.chain[found.chain.length - 1].name, ...found.chain.map((l) => l.name)] : [cls.name];
    const kind = isNode ? names.map(kindOfName).find((k) => k !== null) ?? null : null;
    const derivedBy = [...(this.derived.get(key) ?? [])].map((k) => {
      const at = k.lastIndexOf('#');
      return { file: k.slice(0, at), name: k.slice(at + 1) };
    });
    const testDouble = isTestDoubleName(cls.name) || isTestFile(file, this.rootFor(file));
    const role: ClassRole = !isNode ? 'class' : testDouble ? 'test-double' : this.derivedByProduction(key) ? 'base' : 'node';
    return {
      ref: { file, name: cls.name }, facts: cls, language: entry.facts.language,
      isNode, kind, via: found ? 'bases' : byName ? 'name' : null,
      chain: found ? found.chain : [{ name: cls.name, file }],
      bases: this.edges.get(key)?.targets.slice() ?? [], derivedBy, testDouble, role,
    };
  }

  /** Whether a class that is not a test double derives from this one (then it is a base, not a production node). */
  private derivedByProduction(key: string): boolean {
    for (const d of this.derived.get(key) ?? []) {
      const at = d.lastIndexOf('#');
      const file = d.slice(0, at);
      if (!isTestDoubleName(d.slice(at + 1)) && !isTestFile(file, this.rootFor(file))) return true;
    }
    return false;
  }

  /** What the index knows of one class (the last class of that name in the file). */
  describe(path: string, name: string): ClassInfo | undefined {
    this.resolveDirty();
    const file = indexPath(path);
    const entry = this.files.get(file);
    const cls = entry?.classes.get(name);
    return entry && cls ? this.info(file, entry, cls) : undefined;
  }

  /** The classes of one file. */
  classesIn(path: string): ClassInfo[] {
    this.resolveDirty();
    const file = indexPath(path);
    const entry = this.files.get(file);
    return entry ? [...entry.classes.values()].map((c) => this.info(file, entry, c)) : [];
  }

  /**
   * The files whose answers (node or not, kind, base or not, hints) may have changed since the last call:
   * those whose classes' bases changed, the files those bases are in, and every file with a class that
   * derives, through any chain, from a class of theirs.
   */
  takeTouched(): Set<string> {
    this.resolveDirty();
    const out = new Set<string>();
    const queue = [...this.touched];
    this.touched = new Set();
    while (queue.length > 0) {
      const file = queue.pop()!;
      if (out.has(file)) continue;
      out.add(file);
      for (const c of this.files.get(file)?.classes.values() ?? []) {
        for (const d of this.derived.get(classKey(file, c.name)) ?? []) queue.push(d.slice(0, d.lastIndexOf('#')));
      }
    }
    return out;
  }

  /** The workspace classes that name this class as a base. */
  derivedFrom(path: string, name: string): ClassRef[] {
    return this.describe(path, name)?.derivedBy ?? [];
  }

  /** Every node class of the workspace (production nodes, bases and test doubles: see `role`). */
  nodes(): ClassInfo[] {
    this.resolveDirty();
    const out: ClassInfo[] = [];
    for (const [file, entry] of this.files) {
      for (const c of entry.classes.values()) {
        const info = this.info(file, entry, c);
        if (info.isNode) out.push(info);
      }
    }
    return out;
  }

  /** What the per-file analysis of `path` needs from the workspace (EngineConfig.workspace). */
  hintsFor(path: string): WorkspaceHints {
    this.resolveDirty();
    const file = indexPath(path);
    const entry = this.files.get(file);
    const hints: WorkspaceHints = { nodeBases: {}, derivedClasses: [] };
    if (!entry) return hints;
    for (const c of entry.classes.values()) {
      const key = classKey(file, c.name);
      const edge = this.edges.get(key);
      c.bases.forEach((b: BaseFacts, i) => {
        const t = edge?.targets[i];
        if (t?.kind !== 'class' || t.file === file) return; // bases of the same file: the per-file model sees them
        const found = this.nodeChain(classKey(t.file, t.name));
        if (!found) return;
        const end = found.chain[found.chain.length - 1].name;
        hints.nodeBases[b.localName] = kindOfName(end) ?? kindOfName(t.name);
      });
      if (this.derivedByProduction(key)) hints.derivedClasses.push(c.name);
    }
    return hints;
  }
}

/** The position in `bindings` of the `ordinal`-th class binding (the class statement's own place). */
function nthClassBinding(bindings: readonly [string, PythonBinding][], ordinal: number): number {
  let seen = -1;
  for (let i = 0; i < bindings.length; i++) {
    if (bindings[i][1].kind === 'class' && ++seen === ordinal) return i;
  }
  return bindings.length;
}

/**
 * Follows a dotted name through Python modules: bindings (last one before `position` in the first module,
 * the module's final ones elsewhere), aliases, `from … import`, packages' submodules and star imports.
 * Every file and folder it looks at goes into `deps`.
 */
class PythonResolver {
  private readonly seen = new Set<string>();

  constructor(private readonly index: WorkspaceIndex, private readonly deps: string[]) {}

  /** The target `parts` names in `file` (null when it is nothing the resolver can name). */
  name(file: string, parts: readonly string[], position = Infinity): BaseTarget | null {
    const visit = `${file}|${parts.join('.')}|${position}`;
    if (this.seen.has(visit) || this.seen.size > 200) return { kind: 'external', name: lastOf(parts) };
    this.seen.add(visit);
    this.deps.push(fileKey(file));
    const facts = this.index.pythonFacts(file);
    if (!facts) return null;
    const binding = lastBinding(facts.bindings, parts[0], position);
    if (!binding) {
      for (const star of facts.starImports) {
        const module = this.index.lookupModule(file, star.module, star.level, this.deps);
        const found = module && this.inModule(module, parts);
        if (found) return found;
      }
      return null;
    }
    switch (binding.kind) {
      case 'class':
        return parts.length === 1 ? { kind: 'class', file, name: binding.name } : null;
      case 'alias':
        return this.name(file, [...binding.path, ...parts.slice(1)], position) ?? { kind: 'external', name: lastOf(parts.length > 1 ? parts : binding.path) };
      case 'module': {
        const module = this.index.lookupModule(file, binding.module, binding.level, this.deps);
        return (module && this.inModule(module, parts.slice(1))) ?? { kind: 'external', name: lastOf(parts) };
      }
      case 'from': {
        const module = this.index.lookupModule(file, binding.module, binding.level, this.deps);
        const rest = [binding.name, ...parts.slice(1)];
        return (module && this.inModule(module, rest)) ?? { kind: 'external', name: lastOf(rest) };
      }
    }
  }

  /** The target `parts` names inside a module (its bindings, then its submodules). */
  private inModule(module: PythonModule, parts: readonly string[]): BaseTarget | null {
    if (parts.length === 0) return null; // a module, not a class
    if (module.kind === 'file') {
      const found = this.name(module.path, parts);
      if (found) return found;
    }
    const sub = this.index.lookupSubmodule(module, parts[0], this.deps);
    return sub ? this.inModule(sub, parts.slice(1)) : null;
  }
}

function lastBinding(bindings: readonly [string, PythonBinding][], name: string, before: number): PythonBinding | null {
  let found: PythonBinding | null = null;
  let fallback: PythonBinding | null = null;
  for (let i = 0; i < bindings.length; i++) {
    if (bindings[i][0] !== name) continue;
    if (i < before) found = bindings[i][1];
    else fallback ??= bindings[i][1];
  }
  // Nothing bound before the class (a name bound only later, as under `if TYPE_CHECKING` reordering): the later one.
  return found ?? fallback;
}
