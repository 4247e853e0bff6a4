// Turns a Python syntax tree into the facts rules need: the file's import aliases, its node
// classes (bases resolved), their methods, and the file's conventions for generated code.
import type { Tree } from 'web-tree-sitter';
import { resolveEra, type EraDecision } from '../era';
import type { EngineConfig } from '../types';
import { detectEol } from '../text';
import {
  type Node, blockOf, children, dottedName, field, isAsyncFunction, isDocstring, lastName,
  statements, unwrapDecorated, callInfo,
} from './syntax';
import { importsOf } from './imports';
import { RUNTIME_HOST_ERRORS } from '../framework';
import { SyntaxTree } from './view';
import { workspaceNodeBases } from '../workspace/facts';

export const NODE_BASE_CLASSES = [
  'NodeEffect', 'NodeCompute', 'NodeReducer', 'NodeOrchestrator',
  'ModelServiceEffect', 'ModelServiceCompute', 'ModelServiceReducer', 'ModelServiceOrchestrator',
];
/** omnibase_core's OnexError names (generated code imports them from omnibase_core.errors). */
export const ONEX_ERROR_NAMES = ['OnexError', 'ModelOnexError'];
export const ERROR_CODE_ENUM = 'EnumCoreErrorCode';
const NODE_NAME_PATTERN = /^Node[A-Z0-9_]\w*(Effect|Compute|Reducer|Orchestrator)$/;

export type NodeKind = 'effect' | 'compute' | 'reducer' | 'orchestrator';

export interface PyMethod {
  /** The function_definition node. */
  node: Node;
  /** The decorated_definition around it, or the function itself. */
  outer: Node;
  name: string;
  isAsync: boolean;
  body: Node | null;
}

export interface PyClass {
  node: Node;
  name: string;
  nameNode: Node;
  /** Base names as written, aliases resolved, last component only (`nodes.NodeEffect` → `NodeEffect`). */
  bases: string[];
  body: Node | null;
  methods: Map<string, PyMethod>;
  isNode: boolean;
  isDeclarative: boolean;
  kind: NodeKind | null;
}

export interface PyFile {
  readonly text: string;
  readonly tree: Tree;
  root: Node;
  /** Module-level name bindings: local name → the name it stands for (last component). */
  aliases: Map<string, string>;
  /**
   * Names that mean an OnexError in this file: OnexError, ModelOnexError, and today's RuntimeHostError family
   * (framework.ts's RUNTIME_HOST_ERRORS) where the file imports them from omnibase_infra.
   */
  onexErrorNames: Set<string>;
  /** Whether the file imports from omnibase_infra (then `errors.InfraConnectionError` is an OnexError too). */
  importsInfra: boolean;
  /** Names that mean EnumCoreErrorCode in this file. */
  errorCodeEnumNames: Set<string>;
  /** Every class defined at module level (also inside module-level if/try). */
  classes: PyClass[];
  classesByName: Map<string, PyClass>;
  nodeClasses: PyClass[];
  /** Whether the text contains `needle` (recorded, unlike a read of `text`, while an analysis is: see view.observer). */
  textIncludes(needle: string): boolean;
  eol: '\n' | '\r\n';
  indentUnit: string;
  quote: '"' | "'";
  config: EngineConfig;
  /** The file's path (absolute in the editor and the CLI; a bare name in some tests), when known. */
  fileName?: string;
  /** The file's era (explicit setting, its imports, the project's pin, today) and why: rules and fixes follow it. */
  era: EraDecision;
}

export function moduleLevelStatements(root: Node): Node[] {
  // Classes and imports may sit inside module-level `if TYPE_CHECKING:` or `try:` blocks.
  const out: Node[] = [];
  const visit = (stmts: Node[]) => {
    for (const s of stmts) {
      out.push(s);
      if (s.type === 'if_statement' || s.type === 'try_statement') {
        for (const c of children(s)) {
          if (c.type === 'block') visit(statements(c));
          else if (['else_clause', 'elif_clause', 'except_clause', 'finally_clause'].includes(c.type)) {
            visit(statements(blockOf(c)));
          }
        }
      }
    }
  };
  visit(statements(root));
  return out;
}

export function collectAliases(stmts: Node[]): Map<string, string> {
  const aliases = new Map<string, string>();
  for (const s of stmts) {
    if (s.type === 'import_from_statement' || s.type === 'import_statement') {
      for (const c of children(s)) {
        if (c.type === 'aliased_import') {
          const name = dottedName(field(c, 'name')) ?? field(c, 'name')?.text;
          const alias = field(c, 'alias')?.text;
          if (name && alias) aliases.set(alias, lastName(name));
        }
      }
    } else if (s.type === 'expression_statement') {
      const assign = s.namedChild(0);
      if (assign?.type === 'assignment') {
        const left = field(assign, 'left');
        const right = field(assign, 'right');
        const target = left?.type === 'identifier' ? left.text : null;
        const source = dottedName(right);
        if (target && source) aliases.set(target, lastName(source));
      }
    }
  }
  return aliases;
}

