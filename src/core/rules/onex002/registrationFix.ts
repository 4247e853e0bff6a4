// ONEX002's fix: the spec's Consul registration/deregistration (pattern 5) written into the class,
// reusing what the class already has (its registration or deregistration method, its Consul
// client and service id), registration called at the end of __init__ unless in health-check
// mode, deregistration called from the stop method (or from a new async shutdown(), the one
// ONEX005 would write).
import { type PyClass, type PyFile, type PyMethod, methodsWithInherited } from '../../python/model';
import { type Node, field, keywordArgument, positionalArguments, statements, walk } from '../../python/syntax';
import { indentationAt } from '../../text';
import {
  type DiscoveryCall, assignmentTargets, entryPointNames, findDiscoveryCall,
  lifecycleState, methodsMaking, reachableMethods,
} from '../classAnalysis';
import { kafkaClientAttribute, kebabName, nodeNames, snakeName } from '../classFixContext';
import { definesAttribute } from '../knownAttributes';
import { ensureHealthCheckFlag } from '../onex001/healthCheck';
import { type EditBuilder, InitEditor, appendToClass, appendToMethod, endOfLineAfter, freeMethodName } from '../classEdits';
import {
  CONSUL_ATTRIBUTES, type DeregistrationSource, GENERATED_DEREGISTRATION, type NodeNames, consulConfiguration,
  deregisterFromConsulMethod, deregistrationCall, registerWithConsulMethod, registrationCall, shutdownMethod,
} from '../classTemplates';

export type RegistrationGap = 'no-registration' | 'no-deregistration';

/** ONEX002's finding for a class, or null. */
export function registrationGap(file: PyFile, cls: PyClass): RegistrationGap | null {
  const reachable = reachableMethods(file, cls, entryPointNames(file));
  if (!findDiscoveryCall(reachable, 'register')) return 'no-registration';
  const fromStop = reachableMethods(file, cls, file.config.stopMethods);
  if (!findDiscoveryCall(fromStop, 'deregister')) return 'no-deregistration';
  return null;
}

/** Free names of an expression: identifiers that are not attribute names or keyword names. */
function freeNames(expr: Node): Set<string> {
  const bound = new Set<number>();
  for (const a of [expr, ...expr.descendantsOfType(['attribute', 'keyword_argument'])]) {
    if (!a) continue;
    const name = a.type === 'attribute' ? field(a, 'attribute') : a.type === 'keyword_argument' ? field(a, 'name') : null;
    if (name) bound.add(name.id);
  }
  const ids = expr.type === 'identifier' ? [expr] : expr.descendantsOfType('identifier');
  return new Set(ids.filter((n) => !bound.has(n.id)).map((n) => n.text));
}

const SAFE_BUILTINS = new Set(['self', 'int', 'str', 'float', 'bool', 'getattr', 'consul']);

/** Names bound by the module's own imports (usable from any method). */
function moduleImportNames(file: PyFile): Set<string> {
  const out = new Set<string>();
  for (const stmt of statements(file.root)) {
    if (stmt.type !== 'import_statement' && stmt.type !== 'import_from_statement') continue;
    for (const c of stmt.childrenForFieldName('name')) {
      if (!c) continue;
      const local = c.type === 'aliased_import' ? field(c, 'alias')?.text : c.text.split('.')[0];
      if (local) out.add(local);
    }
  }
  return out;
}

/** Whether an expression can be copied into another method: it uses only self, builtins and module imports. */
function onlySafeNames(file: PyFile, expr: Node): boolean {
  const imported = moduleImportNames(file);
  return [...freeNames(expr)].every((n) => SAFE_BUILTINS.has(n) || imported.has(n));
}

/** Source text of an expression, with '\n' line endings (generated code is re-rendered with the file's). */
function sourceText(expr: Node): string {
  return expr.text.replace(/\r\n?/g, '\n');
}

/** The innermost statement (a direct child of a block) of the method that contains node. */
function statementOf(method: PyMethod, node: Node): Node | null {
  let best: Node | null = null;
  for (const block of method.node.descendantsOfType('block')) {
    for (const stmt of block ? statements(block) : []) {
      if (stmt.startIndex <= node.startIndex && node.endIndex <= stmt.endIndex &&
        (!best || stmt.endIndex - stmt.startIndex < best.endIndex - best.startIndex)) best = stmt;
    }
  }
  return best;
}

