// ONEX010's analysis: which `time.time()` calls measure an elapsed duration inside one scope.
//
// A call measures a duration when it is an operand of a subtraction whose other operand is also such
// a call, or a local name assigned only from such calls in the same scope; a local assigned from a
// call measures a duration when it is such an operand. Everything is decided syntactically and
// conservatively: a local that is also used for anything else (stored, logged, compared with a
// deadline, read by a nested function) is a timestamp, and nothing it touches is reported, because
// `perf_counter()` has no epoch and swapping it there would change the program.
import type { PyFile } from '../../python/model';
import { type Node, children, field } from '../../python/syntax';
import {
  BindingIndex, allImports, bindingsInScope, identifiersNamed, importedNames, insideErrorNode, nodesInScope, parentSkippingParens, scopeOf, unparen,
} from '../pythonScope';

/** The names the file binds to the `time` module and to its functions. */
export interface TimeNames {
  /** Local names of the `time` module (`import time`, `import time as t`). */
  modules: Set<string>;
  /** Local names of `time.time` (`from time import time [as now]`). */
  timeFunctions: Set<string>;
  /** Local names of `time.perf_counter` (`from time import perf_counter [as pc]`). */
  perfCounters: Set<string>;
}

/**
 * Reads the file's imports of `time`. A name that the file also binds to something else at module
 * level (another import, an assignment, a definition: `from datetime import time`) is dropped.
 */
export function readTimeNames(root: Node): TimeNames {
  const names: TimeNames = { modules: new Set(), timeFunctions: new Set(), perfCounters: new Set() };
  const conflicting = new Set<string>();
  for (const stmt of allImports(root)) {
    for (const imp of importedNames(stmt)) {
      if (imp.name === null && imp.module === 'time') names.modules.add(imp.local);
      else if (imp.module === 'time' && imp.name === 'time') names.timeFunctions.add(imp.local);
      else if (imp.module === 'time' && imp.name === 'perf_counter') names.perfCounters.add(imp.local);
      else conflicting.add(imp.local);
    }
  }
  for (const b of bindingsInScope(root)) if (b.kind !== 'import') conflicting.add(b.name);
  for (const set of [names.modules, names.timeFunctions, names.perfCounters]) {
    for (const n of [...set]) if (conflicting.has(n)) set.delete(n);
  }
  // A name bound both to the module and to a function is ambiguous.
  for (const n of [...names.modules]) {
    if (names.timeFunctions.has(n) || names.perfCounters.has(n)) {
      names.modules.delete(n);
      names.timeFunctions.delete(n);
      names.perfCounters.delete(n);
    }
  }
  return names;
}

function hasNoArguments(call: Node): boolean {
  const args = field(call, 'arguments');
  return !!args && args.type === 'argument_list' && children(args).every((c) => c.type === 'comment');
}

/** Recognises `time.time()`, `t.time()` and `time()` (from-imported) calls, honouring local shadowing. */
export class TimeCallMatcher {
  constructor(readonly names: TimeNames, readonly bindings: BindingIndex) {}

  isTimeCall(node: Node): boolean {
    if (node.type !== 'call' || !hasNoArguments(node)) return false;
    const func = field(node, 'function');
    if (!func) return false;
    if (func.type === 'identifier') {
      return this.names.timeFunctions.has(func.text) && !this.bindings.shadowedAt(func.text, node);
    }
    if (func.type === 'attribute') {
      const object = field(func, 'object');
      const attr = field(func, 'attribute');
      return object?.type === 'identifier' && attr?.text === 'time' && this.names.modules.has(object.text) &&
        !this.bindings.shadowedAt(object.text, node);
    }
    return false;
  }
}

const WRAPPERS = new Set(['int', 'float', 'round']);

/** `int(x)`, `float(x)`, `round(x[, n])` and parentheses around x, peeled off. */
export function unwrapNumeric(node: Node, bindings: BindingIndex): Node {
  let n = unparen(node);
  for (let i = 0; i < 10 && n.type === 'call'; i++) {
    const func = field(n, 'function');
    const args = field(n, 'arguments');
    if (func?.type !== 'identifier' || !WRAPPERS.has(func.text) || bindings.shadowedAt(func.text, n) || !args) break;
    const positional = children(args).filter((c) => c.type !== 'comment');
    if (positional.some((a) => a.type === 'keyword_argument' || a.type === 'list_splat' || a.type === 'dictionary_splat')) break;
    const max = func.text === 'round' ? 2 : 1;
    if (positional.length < 1 || positional.length > max) break;
    n = unparen(positional[0]);
  }
  return n;
}

