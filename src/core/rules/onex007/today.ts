// ONEX007 in today's era (rules.md, "Eras"; current-era.md §4.2): inside node and handler classes,
//  - `get_service("a string")` on a container: today's container takes a protocol type (a string raises
//    AttributeError; get_service_optional("…") always answers None);
//  - `container.register_service(...)`: the container has none (its service_registry has register_instance);
//  - a create-on-miss fallback: the resolved service constructed when the container has none
//    (`x = c.get_service_optional(P) or Client()`, `if x is None: x = Client()`, or in the except clause of a
//    `try` around the resolution) — today a missing service fails fast (ServiceResolutionError);
//  - `x = container.get_service_optional(P)` never tested for None (the same tests as the bridge era's form).
// Fix (unsafe): a string that names a class the module imports or defines becomes that class (the protocol type).
import type { PyClass, PyFile } from '../../python/model';
import { type Node, callInfo, children, field, keywordArgument, positionalArguments, statements, stringValue } from '../../python/syntax';
import type { Fix, RawFinding } from '../../types';
import { callLabel, insideError, judgedClasses, receiverName } from '../pythonNodeClasses';
import { moduleBinds } from '../pythonFixText';
import { enclosingFunctionNode, insideErrorNode, unparen } from '../pythonScope';
import { AbsenceTests, type ServiceResolution, serviceResolutionsIn } from './absence';

export interface Onex007TodayData {
  kind: 'string' | 'register-service' | 'create-on-miss' | 'optional-untested';
  className: string;
  /** The string passed as the service (kind 'string'). */
  service?: string;
}

const RESOLVERS: ReadonlySet<string> = new Set(['get_service', 'get_service_async', 'get_service_sync', 'get_service_optional']);

/** The receiver is the container: its name contains `container` (`container`, `self._container`). */
function onContainer(receiver: Node | null): boolean {
  return !!receiverName(receiver)?.toLowerCase().includes('container');
}

/** The protocol argument of a resolution call: its first positional argument or `protocol_type=`. */
function protocolArgument(call: Node): Node | null {
  return positionalArguments(call)[0] ?? keywordArgument(call, 'protocol_type');
}

function callsIn(cls: PyClass): Node[] {
  return cls.node.descendantsOfType('call');
}

/** The value of an assignment without awaits and parentheses. */
function bareValue(value: Node | null): Node | null {
  let v = value ? unparen(value) : null;
  if (v?.type === 'await') v = unparen(children(v)[0] ?? v);
  return v;
}

/** The target text an assignment statement writes (`x`, `self.x`), when it assigns the result of a call. */
function constructedTarget(stmt: Node): string | null {
  const assign = stmt.type === 'expression_statement' ? stmt.namedChild(0) : null;
  if (assign?.type !== 'assignment') return null;
  const left = field(assign, 'left');
  return left && bareValue(field(assign, 'right'))?.type === 'call' ? left.text.replace(/\s+/g, '') : null;
}

/** Whether a block assigns `target` from a call (a construction) among its own statements. */
function constructsIn(block: Node | null, target: string): boolean {
  return statements(block).some((s) => constructedTarget(s) === target);
}

/** `if <target> is None:` or `if not <target>:` (also `== None`). */
function testsMissing(condition: Node | null, target: string): boolean {
  const c = condition ? unparen(condition) : null;
  if (!c) return false;
  if (c.type === 'not_operator') return unparen(field(c, 'argument') ?? c).text.replace(/\s+/g, '') === target;
  if (c.type === 'comparison_operator') {
    const parts = children(c);
    const operators = c.children.filter((k) => k && !k.isNamed).map((k) => k!.type);
    return parts.length === 2 && parts.some((p) => p.type === 'none') && parts.some((p) => p.text.replace(/\s+/g, '') === target) &&
      operators.length === 1 && (operators[0] === 'is' || operators[0] === '==');
  }
  return false;
}

/** Whether the resolution is followed by constructing the service when it is missing. */
function createsOnMiss(res: ServiceResolution): boolean {
  const target = res.target.text.replace(/\s+/g, '');
  // try: x = c.get_service(P)  except ...: x = Client()
  for (let p = res.assignment.parent, child = res.assignment; p && p.id !== res.fn?.id; child = p, p = p.parent) {
    if (p.type === 'try_statement' && field(p, 'body')?.id === child.id) {
      for (const clause of children(p)) {
        if (clause.type === 'except_clause' && constructsIn(children(clause).find((c) => c.type === 'block') ?? null, target)) return true;
      }
    }
  }
  // if x is None: x = Client()   (later in the same block)
  const stmt = res.statement;
  const block = stmt?.parent;
  if (!stmt || !block) return false;
  for (const next of statements(block)) {
    if (next.startIndex <= stmt.startIndex || next.type !== 'if_statement') continue;
    if (testsMissing(field(next, 'condition'), target) && constructsIn(field(next, 'consequence'), target)) return true;
  }
  return false;
}

