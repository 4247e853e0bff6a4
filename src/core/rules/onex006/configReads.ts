// ONEX006's analysis: reads of the container's configuration in a node class, and whether a
// defensive guard protects them.
//
// Reads: `<C>.config.get(...)`, `<C>.config[...]` and `self.container.config.<attr>`, where <C> is
// `container`, `self.container` (or `_container`, `self._container`). Guards, within the same function:
//  - a `try` whose handler catches Exception, BaseException, AttributeError, KeyError, LookupError
//    (or is bare), or `with suppress(...)` of one of those;
//  - a test that mentions `hasattr(<...>config, "get")` (or `callable(<...>config.get)`): the body of
//    an `if`/`elif`, the true branch of a conditional expression and the right operand of `and` when
//    the test is positive; the `else` branch, the right operand of `or`, and the statements after an
//    `if` that exits (return/raise/continue/break) when it is negated;
//  - an earlier such test of the same configuration object in the same function (the author handled
//    the configuration's shape there; the spec's production `__init__` then reads the other keys
//    directly);
//  - a helper method of the class whose every call (`self.helper(...)`) is itself guarded.
import type { PyClass } from '../../python/model';
import { type Node, children, dottedName, exceptTypes, field, lastName, stringValue, walk } from '../../python/syntax';
import { enclosingFunctionNode, identifiersNamed, inNestedClass, selfAttributesByName, unparen } from '../pythonScope';

export { enclosingFunctionNode };

const CONTAINER_NAMES = new Set(['container', '_container', 'self.container', 'self._container']);
const GUARD_EXCEPTIONS = new Set(['Exception', 'BaseException', 'AttributeError', 'KeyError', 'LookupError']);
const FUNCTION_TYPES = new Set(['function_definition', 'lambda']);

export type ConfigReadKind = 'get' | 'subscript' | 'attribute';

export interface ConfigRead {
  /** The reported expression: the call, the subscript or the attribute access. */
  node: Node;
  kind: ConfigReadKind;
  /** The `<C>.config` expression. */
  config: Node;
  /** The container expression's text (`container`, `self.container`). */
  container: string;
}

/** `<C>.config` with <C> one of the container names; returns the container's dotted text. */
export function containerOfConfig(node: Node | null): string | null {
  if (!node || node.type !== 'attribute' || field(node, 'attribute')?.text !== 'config') return null;
  const object = dottedName(field(node, 'object'));
  return object && CONTAINER_NAMES.has(object) ? object : null;
}

/** Whether `node` is written to (assignment, augmented assignment or `del` target). */
function isStoreTarget(node: Node): boolean {
  let child = node;
  for (let p = node.parent; p; child = p, p = p.parent) {
    if (p.type === 'assignment' || p.type === 'augmented_assignment') return field(p, 'left')?.id === child.id;
    if (p.type === 'delete_statement') return true;
    if (!['pattern_list', 'tuple_pattern', 'list_pattern', 'tuple', 'list', 'parenthesized_expression'].includes(p.type)) return false;
  }
  return false;
}

/** Classifies a node as a configuration read, or null. */
export function configRead(node: Node): ConfigRead | null {
  if (node.type === 'call') {
    const func = field(node, 'function');
    if (func?.type !== 'attribute' || field(func, 'attribute')?.text !== 'get') return null;
    const config = field(func, 'object');
    const container = containerOfConfig(config);
    return container && config ? { node, kind: 'get', config, container } : null;
  }
  if (node.type === 'subscript') {
    const config = field(node, 'value');
    const container = containerOfConfig(config);
    if (!container || !config || isStoreTarget(node)) return null;
    return { node, kind: 'subscript', config, container };
  }
  if (node.type === 'attribute') {
    const config = field(node, 'object');
    const container = containerOfConfig(config);
    const attr = field(node, 'attribute')?.text;
    if (!container || !config || !container.startsWith('self.') || !attr || attr === 'get') return null;
    // A method of the configuration object (`config.from_dict(...)`, `config.override(...)`) is not a read.
    if (node.parent?.type === 'call' && field(node.parent, 'function')?.id === node.id) return null;
    if (isStoreTarget(node)) return null;
    return { node, kind: 'attribute', config, container };
  }
  return null;
}

