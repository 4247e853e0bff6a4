// Tree helpers shared by the statement-level rules (ONEX003, ONEX004, ONEX008, ONEX011): where the
// rules look, how a receiver or an exception handler reads, and when a syntax error makes a
// construct too uncertain to judge.
import type { PyClass, PyFile } from '../python/model';
import { ONEX_ERROR_NAMES } from '../python/model';
import { RUNTIME_HOST_ERRORS } from '../framework';
import { handlerClasses } from './classRoles';
import { type Node, children, dottedName, field, lastName } from '../python/syntax';

type InNodeClass = { cls: PyClass; node: Node };

/** ONEX003, ONEX004 and ONEX008 read the same nodes of the judged classes: each query once per file. */
const cache = new WeakMap<PyFile, Map<string, InNodeClass[]>>();

function memoised(file: PyFile, key: string, compute: () => InNodeClass[]): InNodeClass[] {
  let perFile = cache.get(file);
  if (!perFile) cache.set(file, (perFile = new Map()));
  let found = perFile.get(key);
  if (!found) perFile.set(key, (found = compute()));
  return found;
}

/**
 * The classes the statement-level rules (ONEX003, ONEX004, ONEX007) look inside: the node classes, and in
 * today's era also the handler classes, where today's code puts its logic (rules.md, "Eras").
 */
export function judgedClasses(file: PyFile): PyClass[] {
  if (file.era.era !== 'current') return file.nodeClasses;
  const handlers = handlerClasses(file);
  return handlers.length === 0 ? file.nodeClasses : file.classes.filter((c) => c.isNode || handlers.includes(c));
}

/** Every node of the given types inside the judged classes (nested functions and classes included). */
export function nodesInNodeClasses(file: PyFile, types: ReadonlySet<string>): InNodeClass[] {
  return memoised(file, [...types].sort().join(','), () =>
    judgedClasses(file).flatMap((cls) => cls.node.descendantsOfType([...types]).map((node) => ({ cls, node }))));
}

/**
 * The calls in node classes whose callee is named one of `names` (`name(...)` or `<x>.name(...)`),
 * in document order: found from the names rather than by reading every call.
 */
export function callsNamedInNodeClasses(file: PyFile, names: ReadonlySet<string>): InNodeClass[] {
  return memoised(file, `named:${[...names].sort().join(',')}`, () => judgedClasses(file).flatMap((cls) => {
    const calls: Node[] = [];
    for (const name of cls.node.descendantsOfTypeWithText('identifier', names)) {
      const up = name.parent;
      if (up?.type === 'call' && field(up, 'function')?.id === name.id) calls.push(up);
      else if (up?.type === 'attribute' && field(up, 'attribute')?.id === name.id && up.parent?.type === 'call' &&
        field(up.parent, 'function')?.id === up.id) calls.push(up.parent);
    }
    // A call's callee name comes after the calls nested in its receiver: back to document order.
    return calls.sort((a, b) => a.id - b.id).map((node) => ({ cls, node }));
  }));
}

/** Descendants of the given types that belong to `scope`'s own function (not to nested functions, lambdas or classes). */
export function descendantsInSameScope(scope: Node, types: readonly string[]): Node[] {
  const home = judgedScopeOf(scope);
  return scope.descendantsOfType(types).filter((n) => judgedScope(n)?.id === home?.id);
}

function judgedScopeOf(node: Node): Node | null {
  return SCOPES.has(node.type) ? node : judgedScope(node);
}

const SCOPES = new Set(['function_definition', 'lambda', 'class_definition']);

/** The innermost function (or lambda) around node, stopping at a class; null at class or module level. */
export function enclosingFunctionOrLambda(node: Node): Node | null {
  for (let p = node.parent; p; p = p.parent) {
    if (p.type === 'function_definition' || p.type === 'lambda') return p;
    if (p.type === 'class_definition') return null;
  }
  return null;
}

/** The scope whose syntax must be intact to judge a construct: the enclosing function, else the class. */
export function judgedScope(node: Node): Node | null {
  for (let p = node.parent; p; p = p.parent) {
    if (p.type === 'function_definition' || p.type === 'lambda' || p.type === 'class_definition') return p;
  }
  return null;
}

/** Whether any ancestor of node (up to, not including, `stop`) is an ERROR node. */
export function insideError(node: Node, stop?: Node | null): boolean {
  for (let p = node.parent; p && p.id !== stop?.id; p = p.parent) if (p.type === 'ERROR') return true;
  return false;
}

/** Source text of an expression on one line (runs of whitespace collapsed), for messages. */
export function oneLine(node: Node): string {
  return node.text.replace(/\s+/g, ' ').replace(/\(\s+/g, '(').replace(/\s+\)/g, ')').replace(/\.\s+/g, '.');
}

/** How a call is named in messages: `self.kafka_client.publish(...)`. */
export function callLabel(call: Node): string {
  const func = field(call, 'function');
  return `${func ? oneLine(func) : 'call'}(...)`;
}

