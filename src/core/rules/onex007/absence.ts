// ONEX007's analysis: services resolved with `get_service(...)` and whether their absence is ever
// tested. A test is generous (precision first): `x is None`, `x is not None`, `x == None`, `if x`,
// `while x`, `assert x`, `not x`, `x and ...`, `x or ...`, an operand of `and`/`or` in a condition,
// the condition of a conditional expression, `bool(x)`, `isinstance(x, ...)`, a comprehension filter, and any
// `if` or `elif` whose condition mentions it (`if not hasattr(x, "publish"): raise …`).
// For `self.<attr>` targets, `getattr(self, "<attr>", ...)` anywhere also counts, as does a local
// `y = self.<attr>` tested in its function. A local stored into `self.<attr>` is tested when that
// attribute is; a local returned or yielded is the caller's business and is not reported. A
// resolution inside a `try` that catches the container's failure (Exception, an OnexError name,
// KeyError/LookupError) is handled: today's container raises instead of returning None.
import type { PyClass, PyFile } from '../../python/model';
import { type Node, callInfo, children, exceptTypes, field, stringValue } from '../../python/syntax';
import { enclosingFunctionNode, identifiersNamed, inNestedClass, parentSkippingParens, selfAttributesByName, unparen } from '../pythonScope';

export interface ServiceResolution {
  /** The assignment (`x = ...get_service(...)`, annotated or not). */
  assignment: Node;
  /** The statement that holds it (expression_statement). */
  statement: Node | null;
  call: Node;
  /** The receiver of get_service (`container`, `self.container`). */
  receiver: Node | null;
  target: Node;
  kind: 'local' | 'attribute';
  /** Local name, or attribute name for `self.<attr>`. */
  name: string;
  /** The function the assignment is in (null at class level). */
  fn: Node | null;
}

/** A call of `method` (`get_service(...)`) as the whole value, possibly awaited or parenthesised. */
function resolutionCall(value: Node | null, method: string): Node | null {
  if (!value) return null;
  let v = unparen(value);
  if (v.type === 'await') v = unparen(children(v)[0] ?? v);
  if (v.type !== 'call') return null;
  return callInfo(v)?.name === method ? v : null;
}

/** The `self` object in a `self.<attr>` expression, else null. */
function selfAttributeName(node: Node): string | null {
  const n = unparen(node);
  if (n.type !== 'attribute') return null;
  const object = field(n, 'object');
  return object?.type === 'identifier' && object.text === 'self' ? field(n, 'attribute')?.text ?? null : null;
}

/**
 * The assignments under `root` that hold an identifier `name`, in document order: found from the name,
 * so that no assignment's whole text is read (an edit elsewhere in it then cannot matter).
 */
function assignmentsAroundName(root: Node, name: string): Node[] {
  const found = new Map<number, Node>();
  for (const id of root.descendantsOfTypeWithText('identifier', new Set([name]))) {
    for (let p = id.parent; p && p.id !== root.id; p = p.parent) if (p.type === 'assignment') found.set(p.id, p);
  }
  return [...found.values()].sort((a, b) => a.id - b.id);
}

/**
 * Every `target = ...get_service(...)` in the class (nested functions included, nested classes excluded); with
 * `method`, the resolutions through that method instead (today's `get_service_optional`).
 */
export function serviceResolutionsIn(cls: PyClass, method = 'get_service'): ServiceResolution[] {
  const out: ServiceResolution[] = [];
  if (!cls.body) return out;
  for (const n of assignmentsAroundName(cls.body, method)) {
    if (inNestedClass(n, cls.node)) continue;
    const call = resolutionCall(field(n, 'right'), method);
    const left = field(n, 'left');
    if (!call || !left) continue;
    const statement = n.parent?.type === 'expression_statement' ? n.parent : null;
    const fn = enclosingFunctionNode(n);
    const receiver = callInfo(call)?.receiver ?? null;
    if (left.type === 'identifier') {
      out.push({ assignment: n, statement, call, receiver, target: left, kind: 'local', name: left.text, fn });
    } else {
      const attr = selfAttributeName(left);
      if (attr) out.push({ assignment: n, statement, call, receiver, target: left, kind: 'attribute', name: attr, fn });
    }
  }
  return out;
}

