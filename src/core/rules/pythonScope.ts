// Scope and name-binding facts over tree-sitter-python trees, shared by ONEX006, ONEX007 and ONEX010.
// Python scopes are modules, class bodies, functions and lambdas; comprehensions are folded into the
// scope that contains them (they may read its names, which is all these rules need).
import { type Node, children, field } from '../python/syntax';

interface RangeEntry {
  node: Node;
  start: number;
  end: number;
}

/**
 * The scopes and ERROR nodes of one tree, by start offset, so that "the scopes around X" is answered
 * from offsets with one list per tree.
 */
class FileIndex {
  readonly root: Node;
  /** Functions, lambdas and classes, by start offset. */
  readonly scopes: RangeEntry[];
  readonly errors: RangeEntry[];

  constructor(root: Node) {
    this.root = root;
    this.scopes = root.descendantsOfType(['class_definition', 'function_definition', 'lambda'])
      .map((node) => ({ node, start: node.startIndex, end: node.endIndex }));
    this.errors = root.hasError
      ? root.descendantsOfType('ERROR').map((node) => ({ node, start: node.startIndex, end: node.endIndex }))
      : [];
  }

  /** Entries strictly containing the node (an entry with the node's exact range is the node or a wrapper of it). */
  containing(list: RangeEntry[], node: Node): RangeEntry[] {
    const start = node.startIndex;
    const end = node.endIndex;
    const out: RangeEntry[] = [];
    for (const e of list) {
      if (e.start > start) break;
      if (end <= e.end && (e.start !== start || e.end !== end)) out.push(e);
    }
    return out.reverse(); // innermost first
  }
}

const fileIndexes = new WeakMap<object, FileIndex>();

function rangeIndex(node: Node): FileIndex {
  let index = fileIndexes.get(node.tree);
  if (!index) {
    index = new FileIndex(node.tree.rootNode);
    fileIndexes.set(node.tree, index);
  }
  return index;
}

/** The scope a node belongs to: its nearest enclosing function, lambda or class, else the module. */
export function scopeOf(node: Node): Node {
  const index = rangeIndex(node);
  return index.containing(index.scopes, node)[0]?.node ?? index.root;
}

/** The innermost function or lambda around a node; null when the innermost scope is a class or the module. */
export function enclosingFunctionNode(node: Node): Node | null {
  const scope = scopeOf(node);
  return scope.type === 'function_definition' || scope.type === 'lambda' ? scope : null;
}

/** Enclosing function and lambda scopes of a node, innermost first (classes and the module are not included). */
export function enclosingFunctionScopes(node: Node): Node[] {
  const index = rangeIndex(node);
  return index.containing(index.scopes, node).map((e) => e.node).filter((n) => n.type !== 'class_definition');
}

/** Whether node lies in a class nested inside `cls` (a nested class has its own `self`). */
export function inNestedClass(node: Node, cls: Node): boolean {
  const index = rangeIndex(node);
  return index.containing(index.scopes, node).some((e) => e.node.type === 'class_definition' && e.start > cls.startIndex && e.end <= cls.endIndex);
}

const selfAttributeIndex = new WeakMap<Node, Map<string, Node[]>>();

/**
 * The `self.<attr>` references under a class node (those in nested classes, which have their own
 * `self`, left out), by attribute name: read once per class, for every rule that asks.
 */
export function selfAttributesByName(cls: Node): Map<string, Node[]> {
  let byName = selfAttributeIndex.get(cls);
  if (byName) return byName;
  byName = new Map();
  for (const n of cls.descendantsOfType('attribute')) {
    const attr = field(n, 'attribute');
    if (!attr || field(n, 'object')?.text !== 'self' || inNestedClass(n, cls)) continue;
    const list = byName.get(attr.text);
    if (list) list.push(n);
    else byName.set(attr.text, [n]);
  }
  selfAttributeIndex.set(cls, byName);
  return byName;
}

/** Whether an ERROR node strictly inside `stop` contains node. */
export function insideErrorNode(node: Node, stop: Node): boolean {
  const index = rangeIndex(node);
  return index.containing(index.errors, node).some((e) => e.start >= stop.startIndex && e.end <= stop.endIndex && e.node.id !== stop.id);
}

/** Nodes of the given types that belong to `scope` itself (nested functions, lambdas and classes excluded). */
export function nodesInScope(scope: Node, types: ReadonlySet<string>): Node[] {
  return scope.descendantsOfType([...types]).filter((n) => n.id !== scope.id && scopeOf(n).id === scope.id);
}

/** Strips parentheses: `((x))` → `x`. */
export function unparen(node: Node): Node {
  let n = node;
  while (n.type === 'parenthesized_expression') {
    const inner = children(n).filter((c) => c.type !== 'comment');
    if (inner.length !== 1) break;
    n = inner[0];
  }
  return n;
}

