// ONEX007 service-resolution — see ./ONEX007.md and shared/spec/rules.md.
// Today's era has its own form (./today.ts). In the bridge era it reports, in node classes, `target = <...>.get_service(...)` whose result is never tested for
// absence: for a local, nowhere in its function; for `self.<attr>`, nowhere in the class. The finding
// is on the `get_service(...)` call: the place where the service may come back missing.
//
// Fixes (both unsafe: they add code paths):
//  - preferred: right after the assignment, `if <target> is None:` logging a WARNING with
//    emit_log_event (skipped in health-check mode when the function or class detects it), so the
//    node degrades visibly instead of failing later on `None.<method>`;
//  - for the bridge's Kafka client (`get_service("kafka_client")` with the bridge framework target),
//    the spec's get-or-create block: import and construct the client, register it, and keep None
//    with a WARNING when its module is missing (ImportError).
import type { PyClass, PyFile } from '../../python/model';
import { frameworkNames, importEdits, quoted, superInitStatement } from '../../python/edits';
import { type Node, field, positionalArguments, stringValue, walk } from '../../python/syntax';
import { indentationAt } from '../../text';
import type { Fix, RawFinding } from '../../types';
import { meta } from './meta';
import type { PythonRule } from '../rule';
import { AbsenceTests, type ServiceResolution, serviceResolutionsIn } from './absence';
import { todayResolutionFindings, todayResolutionFixes } from './today';
import { nodeIdAttribute } from '../classFixContext';
import { memberMethodOf } from '../onex006/configReads';
import { insertLinesAfter, ownsItsLines } from '../lineInsertion';
import { insideErrorNode, parameterNames } from '../pythonScope';

export interface Onex007Data {
  target: string;
  kind: 'local' | 'attribute';
  /** The service name when it is a string literal (`"kafka_client"`), else the argument's text. */
  service: string | null;
  className: string;
}

function serviceLabel(call: Node): { literal: string | null; text: string | null } {
  const first = positionalArguments(call)[0] ?? null;
  if (!first) return { literal: null, text: null };
  const literal = stringValue(first);
  return { literal, text: literal ?? first.text.replace(/\s+/g, ' ') };
}

function unhandled(file: PyFile, cls: PyClass): ServiceResolution[] {
  const tests = new AbsenceTests(file, cls);
  return serviceResolutionsIn(cls).filter((res) => {
    if (res.assignment.hasError || insideErrorNode(res.assignment, cls.node)) return false;
    if (res.fn?.hasError) return false; // a test may hide in the part the parser could not read
    return !tests.isHandled(res);
  });
}

export const onex007: PythonRule = {
  meta,

  check(file: PyFile): RawFinding[] {
    if (file.era.era === 'current') return todayResolutionFindings(file);
    const findings: RawFinding[] = [];
    for (const cls of file.nodeClasses) {
      for (const res of unhandled(file, cls)) {
        const target = res.target.text.replace(/\s+/g, '');
        const where = res.kind === 'local' ? 'in its function' : `anywhere in ${cls.name}`;
        const data: Onex007Data = { target, kind: res.kind, service: serviceLabel(res.call).text, className: cls.name };
        findings.push({
          ruleId: 'ONEX007',
          message: `${target} = ${field(res.call, 'function')?.text.replace(/\s+/g, '') ?? 'get_service'}(...) is never tested for None ${where}: a missing service fails later instead of degrading`,
          span: { start: res.call.startIndex, end: res.call.endIndex },
          data,
        });
      }
    }
    return findings;
  },

  fixes(file: PyFile, finding: RawFinding): Fix[] {
    // Today's fixes are today's means only: never a None check or a get-or-create block.
    if (file.era.era === 'current') return todayResolutionFixes(file, finding);
    for (const cls of file.nodeClasses) {
      if (finding.span.start < cls.node.startIndex || finding.span.end > cls.node.endIndex) continue;
      const res = serviceResolutionsIn(cls).find((r) => r.call.startIndex === finding.span.start && r.call.endIndex === finding.span.end);
      if (!res) return [];
      return resolutionFixes(file, cls, res);
    }
    return [];
  },
};