/** One elapsed-duration subtraction and the `time.time()` calls it involves. */
export interface DurationSubtraction {
  node: Node;
  calls: Node[];
}

/** A connected set of `time.time()` calls that measure durations together; swapping one means swapping all. */
export interface DurationGroup {
  scope: Node;
  calls: Node[];
  subtractions: DurationSubtraction[];
}

interface TimeLocal {
  name: string;
  /** The identifiers that bind it (assignment targets / walrus names). */
  targets: Node[];
  /** The calls it is assigned from. */
  calls: Node[];
}

type Operand = { kind: 'call'; call: Node } | { kind: 'local'; id: Node; name: string };

/** `name` as a local of `scope` bound only by `name = time.time()` (possibly wrapped) or `(name := time.time())`. */
function timeLocal(scope: Node, name: string, matcher: TimeCallMatcher, bindings: BindingIndex): TimeLocal | null {
  const list = bindings.get(scope, name) ?? [];
  if (list.length === 0) return null;
  const local: TimeLocal = { name, targets: [], calls: [] };
  for (const b of list) {
    let target: Node | null = null;
    let value: Node | null = null;
    if (b.kind === 'assignment') {
      target = field(b.site, 'left');
      value = field(b.site, 'right');
    } else if (b.kind === 'walrus') {
      target = field(b.site, 'name');
      value = field(b.site, 'value');
    }
    if (!target || target.type !== 'identifier' || !value) return null;
    const inner = unwrapNumeric(value, bindings);
    if (!matcher.isTimeCall(inner)) return null;
    local.targets.push(target);
    local.calls.push(inner);
  }
  return local;
}

const CALL_SHAPE = /^[A-Za-z_][A-Za-z0-9_]*\s*(\.\s*time\s*)?\(\s*\)$/;
const SUBTRACTION_TYPES: ReadonlySet<string> = new Set(['binary_operator']);

/** The duration groups of one scope. */
function groupsInScope(scope: Node, subtractions: Node[], matcher: TimeCallMatcher, bindings: BindingIndex): DurationGroup[] {
  const locals = new Map<string, TimeLocal>();
  const checked = new Set<string>();
  const localOf = (name: string): TimeLocal | undefined => {
    if (!checked.has(name)) {
      checked.add(name);
      const local = timeLocal(scope, name, matcher, bindings);
      if (local) locals.set(name, local);
    }
    return locals.get(name);
  };
  const classify = (operand: Node | null): Operand | null => {
    if (!operand) return null;
    const inner = unwrapNumeric(operand, bindings);
    if (matcher.isTimeCall(inner)) return { kind: 'call', call: inner };
    if (inner.type === 'identifier' && localOf(inner.text)) return { kind: 'local', id: inner, name: inner.text };
    return null;
  };
  const candidates: { node: Node; operands: Operand[] }[] = [];
  for (const op of subtractions) {
    const left = classify(field(op, 'left'));
    const right = classify(field(op, 'right'));
    if (left && right) candidates.push({ node: op, operands: [left, right] });
  }
  if (candidates.length === 0) return [];

  // Fixed point: a local is valid when every reference to it is one of its own bindings or an
  // operand of a valid subtraction; a subtraction is valid when its local operands are valid.
  const validLocals = new Set(locals.keys());
  let validSubs = candidates;
  const refs = new Map<string, Node[]>();
  for (const name of locals.keys()) refs.set(name, identifiersNamed(scope, name));
  for (let changed = true; changed;) {
    changed = false;
    validSubs = validSubs.filter((s) => s.operands.every((o) => o.kind === 'call' || validLocals.has(o.name)));
    const operandIds = new Set<number>();
    for (const s of validSubs) for (const o of s.operands) if (o.kind === 'local') operandIds.add(o.id.id);
    for (const name of [...validLocals]) {
      const local = locals.get(name)!;
      const targetIds = new Set(local.targets.map((t) => t.id));
      if (!refs.get(name)!.every((r) => targetIds.has(r.id) || operandIds.has(r.id))) {
        validLocals.delete(name);
        changed = true;
      }
    }
  }
  if (validSubs.length === 0) return [];

  // Union-find over calls, keyed by start offset.
  const parent = new Map<number, number>();
  const callAt = new Map<number, Node>();
  const find = (x: number): number => {
    let r = x;
    while (parent.get(r)! !== r) r = parent.get(r)!;
    parent.set(x, r);
    return r;
  };
  const add = (c: Node) => {
    if (!parent.has(c.startIndex)) {
      parent.set(c.startIndex, c.startIndex);
      callAt.set(c.startIndex, c);
    }
  };
  const subs: DurationSubtraction[] = [];
  for (const s of validSubs) {
    const calls = s.operands.flatMap((o) => (o.kind === 'call' ? [o.call] : locals.get(o.name)!.calls));
    calls.forEach(add);
    for (const c of calls.slice(1)) parent.set(find(c.startIndex), find(calls[0].startIndex));
    subs.push({ node: s.node, calls });
  }
  const groups = new Map<number, DurationGroup>();
  for (const start of [...parent.keys()].sort((a, b) => a - b)) {
    const root = find(start);
    const g = groups.get(root) ?? { scope, calls: [], subtractions: [] };
    g.calls.push(callAt.get(start)!);
    groups.set(root, g);
  }
  for (const s of subs) groups.get(find(s.calls[0].startIndex))!.subtractions.push(s);
  return [...groups.values()];
}