/** The expression a parenthesised expression belongs to, skipping the parentheses around `node`. */
export function parentSkippingParens(node: Node): { parent: Node | null; child: Node } {
  let child = node;
  let parent = node.parent;
  while (parent && parent.type === 'parenthesized_expression') {
    child = parent;
    parent = parent.parent;
  }
  return { parent, child };
}

/** True when an identifier is a use of a variable (not an attribute name or a keyword-argument name). */
export function isVariableIdentifier(id: Node): boolean {
  const parent = id.parent;
  if (!parent) return true;
  if (parent.type === 'attribute' && field(parent, 'attribute')?.id === id.id) return false;
  if (parent.type === 'keyword_argument' && field(parent, 'name')?.id === id.id) return false;
  return true;
}

/** Identifiers a binding target binds (`a`, `a, b`, `(a, [b, *c])`); attributes and subscripts bind nothing. */
export function targetNames(target: Node | null): Node[] {
  if (!target) return [];
  const t = unparen(target);
  if (t.type === 'identifier') return [t];
  if (['pattern_list', 'tuple_pattern', 'list_pattern', 'tuple', 'list', 'list_splat_pattern', 'as_pattern_target'].includes(t.type)) {
    return children(t).flatMap((c) => targetNames(c));
  }
  return [];
}

/** Names a function or lambda binds through its parameters. */
export function parameterNames(fn: Node): string[] {
  return parameterNameNodes(fn).map((n) => n.text);
}

/** The identifiers of a function's or lambda's parameters. */
function parameterNameNodes(fn: Node): Node[] {
  const params = field(fn, 'parameters');
  if (!params) return [];
  const out: Node[] = [];
  for (const p of children(params)) {
    if (p.type === 'identifier') out.push(p);
    else if (['default_parameter', 'typed_default_parameter'].includes(p.type)) {
      const name = field(p, 'name');
      if (name) out.push(name);
    } else if (p.type === 'typed_parameter' || p.type === 'list_splat_pattern' || p.type === 'dictionary_splat_pattern') {
      const id = children(p).find((c) => c.type === 'identifier');
      if (id) out.push(id);
    }
  }
  return out;
}

const BINDING_STATEMENTS: ReadonlySet<string> = new Set([
  'function_definition', 'class_definition', 'assignment', 'augmented_assignment', 'for_statement', 'for_in_clause', 'as_pattern',
  'named_expression', 'global_statement', 'nonlocal_statement',
  'import_statement', 'import_from_statement', 'delete_statement',
]);

export interface Binding {
  name: string;
  /** The node that binds: an assignment, a for statement, an import... */
  site: Node;
  kind: 'assignment' | 'augmented' | 'loop' | 'with' | 'except' | 'walrus' | 'definition' | 'declaration' | 'import' | 'delete' | 'parameter';
}

/**
 * The nodes that may bind names in `scope`. For modules and classes only their own statements are
 * searched (a definition contributes its name, not its body), so the cost follows the scope's own code.
 */
function bindingSites(scope: Node): Node[] {
  const types = [...BINDING_STATEMENTS];
  const own = (n: Node | null): n is Node => !!n && n.id !== scope.id && scopeOf(n).id === scope.id;
  if (scope.type !== 'module' && scope.type !== 'class_definition') return scope.descendantsOfType(types).filter(own);
  const body = scope.type === 'module' ? scope : field(scope, 'body');
  const out: Node[] = [];
  for (const stmt of body ? children(body) : []) {
    const def = stmt.type === 'decorated_definition' ? field(stmt, 'definition') : stmt;
    if (def && (def.type === 'function_definition' || def.type === 'class_definition')) out.push(def);
    else out.push(...stmt.descendantsOfType(types).filter(own));
  }
  return out;
}

/**
 * Every binding made in one scope (nested scopes excluded, but a nested definition's own name is a
 * binding of the outer scope). Imports bind the local name they introduce. `nameOf` reads a bound
 * identifier's name (BindingIndex reads it as a key only).
 */