/** `x = c.get_service_optional(P) or Client()`: the resolution call and the target, for each such fallback. */
function orFallbacks(cls: PyClass): { call: Node; target: string }[] {
  const out: { call: Node; target: string }[] = [];
  for (const op of cls.node.descendantsOfType('boolean_operator')) {
    const assign = op.parent;
    if (assign?.type !== 'assignment' || field(assign, 'right')?.id !== op.id) continue;
    if (!op.children.some((c) => c?.type === 'or')) continue;
    const left = bareValue(field(op, 'left'));
    const right = bareValue(field(op, 'right'));
    const info = left?.type === 'call' ? callInfo(left) : null;
    const target = field(assign, 'left');
    if (info && RESOLVERS.has(info.name) && right?.type === 'call' && target) out.push({ call: left!, target: target.text.replace(/\s+/g, '') });
  }
  return out;
}

export function todayResolutionFindings(file: PyFile): RawFinding[] {
  const findings: RawFinding[] = [];
  const reported = new Set<number>();
  const report = (cls: PyClass, node: Node, data: Onex007TodayData, message: string) => {
    if (reported.has(node.id) || node.hasError || insideError(node, cls.node)) return;
    reported.add(node.id);
    findings.push({ ruleId: 'ONEX007', message, span: { start: node.startIndex, end: node.endIndex }, data });
  };
  for (const cls of judgedClasses(file)) {
    for (const call of callsIn(cls)) {
      const info = callInfo(call);
      if (!info || !onContainer(info.receiver)) continue;
      if (RESOLVERS.has(info.name)) {
        const service = stringValue(protocolArgument(call));
        if (service === null) continue;
        const outcome = info.name === 'get_service_optional' ? 'always answers None for a string' : 'raises AttributeError on a string';
        report(cls, call, { kind: 'string', className: cls.name, service },
          `${callLabel(call)} resolves "${service}" by name: today's container takes the protocol type (${info.name}(ProtocolX)) and ${outcome}`);
      } else if (info.name === 'register_service' && receiverName(info.receiver) !== 'service_registry') {
        report(cls, call, { kind: 'register-service', className: cls.name },
          `${callLabel(call)}: today's container has no register_service (AttributeError); register with ` +
          'container.service_registry.register_instance(interface=…, instance=…), or let the runtime build the handler from (self, container)');
      }
    }
    const fallback = (call: Node, target: string) => report(cls, call, { kind: 'create-on-miss', className: cls.name },
      `${target} is created when the container has none: today a missing service fails fast (ServiceResolutionError); ` +
      'declare the dependency and register its instance (container.service_registry.register_instance) instead of building a stand-in');
    for (const { call, target } of orFallbacks(cls)) fallback(call, target);
    const tests = new AbsenceTests(file, cls);
    for (const method of RESOLVERS) {
      for (const res of serviceResolutionsIn(cls, method)) {
        if (res.assignment.hasError || insideErrorNode(res.assignment, cls.node) || res.fn?.hasError) continue;
        const target = res.target.text.replace(/\s+/g, '');
        if (createsOnMiss(res)) fallback(res.call, target);
        else if (method === 'get_service_optional' && !tests.isHandled(res)) {
          report(cls, res.call, { kind: 'optional-untested', className: cls.name },
            `${target} = ${callLabel(res.call)} is never tested for None ${res.kind === 'local' ? 'in its function' : `anywhere in ${cls.name}`}: ` +
            'get_service_optional answers None when the service is not registered');
        }
      }
    }
  }
  return findings.sort((a, b) => a.span.start - b.span.start);
}

/** Today's fix: a string naming a class the module imports or defines becomes the class itself. */
export function todayResolutionFixes(file: PyFile, finding: RawFinding): Fix[] {
  const data = finding.data as Onex007TodayData | undefined;
  if (data?.kind !== 'string' || !data.service || !/^[A-Za-z_]\w*$/.test(data.service)) return [];
  if (moduleBinds(file, data.service) !== true) return [];
  const call = file.root.descendantForIndex(finding.span.start, finding.span.end);
  const node = call?.type === 'call' ? protocolArgument(call) : null;
  if (!node || stringValue(node) !== data.service || enclosingFunctionNode(node) === null) return [];
  return [{
    id: 'protocol-type',
    title: `Resolve the service by its protocol type (${data.service})`,
    safety: 'unsafe',
    preferred: true,
    edits: [{ start: node.startIndex, end: node.endIndex, newText: data.service }],
  }];
}
