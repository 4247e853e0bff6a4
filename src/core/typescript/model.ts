// Turns a TypeScript syntax tree into the facts rules need: the file's import aliases, its node
// classes (bases resolved), their members, and the file's conventions for generated code.
import type { ts } from 'ts-morph';
import {
  SyntaxKind, isArrowFunction, isBlock, isCallExpression, isClassLike, isConstructorDeclaration,
  isExpressionStatement, isExternalModuleReference, isFunctionExpression, isFunctionTypeNode,
  isGetAccessorDeclaration, isIdentifier, isImportDeclaration, isImportEqualsDeclaration, isMethodDeclaration,
  isModuleBlock, isModuleDeclaration, isNamedImports, isNamespaceImport, isObjectBindingPattern,
  isParenthesizedTypeNode, isPropertyAccessExpression, isPropertyDeclaration,
  isSemicolonClassElement, isSetAccessorDeclaration, isStatement, isTypeReferenceNode, isVariableDeclaration,
  isVariableStatement,
} from './api';
import { LineIndex, detectEol } from '../text';
import { type EraDecision, resolveEra } from '../era';
import type { EngineConfig } from '../types';
import {
  type Node, dottedName, entityText, hasModifier, isFunctionNode, lastName, nameText, unwrap, walk,
} from './syntax';
import { type SyntaxIndex, indexTree } from './tree';
import { workspaceNodeBases } from '../workspace/facts';

export const NODE_BASE_CLASSES = [
  'NodeEffect', 'NodeCompute', 'NodeReducer', 'NodeOrchestrator',
  'ModelServiceEffect', 'ModelServiceCompute', 'ModelServiceReducer', 'ModelServiceOrchestrator',
];
export const ONEX_ERROR_NAMES = ['OnexError', 'ModelOnexError'];
export const ERROR_CODE_ENUM = 'EnumCoreErrorCode';
/** Names a TypeScript ONEX runtime module exports (the scaffold's runtime module has them all). */
export const RUNTIME_NAMES = [
  ...NODE_BASE_CLASSES, ...ONEX_ERROR_NAMES, ERROR_CODE_ENUM, 'LogLevel', 'emitLogEvent', 'ModelContainer',
  'KafkaClient', 'ConsulClient', 'createConsulClient',
];
const NODE_NAME_PATTERN = /^Node[A-Z0-9_]\w*(Effect|Compute|Reducer|Orchestrator)$/;

export type NodeKind = 'effect' | 'compute' | 'reducer' | 'orchestrator';

export interface TsMember {
  /** The member node: a method, accessor or property declaration. */
  node: ts.ClassElement;
  name: string;
  nameNode: Node;
  kind: 'method' | 'get' | 'set' | 'property';
  isStatic: boolean;
  /** `async`, a declared `Promise<...>` return type, or an async function assigned to a property. */
  isAsync: boolean;
  /** The function that implements the member (the method itself, or a property's arrow function). */
  fn: ts.FunctionLikeDeclaration | undefined;
  /** The implementation's body; undefined for abstract/overload signatures and plain properties. */
  body: ts.ConciseBody | undefined;
}

export interface TsClass {
  node: ts.ClassLikeDeclaration;
  name: string;
  /** Where class-level findings go: the class name, else the `class` keyword. */
  nameSpan: { start: number; end: number };
  /** Base names as written, aliases resolved, last component only (`onex.NodeEffect` → `NodeEffect`). */
  bases: string[];
  /** The local name the class extends as written (for messages and edits). */
  extendsText: string | null;
  members: Map<string, TsMember>;
  ctor: ts.ConstructorDeclaration | undefined;
  isNode: boolean;
  isDeclarative: boolean;
  isAbstract: boolean;
  kind: NodeKind | null;
  /** Whether the class body holds a syntax error (class-level rules stay silent then). */
  hasSyntaxError: boolean;
}