export function bindingsInScope(scope: Node, nameOf: (id: Node) => string = (id) => id.text): Binding[] {
  const out: Binding[] = [];
  if (scope.type === 'function_definition' || scope.type === 'lambda') {
    for (const id of parameterNameNodes(scope)) out.push({ name: nameOf(id), site: scope, kind: 'parameter' });
  }
  for (const n of bindingSites(scope)) {
    switch (n.type) {
      case 'function_definition':
      case 'class_definition': {
        const name = field(n, 'name');
        if (name) out.push({ name: nameOf(name), site: n, kind: 'definition' });
        break;
      }
      case 'assignment':
        for (const id of targetNames(field(n, 'left'))) out.push({ name: nameOf(id), site: n, kind: 'assignment' });
        break;
      case 'augmented_assignment':
        for (const id of targetNames(field(n, 'left'))) out.push({ name: nameOf(id), site: n, kind: 'augmented' });
        break;
      case 'for_statement':
      case 'for_in_clause':
        for (const id of targetNames(field(n, 'left'))) out.push({ name: nameOf(id), site: n, kind: 'loop' });
        break;
      case 'as_pattern': {
        const alias = field(n, 'alias');
        const kind = n.parent?.type === 'except_clause' || n.parent?.type === 'except_group_clause' ? 'except' : 'with';
        for (const id of targetNames(alias)) out.push({ name: nameOf(id), site: n, kind });
        break;
      }
      case 'named_expression': {
        const name = field(n, 'name');
        if (name) out.push({ name: nameOf(name), site: n, kind: 'walrus' });
        break;
      }
      case 'global_statement':
      case 'nonlocal_statement':
        for (const id of children(n)) if (id.type === 'identifier') out.push({ name: nameOf(id), site: n, kind: 'declaration' });
        break;
      case 'import_statement':
      case 'import_from_statement':
        for (const imported of importedNames(n)) out.push({ name: imported.local, site: n, kind: 'import' });
        break;
      case 'delete_statement':
        for (const id of children(n).flatMap((c) => targetNames(c))) out.push({ name: nameOf(id), site: n, kind: 'delete' });
        break;
    }
  }
  return out;
}

export interface ImportedName {
  /** `time` for `import time` and `from time import time`; the dotted module for `import a.b` (binds `a`). */
  module: string;
  /** The imported name for `from m import name`, null for `import m`. */
  name: string | null;
  /** The name the statement binds in its scope. */
  local: string;
  /** The node of the imported name (dotted_name or aliased_import). */
  node: Node;
}

/** The names an import statement binds. `from m import *` binds nothing we can know. */
export function importedNames(stmt: Node): ImportedName[] {
  const out: ImportedName[] = [];
  if (stmt.type === 'import_statement') {
    for (const c of children(stmt)) {
      if (c.type === 'dotted_name') out.push({ module: c.text, name: null, local: c.text.split('.')[0], node: c });
      else if (c.type === 'aliased_import') {
        const name = field(c, 'name');
        const alias = field(c, 'alias');
        if (name && alias) out.push({ module: name.text, name: null, local: alias.text, node: c });
      }
    }
  } else if (stmt.type === 'import_from_statement') {
    const moduleNode = field(stmt, 'module_name');
    if (!moduleNode) return out;
    for (const c of children(stmt)) {
      if (c.id === moduleNode.id) continue;
      if (c.type === 'dotted_name') out.push({ module: moduleNode.text, name: c.text, local: c.text, node: c });
      else if (c.type === 'aliased_import') {
        const name = field(c, 'name');
        const alias = field(c, 'alias');
        if (name && alias) out.push({ module: moduleNode.text, name: name.text, local: alias.text, node: c });
      }
    }
  }
  return out;
}

/** Every import statement of the file, wherever it sits (module level, functions, `if TYPE_CHECKING:`). */
export function allImports(root: Node): Node[] {
  return root.descendantsOfType(['import_statement', 'import_from_statement']);
}

/** Variable identifiers named `name` under `root` (nested scopes included). */
export function identifiersNamed(root: Node, name: string): Node[] {
  return root.descendantsOfTypeWithText('identifier', new Set([name])).filter(isVariableIdentifier);
}

/**
 * Bindings per scope, grouped by name, computed once per analysis and keyed by the scope's node id.
 */
export class BindingIndex {
  private readonly byScope = new Map<number, Map<string, Binding[]>>();
  /**
   * Every name asked for. The bound identifiers are read as keys looked up in this set (it grows as
   * names are asked): an edit of a name that was never asked for, and does not become one, changes
   * no answer (see SyntaxNode.keyText).
   */
  private readonly asked = new Set<string>();
  private readonly nameOf = (id: Node) => id.keyText(this.asked);

  /** The bindings of `name` in `scope` (none: undefined). */
  get(scope: Node, name: string): readonly Binding[] | undefined {
    this.asked.add(name);
    return this.of(scope).get(name);
  }

  private of(scope: Node): Map<string, Binding[]> {
    let cached = this.byScope.get(scope.id);
    if (!cached) {
      cached = new Map();
      for (const b of bindingsInScope(scope, this.nameOf)) {
        const list = cached.get(b.name) ?? [];
        list.push(b);
        cached.set(b.name, list);
      }
      this.byScope.set(scope.id, cached);
    }
    return cached;
  }

  /** True when a function or lambda around `node` binds `name` itself (other than by an import). */
  shadowedAt(name: string, node: Node): boolean {
    for (const fn of enclosingFunctionScopes(node)) {
      const bindings = this.get(fn, name);
      if (bindings?.some((b) => b.kind !== 'import')) return true;
      if (bindings) return false;
    }
    return false;
  }
}