/** Every duration group of the file, in source order of their first call. */
export function durationGroups(file: PyFile): { groups: DurationGroup[]; names: TimeNames; bindings: BindingIndex } {
  const names = readTimeNames(file.root);
  const bindings = new BindingIndex();
  if (names.modules.size === 0 && names.timeFunctions.size === 0) return { groups: [], names, bindings };
  const matcher = new TimeCallMatcher(names, bindings);
  // Driven by the time calls: a duration needs one in its own scope (an operand, or a local's value),
  // so only the scopes holding a call are searched for subtractions.
  const scopes = new Map<number, Node>();
  // A time call's function is a name of `time.time` or an attribute of a name of the module: the
  // calls are found from those names rather than by looking at every call of the file.
  for (const name of file.root.descendantsOfTypeWithText('identifier', new Set([...names.modules, ...names.timeFunctions]))) {
    const up = name.parent;
    const call = up?.type === 'attribute' ? up.parent : up;
    // `name()` or `name.time()` in the node's own text is a cheap first filter; the tree decides.
    if (call?.type !== 'call' || !CALL_SHAPE.test(call.text) || !matcher.isTimeCall(call)) continue;
    const scope = scopeOf(call);
    scopes.set(scope.id, scope);
  }
  const byScope = new Map<number, { scope: Node; subs: Node[] }>();
  for (const scope of scopes.values()) {
    const subs = nodesInScope(scope, SUBTRACTION_TYPES).filter((op) => field(op, 'operator')?.type === '-');
    if (subs.length > 0) byScope.set(scope.id, { scope, subs });
  }
  const groups: DurationGroup[] = [];
  for (const { scope, subs } of byScope.values()) {
    // A scope the parser could only partly read is left alone: its references may be incomplete.
    if (scope.type !== 'module' && scope.hasError) continue;
    for (const g of groupsInScope(scope, subs, matcher, bindings)) {
      if (g.calls.some((c) => c.hasError || insideErrorNode(c, scope))) continue;
      groups.push(g);
    }
  }
  groups.sort((a, b) => a.calls[0].startIndex - b.calls[0].startIndex);
  return { groups, names, bindings };
}

/** The assignment a subtraction is the whole value of (`elapsed = time.time() - start`), if any. */
export function assignmentOfValue(node: Node): Node | null {
  const { parent, child } = parentSkippingParens(node);
  if (parent?.type === 'assignment' && field(parent, 'right')?.id === child.id) return parent;
  return null;
}
