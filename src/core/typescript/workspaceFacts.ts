// The workspace index's facts of one TypeScript module, read from its syntax tree: module-level classes,
// each base of their `extends` clause with the name the per-file model gives it, and how the file binds
// that name (a class of the file, an import, or nothing: a global). Which workspace class an imported
// base is, only the ts-morph project can say (src/core/typescript/project.ts).
import type { ts } from 'ts-morph';
import {
  SyntaxKind, isCallExpression, isClassDeclaration, isClassExpression, isExternalModuleReference,
  isIdentifier, isImportDeclaration, isImportEqualsDeclaration, isMethodDeclaration, isModuleBlock, isModuleDeclaration,
  isNamedImports, isNamespaceImport, isPropertyAccessExpression, isStringLiteral, isVariableStatement,
} from './api';
import { baseNames, collectAliases, isDeclarativeClass } from './model';
import { dottedName, unwrap } from './syntax';
import type { BaseFacts, HandleFacts, TypeScriptBaseOrigin, TypeScriptClassFacts, TypeScriptModuleFacts } from '../workspace/facts';

interface Bindings {
  /** Local name → the module specifier it is imported from. */
  imports: Map<string, string>;
  /** Module-level classes by name. */
  classes: Set<string>;
  /** `const Base = X` / `const Base = ns.X`: local name → the first name of what it stands for, and whether that is all of it. */
  aliases: Map<string, { root: string; plain: boolean }>;
}

/** The statements of the module and of its `namespace` blocks. */
function moduleStatements(sf: ts.SourceFile): ts.Statement[] {
  const out: ts.Statement[] = [];
  const visit = (statements: readonly ts.Statement[]) => {
    for (const s of statements) {
      out.push(s);
      if (isModuleDeclaration(s) && s.body && isModuleBlock(s.body)) visit(s.body.statements);
    }
  };
  visit(sf.statements);
  return out;
}

function readBindings(statements: readonly ts.Statement[]): Bindings {
  const b: Bindings = { imports: new Map(), classes: new Set(), aliases: new Map() };
  for (const s of statements) {
    if (isImportDeclaration(s) && isStringLiteral(s.moduleSpecifier)) {
      const from = s.moduleSpecifier.text;
      const clause = s.importClause;
      if (clause?.name) b.imports.set(clause.name.text, from);
      const named = clause?.namedBindings;
      if (named && isNamespaceImport(named)) b.imports.set(named.name.text, from);
      else if (named && isNamedImports(named)) for (const el of named.elements) b.imports.set(el.name.text, from);
    } else if (isImportEqualsDeclaration(s) && isExternalModuleReference(s.moduleReference) && isStringLiteral(s.moduleReference.expression)) {
      b.imports.set(s.name.text, s.moduleReference.expression.text);
    } else if (isClassDeclaration(s) && s.name) {
      b.classes.add(s.name.text);
    } else if (isVariableStatement(s)) {
      for (const d of s.declarationList.declarations) {
        if (!isIdentifier(d.name) || !d.initializer) continue;
        const init = unwrap(d.initializer);
        const dotted = isClassExpression(init) ? null : dottedName(init);
        if (isClassExpression(init)) b.classes.add(d.name.text);
        else if (dotted) b.aliases.set(d.name.text, { root: dotted.split('.')[0], plain: !dotted.includes('.') });
      }
    }
  }
  return b;
}

/** How the file binds the first name of a base expression, through same-file aliases. */
function originOf(expr: ts.Expression, b: Bindings): TypeScriptBaseOrigin {
  const e = unwrap(expr);
  let name = (dottedName(e) ?? '').split('.')[0];
  let plain = isIdentifier(e);
  for (let i = 0; i < 10 && b.aliases.has(name); i++) {
    const alias = b.aliases.get(name)!;
    name = alias.root;
    plain &&= alias.plain;
  }
  if (plain && b.classes.has(name)) return { kind: 'local', name };
  const specifier = b.imports.get(name);
  return specifier !== undefined ? { kind: 'import', specifier } : { kind: 'global' };
}

