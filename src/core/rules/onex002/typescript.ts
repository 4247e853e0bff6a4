// ONEX002 service-registration — see ./ONEX002.md and shared/spec/rules.md.
// Reports a non-declarative node class where no service-discovery registration is reachable from
// its entry points (constructor, start and stop methods, following `this.method(...)` calls and
// `this.method` references), or where registration is reachable but no deregistration is reachable
// from its stop method. Registration: a call ending in `agent.service.register(...)`, or a call of a
// method whose name contains `register` (not `deregister`/`unregister`) on a receiver whose text
// contains `consul`, or of a method of its own whose name contains both (defined outside the file).
// Fix (unsafe): add registerWithConsul()/deregisterFromConsul() and call them from startup/shutdown.
import type { ts } from 'ts-morph';
import {
  SyntaxKind, isBlock, isCallExpression, isConstructorDeclaration, isObjectLiteralExpression,
  isPropertyAccessExpression, isPropertyAssignment, isReturnStatement, isShorthandPropertyAssignment,
} from '../../typescript/api';
import { meta } from './meta';
import type { Fix, RawFinding, TextEdit } from '../../types';
import {
  ensureRuntimeNames, insertAfterStatement, insertAtBlockEnd, insertClassMember, insertClassMemberAfter, logStatement, serviceName, str,
} from '../../typescript/edits';
import { type TsClass, type TsFile, type TsMember, findLifecycle, lifecycleNames, membersWithInherited } from '../../typescript/model';
import { callInfo, dottedName, enclosingStatement, nameText, unwrap, walk } from '../../typescript/syntax';
import { judgesClass } from '../onex005/typescript';
import type { TypeScriptRule } from '../rule';

interface Onex002Data {
  className: string;
  kind: 'no-registration' | 'no-deregistration';
}

type Discovery = 'register' | 'deregister' | null;

function receiverText(receiver: ts.Expression | undefined, sf: ts.SourceFile): string {
  if (!receiver) return '';
  return dottedName(unwrap(receiver)) ?? receiver.getText(sf);
}

/** What a call does for service discovery. */
function discoveryCall(call: ts.CallExpression, sf: ts.SourceFile, members: Map<string, TsMember>): Discovery {
  const info = callInfo(call);
  if (!info) return null;
  const lower = info.name.toLowerCase();
  const isDe = lower.includes('deregister') || lower.includes('unregister');
  const receiver = receiverText(info.receiver, sf).toLowerCase();
  if (receiver.endsWith('agent.service')) {
    if (lower === 'register') return 'register';
    if (lower === 'deregister') return 'deregister';
  }
  if (!lower.includes('register')) return null;
  if (receiver.includes('consul')) return isDe ? 'deregister' : 'register';
  // `this.registerWithConsul()` of a method not defined in this file (a base class elsewhere).
  const onThis = info.receiver && unwrap(info.receiver).kind === SyntaxKind.ThisKeyword;
  if (onThis && !members.has(info.name) && lower.includes('consul')) return isDe ? 'deregister' : 'register';
  return null;
}

/** Methods reachable from the given entry members (through this.m(...) calls and this.m references). */
function reachable(entries: TsMember[], members: Map<string, TsMember>): TsMember[] {
  const seen = new Set<TsMember>();
  const queue = [...entries];
  while (queue.length) {
    const m = queue.shift()!;
    if (seen.has(m)) continue;
    seen.add(m);
    const root = m.fn ?? m.node;
    walk(root, (n) => {
      if (isPropertyAccessExpression(n) && (n.expression.kind === SyntaxKind.ThisKeyword || n.expression.kind === SyntaxKind.SuperKeyword)) {
        const target = members.get(n.name.text);
        if (target && !seen.has(target) && (target.kind === 'method' || target.kind === 'property')) queue.push(target);
      }
    });
  }
  return [...seen];
}

function ctorMember(cls: TsClass): TsMember | undefined {
  const ctor = cls.ctor;
  if (!ctor?.body) return undefined;
  return { node: ctor, name: 'constructor', nameNode: ctor, kind: 'method', isStatic: false, isAsync: false, fn: ctor, body: ctor.body };
}

function findIn(file: TsFile, methods: TsMember[], members: Map<string, TsMember>, wanted: Discovery): ts.CallExpression | undefined {
  let found: ts.CallExpression | undefined;
  for (const m of methods) {
    walk(m.fn ?? m.node, (n) => {
      if (found) return false;
      if (isCallExpression(n) && discoveryCall(n, file.sf, members) === wanted) found = n;
      return;
    });
    if (found) return found;
  }
  return undefined;
}

function findsIn(file: TsFile, methods: TsMember[], members: Map<string, TsMember>, wanted: Discovery): boolean {
  return !!findIn(file, methods, members, wanted);
}