export interface RuntimeImport {
  declaration: ts.ImportDeclaration;
  /** Local names of the named value imports: original → local. */
  named: Map<string, string>;
  /** Local names of `type` imports (usable in types only): original → local. */
  typeNamed: Map<string, string>;
  /** `import * as onex from ...`: the namespace name. */
  namespace: string | null;
  namedBindings: ts.NamedImports | null;
}

export interface TsFile {
  text: string;
  sf: ts.SourceFile;
  /** The tree's nodes in source order, by kind and by subtree (one pass shared by all rules). */
  tree: SyntaxIndex;
  lines: LineIndex;
  /** Module-level name bindings: local name → the name it stands for (last component). */
  aliases: Map<string, string>;
  onexErrorNames: Set<string>;
  errorCodeEnumNames: Set<string>;
  /** Whether the file declares its own `EnumCoreErrorCode` (then it is not the framework's). */
  declaresErrorCodeEnum: boolean;
  classes: TsClass[];
  classesByName: Map<string, TsClass>;
  nodeClasses: TsClass[];
  /** Parse diagnostics' start offsets (sorted). */
  errorOffsets: number[];
  /** The import the fixes extend with runtime names (the one that brings the node base class). */
  runtimeImport: RuntimeImport | null;
  eol: '\n' | '\r\n';
  indentUnit: string;
  quote: '"' | "'";
  semicolons: boolean;
  config: EngineConfig;
  /** The file's path, when known (test files are recognised by it). */
  fileName?: string;
  /** The file's era: the bridge idiom unless the framework-target setting says otherwise (era.ts). */
  era: EraDecision;
}

/** Parse diagnostics of the syntax tree (no type checking: ts keeps them on the source file). */
export function parseDiagnostics(sf: ts.SourceFile): readonly ts.DiagnosticWithLocation[] {
  return (sf as unknown as { parseDiagnostics?: ts.DiagnosticWithLocation[] }).parseDiagnostics ?? [];
}