/**
 * The expressions of an `extends` clause the per-file model reads as bases: the expression itself, or for
 * a mixin call (`WithMetrics(NodeEffect)`) the callee and each argument, recursively; names only.
 */
function baseExpressions(expr: ts.Expression): ts.Expression[] {
  const e = unwrap(expr);
  if (isIdentifier(e) || (isPropertyAccessExpression(e) && dottedName(e))) return [e];
  if (isCallExpression(e)) return [...baseExpressions(e.expression), ...e.arguments.flatMap((a) => baseExpressions(a))];
  return [];
}

/** A class's bases as the facts list them (BaseFacts order): the ts-morph project answers by this order. */
export function classBaseExpressions(node: ts.ClassLikeDeclaration): ts.Expression[] {
  const expr = node.heritageClauses?.find((h) => h.token === SyntaxKind.ExtendsKeyword)?.types[0]?.expression;
  return expr ? baseExpressions(expr) : [];
}

function handleOf(node: ts.ClassLikeDeclaration): HandleFacts | null {
  let found: HandleFacts | null = null;
  for (const m of node.members) {
    if (!isMethodDeclaration(m) || !isIdentifier(m.name) || m.name.text !== 'handle' || !m.body) continue;
    const first = m.parameters[0];
    found = {
      isAsync: !!m.modifiers?.some((x) => x.kind === SyntaxKind.AsyncKeyword),
      parameter: first && isIdentifier(first.name) ? first.name.text : null,
      annotated: !!first?.type,
    };
  }
  return found;
}

/** The module-level classes: declarations, and `const X = class … {}` (also in `namespace` blocks). */
export function moduleClasses(sf: ts.SourceFile): { node: ts.ClassLikeDeclaration; name: ts.Identifier; outer: ts.Node }[] {
  return classesAmong(moduleStatements(sf));
}

function classesAmong(statements: readonly ts.Statement[]): { node: ts.ClassLikeDeclaration; name: ts.Identifier; outer: ts.Node }[] {
  const out: { node: ts.ClassLikeDeclaration; name: ts.Identifier; outer: ts.Node }[] = [];
  for (const s of statements) {
    if (isClassDeclaration(s) && s.name) {
      if (!s.modifiers?.some((m) => m.kind === SyntaxKind.DeclareKeyword)) out.push({ node: s, name: s.name, outer: s });
    } else if (isVariableStatement(s)) {
      for (const d of s.declarationList.declarations) {
        const init = d.initializer && unwrap(d.initializer);
        if (init && isClassExpression(init) && isIdentifier(d.name)) out.push({ node: init, name: d.name, outer: s });
      }
    }
  }
  return out;
}

/** The facts of one TypeScript module, from its syntax tree (parent pointers not needed). */
export function typescriptModuleFacts(sf: ts.SourceFile): TypeScriptModuleFacts {
  const statements = moduleStatements(sf);
  const bindings = readBindings(statements);
  const aliases = collectAliases(sf);
  const lineOf = (offset: number) => sf.getLineAndCharacterOfPosition(offset).line;
  const classes: TypeScriptClassFacts[] = classesAmong(statements).map(({ node, name, outer }) => {
    const bases: BaseFacts[] = [];
    const origins: TypeScriptBaseOrigin[] = [];
    for (const e of classBaseExpressions(node)) {
      bases.push({ path: dottedName(e)!.split('.'), localName: baseNames(e, aliases)[0] });
      origins.push(originOf(e, bindings));
    }
    const nameStart = name.getStart(sf);
    const start = outer.getStart(sf);
    return {
      name: name.text, start, end: outer.end, nameStart, nameEnd: name.end,
      line: lineOf(nameStart), endLine: lineOf(outer.end),
      bases, origins, declarative: isDeclarativeClass(node), handle: handleOf(node),
    };
  });
  const imports = statements.flatMap((s) => (isImportDeclaration(s) && isStringLiteral(s.moduleSpecifier)
    ? [{ module: s.moduleSpecifier.text, names: [], line: lineOf(s.getStart(sf)) }] : []));
  return { language: 'typescript', classes, imports };
}