/** Every configuration read in the class (nested functions included, nested classes excluded). */
export function configReadsIn(cls: PyClass): ConfigRead[] {
  const out: ConfigRead[] = [];
  if (!cls.body) return out;
  // Every read contains a `<C>.config` attribute: find those from the type index, then look at their parents.
  for (const config of cls.body.descendantsOfType(['attribute'])) {
    // The node's own text is a cheap first filter; the tree decides (containerOfConfig).
    if (!config.text.endsWith('config') || !containerOfConfig(config) || inNestedClass(config, cls.node)) continue;
    const parent = config.parent;
    if (!parent) continue;
    const candidate = parent.type === 'attribute' && field(parent, 'attribute')?.text === 'get' ? parent.parent : parent;
    const read = candidate ? configRead(candidate) : null;
    if (read && read.config.id === config.id) out.push(read);
  }
  return out;
}

/** `container.config` and `self.container.config` are the same object for guarding purposes. */
function normalizeConfigText(text: string): string {
  return text.replace(/\s+/g, '').replace(/^self\./, '').replace(/^_+/, '');
}

/** Whether an expression names a configuration object: `...config`, `cfg`, `self._config`. */
function looksLikeConfig(node: Node | null): boolean {
  if (!node) return false;
  const d = dottedName(unparen(node));
  if (!d) return false;
  const last = lastName(d).toLowerCase();
  return last.includes('config') || last === 'cfg' || last === 'conf' || last === 'settings';
}

interface ConfigTest {
  call: Node;
  /** true when the test asserts the config has `get` (an even number of `not` around it). */
  positive: boolean;
  /** Normalised text of the configuration object tested. */
  configText: string;
}

/** `hasattr(<config>, "get")`, `callable(<config>.get)`, `callable(getattr(<config>, "get", ...))`. */
function asConfigTest(call: Node): { config: Node } | null {
  if (call.type !== 'call') return null;
  const func = field(call, 'function');
  const args = field(call, 'arguments');
  if (func?.type !== 'identifier' || !args) return null;
  const positional = children(args).filter((a) => a.type !== 'comment' && a.type !== 'keyword_argument');
  if (func.text === 'hasattr' && positional.length === 2 && stringValue(positional[1]) === 'get' && looksLikeConfig(positional[0])) {
    return { config: positional[0] };
  }
  if (func.text === 'callable' && positional.length === 1) {
    const arg = unparen(positional[0]);
    if (arg.type === 'attribute' && field(arg, 'attribute')?.text === 'get' && looksLikeConfig(field(arg, 'object'))) {
      return { config: field(arg, 'object')! };
    }
    if (arg.type === 'call') {
      const inner = field(arg, 'function');
      const innerArgs = field(arg, 'arguments');
      const innerPositional = innerArgs ? children(innerArgs).filter((a) => a.type !== 'comment') : [];
      if (inner?.text === 'getattr' && innerPositional.length >= 2 && stringValue(innerPositional[1]) === 'get' &&
        looksLikeConfig(innerPositional[0])) return { config: innerPositional[0] };
    }
  }
  return null;
}

/** The configuration tests inside an expression, with their polarity relative to the expression. */
export function configTestsIn(expr: Node | null): ConfigTest[] {
  if (!expr) return [];
  const out: ConfigTest[] = [];
  walk(expr, (n) => {
    if (FUNCTION_TYPES.has(n.type)) return false;
    const test = n.type === 'call' ? asConfigTest(n) : null;
    if (!test) return true;
    let negations = 0;
    for (let p = n.parent; p && p.id !== expr.id; p = p.parent) if (p.type === 'not_operator') negations++;
    if (expr.type === 'not_operator' && n.id !== expr.id) negations++;
    out.push({ call: n, positive: negations % 2 === 0, configText: normalizeConfigText(test.config.text) });
    return false;
  });
  return out;
}

