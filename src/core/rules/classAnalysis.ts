// What the class-level rules (ONEX001, ONEX002, ONEX005, ONEX009) know about a node class:
// which methods run from its entry points, which calls are expensive, register with service
// discovery or deregister, where it reads a health-check-mode flag, and its lifecycle methods.
// Everything is read from the syntax tree (rules.md, "Where rules look").
import { type PyClass, type PyFile, type PyMethod, methodsWithInherited, resolveName } from '../python/model';
import { type CallInfo, type Node, callInfo, children, field, isDocstring, statements } from '../python/syntax';

/** The classes of the same file a class inherits from, nearest first, the class itself included. */
export function classChain(file: PyFile, cls: PyClass): PyClass[] {
  const out: PyClass[] = [];
  const seen = new Set<string>();
  const visit = (c: PyClass) => {
    if (seen.has(c.name)) return;
    seen.add(c.name);
    out.push(c);
    for (const b of c.bases) {
      const base = file.classesByName.get(b);
      if (base) visit(base);
    }
  };
  visit(cls);
  return out;
}

/** Every base name of the class and of its same-file bases (names as resolved by the model). */
export function allBaseNames(file: PyFile, cls: PyClass): string[] {
  return classChain(file, cls).flatMap((c) => c.bases);
}

/** The name of a method's first parameter (`self` by convention); null for a static method or none. */
export function selfParameter(method: PyMethod): string | null {
  if (method.outer.type === 'decorated_definition') {
    for (const d of children(method.outer)) {
      const expr = d.type === 'decorator' ? d.namedChild(0) : null;
      if (expr?.type === 'identifier' && expr.text === 'staticmethod') return null;
    }
  }
  const params = field(method.node, 'parameters');
  const first = params ? children(params)[0] : undefined;
  if (!first) return null;
  if (first.type === 'identifier') return first.text;
  if (first.type === 'typed_parameter') return children(first).find((c) => c.type === 'identifier')?.text ?? null;
  return null;
}

/** Parameter names of a function, `self` included. */
export function parameterNames(fn: Node): string[] {
  const params = field(fn, 'parameters');
  if (!params) return [];
  const out: string[] = [];
  for (const p of children(params)) {
    if (p.type === 'identifier') out.push(p.text);
    else if (p.type === 'typed_parameter') {
      const id = children(p).find((c) => c.type === 'identifier');
      if (id) out.push(id.text);
    } else if (p.type === 'default_parameter' || p.type === 'typed_default_parameter') {
      const name = field(p, 'name');
      if (name) out.push(name.text);
    }
  }
  return out;
}

/**
 * Descendants of the given types (the node itself included), except those inside a nested
 * definition of the `skip` types. Uses the view's per-type lists: much faster than a
 * JavaScript walk over every node of a long class.
 */
export function descendantsOutside(node: Node, types: readonly string[], skip: readonly string[]): Node[] {
  const found = node.descendantsOfType(types);
  if (found.length === 0) return found;
  const nested = node.descendantsOfType(skip).filter((n) => n.id !== node.id);
  if (nested.length === 0) return found;
  // The outermost nested definitions, in text order (descendantsOfType returns document order,
  // so an inner definition follows the one that contains it); then one binary search per node.
  const outer: { start: number; end: number; id: number }[] = [];
  for (const n of nested) {
    const last = outer[outer.length - 1];
    if (last && n.startIndex < last.end) continue;
    outer.push({ start: n.startIndex, end: n.endIndex, id: n.id });
  }
  return found.filter((n) => {
    let lo = 0;
    let hi = outer.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const range = outer[mid];
      if (n.startIndex < range.start) hi = mid - 1;
      else if (n.startIndex >= range.end) lo = mid + 1;
      else return range.id === n.id; // inside a nested definition (or that definition itself)
    }
    return true;
  });
}

/** Nodes of the types in a method, nested functions and lambdas included, nested classes excluded. */
export function nodesSkippingClasses(node: Node, types: readonly string[]): Node[] {
  return descendantsOutside(node, types, ['class_definition']);
}

/** Nodes of the types in one scope: not inside its nested functions, lambdas or classes. */
export function nodesInScope(scope: Node, types: readonly string[]): Node[] {
  return descendantsOutside(scope, types, ['function_definition', 'lambda', 'class_definition']);
}

/** The class (of the chain) that defines this method object. */
function ownerOf(chain: PyClass[], method: PyMethod): PyClass | null {
  return chain.find((c) => c.methods.get(method.name)?.node.id === method.node.id) ?? null;
}