/** The last assignment `name = <rhs>` before `before` in the method. */
function localAssignment(method: PyMethod, name: string, before: Node): Node | null {
  let found: Node | null = null;
  walk(method.node, (n) => {
    if (n.type !== 'assignment' || n.startIndex >= before.startIndex) return;
    if (assignmentTargets(n).some((t) => t.type === 'identifier' && t.text === name)) found = field(n, 'right');
  });
  return found;
}

/** `self.<attr> = <name>` in the method: the attribute that keeps a local value. */
function attributeKeeping(method: PyMethod, name: string): string | null {
  let found: string | null = null;
  walk(method.node, (n) => {
    if (found || n.type !== 'assignment') return;
    const right = field(n, 'right');
    const left = field(n, 'left');
    if (right?.type === 'identifier' && right.text === name && left?.type === 'attribute' && field(left, 'object')?.text === 'self') {
      found = field(left, 'attribute')?.text ?? null;
    }
  });
  return found;
}

/**
 * How to deregister what an existing `…agent.service.register(...)` call registered: the same
 * Consul client and the same service id. Null when they cannot be recovered from the class.
 */
function deregistrationFromExisting(file: PyFile, method: PyMethod, call: Node, builder: EditBuilder): DeregistrationSource | null {
  const func = field(call, 'function');
  const service = func?.type === 'attribute' ? field(func, 'object') : null; // X.agent.service
  const agent = service?.type === 'attribute' ? field(service, 'object') : null; // X.agent
  const client = agent?.type === 'attribute' ? field(agent, 'object') : null; // X
  if (!client || field(func!, 'attribute')?.text !== 'register') return null;

  // The client: `self.consul`, `consul.Consul(...)`, or a local assigned from such an expression.
  const expr = client.type === 'identifier' && client.text !== 'self' ? localAssignment(method, client.text, call) : client;
  if (!expr || !onlySafeNames(file, expr)) return null;
  const needsImport = freeNames(expr).has('consul') && !moduleImportNames(file).has('consul');
  const clientSetup = [...(needsImport ? ['import consul', ''] : []), `consul_client = ${sourceText(expr)}`];

  const id = keywordArgument(call, 'service_id') ?? keywordArgument(call, 'name') ?? positionalArguments(call)[0] ?? null;
  if (!id) return null;
  if (id.type === 'attribute' && field(id, 'object')?.text === 'self') {
    const attr = field(id, 'attribute')!.text;
    return { clientSetup, serviceId: `self.${attr}`, serviceIdAttribute: attr };
  }
  if (id.type === 'identifier') {
    const kept = attributeKeeping(method, id.text);
    if (kept) return { clientSetup, serviceId: `self.${kept}`, serviceIdAttribute: kept };
    // Keep the id for deregistration right after the registration call.
    const stmt = statementOf(method, call);
    const at = stmt ? endOfLineAfter(file, stmt) : null;
    if (!stmt || at === null) return null;
    builder.insert(at, `${file.eol}${indentationAt(file.text, stmt.startIndex)}self._consul_service_id = ${id.text}`);
    return { clientSetup, serviceId: 'self._consul_service_id', serviceIdAttribute: '_consul_service_id' };
  }
  if (onlySafeNames(file, id)) return { clientSetup, serviceId: sourceText(id), serviceIdAttribute: null };
  return null;
}

function callText(method: PyMethod | { name: string; isAsync: boolean }): string {
  return `${method.isAsync ? 'await ' : ''}self.${method.name}()`;
}

/** The first stop method of the class chain, in the configured order. */
function stopMethod(file: PyFile, cls: PyClass): PyMethod | null {
  const all = methodsWithInherited(file, cls);
  for (const name of file.config.stopMethods) {
    const m = all.get(name);
    if (m) return m;
  }
  return null;
}

/**
 * Calls the deregistration from the stop method; when the class has none, a new async shutdown()
 * (ONEX005's, with the call in it) is appended. `classAppends` collects members for the class end.
 */
