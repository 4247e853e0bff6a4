// A small name resolver over the syntax tree: which declaration an identifier refers to
// (block-scoped let/const, function-scoped var, parameters, catch bindings), without a type checker.
import { ts } from 'ts-morph';
import { type Node, isFunctionNode, walk } from '../syntax';

export type BindingKind = 'local' | 'parameter' | 'module' | 'other';

export interface Binding {
  /** The declaring identifier. */
  name: ts.Identifier;
  kind: BindingKind;
  /** The function whose local it is (for locals and parameters). */
  fn: ts.FunctionLikeDeclaration | undefined;
}

function declaredIn(names: ts.BindingName, name: string): ts.Identifier | undefined {
  if (ts.isIdentifier(names)) return names.text === name ? names : undefined;
  for (const el of names.elements) {
    if (ts.isOmittedExpression(el)) continue;
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

/** `var` declarations anywhere in a function body (not in nested functions). */
function varIn(body: Node, name: string): ts.Identifier | undefined {
  let found: ts.Identifier | undefined;
  walk(body, (n) => {
    if (found) return false;
    if (ts.isVariableDeclarationList(n) && !(n.flags & ts.NodeFlags.BlockScoped)) found = inDeclarationList(n, name);
    return !found;
  }, { intoFunctions: false });
  return found;
}

function declarationInStatements(statements: readonly ts.Statement[], name: string): ts.Identifier | undefined {
  for (const s of statements) {
    if (ts.isVariableStatement(s)) {
      const found = inDeclarationList(s.declarationList, name);
      if (found) return found;
    } else if ((ts.isFunctionDeclaration(s) || ts.isClassDeclaration(s)) && s.name?.text === name) {
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
    if (ts.isBlock(scope) || ts.isModuleBlock(scope)) {
      found = declarationInStatements(scope.statements, name);
      if (!found && isFunctionNode(scope.parent)) found = varIn(scope, name);
    } else if (ts.isCaseBlock(scope)) {
      for (const clause of scope.clauses) {
        found = declarationInStatements(clause.statements, name);
        if (found) break;
      }
    } else if ((ts.isForStatement(scope) || ts.isForOfStatement(scope) || ts.isForInStatement(scope)) &&
      scope.initializer && ts.isVariableDeclarationList(scope.initializer)) {
      found = inDeclarationList(scope.initializer, name);
    } else if (ts.isCatchClause(scope) && scope.variableDeclaration) {
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
      if (!found && (ts.isFunctionExpression(scope)) && scope.name?.text === name) {
        found = scope.name;
        kind = 'other';
      }
      // An arrow function's expression body has no block: its locals are its parameters only.
    } else if (ts.isSourceFile(scope)) {
      found = declarationInStatements(scope.statements, name) ?? varIn(scope, name);
      kind = 'module';
      for (const s of scope.statements) {
        if (found) break;
        if (ts.isImportDeclaration(s) && s.importClause) {
          const c = s.importClause;
          if (c.name?.text === name) found = c.name;
          const b = c.namedBindings;
          if (!found && b && ts.isNamespaceImport(b) && b.name.text === name) found = b.name;
          if (!found && b && ts.isNamedImports(b)) found = b.elements.find((e) => e.name.text === name)?.name;
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
