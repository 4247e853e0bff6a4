// ONEX009 metrics — see ./ONEX009.md and shared/spec/rules.md.
// Reports a non-declarative node class with no getMetrics method (its own, one of a base class in
// the same file, or a base whose name contains Metrics), or whose getMetrics returns object literals
// without a success-rate key, a failure key and an average-duration key (names compared ignoring
// case and underscores: successRate = success_rate). A return that is not an object literal, or has
// a spread, cannot be checked: no report.
// Fix (unsafe): add the counters and a getMetrics() returning them; or add the missing keys.
import type { ts } from 'ts-morph';
import {
  isBlock, isComputedPropertyName, isObjectLiteralExpression, isPropertyAssignment, isPropertyDeclaration,
  isReturnStatement, isSpreadAssignment,
} from '../../typescript/api';
import { meta } from './meta';
import type { Fix, RawFinding, TextEdit } from '../../types';
import { insertClassMember } from '../../typescript/edits';
import { type TsClass, type TsFile, type TsMember, classChain, membersWithInherited } from '../../typescript/model';
import { nameText, nameWords, normalizeName, unwrap, walk } from '../../typescript/syntax';
import { judgesClass } from '../onex005/typescript';
import { addProperties } from '../onex008/typescript';
import type { TypeScriptRule } from '../rule';

type MetricKey = 'successRate' | 'failures' | 'avgDuration';

interface Onex009Data {
  className: string;
  kind: 'missing' | 'incomplete';
  missing: MetricKey[];
}

const KEY_LABEL: Record<MetricKey, string> = {
  successRate: 'a success rate',
  failures: 'a failure count',
  avgDuration: 'an average duration',
};

function isSuccessRateKey(key: string): boolean {
  return normalizeName(key).includes('successrate');
}
function isFailureKey(key: string): boolean {
  return normalizeName(key).includes('fail');
}
function isAvgDurationKey(key: string): boolean {
  const words = nameWords(key);
  const avg = words.includes('avg') || words.includes('average') || normalizeName(key).startsWith('avg');
  return avg && (normalizeName(key).includes('duration') || words.includes('ms'));
}

/** The object literals getMetrics returns; null when a return cannot be checked. */
function returnedLiterals(member: TsMember): ts.ObjectLiteralExpression[] | null {
  const fn = member.fn;
  if (!fn?.body) return null;
  const values: (ts.Expression | undefined)[] = [];
  if (!isBlock(fn.body)) values.push(fn.body);
  else {
    walk(fn.body, (n) => {
      if (isReturnStatement(n)) values.push(n.expression);
    }, { intoFunctions: false });
  }
  const literals: ts.ObjectLiteralExpression[] = [];
  for (const v of values) {
    if (!v) return null;
    const e = unwrap(v);
    if (!isObjectLiteralExpression(e)) return null;
    if (e.properties.some((p) => isSpreadAssignment(p) || (p.name && isComputedPropertyName(p.name)))) return null;
    literals.push(e);
  }
  return literals;
}

/** Keys of object literals, nested ones included (`{ timing: { avgDurationMs } }`). */
function keysOf(literals: ts.ObjectLiteralExpression[]): string[] {
  const keys: string[] = [];
  const stack = [...literals];
  while (stack.length) {
    const o = stack.pop()!;
    for (const p of o.properties) {
      const name = p.name ? nameText(p.name) : null;
      if (name) keys.push(name);
      if (isPropertyAssignment(p)) {
        const v = unwrap(p.initializer);
        if (isObjectLiteralExpression(v)) stack.push(v);
      }
    }
  }
  return keys;
}

function missingKeys(keys: string[]): MetricKey[] {
  const missing: MetricKey[] = [];
  if (!keys.some(isSuccessRateKey)) missing.push('successRate');
  if (!keys.some(isFailureKey)) missing.push('failures');
  if (!keys.some(isAvgDurationKey)) missing.push('avgDuration');
  return missing;
}