/** `super().x` / `super(Cls, self).x` as an attribute's object. */
function isSuperCall(node: Node | null): boolean {
  return node?.type === 'call' && field(node, 'function')?.text === 'super';
}

/**
 * Methods reachable from the named entry points: a method is reachable when a reachable method
 * calls it as `self.method(...)` or passes `self.method` on (`callsOnly` keeps calls only);
 * `super().method` resolves to the nearest same-file base that defines it.
 */
export function reachableMethods(file: PyFile, cls: PyClass, entryNames: readonly string[],
  options: { callsOnly?: boolean } = {}): PyMethod[] {
  const all = methodsWithInherited(file, cls);
  const chain = classChain(file, cls);
  const seen = new Set<number>();
  const out: PyMethod[] = [];
  const queue: PyMethod[] = [];
  const enqueue = (m: PyMethod | undefined) => {
    if (!m || seen.has(m.node.id)) return;
    seen.add(m.node.id);
    out.push(m);
    queue.push(m);
  };
  for (const name of entryNames) enqueue(all.get(name));
  while (queue.length > 0) {
    const method = queue.shift()!;
    const self = selfParameter(method);
    const owner = ownerOf(chain, method);
    // (Node.parent is O(depth) in tree-sitter: callees are read from the calls, never by going up.)
    const attributes = options.callsOnly
      ? nodesSkippingClasses(method.node, ['call']).map((c) => field(c, 'function')).filter((f): f is Node => f?.type === 'attribute')
      : nodesSkippingClasses(method.node, ['attribute']);
    for (const n of attributes) {
      const object = field(n, 'object');
      if (!object) continue;
      const isSelf = !!self && object.type === 'identifier' && object.text === self;
      if (!isSelf && !(owner && isSuperCall(object))) continue;
      const attr = field(n, 'attribute')?.text;
      if (!attr) continue;
      if (isSelf) enqueue(all.get(attr));
      else if (owner) {
        for (const b of owner.bases) {
          const base = file.classesByName.get(b);
          const m = base ? methodsWithInherited(file, base).get(attr) : undefined;
          if (m) {
            enqueue(m);
            break;
          }
        }
      }
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Service discovery (ONEX002)

export type DiscoveryCall = 'register' | 'deregister';

/**
 * `…agent.service.register(...)` / `.deregister(...)`, or a method whose name contains
 * `register` (`deregister`/`unregister`) on a receiver whose text contains `consul`.
 */
export function discoveryCallKind(info: CallInfo): DiscoveryCall | null {
  const name = info.name.toLowerCase();
  // Every discovery call has `register` in its name: the receiver is only read for those.
  if (!info.receiver || !name.includes('register')) return null;
  const receiver = info.receiverText.replace(/\s+/g, '');
  if (receiver === 'agent.service' || receiver.endsWith('.agent.service')) {
    if (info.name === 'register') return 'register';
    if (info.name === 'deregister') return 'deregister';
  }
  if (!receiver.toLowerCase().includes('consul')) return null;
  if (name.includes('deregister') || name.includes('unregister')) return 'deregister';
  if (name.includes('register')) return 'register';
  return null;
}

/** The first discovery call of the kind in the methods, with the method it is in. */
export function findDiscoveryCall(methods: readonly PyMethod[], kind: DiscoveryCall): { method: PyMethod; call: CallInfo } | null {
  for (const method of methods) {
    for (const call of nodesSkippingClasses(method.node, ['call'])) {
      // Only method calls whose name contains `register` can be discovery calls: look no further at the rest.
      const func = field(call, 'function');
      if (func?.type !== 'attribute' || !field(func, 'attribute')?.text.toLowerCase().includes('register')) continue;
      const info = callInfo(call);
      if (info && discoveryCallKind(info) === kind) return { method, call: info };
    }
  }
  return null;
}

/** Methods of the class (and its same-file bases) that themselves make a discovery call of the kind. */
export function methodsMaking(file: PyFile, cls: PyClass, kind: DiscoveryCall): PyMethod[] {
  return [...methodsWithInherited(file, cls).values()].filter((m) => findDiscoveryCall([m], kind) !== null);
}

export function entryPointNames(file: PyFile): string[] {
  return ['__init__', ...file.config.startMethods, ...file.config.stopMethods];
}

// ---------------------------------------------------------------------------------------------
// Health-check mode and expensive initialisation (ONEX001)

/** `health_check_mode`, `HEALTH_CHECK_MODE`, `_health_check_mode`, `healthCheckMode`... */
export function mentionsHealthCheckMode(text: string): boolean {
  return text.toLowerCase().replace(/_/g, '').includes('healthcheckmode');
}

/** Whether the subtree reads a health-check-mode flag: a name, an attribute or a string. */
export function readsHealthCheckMode(node: Node): boolean {
  // A name or string can only mention the flag when the function's text does: a cheap necessary
  // condition before the tree is searched (which is what decides; comments do not count).
  if (!node.textMatches(mentionsHealthCheckMode)) return false;
  return nodesSkippingClasses(node, ['identifier', 'string_content']).some((n) => mentionsHealthCheckMode(n.text));
}

export interface ExpensiveCall {
  call: Node;
  /** What makes it expensive, for the message: `get_service`, `KafkaClient`, `_register_with_consul_sync`. */
  label: string;
}

/** A call that is expensive by itself (rules.md, ONEX001), or null. */
function directlyExpensive(file: PyFile, info: CallInfo, self: string | null): ExpensiveCall | null {
  if (info.name === 'get_service') return { call: info.call, label: 'get_service' };
  // `KC(...)` after `import KafkaClient as KC` (or `KC = KafkaClient`) constructs a KafkaClient.
  const constructed = info.receiver ? info.name : resolveName(file.aliases, info.name);
  if (/^[A-Z]/.test(constructed) && (constructed.endsWith('Client') || constructed === 'Consul')) {
    return { call: info.call, label: constructed };
  }
  if (self && info.receiver?.type === 'identifier' && info.receiver.text === self) {
    const lower = info.name.toLowerCase();
    if (lower.includes('consul') || lower.includes('register_with')) return { call: info.call, label: info.name };
  }
  return null;
}

/**
 * Finds expensive initialisation: calls in `scope` (not in its nested functions) that are
 * expensive, or `self.helper(...)` calls of helpers that (transitively) do expensive work.
 */
export class ExpensiveInit {
  private readonly memo = new Map<number, boolean>();
  private readonly all: Map<string, PyMethod>;

  constructor(private readonly file: PyFile, cls: PyClass) {
    this.all = methodsWithInherited(file, cls);
  }

  /** Expensive calls in the scope, in text order. */
  callsIn(scope: Node, self: string | null): ExpensiveCall[] {
    const out: ExpensiveCall[] = [];
    for (const call of nodesInScope(scope, ['call'])) {
      const info = callInfo(call);
      if (!info) continue;
      const direct = directlyExpensive(this.file, info, self);
      if (direct) {
        out.push(direct);
        continue;
      }
      if (self && info.receiver?.type === 'identifier' && info.receiver.text === self) {
        const helper = this.all.get(info.name);
        if (helper && this.helperIsExpensive(helper)) out.push({ call, label: info.name });
      }
    }
    return out;
  }

  private helperIsExpensive(method: PyMethod): boolean {
    const cached = this.memo.get(method.node.id);
    if (cached !== undefined) return cached;
    this.memo.set(method.node.id, false); // cycle guard
    const result = !!method.body && this.callsIn(method.body, selfParameter(method)).length > 0;
    this.memo.set(method.node.id, result);
    return result;
  }

  /** Whether a helper called from __init__ reads the health-check flag (it then counts as read). */
  static healthCheckReadInHelpers(file: PyFile, cls: PyClass): boolean {
    const reachable = reachableMethods(file, cls, ['__init__'], { callsOnly: true });
    return reachable.some((m) => m.name !== '__init__' && readsHealthCheckMode(m.node));
  }
}

/** The top-level statement of `body` that contains `node` (found by position: Node.parent is O(depth)). */
export function topLevelStatement(body: Node, node: Node): Node | null {
  return statements(body).find((s) => s.startIndex <= node.startIndex && node.endIndex <= s.endIndex) ?? null;
}

// ---------------------------------------------------------------------------------------------
// Lifecycle (ONEX005)

export interface LifecycleState {
  /** The async start method found (own or same-file base), if any. */
  asyncStart: PyMethod | null;
  asyncStop: PyMethod | null;
}

/** The async start and stop methods of the class chain (a synchronous lifecycle-named method does not count). */
export function lifecycleState(file: PyFile, cls: PyClass): LifecycleState {
  const all = methodsWithInherited(file, cls);
  const firstAsync = (names: readonly string[]) => names.map((n) => all.get(n)).find((m) => m?.isAsync) ?? null;
  return { asyncStart: firstAsync(file.config.startMethods), asyncStop: firstAsync(file.config.stopMethods) };
}

// ---------------------------------------------------------------------------------------------
// Metrics (ONEX009)

export type MetricKind = 'success_rate' | 'failure' | 'avg_duration';

/** Which metric kinds a key names (rules.md: `success_rate`; `fail`; `avg` with `duration` or `_ms`). */
export function metricKindsOfKey(key: string): MetricKind[] {
  const k = key.toLowerCase();
  const out: MetricKind[] = [];
  if (k.includes('success_rate')) out.push('success_rate');
  if (k.includes('fail')) out.push('failure');
  if (k.includes('avg') && (k.includes('duration') || k.includes('_ms'))) out.push('avg_duration');
  return out;
}

export const METRIC_KINDS: readonly MetricKind[] = ['success_rate', 'failure', 'avg_duration'];

export interface MetricsReturn {
  /** The `return` statement's dict literal. */
  dict: Node;
  /** Kinds its keys (and the keys of dict literals nested in its values) cover. */
  kinds: Set<MetricKind>;
}

/** Plain-string keys of a dict literal and of the dict literals nested in its values; null when not checkable. */
function dictKeysDeep(dict: Node): string[] | null {
  const keys: string[] = [];
  for (const entry of children(dict)) {
    if (entry.type === 'comment') continue;
    if (entry.type !== 'pair') return null; // `**spread`
    const key = field(entry, 'key');
    if (key?.type !== 'string') return null;
    let value = '';
    for (const part of children(key)) {
      if (part.type === 'interpolation') return null;
      if (part.type === 'string_content') value += part.text;
    }
    keys.push(value);
    const v = field(entry, 'value');
    if (v?.type === 'dictionary') {
      const nested = dictKeysDeep(v);
      if (nested) keys.push(...nested);
    }
  }
  return keys;
}

/**
 * The returns of a `get_metrics` method when every one returns a checkable dict literal;
 * null when any return is something else (the method cannot be judged: no report).
 */
export function metricsReturns(method: PyMethod): MetricsReturn[] | null {
  if (!method.body) return null;
  const returns = nodesInScope(method.body, ['return_statement']);
  if (returns.length === 0) return null;
  const out: MetricsReturn[] = [];
  for (const r of returns) {
    let value = r.namedChild(0);
    while (value?.type === 'parenthesized_expression') value = value.namedChild(0);
    if (value?.type !== 'dictionary') return null;
    const keys = dictKeysDeep(value);
    if (!keys) return null;
    out.push({ dict: value, kinds: new Set(keys.flatMap(metricKindsOfKey)) });
  }
  return out;
}

/** Whether a base (own or of a same-file base) provides metrics: a name containing `Metrics`, or a
 * pre-composed `ModelService*` node (it mixes in omnibase_core's MixinMetrics, which has get_metrics). */
export function inheritsMetrics(file: PyFile, cls: PyClass): boolean {
  return allBaseNames(file, cls).some((b) => b.includes('Metrics') || /^ModelService(Effect|Compute|Reducer|Orchestrator)$/.test(b));
}

// ---------------------------------------------------------------------------------------------
// Small shared helpers

/** Statements of a method body after its docstring. */
export function bodyStatements(method: PyMethod): Node[] {
  const stmts = statements(method.body);
  return stmts.length > 0 && isDocstring(stmts[0]) ? stmts.slice(1) : stmts;
}

/** `self.<attr>` names assigned anywhere in the class chain's methods (plain, annotated or augmented assignment). */
export function assignedSelfAttributes(file: PyFile, cls: PyClass): Set<string> {
  const out = new Set<string>();
  for (const c of classChain(file, cls)) {
    for (const m of c.methods.values()) {
      const self = selfParameter(m);
      if (!self) continue;
      for (const n of nodesSkippingClasses(m.node, ['assignment', 'augmented_assignment'])) {
        for (const target of assignmentTargets(n)) {
          if (target.type !== 'attribute') continue;
          const object = field(target, 'object');
          const attr = field(target, 'attribute');
          if (object?.type === 'identifier' && object.text === self && attr) out.add(attr.text);
        }
      }
    }
  }
  return out;
}

/** Targets of an assignment, tuple/list patterns flattened. */
export function assignmentTargets(assign: Node): Node[] {
  const left = field(assign, 'left');
  if (!left) return [];
  const out: Node[] = [];
  const visit = (n: Node) => {
    if (n.type === 'pattern_list' || n.type === 'tuple_pattern' || n.type === 'list_pattern') children(n).forEach(visit);
    else out.push(n);
  };
  visit(left);
  return out;
}

/** Whether a function body contains `yield` (a generator: wrapping it would change its meaning). */
export function isGenerator(fn: Node): boolean {
  const body = field(fn, 'body');
  return !!body && nodesInScope(body, ['yield']).length > 0;
}

/** Identifiers used anywhere in a node (scopes included). */
export function identifiersIn(node: Node): Set<string> {
  return new Set(node.descendantsOfType('identifier').map((n) => n.text));
}