/**
 * The name a receiver goes by: the identifier, the last attribute, or the name of the function that
 * produced it (`self.get_kafka_client()`); null for anything else (subscripts, parenthesised awaits).
 */
export function receiverName(receiver: Node | null): string | null {
  if (!receiver) return null;
  if (receiver.type === 'identifier') return receiver.text;
  if (receiver.type === 'attribute') return field(receiver, 'attribute')?.text ?? null;
  if (receiver.type === 'call') return receiverName(field(receiver, 'function'));
  return null;
}

/**
 * Whether an expression names one of the OnexError classes (`OnexError`, an alias, `errors.ModelOnexError`,
 * today's `InfraConnectionError` imported from omnibase_infra).
 */
export function isOnexErrorName(file: PyFile, expr: Node | null): boolean {
  if (!expr) return false;
  if (expr.type === 'identifier') return file.onexErrorNames.has(expr.text);
  if (expr.type === 'attribute') {
    const d = dottedName(expr);
    if (!d) return false;
    const name = lastName(d);
    return ONEX_ERROR_NAMES.includes(name) || (file.importsInfra && RUNTIME_HOST_ERRORS.includes(name));
  }
  return false;
}

/** The call in `raise X(...)` when X is an OnexError name, else null. */
export function raisedOnexErrorCall(file: PyFile, raise: Node): Node | null {
  const expr = children(raise).find((c) => c.type !== 'comment' && c.id !== field(raise, 'cause')?.id) ?? null;
  if (expr?.type !== 'call') return null;
  return isOnexErrorName(file, field(expr, 'function')) ? expr : null;
}

export interface HandlerInfo {
  clause: Node;
  /** The caught type expressions (flattened tuples); empty for a bare `except:`. */
  types: Node[];
  /** The `as` name, if any. */
  alias: Node | null;
  /** The expression after `except` (type or tuple), before any `as`. */
  typeExpr: Node | null;
  bare: boolean;
  /** `except*` (exception groups): the rules leave these alone. */
  star: boolean;
  block: Node | null;
}

/** Reads an except clause: caught types, alias, bareness. */
export function handlerInfo(clause: Node): HandlerInfo {
  const block = children(clause).find((c) => c.type === 'block') ?? null;
  const star = clause.children.some((c) => c?.type === '*');
  let typeExpr: Node | null = field(clause, 'value') ??
    children(clause).find((c) => c.type !== 'block' && c.type !== 'comment') ?? null;
  let alias: Node | null = field(clause, 'alias');
  if (typeExpr?.type === 'as_pattern') {
    const target = field(typeExpr, 'alias');
    alias = target ? (children(target)[0] ?? target) : null;
    typeExpr = children(typeExpr).find((c) => c.type !== 'as_pattern_target' && c.type !== 'comment') ?? null;
  } else if (alias?.type === 'as_pattern_target') alias = children(alias)[0] ?? alias;
  const types: Node[] = [];
  const collect = (n: Node) => {
    if (n.type === 'tuple' || n.type === 'parenthesized_expression') children(n).filter((c) => c.type !== 'comment').forEach(collect);
    else types.push(n);
  };
  if (typeExpr) collect(typeExpr);
  return { clause, types, alias, typeExpr, bare: !typeExpr, star, block };
}

/** `except Exception`, `except BaseException`, bare `except:` (also inside a tuple). */
export function isBroadHandler(h: HandlerInfo): boolean {
  if (h.star) return false;
  if (h.bare) return true;
  return h.types.some((t) => {
    const d = dottedName(t);
    return !!d && (lastName(d) === 'Exception' || lastName(d) === 'BaseException');
  });
}

/** The except clauses of a try statement, in order. */
export function handlersOf(tryStmt: Node): HandlerInfo[] {
  return children(tryStmt).filter((c) => c.type === 'except_clause' || c.type === 'except_group_clause').map(handlerInfo);
}

/** The innermost try statement whose body (not handlers, else or finally) holds node, within node's function. */
export function enclosingTryBodies(node: Node): Node[] {
  const out: Node[] = [];
  let child = node;
  for (let p = node.parent; p; child = p, p = p.parent) {
    if (p.type === 'function_definition' || p.type === 'lambda' || p.type === 'class_definition') break;
    if (p.type === 'try_statement' && field(p, 'body')?.id === child.id) out.push(p);
  }
  return out;
}

/** The innermost except clauses around node (innermost first), within node's function. */
export function enclosingHandlers(node: Node): Node[] {
  const out: Node[] = [];
  for (let p = node.parent; p; p = p.parent) {
    if (p.type === 'function_definition' || p.type === 'lambda' || p.type === 'class_definition') break;
    if (p.type === 'except_clause' || p.type === 'except_group_clause') out.push(p);
  }
  return out;
}

/** The statement node (child of a block or module) that contains node. */
export function statementOf(node: Node): Node {
  let n = node;
  while (n.parent && n.parent.type !== 'block' && n.parent.type !== 'module') n = n.parent;
  return n;
}