/** The registration call reachable from the entry points. */
function registrationCall(file: TsFile, cls: TsClass): ts.CallExpression | undefined {
  const members = membersWithInherited(file, cls);
  const start = findLifecycle(file, cls, lifecycleNames(file.config.startMethods));
  const stop = findLifecycle(file, cls, lifecycleNames(file.config.stopMethods));
  const ctor = ctorMember(cls);
  return findIn(file, reachable([...(ctor ? [ctor] : []), ...start, ...stop], members), members, 'register');
}

/** The service id a registration call registers: its `id` (or `name`) option, or its string argument. */
function registeredId(call: ts.CallExpression): ts.Expression | undefined {
  const first = call.arguments[0] ? unwrap(call.arguments[0]) : undefined;
  if (!first) return undefined;
  if (isObjectLiteralExpression(first)) {
    let name: ts.Expression | undefined;
    for (const p of first.properties) {
      const key = p.name ? nameText(p.name) : null;
      const value = isPropertyAssignment(p) ? p.initializer : isShorthandPropertyAssignment(p) ? p.name : undefined;
      if (!value) continue;
      if (key === 'id' || key === 'ID' || key === 'serviceId' || key === 'service_id') return value;
      if (key === 'name') name = value;
    }
    return name;
  }
  return call.arguments.length === 1 ? first : undefined;
}

function analyse(file: TsFile, cls: TsClass): Onex002Data['kind'] | null {
  const members = membersWithInherited(file, cls);
  const start = findLifecycle(file, cls, lifecycleNames(file.config.startMethods));
  const stop = findLifecycle(file, cls, lifecycleNames(file.config.stopMethods));
  const ctor = ctorMember(cls);
  const fromEntries = reachable([...(ctor ? [ctor] : []), ...start, ...stop], members);
  if (!findsIn(file, fromEntries, members, 'register')) return 'no-registration';
  if (!findsIn(file, reachable(stop, members), members, 'deregister')) return 'no-deregistration';
  return null;
}

export const onex002: TypeScriptRule = {
  meta,

  check(file: TsFile): RawFinding[] {
    const findings: RawFinding[] = [];
    for (const cls of file.nodeClasses) {
      if (!judgesClass(file, cls, 'registration')) continue;
      const kind = analyse(file, cls);
      if (!kind) continue;
      const stop = file.config.stopMethods[0] ?? 'shutdown';
      const message = kind === 'no-registration'
        ? `${cls.name} never registers with service discovery (Consul) from its constructor or lifecycle methods: other services cannot find it`
        : `${cls.name} registers with Consul but never deregisters in ${stop}(): stale entries stay in the catalog`;
      const data: Onex002Data = { className: cls.name, kind };
      findings.push({ ruleId: 'ONEX002', message, span: cls.nameSpan, data });
    }
    return findings;
  },

  fixes(file: TsFile, finding: RawFinding): Fix[] {
    const data = finding.data as Onex002Data | undefined;
    const cls = file.nodeClasses.find((c) => c.name === data?.className);
    if (!data || !cls || analyse(file, cls) !== data.kind) return [];
    const rt = ensureRuntimeNames(file, ['emitLogEvent', 'LogLevel'], ['ConsulClient']);
    if (!rt) return [];
    const members = membersWithInherited(file, cls);
    const pick = (wanted: string) => (members.has(wanted) ? `${wanted}Onex` : wanted);
    const registerName = pick('registerWithConsul');
    const deregisterName = pick('deregisterFromConsul');
    const edits: TextEdit[] = [];
    const newMembers: string[] = [];
    let idField: string;
    let ownField = false;
    const freeField = ['consulServiceId', 'registeredConsulServiceId', 'onexConsulServiceId'].find((n) => !members.has(n));
    if (!freeField) return [];
    if (data.kind === 'no-registration') {
      idField = freeField;
      ownField = true;
    } else {
      // Deregister what the existing registration registered: its id, kept in a field.
      const call = registrationCall(file, cls);
      const id = call && registeredId(call);
      if (!call || !id) return [];
      const idText = dottedName(unwrap(id));
      if (idText?.startsWith('this.') && idText.split('.').length === 2) {
        idField = idText.slice(5);
      } else {
        const stmt = enclosingStatement(call);
        if (!stmt || !isBlock(stmt.parent) || id.getText(file.sf).includes('\n')) return [];
        idField = freeField;
        ownField = true;
        edits.push(insertAfterStatementInBlock(file, stmt, `this.${idField} = ${id.getText(file.sf)};`));
      }
    }
    const service = serviceName(cls.name);
    const fieldCode = ownField ? `private ${idField}: string | undefined;` : null;
    if (data.kind === 'no-registration') newMembers.push(registerMethod(file, cls, rt, registerName, idField, service));
    newMembers.push(deregisterMethod(file, rt, deregisterName, idField, ownField));
    const calls: { names: string[]; call: string; fallback: string }[] = [];
    if (data.kind === 'no-registration') {
      calls.push({ names: file.config.startMethods, call: `await this.${registerName}();`, fallback: 'startup' });
    }
    calls.push({ names: file.config.stopMethods, call: `await this.${deregisterName}();`, fallback: 'shutdown' });
    const newLifecycle: string[] = [];
    for (const c of calls) {
      const existing = findLifecycle(file, cls, lifecycleNames(c.names)).find((m) => cls.members.get(m.name) === m && m.body && isBlock(m.body));
      if (existing && existing.body && isBlock(existing.body)) {
        const call = existing.isAsync ? c.call : c.call.replace(/^await /, 'void ');
        edits.push(insertBeforeFinalReturn(file, existing.body, call));
      } else {
        const name = (c.names[0] ?? c.fallback).replace(/_([a-z0-9])/g, (_, ch: string) => ch.toUpperCase());
        newLifecycle.push(`async ${name}(): Promise<void> {\n    ${c.call}\n}`);
      }
    }
    const singleLine = file.lines.positionAt(cls.node.members.pos).line === file.lines.positionAt(cls.node.end).line;
    // The new field goes with the other fields at the top of the class.
    if (fieldCode && !singleLine) edits.push(insertClassMember(file, cls, fieldCode, 'start'));
    else if (fieldCode) newMembers.unshift(fieldCode);
    const code = [...newLifecycle, ...newMembers].join('\n\n');
    const ctor = cls.node.members.find((m) => isConstructorDeclaration(m) && m.body);
    edits.push(ctor && newLifecycle.length ? insertClassMemberAfter(file, cls, ctor, code) : insertClassMember(file, cls, code));
    edits.push(...rt.edits);
    return [{
      id: data.kind === 'no-registration' ? 'register-with-consul' : 'deregister-from-consul',
      title: data.kind === 'no-registration'
        ? `Register with Consul on start and deregister on stop (${registerName}/${deregisterName})`
        : `Deregister from Consul on stop (${deregisterName})`,
      safety: 'unsafe',
      preferred: true,
      edits,
    }];
  },
};