function hasTest(expr: Node | null, positive: boolean): boolean {
  return configTestsIn(expr).some((t) => t.positive === positive);
}

function catchesGuardException(tryStmt: Node): boolean {
  for (const clause of children(tryStmt)) {
    if (clause.type !== 'except_clause' && clause.type !== 'except_group_clause') continue;
    const { names, bare } = exceptTypes(clause);
    if (bare || names.some((n) => GUARD_EXCEPTIONS.has(n))) return true;
  }
  return false;
}

function isSuppressGuard(withStmt: Node): boolean {
  const clause = children(withStmt).find((c) => c.type === 'with_clause');
  if (!clause) return false;
  for (const item of children(clause)) {
    const value = item.type === 'with_item' ? field(item, 'value') : null;
    const call = value?.type === 'as_pattern' ? children(value)[0] : value;
    if (call?.type !== 'call') continue;
    const name = dottedName(field(call, 'function'));
    if (!name || lastName(name) !== 'suppress') continue;
    const args = field(call, 'arguments');
    for (const a of args ? children(args) : []) {
      const d = dottedName(a);
      if (d && GUARD_EXCEPTIONS.has(lastName(d))) return true;
    }
  }
  return false;
}

const EXITS = new Set(['return_statement', 'raise_statement', 'continue_statement', 'break_statement']);

/** An `if` whose body always exits (its last statement returns, raises, continues or breaks). */
function exitsEarly(ifStmt: Node): boolean {
  const body = field(ifStmt, 'consequence');
  const stmts = body ? children(body).filter((c) => c.type !== 'comment') : [];
  const last = stmts[stmts.length - 1];
  return !!last && EXITS.has(last.type);
}

/**
 * Whether `node` is guarded by a construct between it and its enclosing function (that function
 * included, nested functions excluded).
 */
export function isLocallyGuarded(node: Node): boolean {
  let child = node;
  for (let p = node.parent; p; child = p, p = p.parent) {
    if (p.type === 'class_definition') return false;
    switch (p.type) {
      case 'try_statement':
        if (field(p, 'body')?.id === child.id && catchesGuardException(p)) return true;
        break;
      case 'with_statement':
        if (field(p, 'body')?.id === child.id && isSuppressGuard(p)) return true;
        break;
      case 'if_statement': {
        const condition = field(p, 'condition');
        if (field(p, 'consequence')?.id === child.id && hasTest(condition, true)) return true;
        if ((child.type === 'else_clause' || child.type === 'elif_clause') && hasTest(condition, false)) return true;
        break;
      }
      case 'elif_clause': {
        const condition = field(p, 'condition');
        if (field(p, 'consequence')?.id === child.id && hasTest(condition, true)) return true;
        break;
      }
      case 'conditional_expression': {
        const [consequence, condition, alternative] = children(p).filter((c) => c.type !== 'comment');
        if (consequence?.id === child.id && hasTest(condition, true)) return true;
        if (alternative?.id === child.id && hasTest(condition, false)) return true;
        break;
      }
      case 'boolean_operator': {
        const operator = field(p, 'operator')?.type;
        if (field(p, 'right')?.id === child.id) {
          if (operator === 'and' && hasTest(field(p, 'left'), true)) return true;
          if (operator === 'or' && hasTest(field(p, 'left'), false)) return true;
        }
        break;
      }
      case 'block':
      case 'module': {
        // `if not hasattr(config, "get"): return default` before the statement holding the read.
        for (const sibling of children(p)) {
          if (sibling.startIndex >= child.startIndex) break;
          if (sibling.type === 'if_statement' && exitsEarly(sibling) && hasTest(field(sibling, 'condition'), false)) return true;
        }
        break;
      }
    }
    if (FUNCTION_TYPES.has(p.type)) return false;
  }
  return false;
}