export function collectAliases(sf: ts.SourceFile): Map<string, string> {
  const aliases = new Map<string, string>();
  const visitStatements = (statements: readonly ts.Statement[]) => {
    for (const s of statements) {
      if (isImportDeclaration(s)) {
        const bindings = s.importClause?.namedBindings;
        if (bindings && isNamedImports(bindings)) {
          for (const el of bindings.elements) {
            if (el.propertyName) aliases.set(el.name.text, nameText(el.propertyName) ?? el.name.text);
          }
        }
      } else if (isImportEqualsDeclaration(s) && !isExternalModuleReference(s.moduleReference)) {
        const target = entityText(s.moduleReference);
        if (target) aliases.set(s.name.text, lastName(target));
      } else if (isVariableStatement(s)) {
        for (const decl of s.declarationList.declarations) {
          if (!decl.initializer) continue;
          if (isIdentifier(decl.name)) {
            const source = dottedName(unwrap(decl.initializer));
            if (source && source !== decl.name.text) aliases.set(decl.name.text, lastName(source));
          } else if (isObjectBindingPattern(decl.name)) {
            // const { NodeEffect: Base } = runtime;
            for (const el of decl.name.elements) {
              if (el.propertyName && isIdentifier(el.name)) {
                const original = nameText(el.propertyName);
                if (original) aliases.set(el.name.text, original);
              }
            }
          }
        }
      } else if (isModuleDeclaration(s) && s.body && isModuleBlock(s.body)) {
        visitStatements(s.body.statements);
      }
    }
  };
  visitStatements(sf.statements);
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

/** Names an `extends` expression stands for: `NodeEffect`, `onex.NodeEffect`, `WithMetrics(NodeEffect)`. */
export function baseNames(expr: ts.Expression, aliases: Map<string, string>): string[] {
  const e = unwrap(expr);
  if (isIdentifier(e)) return [resolveName(aliases, e.text)];
  if (isPropertyAccessExpression(e)) {
    const dotted = dottedName(e);
    return dotted ? [lastName(dotted)] : [];
  }
  if (isCallExpression(e)) {
    // A mixin: its own name and the classes it is applied to.
    return [...baseNames(e.expression, aliases), ...e.arguments.flatMap((a) => baseNames(a, aliases))];
  }
  return [];
}

function isPromiseType(type: ts.TypeNode | undefined): boolean {
  if (!type) return false;
  if (isTypeReferenceNode(type)) {
    const name = isIdentifier(type.typeName) ? type.typeName.text : type.typeName.right.text;
    return name === 'Promise' || name === 'PromiseLike';
  }
  if (isFunctionTypeNode(type)) return isPromiseType(type.type);
  if (isParenthesizedTypeNode(type)) return isPromiseType(type.type);
  return false;
}

function memberOf(el: ts.ClassElement): TsMember | null {
  const name = nameText(el.name);
  if (name === null || !el.name) return null;
  const isStatic = hasModifier(el, SyntaxKind.StaticKeyword);
  if (isMethodDeclaration(el)) {
    return {
      node: el, name, nameNode: el.name, kind: 'method', isStatic,
      isAsync: hasModifier(el, SyntaxKind.AsyncKeyword) || isPromiseType(el.type), fn: el, body: el.body,
    };
  }
  if (isGetAccessorDeclaration(el) || isSetAccessorDeclaration(el)) {
    return {
      node: el, name, nameNode: el.name, kind: isGetAccessorDeclaration(el) ? 'get' : 'set', isStatic,
      isAsync: false, fn: el, body: el.body,
    };
  }
  if (isPropertyDeclaration(el)) {
    const init = el.initializer ? unwrap(el.initializer) : undefined;
    const fn = init && (isArrowFunction(init) || isFunctionExpression(init)) ? init : undefined;
    const isAsync = fn ? hasModifier(fn, SyntaxKind.AsyncKeyword) || isPromiseType(fn.type) : isPromiseType(el.type);
    return { node: el, name, nameNode: el.name, kind: 'property', isStatic, isAsync, fn, body: fn?.body };
  }
  return null;
}

function readMembers(node: ts.ClassLikeDeclaration): { members: Map<string, TsMember>; ctor: ts.ConstructorDeclaration | undefined } {
  const members = new Map<string, TsMember>();
  let ctor: ts.ConstructorDeclaration | undefined;
  for (const el of node.members) {
    if (isConstructorDeclaration(el)) {
      if (el.body || !ctor) ctor = el;
      continue;
    }
    const m = memberOf(el);
    if (!m) continue;
    const existing = members.get(m.name);
    // Overloads: the implementation (with a body) wins; a setter never hides its getter's method-ness.
    if (existing && existing.body && !m.body) continue;
    if (existing && existing.kind === 'get' && m.kind === 'set') continue;
    members.set(m.name, m);
  }
  return { members, ctor };
}

/** A constructor that only calls `super(...)`. */
function isTrivialConstructor(ctor: ts.ConstructorDeclaration): boolean {
  if (!ctor.body) return true;
  return ctor.body.statements.every((s) => isExpressionStatement(s) && isCallExpression(s.expression) &&
    s.expression.expression.kind === SyntaxKind.SuperKeyword);
}

export function isDeclarativeClass(node: ts.ClassLikeDeclaration): boolean {
  return node.members.every((m) => isSemicolonClassElement(m) || (isConstructorDeclaration(m) && isTrivialConstructor(m)));
}

function kindOf(names: string[]): NodeKind | null {
  for (const n of names) {
    const m = /(Effect|Compute|Reducer|Orchestrator)$/.exec(n);
    if (m) return m[1].toLowerCase() as NodeKind;
  }
  return null;
}

function className(node: ts.ClassLikeDeclaration, sf: ts.SourceFile): { name: string; span: { start: number; end: number } } | null {
  if (node.name) return { name: node.name.text, span: { start: node.name.getStart(sf), end: node.name.end } };
  // const NodeX = class extends NodeEffect { ... }
  const parent = node.parent;
  if (isVariableDeclaration(parent) && isIdentifier(parent.name)) {
    return { name: parent.name.text, span: { start: parent.name.getStart(sf), end: parent.name.end } };
  }
  return null;
}

function collectClasses(sf: ts.SourceFile, tree: SyntaxIndex, aliases: Map<string, string>, errorOffsets: number[]): TsClass[] {
  const classes: TsClass[] = [];
  const { nodes, kinds } = tree;
  for (let i = 0; i < kinds.length; i++) {
    if (kinds[i] !== SyntaxKind.ClassDeclaration && kinds[i] !== SyntaxKind.ClassExpression) continue;
    const n = nodes[i] as ts.ClassLikeDeclaration;
    if (!hasModifier(n, SyntaxKind.DeclareKeyword)) {
      const named = className(n, sf);
      if (named) {
        const heritage = n.heritageClauses?.find((h) => h.token === SyntaxKind.ExtendsKeyword);
        const extendsExpr = heritage?.types[0]?.expression;
        const { members, ctor } = readMembers(n);
        const start = n.members.pos;
        const end = n.end;
        classes.push({
          node: n, name: named.name, nameSpan: named.span,
          bases: extendsExpr ? baseNames(extendsExpr, aliases) : [],
          extendsText: extendsExpr ? extendsExpr.getText(sf) : null,
          members, ctor, isNode: false, isDeclarative: isDeclarativeClass(n),
          isAbstract: hasModifier(n, SyntaxKind.AbstractKeyword), kind: null,
          hasSyntaxError: errorOffsets.some((o) => o >= start && o <= end),
        });
      }
    }
  }
  return classes;
}

function findRuntimeImport(sf: ts.SourceFile, nodeClasses: TsClass[]): RuntimeImport | null {
  const candidates: RuntimeImport[] = [];
  for (const s of sf.statements) {
    if (!isImportDeclaration(s) || !s.importClause || s.importClause.isTypeOnly) continue;
    const bindings = s.importClause.namedBindings;
    if (!bindings) continue;
    if (isNamespaceImport(bindings)) {
      const ns = bindings.name.text;
      // Used as `ns.NodeEffect` in an extends clause?
      const used = nodeClasses.some((c) => c.extendsText?.startsWith(`${ns}.`));
      if (used) candidates.push({ declaration: s, named: new Map(), typeNamed: new Map(), namespace: ns, namedBindings: null });
      continue;
    }
    const named = new Map<string, string>();
    const typeNamed = new Map<string, string>();
    for (const el of bindings.elements) {
      const original = el.propertyName ? nameText(el.propertyName) : el.name.text;
      if (original) (el.isTypeOnly ? typeNamed : named).set(original, el.name.text);
    }
    if ([...named.keys()].some((n) => RUNTIME_NAMES.includes(n))) {
      candidates.push({ declaration: s, named, typeNamed, namespace: null, namedBindings: bindings });
    }
  }
  // Prefer the import that brings a node base class.
  const bringsBase = (c: RuntimeImport) => [...c.named.keys()].some((n) => NODE_BASE_CLASSES.includes(n)) || c.namespace !== null;
  return candidates.find(bringsBase) ?? candidates[0] ?? null;
}

function detectQuote(sf: ts.SourceFile, text: string): '"' | "'" {
  let single = 0;
  let double = 0;
  for (const n of indexTree(sf).ofKind(SyntaxKind.StringLiteral)) {
    const c = text[n.getStart(sf)];
    if (c === "'") single++;
    else if (c === '"') double++;
  }
  return double > single ? '"' : "'";
}

const SEMI_STATEMENTS = new Set([
  SyntaxKind.ExpressionStatement, SyntaxKind.VariableStatement, SyntaxKind.ReturnStatement,
  SyntaxKind.ThrowStatement, SyntaxKind.ImportDeclaration, SyntaxKind.PropertyDeclaration,
  SyntaxKind.BreakStatement, SyntaxKind.ContinueStatement,
]);

function detectSemicolons(sf: ts.SourceFile, text: string): boolean {
  let withSemi = 0;
  let without = 0;
  const { nodes, kinds } = indexTree(sf);
  for (let i = 1; i < kinds.length; i++) {
    if (SEMI_STATEMENTS.has(kinds[i])) {
      if (text[nodes[i].end - 1] === ';') withSemi++;
      else without++;
    }
  }
  return withSemi >= without;
}

function lineIndentAt(text: string, offset: number): string {
  let start = offset;
  while (start > 0 && text[start - 1] !== '\n' && text[start - 1] !== '\r') start--;
  let end = start;
  while (end < text.length && (text[end] === ' ' || text[end] === '\t')) end++;
  return text.slice(start, end);
}

function detectIndentUnit(sf: ts.SourceFile, text: string): string {
  // The first member or block statement on its own line, measured against its parent's line.
  let unit: string | null = null;
  walk(sf, (n) => {
    if (unit !== null) return false;
    const parent = n.parent;
    if (!(isClassLike(parent) && (parent.members as readonly Node[]).includes(n)) && !(isBlock(parent) && isStatement(n))) return;
    const start = n.getStart(sf);
    const own = lineIndentAt(text, start);
    const lineStart = start - own.length;
    if (lineStart > 0 && text[lineStart - 1] !== '\n' && text[lineStart - 1] !== '\r') return;
    if (start !== lineStart + own.length) return;
    const outer = lineIndentAt(text, parent.getStart(sf));
    if (own.length > outer.length && own.startsWith(outer)) unit = own.slice(outer.length);
    return;
  });
  if (unit === null) return '  ';
  const u: string = unit;
  return u.startsWith('\t') ? '\t' : u;
}

/** Whether the file declares `EnumCoreErrorCode` (an enum, class or variable) outside any function. */
function declaresErrorCodeEnumIn(tree: SyntaxIndex): boolean {
  const { nodes, kinds } = tree;
  for (let i = 0; i < kinds.length; i++) {
    const kind = kinds[i];
    if (kind !== SyntaxKind.EnumDeclaration && kind !== SyntaxKind.ClassDeclaration && kind !== SyntaxKind.VariableDeclaration) continue;
    const n = nodes[i];
    const name = (n as ts.EnumDeclaration | ts.ClassDeclaration | ts.VariableDeclaration).name;
    if (!name || !isIdentifier(name) || name.text !== ERROR_CODE_ENUM) continue;
    let inFunction = false;
    for (let p = n.parent; p && !inFunction; p = p.parent) inFunction = isFunctionNode(p);
    if (!inFunction) return true;
  }
  return false;
}

export function buildTsFile(text: string, sf: ts.SourceFile, config: EngineConfig, fileName?: string): TsFile {
  // First: the index's pass also sets the parent pointers everything below relies on.
  const tree = indexTree(sf);
  const aliases = collectAliases(sf);
  const errorOffsets = parseDiagnostics(sf).map((d) => d.start).sort((a, b) => a - b);
  const classes = collectClasses(sf, tree, aliases, errorOffsets);
  const classesByName = new Map(classes.map((c) => [c.name, c]));
  // Node bases defined in other files of the workspace come from its index (EngineConfig.workspace).
  const fromWorkspace = workspaceNodeBases(config.workspace);
  const nodeBases = new Set([...NODE_BASE_CLASSES, ...config.nodeBaseClasses, ...fromWorkspace.keys()]);
  const isNodeByBases = (c: TsClass, seen: Set<string>): boolean => {
    if (seen.has(c.name)) return false;
    seen.add(c.name);
    return c.bases.some((b) => nodeBases.has(b) || (classesByName.has(b) && isNodeByBases(classesByName.get(b)!, seen)));
  };
  for (const c of classes) {
    // A class with no base at all is never a node class (rules.md, "Where rules look").
    c.isNode = isNodeByBases(c, new Set()) || (c.bases.length > 0 && NODE_NAME_PATTERN.test(c.name));
    if (c.isNode) c.kind = kindOf([c.name, ...c.bases]) ?? c.bases.map((b) => fromWorkspace.get(b)).find((k) => k) ?? null;
  }
  const nodeClasses = classes.filter((c) => c.isNode);
  const declaresErrorCodeEnum = declaresErrorCodeEnumIn(tree);
  const file = {
    text, sf, tree, aliases,
    onexErrorNames: namesMeaning(aliases, ONEX_ERROR_NAMES),
    errorCodeEnumNames: namesMeaning(aliases, [ERROR_CODE_ENUM]),
    declaresErrorCodeEnum,
    classes, classesByName, nodeClasses, errorOffsets,
    runtimeImport: findRuntimeImport(sf, nodeClasses),
    config,
    fileName,
    era: resolveEra({ setting: config.frameworkTarget, language: 'typescript' }),
  } as Omit<TsFile, 'lines' | 'eol' | 'indentUnit' | 'quote' | 'semicolons'> as TsFile;
  // Line numbers matter to few findings (and suppression comments), the file's conventions only to
  // fixes: computed on first use.
  lazy(file, 'lines', () => new LineIndex(text));
  lazy(file, 'eol', () => detectEol(text));
  lazy(file, 'indentUnit', () => detectIndentUnit(sf, text));
  lazy(file, 'quote', () => detectQuote(sf, text));
  lazy(file, 'semicolons', () => detectSemicolons(sf, text));
  return file;
}

function lazy<K extends keyof TsFile>(file: TsFile, key: K, compute: () => TsFile[K]): void {
  let value: TsFile[K] | undefined;
  let done = false;
  Object.defineProperty(file, key, {
    enumerable: true,
    configurable: true,
    get: () => {
      if (!done) {
        value = compute();
        done = true;
      }
      return value as TsFile[K];
    },
  });
}

/** Members of the class and of its base classes defined in the same file (nearest first). */
export function membersWithInherited(file: TsFile, cls: TsClass): Map<string, TsMember> {
  const out = new Map<string, TsMember>();
  for (const c of classChain(file, cls)) for (const [name, m] of c.members) if (!out.has(name)) out.set(name, m);
  return out;
}

/** The class and its base classes defined in the same file, nearest first. */
export function classChain(file: TsFile, cls: TsClass): TsClass[] {
  const out: TsClass[] = [];
  const seen = new Set<string>();
  const visit = (c: TsClass) => {
    if (seen.has(c.name)) return;
    seen.add(c.name);
    out.push(c);
    for (const b of c.bases) {
      const base = file.classesByName.get(b);
      if (base && base !== c) visit(base);
    }
  };
  visit(cls);
  return out;
}

/** Whether a parse error lies inside node's text. */
export function hasErrorWithin(file: TsFile, node: Node): boolean {
  const start = node.pos;
  const end = node.end;
  return file.errorOffsets.some((o) => o >= start && o <= end);
}

/** Lifecycle names for TypeScript: the configured names and their camelCase forms (`on_startup` → `onStartup`). */
export function lifecycleNames(names: readonly string[]): Set<string> {
  const out = new Set<string>();
  for (const n of names) {
    out.add(n);
    out.add(n.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase()));
  }
  return out;
}

/** The instance methods (or function-valued properties) of the class chain with one of the names. */
export function findLifecycle(file: TsFile, cls: TsClass, names: Set<string>): TsMember[] {
  const members = membersWithInherited(file, cls);
  const out: TsMember[] = [];
  for (const name of names) {
    const m = members.get(name);
    if (m && !m.isStatic && (m.kind === 'method' || m.kind === 'property')) out.push(m);
  }
  return out;
}