function insertAfterStatementInBlock(file: TsFile, stmt: ts.Statement, code: string): TextEdit {
  return insertAfterStatement(file, stmt, code);
}

function insertBeforeFinalReturn(file: TsFile, body: ts.Block, code: string): TextEdit {
  const last = body.statements[body.statements.length - 1];
  if (last && isReturnStatement(last)) {
    const at = last.getStart(file.sf);
    const indent = file.text.slice(file.lines.lineStart(file.lines.positionAt(at).line), at);
    if (indent.trim() === '') {
      return { start: at, end: at, newText: `${code.replace(/;$/, file.semicolons ? ';' : '')}${file.eol}${indent}` };
    }
  }
  return insertAtBlockEnd(file, body, code);
}

function registerMethod(file: TsFile, cls: TsClass, rt: NonNullable<ReturnType<typeof ensureRuntimeNames>>, name: string,
  idField: string, service: string): string {
  const warn = logStatement(rt, 'WARNING', str(file, 'Consul client not available - service registration skipped'), '{ nodeId: this.nodeId }');
  const info = logStatement(rt, 'INFO', str(file, 'Registered with Consul'), '{ nodeId: this.nodeId, serviceId }');
  const error = logStatement(rt, 'ERROR', str(file, 'Failed to register with Consul'),
    '{ nodeId: this.nodeId, error: error instanceof Error ? error.message : String(error) }');
  return [
    `private async ${name}(): Promise<void> {`,
    `    const consul = this.container.getService<${rt.ref('ConsulClient')}>(${str(file, 'consul_client')});`,
    '    if (!consul) {',
    `        ${warn}`,
    '        return;',
    '    }',
    `    const serviceId = \`${service}-\${this.nodeId}\`;`,
    '    try {',
    '        await consul.agent.service.register({',
    `            name: ${str(file, service)},`,
    '            id: serviceId,',
    `            tags: [${str(file, 'onex')}, ${str(file, cls.kind ?? 'node')}],`,
    '        });',
    `        this.${idField} = serviceId;`,
    `        ${info}`,
    '    } catch (error) {',
    `        ${error}`,
    '    }',
    '}',
  ].join('\n');
}

function deregisterMethod(file: TsFile, rt: NonNullable<ReturnType<typeof ensureRuntimeNames>>, name: string, idField: string,
  ownField: boolean): string {
  const info = logStatement(rt, 'INFO', str(file, 'Deregistered from Consul'), '{ nodeId: this.nodeId, serviceId }');
  const warn = logStatement(rt, 'WARNING', str(file, 'Failed to deregister from Consul'),
    '{ nodeId: this.nodeId, error: error instanceof Error ? error.message : String(error) }');
  return [
    `private async ${name}(): Promise<void> {`,
    `    const serviceId = this.${idField};`,
    `    const consul = this.container.getService<${rt.ref('ConsulClient')}>(${str(file, 'consul_client')});`,
    '    if (!serviceId || !consul) {',
    '        return;',
    '    }',
    '    try {',
    '        await consul.agent.service.deregister(serviceId);',
    ...(ownField ? [`        this.${idField} = undefined;`] : []),
    `        ${info}`,
    '    } catch (error) {',
    `        ${warn}`,
    '    }',
    '}',
  ].join('\n');
}