function metricsMember(file: TsFile, cls: TsClass): TsMember | undefined {
  const m = membersWithInherited(file, cls).get('getMetrics');
  return m && !m.isStatic && (m.kind === 'method' || m.kind === 'property') ? m : undefined;
}

function hasMetricsBase(file: TsFile, cls: TsClass): boolean {
  return classChain(file, cls).some((c) => c.bases.some((b) => b.includes('Metrics')));
}

export const onex009: TypeScriptRule = {
  meta,

  check(file: TsFile): RawFinding[] {
    const findings: RawFinding[] = [];
    for (const cls of file.nodeClasses) {
      if (!judgesClass(file, cls, 'metrics')) continue;
      const member = metricsMember(file, cls);
      if (!member) {
        if (hasMetricsBase(file, cls)) continue;
        const data: Onex009Data = { className: cls.name, kind: 'missing', missing: ['successRate', 'failures', 'avgDuration'] };
        findings.push({
          ruleId: 'ONEX009',
          message: `${cls.name} has no getMetrics(): nothing reports its success rate, failures and average duration`,
          span: cls.nameSpan,
          data,
        });
        continue;
      }
      const literals = returnedLiterals(member);
      if (!literals) continue;
      const missing = missingKeys(keysOf(literals));
      if (missing.length === 0) continue;
      const own = cls.members.get('getMetrics') === member;
      const data: Onex009Data = { className: cls.name, kind: 'incomplete', missing };
      findings.push({
        ruleId: 'ONEX009',
        message: `${cls.name}.getMetrics() reports no ${missing.map((k) => KEY_LABEL[k].replace(/^an? /, '')).join(', ')} ` +
          '(e.g. successRate, failedOperations, avgDurationMs)',
        span: own ? { start: member.nameNode.getStart(file.sf), end: member.nameNode.end } : cls.nameSpan,
        data,
      });
    }
    return findings;
  },

  fixes(file: TsFile, finding: RawFinding): Fix[] {
    const data = finding.data as Onex009Data | undefined;
    const cls = file.nodeClasses.find((c) => c.name === data?.className);
    if (!data || !cls) return [];
    const counters = counterNames(file, cls);
    const edits: TextEdit[] = [];
    const fields = missingCounterFields(counters);
    const member = metricsMember(file, cls);
    if (data.kind === 'missing') {
      if (member) return [];
      const methods = `${getMetricsMethod(counters)}\n\n${recordOperationMethod(counters, cls)}`;
      if (isSingleLine(file, cls)) {
        edits.push(insertClassMember(file, cls, fields ? `${fields}\n\n${methods}` : methods));
      } else {
        if (fields) edits.push(insertClassMember(file, cls, fields, 'start'));
        edits.push(insertClassMember(file, cls, methods));
      }
      return [{
        id: 'add-get-metrics',
        title: 'Add getMetrics() with success rate, failures and average duration',
        safety: 'unsafe',
        preferred: true,
        edits: mergeInsertions(edits),
      }];
    }
    if (!member || cls.members.get('getMetrics') !== member) return [];
    const literals = returnedLiterals(member);
    const target = literals?.[literals.length - 1];
    if (!target) return [];
    const missing = missingKeys(keysOf(literals));
    if (missing.length === 0) return [];
    const snake = keysOf([target]).some((k) => k.includes('_')) && !keysOf([target]).some((k) => /[A-Z]/.test(k));
    const entries = missing.map((k) => metricEntry(k, counters, snake));
    if (fields && !isSingleLine(file, cls)) edits.push(insertClassMember(file, cls, fields, 'start'));
    else if (fields) return [];
    edits.push(addProperties(file, target, entries));
    return [{
      id: 'complete-metrics',
      title: `Add ${missing.map((k) => KEY_LABEL[k]).join(', ')} to getMetrics()`,
      safety: 'unsafe',
      preferred: true,
      edits: mergeInsertions(edits),
    }];
  },
};