/** `health_check_mode` (local, bound earlier in the function) or `self.[_]health_check_mode` (assigned in the class). */
function healthCheckExpression(cls: PyClass, res: ServiceResolution): string | null {
  if (res.fn) {
    let local = false;
    walk(res.fn, (n) => {
      if (local || n.startIndex >= res.assignment.startIndex) return false;
      if (n.type === 'assignment' && field(n, 'left')?.type === 'identifier' && field(n, 'left')?.text === 'health_check_mode') local = true;
      return !local;
    });
    if (local) return 'health_check_mode';
  }
  for (const attr of ['health_check_mode', '_health_check_mode']) {
    let assigned: Node | null = null;
    walk(cls.node, (n) => {
      if (assigned) return false;
      if (n.type === 'assignment' && field(n, 'left')?.text.replace(/\s+/g, '') === `self.${attr}`) assigned = n;
      return !assigned;
    });
    const at = assigned as Node | null;
    if (!at) continue;
    const sameFunction = res.fn && at.startIndex >= res.fn.startIndex && at.endIndex <= res.fn.endIndex;
    if (!sameFunction || at.startIndex < res.assignment.startIndex) return `self.${attr}`;
  }
  return null;
}

/** The log context: the node id when `self` is there and initialised, always the service name. */
function logContext(file: PyFile, cls: PyClass, res: ServiceResolution, service: string | null): string {
  const entries: string[] = [];
  const method = memberMethodOf(cls, res.assignment);
  const self = method ? parameterNames(method.node)[0] : undefined;
  if (self === 'self') {
    const init = cls.methods.get('__init__');
    const superInit = init && method!.node.id === init.node.id ? superInitStatement(init) : null;
    const beforeSuper = init && method!.node.id === init.node.id && (!superInit || superInit.startIndex > res.assignment.startIndex);
    const nodeId = beforeSuper ? null : nodeIdAttribute(file, cls);
    if (nodeId) entries.push(`${quoted(file, 'node_id')}: ${nodeId}`);
  }
  if (service) entries.push(`${quoted(file, 'service')}: ${quoted(file, service)}`);
  return `{${entries.join(', ')}}`;
}

function resolutionFixes(file: PyFile, cls: PyClass, res: ServiceResolution): Fix[] {
  const stmt = res.statement;
  if (!stmt || !ownsItsLines(file.text, stmt)) return [];
  const target = res.target.text;
  if (/\n|\r/.test(target)) return [];
  const indent = indentationAt(file.text, stmt.startIndex);
  const { literal, text: service } = serviceLabel(res.call);
  const health = healthCheckExpression(cls, res);
  const condition = `${target} is None${health ? ` and not ${health}` : ''}`;
  const { names, imports } = frameworkNames(file, ['emit_log_event', 'LogLevel']);
  const context = logContext(file, cls, res, service);
  const what = service ?? target;
  const fixes: Fix[] = [];

  const warnBlock = [
    `if ${condition}:`,
    `    ${names.emit_log_event}(`,
    `        ${names.LogLevel}.WARNING,`,
    `        ${quoted(file, `${what} service not available - continuing without it`)},`,
    `        ${context},`,
    '    )',
  ].join('\n');
  fixes.push({
    id: 'warn-when-missing',
    title: `Log a warning when ${target} is None`,
    safety: 'unsafe',
    preferred: true,
    edits: [insertLinesAfter(file, stmt, warnBlock, indent), ...importEdits(file, imports)],
  });

  const createBlock = getOrCreateBlock(file, res, literal, condition, names, context);
  if (createBlock) {
    fixes.push({
      id: 'get-or-create',
      title: `Create ${target} when the container has none (KafkaClient)`,
      safety: 'unsafe',
      edits: [insertLinesAfter(file, stmt, createBlock, indent), ...importEdits(file, imports)],
    });
  }
  return fixes;
}

/**
 * The spec's get-or-create block, for the bridge's Kafka client only: its module and class are known
 * (omninode_bridge.services.kafka_client.KafkaClient) and the bridge-era container had
 * register_service. The client is constructed without arguments: it reads its own settings, and a
 * fix must not hard-code a broker address.
 */
function getOrCreateBlock(file: PyFile, res: ServiceResolution, service: string | null, condition: string,
  names: { emit_log_event: string; LogLevel: string }, context: string): string | null {
  if (file.era.era !== 'bridge' || service !== 'kafka_client' || !res.receiver) return null;
  const receiver = res.receiver.text;
  if (/\n|\r/.test(receiver)) return null;
  const target = res.target.text;
  return [
    `if ${condition}:`,
    '    try:',
    '        from omninode_bridge.services.kafka_client import KafkaClient',
    '',
    `        ${target} = KafkaClient()`,
    `        ${receiver}.register_service(${quoted(file, service)}, ${target})`,
    '    except ImportError:',
    `        ${names.emit_log_event}(`,
    `            ${names.LogLevel}.WARNING,`,
    `            ${quoted(file, 'KafkaClient not available - events will be logged only')},`,
    `            ${context},`,
    '        )',
    `        ${target} = None`,
  ].join('\n');
}