/** Follows alias chains (`A = B`, `B` imported as `C`...) to the original name. */
export function resolveName(aliases: Map<string, string>, name: string): string {
  let current = name;
  for (let i = 0; i < 10; i++) {
    const next = aliases.get(current);
    if (!next || next === current) break;
    current = next;
  }
  return current;
}

function namesMeaning(aliases: Map<string, string>, originals: string[]): Set<string> {
  const out = new Set(originals);
  for (const local of aliases.keys()) if (originals.includes(resolveName(aliases, local))) out.add(local);
  return out;
}

export function baseName(expr: Node, aliases: Map<string, string>): string | null {
  let e: Node | null = expr;
  if (e.type === 'keyword_argument') return null; // metaclass=...
  if (e.type === 'subscript') e = field(e, 'value'); // NodeEffect[In, Out]
  const dotted = dottedName(e);
  if (!dotted) return null;
  const first = dotted.split('.')[0];
  if (!dotted.includes('.')) return resolveName(aliases, dotted);
  return first ? lastName(dotted) : null;
}

function readMethods(body: Node | null): Map<string, PyMethod> {
  const methods = new Map<string, PyMethod>();
  for (const stmt of statements(body)) {
    const fn = unwrapDecorated(stmt);
    if (fn.type !== 'function_definition') continue;
    const name = field(fn, 'name')?.text;
    if (!name) continue;
    // The last definition wins, as at run time (e.g. @property / @x.setter pairs keep one entry).
    methods.set(name, { node: fn, outer: stmt, name, isAsync: isAsyncFunction(fn), body: field(fn, 'body') });
  }
  return methods;
}

/** A call of a base's `__init__`: `super().__init__(...)`, or `Base.__init__(self, ...)` as compositions write it. */
function isBaseInitCall(stmt: Node): boolean {
  const expr = stmt.type === 'expression_statement' ? stmt.namedChild(0) : null;
  if (expr?.type !== 'call') return false;
  const info = callInfo(expr);
  if (!info || info.name !== '__init__' || !info.receiver) return false;
  if (info.receiver.type === 'call') return field(info.receiver, 'function')?.text === 'super';
  return info.receiver.type === 'identifier' || info.receiver.type === 'attribute';
}

/** `__init__` whose body only calls its bases' `__init__`s (after an optional docstring). */
function isTrivialInit(method: PyMethod): boolean {
  const stmts = statements(method.body).filter((s) => !isDocstring(s) && s.type !== 'pass_statement');
  return stmts.length > 0 && stmts.every(isBaseInitCall);
}

/** A class attribute: `x = …`, `x: T` or `x: T = …` (a single target), not a method or any other statement. */
function isClassAttribute(stmt: Node): boolean {
  const expr = stmt.type === 'expression_statement' ? stmt.namedChild(0) : null;
  return expr?.type === 'assignment' && field(expr, 'left')?.type === 'identifier';
}

function isDeclarativeBody(body: Node | null, methods: Map<string, PyMethod>): boolean {
  for (const stmt of statements(body)) {
    if (isDocstring(stmt) || stmt.type === 'pass_statement' || isClassAttribute(stmt)) continue;
    const init = methods.get('__init__');
    if (init && stmt.id === init.outer.id && init.outer.type === 'function_definition' && isTrivialInit(init)) continue;
    return false;
  }
  return true;
}

function kindOf(names: string[]): NodeKind | null {
  for (const n of names) {
    const m = /(Effect|Compute|Reducer|Orchestrator)$/.exec(n);
    if (m) return m[1].toLowerCase() as NodeKind;
  }
  return null;
}

function detectIndentUnit(text: string, root: Node): string {
  // The indentation of the first indented block in the file; four spaces when there is none.
  const block = root.descendantsOfType('block')[0];
  if (block) {
    let start = block.startIndex;
    while (start > 0 && text[start - 1] !== '\n' && text[start - 1] !== '\r') start--;
    const indent = /^[ \t]*/.exec(text.slice(start, block.startIndex))?.[0] ?? '';
    if (indent.length > 0) {
      // Nested blocks: the unit is the indentation of the shallowest block.
      return indent.startsWith('\t') ? '\t' : indent;
    }
  }
  return '    ';
}

function detectQuote(root: Node): '"' | "'" {
  let single = 0;
  let double = 0;
  for (const s of root.descendantsOfType('string_start')) {
    if (!s) continue;
    const t = s.text.replace(/^[rbuf]+/i, '');
    if (t.startsWith("'")) single++;
    else if (t.startsWith('"')) double++;
  }
  return single > double ? "'" : '"';
}

