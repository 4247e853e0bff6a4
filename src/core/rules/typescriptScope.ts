// A small name resolver over the syntax tree: which declaration an identifier refers to
// (block-scoped let/const, function-scoped var, parameters, catch bindings), without a type checker.
import type { ts } from 'ts-morph';
import {
  NodeFlags, isBlock, isCaseBlock, isCatchClause, isClassDeclaration, isForInStatement, isForOfStatement,
  isForStatement, isFunctionDeclaration, isFunctionExpression, isIdentifier, isImportDeclaration, isModuleBlock,
  isNamedImports, isNamespaceImport, isOmittedExpression, isSourceFile, isVariableDeclarationList,
  isVariableStatement,
} from '../typescript/api';
import { type Node, isFunctionNode, walk } from '../typescript/syntax';

export type BindingKind = 'local' | 'parameter' | 'module' | 'other';

export interface Binding {
  /** The declaring identifier. */
  name: ts.Identifier;
  kind: BindingKind;
  /** The function whose local it is (for locals and parameters). */
  fn: ts.FunctionLikeDeclaration | undefined;
}

function declaredIn(names: ts.BindingName, name: string): ts.Identifier | undefined {
  if (isIdentifier(names)) return names.text === name ? names : undefined;
  for (const el of names.elements) {
    if (isOmittedExpression(el)) continue;
    const found = declaredIn(el.name, name);
    if (found) return found;
  }
  return undefined;
}

function inDeclarationList(list: ts.VariableDeclarationList | undefined, name: string): ts.Identifier | undefined {
  if (!list) return undefined;
  for (const d of list.declarations) {
    const found = declaredIn(d.name, name);
    if (found) return found;
  }
  return undefined;
}

/** Adds the names a binding declares, in the order declaredIn searches them, keeping the first of each. */
function addBindingNames(names: ts.BindingName, out: Map<string, ts.Identifier>): void {
  if (isIdentifier(names)) {
    if (!out.has(names.text)) out.set(names.text, names);
    return;
  }
  for (const el of names.elements) {
    if (isOmittedExpression(el)) continue;
    addBindingNames(el.name, out);
  }
}

const varsCache = new WeakMap<Node, Map<string, ts.Identifier>>();

/** `var` declarations anywhere in a function body (not in nested functions): name → its first declaration. */
function varsIn(body: Node): Map<string, ts.Identifier> {
  let vars = varsCache.get(body);
  if (!vars) {
    const found = new Map<string, ts.Identifier>();
    walk(body, (n) => {
      if (isVariableDeclarationList(n) && !(n.flags & NodeFlags.BlockScoped)) {
        for (const d of n.declarations) addBindingNames(d.name, found);
      }
    }, { intoFunctions: false });
    varsCache.set(body, found);
    vars = found;
  }
  return vars;
}

function varIn(body: Node, name: string): ts.Identifier | undefined {
  return varsIn(body).get(name);
}

function declarationInStatements(statements: readonly ts.Statement[], name: string): ts.Identifier | undefined {
  for (const s of statements) {
    if (isVariableStatement(s)) {
      const found = inDeclarationList(s.declarationList, name);
      if (found) return found;
    } else if ((isFunctionDeclaration(s) || isClassDeclaration(s)) && s.name?.text === name) {
      return s.name;
    }
  }
  return undefined;
}

function enclosingFn(node: Node): ts.FunctionLikeDeclaration | undefined {
  for (let p = node.parent; p; p = p.parent) if (isFunctionNode(p)) return p;
  return undefined;
}

/** The binding an identifier (in expression position) refers to, or undefined for globals. */
export function resolveIdentifier(id: ts.Identifier): Binding | undefined {
  const name = id.text;
  for (let scope: Node | undefined = id.parent; scope; scope = scope.parent) {
    let found: ts.Identifier | undefined;
    let kind: BindingKind = 'local';
    if (isBlock(scope) || isModuleBlock(scope)) {
      found = declarationInStatements(scope.statements, name);
      if (!found && isFunctionNode(scope.parent)) found = varIn(scope, name);
    } else if (isCaseBlock(scope)) {
      for (const clause of scope.clauses) {
        found = declarationInStatements(clause.statements, name);
        if (found) break;
      }
    } else if ((isForStatement(scope) || isForOfStatement(scope) || isForInStatement(scope)) &&
      scope.initializer && isVariableDeclarationList(scope.initializer)) {
      found = inDeclarationList(scope.initializer, name);
    } else if (isCatchClause(scope) && scope.variableDeclaration) {
      found = declaredIn(scope.variableDeclaration.name, name);
      kind = 'other';
    } else if (isFunctionNode(scope)) {
      for (const p of scope.parameters) {
        found = declaredIn(p.name, name);
        if (found) {
          kind = 'parameter';
          break;
        }
      }
      if (!found && (isFunctionExpression(scope)) && scope.name?.text === name) {
        found = scope.name;
        kind = 'other';
      }
      // An arrow function's expression body has no block: its locals are its parameters only.
    } else if (isSourceFile(scope)) {
      found = declarationInStatements(scope.statements, name) ?? varIn(scope, name);
      kind = 'module';
      for (const s of scope.statements) {
        if (found) break;
        if (isImportDeclaration(s) && s.importClause) {
          const c = s.importClause;
          if (c.name?.text === name) found = c.name;
          const b = c.namedBindings;
          if (!found && b && isNamespaceImport(b) && b.name.text === name) found = b.name;
          if (!found && b && isNamedImports(b)) found = b.elements.find((e) => e.name.text === name)?.name;
        }
      }
    }
    if (found) {
      if (kind === 'local') {
        const fn = enclosingFn(found);
        if (!fn) kind = 'module';
        return { name: found, kind, fn };
      }
      return { name: found, kind, fn: enclosingFn(found) };
    }
  }
  return undefined;
}
