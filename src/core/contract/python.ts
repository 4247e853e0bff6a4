// What the contract checks need from the package's Python files, read statically with the
// project's tree-sitter parser (workspace code is never executed): the names a module binds, its
// imports, its classes with their bases and members, and what a handler's `handle` returns.
import type { Parser } from 'web-tree-sitter';
import { getPythonParser } from '../python/parser';
import type { CommentInfo } from '../suppression';
import { DEFAULT_CONFIG, type Span } from '../types';
import { LineIndex } from '../text';
import { buildPyFile, moduleLevelStatements, type PyClass } from '../python/model';
import { children, dottedName, field, keywordArgument, statements, unwrapDecorated, walk, type Node } from '../python/syntax';
import { SyntaxTree } from '../python/view';

export interface ImportedName {
  /** The absolute module the name comes from (relative imports resolved). */
  module: string;
  /** The imported name; null for `import a.b` (the module itself). */
  name: string | null;
}

export interface ClassFacts {
  name: string;
  nameSpan: Span;
  /** Base expressions as written (dotted), subscripts stripped. */
  bases: string[];
  /** Methods and class-level assigned or annotated names. */
  members: Set<string>;
  /** Annotated fields (pydantic fields), e.g. `topic: str`. */
  fields: Set<string>;
  kindBase: PyClass['kind'];
  isNode: boolean;
  cls: PyClass;
}

export interface ModuleFacts {
  path: string;
  text: string;
  lines: LineIndex;
  classes: Map<string, ClassFacts>;
  /** Every module-level binding: classes, functions, assignments, imports. */
  bound: Set<string>;
  imports: Map<string, ImportedName>;
  /** `from x import *` or a module-level `__getattr__`: any name may exist. */
  open: boolean;
  /** The module's comments (for `# onex: ignore[...]`). */
  comments: CommentInfo[];
  /** The file has syntax errors: what it lacks is not known (a class or method may be in the broken part). */
  hasErrors: boolean;
}

function resolveRelative(moduleName: string, isPackage: boolean, dots: number, rest: string): string {
  const parts = moduleName.split('.');
  const base = isPackage ? parts : parts.slice(0, -1);
  const kept = base.slice(0, Math.max(0, base.length - (dots - 1)));
  return [...kept, ...(rest ? [rest] : [])].join('.');
}

function readImports(stmts: Node[], moduleName: string, isPackage: boolean, facts: ModuleFacts): void {
  for (const s of stmts) {
    if (s.type === 'import_statement') {
      for (const c of children(s)) {
        if (c.type === 'dotted_name') {
          const full = c.text;
          facts.bound.add(full.split('.')[0]);
          facts.imports.set(full.split('.')[0], { module: full.split('.')[0], name: null });
        } else if (c.type === 'aliased_import') {
          const name = dottedName(field(c, 'name')) ?? field(c, 'name')?.text;
          const alias = field(c, 'alias')?.text;
          if (name && alias) {
            facts.bound.add(alias);
            facts.imports.set(alias, { module: name, name: null });
          }
        }
      }
    } else if (s.type === 'import_from_statement') {
      const moduleNode = field(s, 'module_name');
      let source = moduleNode?.text ?? '';
      if (moduleNode?.type === 'relative_import') {
        const dots = /^\.+/.exec(source)?.[0].length ?? 0;
        source = resolveRelative(moduleName, isPackage, dots, source.slice(dots));
      }
      for (const c of children(s)) {
        if (c.id === moduleNode?.id) continue;
        if (c.type === 'wildcard_import') facts.open = true;
        else if (c.type === 'dotted_name') {
          facts.bound.add(c.text);
          facts.imports.set(c.text, { module: source, name: c.text });
        } else if (c.type === 'aliased_import') {
          const name = field(c, 'name')?.text;
          const alias = field(c, 'alias')?.text;
          if (name && alias) {
            facts.bound.add(alias);
            facts.imports.set(alias, { module: source, name });
          }
        }
      }
    }
  }
}

