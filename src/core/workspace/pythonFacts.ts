// The workspace index's facts of one Python module, read from the syntax tree the analysis builds
// (src/core/python/view.ts): module-level classes with their bases as written, and the module-level
// bindings that can stand for a class (imports, `import … as`, `from x import Y as Z`, `Base = NodeEffect`).
import { importsOf } from '../python/imports';
import { baseName as modelBaseName, collectAliases, moduleLevelStatements } from '../python/model';
import {
  type Node, callInfo, children, dottedName, field, isAsyncFunction, isDocstring, statements, unwrapDecorated,
} from '../python/syntax';
import type { BaseFacts, ClassFacts, HandleFacts, PythonBinding, PythonModuleFacts } from './facts';

/** `a.b.c` of a dotted_name, identifier or attribute chain. */
function dottedText(node: Node | null): string | null {
  if (!node) return null;
  if (node.type === 'dotted_name') return children(node).map((c) => c.text).join('.');
  return dottedName(node);
}

/** `from ..a.b import x`: the level (number of dots) and the module after them. */
function moduleOf(node: Node): { module: string; level: number } | null {
  if (node.type === 'relative_import') {
    const prefix = children(node).find((c) => c.type === 'import_prefix');
    const level = prefix ? prefix.text.replace(/\s/g, '').length : 0;
    const name = children(node).find((c) => c.type === 'dotted_name');
    return { module: name ? dottedText(name)! : '', level };
  }
  const module = dottedText(node);
  return module ? { module, level: 0 } : null;
}

function readImport(stmt: Node, bindings: [string, PythonBinding][], stars: PythonModuleFacts['starImports']): void {
  if (stmt.type === 'import_statement') {
    for (const name of stmt.childrenForFieldName('name')) {
      if (name.type === 'aliased_import') {
        const module = dottedText(field(name, 'name'));
        const alias = field(name, 'alias')?.text;
        if (module && alias) bindings.push([alias, { kind: 'module', module, level: 0 }]);
      } else {
        // `import a.b.c` binds `a`, the top package.
        const module = dottedText(name);
        if (module) bindings.push([module.split('.')[0], { kind: 'module', module: module.split('.')[0], level: 0 }]);
      }
    }
    return;
  }
  const moduleNode = field(stmt, 'module_name');
  const from = moduleNode && moduleOf(moduleNode);
  if (!from) return;
  if (children(stmt).some((c) => c.type === 'wildcard_import')) {
    stars.push(from);
    return;
  }
  for (const name of stmt.childrenForFieldName('name')) {
    const original = dottedText(name.type === 'aliased_import' ? field(name, 'name') : name);
    const local = name.type === 'aliased_import' ? field(name, 'alias')?.text : original;
    if (original && local) bindings.push([local, { kind: 'from', module: from.module, level: from.level, name: original }]);
  }
}

/** The base expression's dotted parts, type arguments dropped; null for `metaclass=…` and anything not a name. */
function basePath(expr: Node): string[] | null {
  if (expr.type === 'keyword_argument') return null;
  const e = expr.type === 'subscript' ? field(expr, 'value') : expr;
  const dotted = e && dottedName(e);
  return dotted ? dotted.split('.') : null;
}

/** `super().__init__(...)` as a whole statement. */
function isSuperInit(stmt: Node): boolean {
  const expr = stmt.type === 'expression_statement' ? stmt.namedChild(0) : null;
  if (expr?.type !== 'call') return false;
  const info = callInfo(expr);
  return !!info && info.name === '__init__' && info.receiver?.type === 'call' && field(info.receiver, 'function')?.text === 'super';
}

/** A bare annotation `x: int` (no value): the only class-level statement today's gate allows besides a docstring. */
function isBareAnnotation(stmt: Node): boolean {
  const assign = stmt.type === 'expression_statement' ? stmt.namedChild(0) : null;
  return assign?.type === 'assignment' && !field(assign, 'right') && !!field(assign, 'type');
}

/** Today's declarative-node gate (current-era.md §3): nothing but a docstring, bare annotations and a trivial `__init__`. */
function isDeclarative(body: Node | null): boolean {
  for (const stmt of statements(body)) {
    if (isDocstring(stmt) || stmt.type === 'pass_statement' || isBareAnnotation(stmt)) continue;
    if (stmt.type === 'function_definition' && field(stmt, 'name')?.text === '__init__') {
      const rest = statements(field(stmt, 'body')).filter((s) => !isDocstring(s) && s.type !== 'pass_statement');
      if (rest.length === 1 && isSuperInit(rest[0])) continue;
    }
    return false;
  }
  return true;
}

function handleOf(body: Node | null): HandleFacts | null {
  let found: HandleFacts | null = null;
  for (const stmt of statements(body)) {
    const fn = unwrapDecorated(stmt);
    if (fn.type !== 'function_definition' || field(fn, 'name')?.text !== 'handle') continue;
    const params = children(field(fn, 'parameters') ?? fn).filter((p) => p.type !== 'comment');
    const second = params[1];
    const name = second && (second.type === 'identifier' ? second : field(second, 'name') ?? second.namedChild(0));
    found = {
      isAsync: isAsyncFunction(fn),
      parameter: name?.type === 'identifier' ? name.text : null,
      annotated: !!second && (second.type === 'typed_parameter' || second.type === 'typed_default_parameter'),
    };
  }
  return found;
}

/** The facts of one module, from its syntax tree's root. */
export function pythonModuleFacts(root: Node): PythonModuleFacts {
  const bindings: [string, PythonBinding][] = [];
  const starImports: PythonModuleFacts['starImports'] = [];
  const defs: { def: Node; outer: Node }[] = [];
  const stmts = moduleLevelStatements(root);
  for (const stmt of stmts) {
    if (stmt.type === 'import_statement' || stmt.type === 'import_from_statement') {
      readImport(stmt, bindings, starImports);
      continue;
    }
    const def = unwrapDecorated(stmt);
    if (def.type === 'class_definition') {
      const name = field(def, 'name')?.text;
      if (!name) continue;
      bindings.push([name, { kind: 'class', name }]);
      defs.push({ def, outer: stmt });
    } else if (stmt.type === 'expression_statement') {
      const assign = stmt.namedChild(0);
      if (assign?.type !== 'assignment') continue;
      const left = field(assign, 'left');
      const right = dottedName(field(assign, 'right'));
      if (left?.type === 'identifier' && right && right !== left.text) bindings.push([left.text, { kind: 'alias', path: right.split('.') }]);
    }
  }
  // The per-file model's own alias table, so that a base's localName is the name that model gives it.
  const aliases = collectAliases(stmts);
  const classes: ClassFacts[] = defs.map(({ def, outer }) => {
    const nameNode = field(def, 'name')!;
    const superclasses = field(def, 'superclasses');
    const bases: BaseFacts[] = [];
    for (const expr of superclasses ? children(superclasses) : []) {
      const path = basePath(expr);
      const localName = path && modelBaseName(expr, aliases);
      if (path && localName) bases.push({ path, localName });
    }
    const body = field(def, 'body');
    return {
      name: nameNode.text,
      start: outer.startIndex, end: outer.endIndex, nameStart: nameNode.startIndex, nameEnd: nameNode.endIndex,
      line: nameNode.startPosition.row, endLine: outer.endPosition.row,
      bases, declarative: isDeclarative(body), handle: handleOf(body),
    };
  });
  return { language: 'python', classes, bindings, starImports, imports: importsOf(root) };
}