/** The method of the class (a direct member) that contains the node, if any. */
export function memberMethodOf(cls: PyClass, node: Node): { name: string; node: Node } | null {
  for (const [name, m] of cls.methods) {
    if (node.startIndex >= m.node.startIndex && node.endIndex <= m.node.endIndex) return { name, node: m.node };
  }
  return null;
}

/**
 * A read inside a function nested in another function, where every use of the nested function's name
 * in the outer function is itself guarded (`try: await inner()` with `inner` defined just above).
 */
function nestedFunctionGuarded(node: Node, depth: number): boolean {
  if (depth > 3) return false;
  const fn = enclosingFunctionNode(node);
  if (!fn || fn.type !== 'function_definition') return false;
  const outer = enclosingFunctionNode(fn);
  const name = field(fn, 'name');
  if (!outer || !name) return false;
  const body = field(outer, 'body');
  if (!body) return false;
  const uses = identifiersNamed(body, name.text).filter((n) => n.id !== name.id);
  return uses.length > 0 && uses.every((use) => {
    const usedIn = enclosingFunctionNode(use);
    if (usedIn?.id !== outer.id) return false;
    return isLocallyGuarded(use) || nestedFunctionGuarded(use, depth + 1);
  });
}

/** The guard judge for one class: local guards, earlier tests, and helpers whose callers are all guarded. */
export class ConfigGuards {
  private readonly helperGuarded = new Map<string, boolean>();
  /** The configuration tests of each function body (by the body's node id): where, and of what. */
  private readonly testsByBody = new Map<number, { start: number; target: string }[]>();

  constructor(private readonly cls: PyClass) {}

  isGuarded(read: ConfigRead): boolean {
    if (isLocallyGuarded(read.node) || this.followsConfigTest(read)) return true;
    if (nestedFunctionGuarded(read.node, 0)) return true;
    const method = memberMethodOf(this.cls, read.node);
    return !!method && method.name !== '__init__' && this.allCallsGuarded(method.name, 0);
  }

  /** Whether a configuration test of the same configuration object precedes the read in its function. */
  private followsConfigTest(read: ConfigRead): boolean {
    const fn = enclosingFunctionNode(read.node);
    const body = fn ? field(fn, 'body') : null;
    if (!body) return false;
    let tests = this.testsByBody.get(body.id);
    if (!tests) {
      tests = [];
      for (const call of body.descendantsOfType('call')) {
        const test = asConfigTest(call);
        if (test) tests.push({ start: call.startIndex, target: normalizeConfigText(test.config.text) });
      }
      this.testsByBody.set(body.id, tests);
    }
    const target = normalizeConfigText(read.config.text);
    return tests.some((t) => t.start < read.node.startIndex && t.target === target);
  }

  /** Every `self.<name>(...)` (or `self.<name>` passed along) in the class is guarded; at least one exists. */
  private allCallsGuarded(name: string, depth: number): boolean {
    const cached = this.helperGuarded.get(name);
    if (cached !== undefined) return cached;
    if (depth > 3) return false;
    this.helperGuarded.set(name, false); // cycles count as unguarded
    const body = this.cls.body;
    const uses = body ? (selfAttributesByName(this.cls.node).get(name) ?? []).filter((n) => body.contains(n)) : [];
    const guarded = uses.length > 0 && uses.every((use) => {
      if (isLocallyGuarded(use)) return true;
      const caller = memberMethodOf(this.cls, use);
      return !!caller && caller.name !== '__init__' && caller.name !== name && this.allCallsGuarded(caller.name, depth + 1);
    });
    this.helperGuarded.set(name, guarded);
    return guarded;
  }
}