function assignedNames(stmt: Node, into: Set<string>): void {
  const expr = stmt.type === 'expression_statement' ? stmt.namedChild(0) : null;
  if (expr?.type !== 'assignment') return;
  const left = field(expr, 'left');
  if (left?.type === 'identifier') into.add(left.text);
  else if (left && (left.type === 'pattern_list' || left.type === 'tuple_pattern')) {
    for (const n of children(left)) if (n.type === 'identifier') into.add(n.text);
  }
}

function annotatedName(stmt: Node): string | null {
  const expr = stmt.type === 'expression_statement' ? stmt.namedChild(0) : null;
  if (expr?.type !== 'assignment' || !field(expr, 'type')) return null;
  const left = field(expr, 'left');
  return left?.type === 'identifier' ? left.text : null;
}

/** The kind of the framework node base a class derives directly (its name says nothing: NodeXCompute may derive NodeEffect). */
function kindOfBases(bases: readonly string[]): PyClass['kind'] {
  for (const base of bases) {
    const m = /^(?:Node|ModelService)(Effect|Compute|Reducer|Orchestrator)$/.exec(base);
    if (m) return m[1].toLowerCase() as PyClass['kind'];
  }
  return null;
}

function baseText(expr: Node): string | null {
  if (expr.type === 'keyword_argument') return null;
  const e = expr.type === 'subscript' ? field(expr, 'value') : expr;
  return dottedName(e);
}

/** Facts of one Python module (`moduleName` resolves its relative imports). */
export function moduleFacts(parser: Parser, path: string, text: string, moduleName: string): ModuleFacts {
  const tree = parser.parse(text);
  if (!tree) throw new Error(`tree-sitter returned no tree for ${path}`);
  try {
    const view = new SyntaxTree(tree, text);
    const file = buildPyFile(text, tree, DEFAULT_CONFIG, view);
    const facts: ModuleFacts = {
      path, text, lines: new LineIndex(text), classes: new Map(), bound: new Set(), imports: new Map(), open: false,
      comments: view.rootNode.descendantsOfType('comment').map((c) => ({ body: c.text.slice(1), line: c.startPosition.row })),
      hasErrors: tree.rootNode.hasError,
    };
    const stmts = moduleLevelStatements(view.rootNode);
    readImports(stmts, moduleName, /[\\/]__init__\.py$/.test(path), facts);
    for (const s of stmts) {
      const def = unwrapDecorated(s);
      const name = (def.type === 'class_definition' || def.type === 'function_definition') ? field(def, 'name')?.text : null;
      if (name) facts.bound.add(name);
      if (name === '__getattr__' && def.type === 'function_definition') facts.open = true;
      assignedNames(s, facts.bound);
      const annotated = annotatedName(s);
      if (annotated) facts.bound.add(annotated);
    }
    for (const cls of file.classes) {
      const members = new Set<string>(cls.methods.keys());
      const fields = new Set<string>();
      for (const stmt of statements(cls.body)) {
        assignedNames(stmt, members);
        const annotated = annotatedName(stmt);
        if (annotated) {
          members.add(annotated);
          fields.add(annotated);
        }
      }
      const superclasses = field(cls.node, 'superclasses');
      const bases = superclasses ? children(superclasses).map(baseText).filter((b): b is string => !!b) : [];
      facts.classes.set(cls.name, {
        name: cls.name, nameSpan: { start: cls.nameNode.startIndex, end: cls.nameNode.endIndex },
        bases, members, fields, kindBase: kindOfBases(cls.bases), isNode: cls.isNode, cls,
      });
    }
    return facts;
  } finally {
    tree.delete();
  }
}

export interface ReturnedOutputs {
  /** Model class names a handler emits as events (through its returns). */
  /** `explicit`: passed as ModelHandlerOutput `events=` (meant to be published), not a returned result. */
  events: { name: string; span: Span; explicit: boolean }[];
  /** False when some return could not be read (a variable list, a helper's result…). */
  complete: boolean;
}