const TEST_CONTEXT_FIELDS: Record<string, string> = {
  if_statement: 'condition', elif_clause: 'condition', while_statement: 'condition',
};

/** Whether `expr` (a boolean operand chain) is used as a condition. */
function isConditionContext(expr: Node): boolean {
  let { parent, child } = parentSkippingParens(expr);
  while (parent && (parent.type === 'boolean_operator' || parent.type === 'not_operator')) {
    ({ parent, child } = parentSkippingParens(parent));
  }
  if (!parent) return false;
  const fieldName = TEST_CONTEXT_FIELDS[parent.type];
  if (fieldName) return field(parent, fieldName)?.id === child.id;
  if (parent.type === 'assert_statement' || parent.type === 'if_clause') return true;
  if (parent.type === 'conditional_expression') {
    const parts = children(parent).filter((c) => c.type !== 'comment');
    return parts[1]?.id === child.id;
  }
  return false;
}

/**
 * Whether the reference sits anywhere in the condition of an `if` or `elif` (rules.md: any `if` whose test
 * mentions the name handles its absence, e.g. `if not hasattr(event_bus, "publish"): raise OnexError(...)`).
 */
function inIfCondition(ref: Node): boolean {
  let child = ref;
  for (let p = ref.parent; p; child = p, p = p.parent) {
    if ((p.type === 'if_statement' || p.type === 'elif_clause') && field(p, 'condition')?.id === child.id) return true;
    if (p.type === 'block' || p.type === 'module' || p.type === 'lambda' || p.type === 'function_definition') return false;
  }
  return false;
}

/** Whether a reference (identifier or `self.<attr>` attribute) is tested for absence where it stands. */
export function isAbsenceTest(ref: Node): boolean {
  if (inIfCondition(ref)) return true;
  const { parent, child } = parentSkippingParens(ref);
  if (!parent) return false;
  switch (parent.type) {
    case 'comparison_operator':
      return children(parent).some((c) => c.type === 'none');
    case 'not_operator':
      return true;
    case 'boolean_operator':
      return field(parent, 'left')?.id === child.id || isConditionContext(parent);
    case 'assert_statement':
    case 'if_clause':
      return true;
    case 'conditional_expression':
      return children(parent).filter((c) => c.type !== 'comment')[1]?.id === child.id;
    case 'argument_list': {
      const call = parent.parent;
      const name = call?.type === 'call' ? field(call, 'function')?.text : null;
      return (name === 'bool' || name === 'isinstance') && children(parent)[0]?.id === child.id;
    }
    default: {
      const fieldName = TEST_CONTEXT_FIELDS[parent.type];
      return !!fieldName && field(parent, fieldName)?.id === child.id;
    }
  }
}

/** The classes whose methods share `self` with `cls`: itself, its in-file bases and in-file subclasses. */
function relatedClasses(file: PyFile, cls: PyClass): PyClass[] {
  const related = new Map<string, PyClass>();
  const up = (c: PyClass) => {
    if (related.has(c.name)) return;
    related.set(c.name, c);
    for (const b of c.bases) {
      const base = file.classesByName.get(b);
      if (base) up(base);
    }
  };
  up(cls);
  const descends = (c: PyClass, seen: Set<string>): boolean => {
    if (seen.has(c.name)) return false;
    seen.add(c.name);
    return c.bases.some((b) => b === cls.name || (file.classesByName.has(b) && descends(file.classesByName.get(b)!, seen)));
  };
  for (const c of file.classes) if (!related.has(c.name) && descends(c, new Set())) related.set(c.name, c);
  return [...related.values()];
}

const RESOLUTION_FAILURES = new Set(['Exception', 'BaseException', 'KeyError', 'LookupError']);