/** `view` is the tree's syntax view when the caller has made it already (the benchmark times it apart). */
export function buildPyFile(text: string, tree: Tree, config: EngineConfig, view = new SyntaxTree(tree, text), fileName?: string): PyFile {
  const root = view.rootNode;
  const stmts = moduleLevelStatements(root);
  const aliases = collectAliases(stmts);
  const classes: PyClass[] = [];
  for (const stmt of stmts) {
    const def = unwrapDecorated(stmt);
    if (def.type !== 'class_definition') continue;
    const nameNode = field(def, 'name');
    if (!nameNode) continue;
    const superclasses = field(def, 'superclasses');
    const bases = superclasses
      ? children(superclasses).map((b) => baseName(b, aliases)).filter((b): b is string => !!b)
      : [];
    const body = field(def, 'body');
    const methods = readMethods(body);
    classes.push({
      node: def, name: nameNode.text, nameNode, bases, body, methods,
      isNode: false, isDeclarative: isDeclarativeBody(body, methods), kind: null,
    });
  }
  const classesByName = new Map(classes.map((c) => [c.name, c]));
  // Node bases defined in other files of the workspace come from its index (EngineConfig.workspace).
  const fromWorkspace = workspaceNodeBases(config.workspace);
  const nodeBases = new Set([...NODE_BASE_CLASSES, ...config.nodeBaseClasses, ...fromWorkspace.keys()]);
  const isNodeByBases = (c: PyClass, seen: Set<string>): boolean => {
    if (seen.has(c.name)) return false;
    seen.add(c.name);
    return c.bases.some((b) => nodeBases.has(b) || (classesByName.has(b) && isNodeByBases(classesByName.get(b)!, seen)));
  };
  for (const c of classes) {
    // A class with no base at all is never a node class: today's def-B handlers are plain classes, often
    // named Node…Compute (rules.md, "Where rules look").
    c.isNode = isNodeByBases(c, new Set()) || (c.bases.length > 0 && NODE_NAME_PATTERN.test(c.name));
    if (c.isNode) c.kind = kindOf([c.name, ...c.bases]) ?? c.bases.map((b) => fromWorkspace.get(b)).find((k) => k) ?? null;
  }
  const imports = importsOf(root);
  const infraImports = imports.filter((i) => i.module === 'omnibase_infra' || i.module.startsWith('omnibase_infra.'));
  const infraErrors = infraImports.flatMap((i) => i.names.map(lastName)).filter((n) => RUNTIME_HOST_ERRORS.includes(n));
  // The file's conventions are read only when a fix asks for them: detection never needs them.
  let indentUnit: string | undefined;
  let quote: '"' | "'" | undefined;
  let eol: '\n' | '\r\n' | undefined;
  // The text and the raw tree bypass the view's record of what an analysis read (view.observer): a
  // read through them while one is recorded makes its results not reusable after an edit.
  const untracked = () => {
    if (view.observer) view.observer.untracked = true;
  };
  return {
    get text() {
      untracked();
      return text;
    },
    get tree() {
      untracked();
      return tree;
    },
    root, aliases,
    onexErrorNames: namesMeaning(aliases, [...ONEX_ERROR_NAMES, ...infraErrors]),
    importsInfra: infraImports.length > 0,
    errorCodeEnumNames: namesMeaning(aliases, [ERROR_CODE_ENUM]),
    classes, classesByName,
    nodeClasses: classes.filter((c) => c.isNode),
    textIncludes(needle: string) {
      const found = text.includes(needle);
      view.observer?.searches.push({ needle, found });
      return found;
    },
    get eol() {
      untracked();
      return (eol ??= detectEol(text));
    },
    get indentUnit() {
      untracked();
      return (indentUnit ??= detectIndentUnit(text, root));
    },
    get quote() {
      return (quote ??= detectQuote(root));
    },
    config,
    fileName,
    era: resolveEra({ setting: config.frameworkTarget, imports, pin: config.projectPin }),
  };
}

/** Methods of the class and of its base classes defined in the same file (nearest first). */
export function methodsWithInherited(file: PyFile, cls: PyClass): Map<string, PyMethod> {
  const out = new Map<string, PyMethod>();
  const seen = new Set<string>();
  const visit = (c: PyClass) => {
    if (seen.has(c.name)) return;
    seen.add(c.name);
    for (const [name, m] of c.methods) if (!out.has(name)) out.set(name, m);
    for (const b of c.bases) {
      const base = file.classesByName.get(b);
      if (base) visit(base);
    }
  };
  visit(cls);
  return out;
}