const BUILDERS = new Set(['for_effect', 'for_orchestrator', 'for_compute', 'for_reducer', 'for_void_compute']);

/**
 * The event classes a `handle` method returns, as the runtime classifies the result
 * (infra:runtime/auto_wiring/handler_wiring.py::_normalize_handler_result): ModelHandlerOutput's
 * `events`, a COMPUTE `result` that is not a ModelIntent, or a bare model (a REDUCER's bare model
 * is a projection). Names are read from `ModelX(...)` calls, directly or through a local assigned once.
 */
export function handlerOutputs(cls: ClassFacts, method: string, reducer: boolean): ReturnedOutputs | null {
  const fn = cls.cls.methods.get(method);
  if (!fn || !fn.body) return null;
  const assignments = new Map<string, Node[]>();
  const returns: Node[] = [];
  walk(fn.body, (n) => {
    if (n.type === 'function_definition' || n.type === 'class_definition' || n.type === 'lambda') return false;
    if (n.type === 'return_statement') returns.push(n);
    if (n.type === 'assignment') {
      const left = field(n, 'left');
      const right = field(n, 'right');
      if (left?.type === 'identifier' && right) assignments.set(left.text, [...(assignments.get(left.text) ?? []), right]);
    }
    return true;
  });
  const out: ReturnedOutputs = { events: [], complete: true };
  const modelCall = (expr: Node | null): { name: string; span: Span } | null => {
    let e = expr;
    if (e?.type === 'identifier') {
      const values = assignments.get(e.text);
      e = values && values.length === 1 ? values[0] : null;
    }
    if (e?.type !== 'call') return null;
    const callee = dottedName(field(e, 'function'));
    const name = callee?.split('.').pop();
    if (!name || !/^[A-Z]/.test(name)) return null;
    return { name, span: { start: e.startIndex, end: e.endIndex } };
  };
  const addEvent = (expr: Node | null) => {
    const model = modelCall(expr);
    if (model) out.events.push({ ...model, explicit: true });
    else out.complete = false;
  };
  for (const ret of returns) {
    const value = ret.namedChild(0);
    if (!value || value.type === 'none') continue;
    const call = value.type === 'call' ? value : null;
    const callee = call ? dottedName(field(call, 'function')) : null;
    const builder = callee?.split('.').pop();
    if (call && builder && BUILDERS.has(builder)) {
      if (builder === 'for_reducer' || builder === 'for_void_compute') continue;
      const events = keywordArgument(call, 'events');
      if (events) {
        if (events.type === 'tuple' || events.type === 'list') {
          for (const item of children(events)) if (item.type !== 'comment') addEvent(item);
        } else out.complete = false;
      }
      const result = keywordArgument(call, 'result');
      if (result) {
        const model = modelCall(result);
        if (!model) out.complete = false;
        else if (model.name !== 'ModelIntent') out.events.push({ ...model, explicit: false });
      }
      continue;
    }
    if (reducer) continue;
    const model = modelCall(value);
    if (model && model.name !== 'ModelHandlerOutput') out.events.push({ ...model, explicit: false });
    else out.complete = false;
  }
  return out;
}

/**
 * What the contract checks read from Python files. The host (the main bundle, which holds the tree-sitter
 * parser) hands it to the contract bundle, which must not load a second copy of the parser.
 */
export interface PythonSource {
  facts(path: string, text: string, moduleName: string): ModuleFacts;
  outputs(cls: ClassFacts, method: string, reducer: boolean): ReturnedOutputs | null;
}

/** The Python source over the project's Python parser (loaded on first use). */
export async function loadPythonSource(): Promise<PythonSource> {
  const parser = await getPythonParser();
  return { facts: (path, text, moduleName) => moduleFacts(parser, path, text, moduleName), outputs: handlerOutputs };
}