interface Counters {
  total: string;
  successful: string;
  failed: string;
  duration: string;
  /** Counter fields the class does not have yet. */
  missing: string[];
}

/** The class's counter fields (matched ignoring case, underscores and `#`), or the names to add. */
function counterNames(file: TsFile, cls: TsClass): Counters {
  const existing = new Map<string, string>();
  for (const c of classChain(file, cls)) {
    for (const m of c.node.members) {
      if (!isPropertyDeclaration(m)) continue;
      const name = nameText(m.name);
      if (name && !existing.has(normalizeName(name))) existing.set(normalizeName(name), name);
    }
  }
  const missing: string[] = [];
  const pick = (wanted: string): string => {
    const found = existing.get(normalizeName(wanted));
    if (found) return found;
    missing.push(wanted);
    return wanted;
  };
  return {
    total: pick('totalOperations'),
    successful: pick('successfulOperations'),
    failed: pick('failedOperations'),
    duration: pick('totalDurationMs'),
    missing,
  };
}

function missingCounterFields(c: Counters): string | null {
  if (c.missing.length === 0) return null;
  return c.missing.map((n) => `private ${n} = 0;`).join('\n');
}

function ref(name: string): string {
  return `this.${name}`;
}

function metricEntry(key: MetricKey, c: Counters, snake: boolean): string {
  const k = (camel: string, sn: string) => (snake ? sn : camel);
  switch (key) {
    case 'successRate':
      return `${k('successRate', 'success_rate')}: ${ref(c.total)} > 0 ? ${ref(c.successful)} / ${ref(c.total)} : 1`;
    case 'failures':
      return `${k('failedOperations', 'failed_operations')}: ${ref(c.failed)}`;
    case 'avgDuration':
      return `${k('avgDurationMs', 'avg_duration_ms')}: ${ref(c.total)} > 0 ? ${ref(c.duration)} / ${ref(c.total)} : 0`;
  }
}

function getMetricsMethod(c: Counters): string {
  return [
    'getMetrics(): Record<string, number> {',
    `    const total = ${ref(c.total)};`,
    '    return {',
    '        totalOperations: total,',
    `        successfulOperations: ${ref(c.successful)},`,
    `        failedOperations: ${ref(c.failed)},`,
    `        successRate: total > 0 ? Math.round((${ref(c.successful)} / total) * 10000) / 10000 : 1,`,
    `        avgDurationMs: total > 0 ? Math.round((${ref(c.duration)} / total) * 100) / 100 : 0,`,
    `        totalDurationMs: Math.round(${ref(c.duration)} * 100) / 100,`,
    '    };',
    '}',
  ].join('\n');
}

function recordOperationMethod(c: Counters, cls: TsClass): string {
  const name = cls.members.has('recordOperation') ? 'recordMetricsOperation' : 'recordOperation';
  return [
    `protected ${name}(durationMs: number, succeeded: boolean): void {`,
    `    ${ref(c.total)} += 1;`,
    `    ${ref(c.duration)} += durationMs;`,
    '    if (succeeded) {',
    `        ${ref(c.successful)} += 1;`,
    '    } else {',
    `        ${ref(c.failed)} += 1;`,
    '    }',
    '}',
  ].join('\n');
}

function isSingleLine(file: TsFile, cls: TsClass): boolean {
  return file.lines.positionAt(cls.node.members.pos).line === file.lines.positionAt(cls.node.end).line;
}

/** Several members inserted at the same offset become one edit, in order. */
function mergeInsertions(edits: TextEdit[]): TextEdit[] {
  const out: TextEdit[] = [];
  for (const e of edits) {
    const same = out.find((o) => o.start === e.start && o.end === e.end);
    if (same && same.start === same.end) same.newText += e.newText;
    else out.push({ ...e });
  }
  return out;
}