/**
 * Whether the resolution sits in the body of a `try` (in its function) that catches the container's
 * failure: today's container raises instead of returning None, and catching that is its absence test.
 */
function insideResolutionTry(node: Node, onexErrorNames: ReadonlySet<string>): boolean {
  let child = node;
  for (let p = node.parent; p; child = p, p = p.parent) {
    if (p.type === 'function_definition' || p.type === 'lambda' || p.type === 'class_definition') return false;
    if (p.type !== 'try_statement' || field(p, 'body')?.id !== child.id) continue;
    for (const clause of children(p)) {
      if (clause.type !== 'except_clause' && clause.type !== 'except_group_clause') continue;
      const { names, bare } = exceptTypes(clause);
      if (bare || names.some((n) => RESOLUTION_FAILURES.has(n) || onexErrorNames.has(n) || n === 'OnexError' || n === 'ModelOnexError')) return true;
    }
  }
  return false;
}

const GETATTR: ReadonlySet<string> = new Set(['getattr']);

export class AbsenceTests {
  private readonly attrCache = new Map<string, boolean>();
  private readonly getattrs = new Map<string, Node[]>();
  private readonly classes: PyClass[];
  private readonly onexErrorNames: ReadonlySet<string>;

  constructor(file: PyFile, cls: PyClass) {
    this.classes = relatedClasses(file, cls);
    this.onexErrorNames = file.onexErrorNames;
  }

  private getattrCalls(c: PyClass): Node[] {
    let list = this.getattrs.get(c.name);
    if (!list) {
      // Calls whose function is the name `getattr`, found from the name.
      list = c.node.descendantsOfTypeWithText('identifier', GETATTR)
        .filter((name) => name.parent?.type === 'call' && field(name.parent, 'function')?.id === name.id).map((name) => name.parent!);
      this.getattrs.set(c.name, list);
    }
    return list;
  }

  /** Whether `self.<attr>` is tested anywhere in the class (and related classes). */
  attributeTested(attr: string): boolean {
    const cached = this.attrCache.get(attr);
    if (cached !== undefined) return cached;
    const tested = this.classes.some((c) => {
      for (const ref of selfAttributesByName(c.node).get(attr) ?? []) {
        if (isAbsenceTest(ref)) return true;
        // `y = self.<attr>` then `y` tested in the same function.
        const { parent, child } = parentSkippingParens(ref);
        if (parent?.type === 'assignment' && field(parent, 'right')?.id === child.id && field(parent, 'left')?.type === 'identifier') {
          const fn = enclosingFunctionNode(parent);
          if (fn && identifiersNamed(fn, field(parent, 'left')!.text).some(isAbsenceTest)) return true;
        }
      }
      return this.getattrCalls(c).some((call) => {
        const args = field(call, 'arguments');
        const [object, name] = args ? children(args).filter((a) => a.type !== 'comment') : [];
        return object?.text === 'self' && stringValue(name ?? null) === attr;
      });
    });
    this.attrCache.set(attr, tested);
    return tested;
  }

  /** Whether the resolution's result is tested for absence (or leaves the function for the caller to test). */
  isHandled(res: ServiceResolution): boolean {
    if (insideResolutionTry(res.assignment, this.onexErrorNames)) return true;
    if (res.kind === 'attribute') return this.attributeTested(res.name);
    const scope = res.fn;
    if (!scope) return true; // a class-level local is not a service the node uses: stay silent
    for (const ref of identifiersNamed(scope, res.name)) {
      if (isAbsenceTest(ref)) return true;
      const { parent, child } = parentSkippingParens(ref);
      if (!parent) continue;
      if ((parent.type === 'return_statement' || parent.type === 'yield') && children(parent).some((c) => c.id === child.id)) return true;
      if (parent.type === 'assignment' && field(parent, 'right')?.id === child.id) {
        const attr = selfAttributeName(field(parent, 'left')!);
        if (attr && this.attributeTested(attr)) return true;
      }
    }
    return false;
  }
}