function callDeregistrationOnStop(file: PyFile, cls: PyClass, builder: EditBuilder, names: NodeNames,
  dereg: { name: string; isAsync: boolean }, classAppends: string[]): boolean {
  const stop = stopMethod(file, cls);
  if (stop) {
    if (dereg.isAsync && !stop.isAsync) return false;
    return appendToMethod(file, stop, builder, deregistrationCall(callText(dereg)));
  }
  const name = file.config.stopMethods.find((n) => !methodsWithInherited(file, cls).has(n));
  if (!name) return false;
  classAppends.push(shutdownMethod({ ...names, kafka: kafkaClientAttribute(file, cls), deregistration: callText(dereg) }, name));
  return true;
}

/** The edits of ONEX002's fix, or null when the class cannot be completed safely. */
export function registrationFix(file: PyFile, cls: PyClass, builder: EditBuilder): boolean {
  const gap = registrationGap(file, cls);
  if (!gap) return false;
  const names = nodeNames(file, cls, builder);
  const editor = new InitEditor(file, cls);
  const classAppends: string[] = [];
  const methodEdits: (() => boolean)[] = [];
  const existing = (kind: DiscoveryCall) => methodsMaking(file, cls, kind);
  const service = {
    ...names,
    serviceName: kebabName(cls.name),
    snakeName: snakeName(cls.name),
    kind: cls.kind ?? 'node',
    kafka: kafkaClientAttribute(file, cls),
  };

  // Registration.
  let generatedRegistration = false;
  let registration: { method: PyMethod; call: Node } | null = null;
  if (gap === 'no-registration') {
    const own = existing('register')[0];
    if (own) {
      const found = findDiscoveryCall([own], 'register')!;
      registration = { method: own, call: found.call.call };
      if (own.isAsync) {
        const start = lifecycleState(file, cls).asyncStart;
        if (!start) return false;
        methodEdits.push(() => appendToMethod(file, start, builder, registrationCall(callText(own), [])));
      } else {
        if (!editor.usable) return false;
        const flag = ensureHealthCheckFlag(file, cls, builder, editor);
        if (!flag) return false;
        editor.addAtEnd(registrationCall(callText(own), [`not ${flag}`]));
      }
    } else {
      if (!editor.usable || !editor.container) return false;
      const registerMethod = freeMethodName(file, cls, '_register_with_consul_sync');
      // Settings the registration reads: added unless an __init__ of the class (or a base's) sets them.
      const missing = CONSUL_ATTRIBUTES.filter((a) => !definesAttribute(file, cls, a));
      if (missing.length > 0) editor.addAfterSuper(consulConfiguration(editor.container, missing));
      const flag = ensureHealthCheckFlag(file, cls, builder, editor);
      if (!flag) return false;
      editor.addAtEnd(registrationCall(`self.${registerMethod}()`, [`not ${flag}`, 'self.consul_enable_registration']));
      classAppends.push(registerWithConsulMethod({ ...service, registerMethod }));
      generatedRegistration = true;
    }
  } else {
    const found = findDiscoveryCall(reachableMethods(file, cls, entryPointNames(file)), 'register')!;
    registration = { method: found.method, call: found.call.call };
  }

  // Deregistration, reachable from the stop method.
  const fromStop = reachableMethods(file, cls, file.config.stopMethods);
  if (!findDiscoveryCall(fromStop, 'deregister')) {
    const own = existing('deregister')[0];
    let dereg: { name: string; isAsync: boolean };
    if (own) dereg = own;
    else {
      const source = generatedRegistration
        ? GENERATED_DEREGISTRATION
        : registration && deregistrationFromExisting(file, registration.method, registration.call, builder);
      if (!source) return false;
      const name = freeMethodName(file, cls, '_deregister_from_consul');
      classAppends.push(deregisterFromConsulMethod({ ...names, deregisterMethod: name }, source));
      dereg = { name, isAsync: false };
    }
    methodEdits.push(() => callDeregistrationOnStop(file, cls, builder, names, dereg, classAppends));
  }

  // Order matters where insertions meet at one offset: __init__, then method bodies, then the class end.
  if (!editor.finish(builder)) return false;
  for (const edit of methodEdits) if (!edit()) return false;
  if (classAppends.length > 0 && !appendToClass(file, cls, builder, classAppends.join('\n\n'))) return false;
  return true;
}
