// ONEX007 service-resolution — see ./ONEX007.md and shared/spec/rules.md.
// Reports, inside node classes, `target = <...>.getService(...)` whose result is never tested for
// absence: for a local, nowhere in the same function; for `this.<name>`, nowhere in the class.
// A test: `x === undefined`/`null` (and `!==`, `==`, `!=`), `if (x)`, `!x`, `x || ...`, `x && ...`,
// `x ?? ...`, `x ? a : b`, an optional chain `x?.y`, `typeof x === 'undefined'`, `assert(x)`.
// Fix (unsafe): after the assignment, `if (!x) { <log a warning> }`.
import type { ts } from 'ts-morph';
import {
  SyntaxKind, isAsExpression, isAwaitExpression, isBinaryExpression, isBlock, isCallExpression,
  isConditionalExpression, isDoStatement, isElementAccessExpression, isExpressionStatement, isForStatement,
  isIdentifier, isIfStatement, isNonNullExpression, isParenthesizedExpression, isPrefixUnaryExpression,
  isPropertyAccessExpression, isSatisfiesExpression, isStringLiteralLike, isTypeAssertionExpression,
  isTypeOfExpression, isVariableDeclaration, isVariableStatement, isWhileStatement,
} from '../../typescript/api';
import { meta } from './meta';
import type { Fix, RawFinding } from '../../types';
import { ensureRuntimeNames, insertAfterStatement, logStatement, nodeIdExpression, str } from '../../typescript/edits';
import type { TsClass, TsFile } from '../../typescript/model';
import { type Node, callInfo, callLabel, enclosingFunction, enclosingStatement, isFunctionNode, isNullish, unwrap, unwrapAwait, walk } from '../../typescript/syntax';
import { CALLS, atSpan, nodesInNodeClasses, scopeHasError } from '../typescriptNodeClasses';
import { resolveIdentifier } from '../typescriptScope';
import type { TypeScriptRule } from '../rule';

interface Onex007Data {
  className: string;
  target: string;
}

type Target = { kind: 'local'; decl: ts.Identifier; text: string } | { kind: 'field'; name: string; text: string };

/** The target of `x = <...>.getService(...)` / `const x = ...` / `this.x = ...`, when the call is the whole value. */
function assignmentTarget(call: ts.CallExpression): Target | null {
  // Climb wrappers: await, parentheses, `as`, `!`.
  let value: Node = call;
  while (value.parent && (isAwaitExpression(value.parent) || isParenthesizedExpression(value.parent) ||
    isAsExpression(value.parent) || isNonNullExpression(value.parent) || isSatisfiesExpression(value.parent) ||
    isTypeAssertionExpression(value.parent))) value = value.parent;
  const parent = value.parent;
  if (isVariableDeclaration(parent) && parent.initializer === value && isIdentifier(parent.name)) {
    return { kind: 'local', decl: parent.name, text: parent.name.text };
  }
  if (isBinaryExpression(parent) && parent.right === value && parent.operatorToken.kind === SyntaxKind.EqualsToken) {
    const left = unwrap(parent.left);
    if (isIdentifier(left)) {
      const b = resolveIdentifier(left);
      return b && (b.kind === 'local' || b.kind === 'parameter') ? { kind: 'local', decl: b.name, text: left.text } : null;
    }
    if (isPropertyAccessExpression(left) && left.expression.kind === SyntaxKind.ThisKeyword) {
      return { kind: 'field', name: left.name.text, text: `this.${left.name.text}` };
    }
  }
  return null;
}

/** Whether the reference sits anywhere in an `if`'s condition (rules.md: any `if` whose test mentions it). */
function inIfCondition(ref: ts.Expression): boolean {
  let child: Node = ref;
  for (let p: Node | undefined = ref.parent; p; child = p, p = p.parent) {
    if (isIfStatement(p)) return p.expression === child;
    if (isBlock(p) || isFunctionNode(p)) return false;
  }
  return false;
}

/** Whether the reference (an identifier or `this.x`) sits where it is tested for absence. */
function isAbsenceTest(ref: ts.Expression): boolean {
  if (inIfCondition(ref)) return true;
  let child: Node = ref;
  let parent: Node = ref.parent;
  while (parent && (isParenthesizedExpression(parent) || isAsExpression(parent) || isNonNullExpression(parent))) {
    child = parent;
    parent = parent.parent;
  }
  if (!parent) return false;
  // x?.y, x?.()
  if ((isPropertyAccessExpression(parent) || isElementAccessExpression(parent) || isCallExpression(parent)) &&
    parent.expression === child && parent.questionDotToken) return true;
  if (isPrefixUnaryExpression(parent) && parent.operator === SyntaxKind.ExclamationToken) return true;
  if (isTypeOfExpression(parent)) return true;
  if (isBinaryExpression(parent)) {
    const op = parent.operatorToken.kind;
    if (op === SyntaxKind.AmpersandAmpersandToken || op === SyntaxKind.BarBarToken ||
      op === SyntaxKind.QuestionQuestionToken || op === SyntaxKind.QuestionQuestionEqualsToken ||
      op === SyntaxKind.BarBarEqualsToken || op === SyntaxKind.AmpersandAmpersandEqualsToken) {
      return parent.left === child || op === SyntaxKind.AmpersandAmpersandToken || op === SyntaxKind.BarBarToken;
    }
    if (op === SyntaxKind.EqualsEqualsEqualsToken || op === SyntaxKind.ExclamationEqualsEqualsToken ||
      op === SyntaxKind.EqualsEqualsToken || op === SyntaxKind.ExclamationEqualsToken) {
      const other = parent.left === child ? parent.right : parent.left;
      return isNullish(other);
    }
    return false;
  }
  if ((isIfStatement(parent) || isWhileStatement(parent) || isDoStatement(parent)) && parent.expression === child) return true;
  if (isConditionalExpression(parent) && parent.condition === child) return true;
  if (isForStatement(parent) && parent.condition === child) return true;
  if (isCallExpression(parent) && parent.arguments[0] === child) {
    const info = callInfo(parent);
    if (info && (info.name === 'Boolean' || /^assert/i.test(info.name) || info.name === 'ok' || /^(ensure|require)/i.test(info.name))) return true;
  }
  return false;
}

function testedLocal(target: Extract<Target, { kind: 'local' }>, fn: Node): boolean {
  let tested = false;
  walk(fn, (n) => {
    if (tested) return false;
    if (isIdentifier(n) && n.text === target.text && n !== target.decl && isAbsenceTest(n)) {
      const b = resolveIdentifier(n);
      if (b?.name === target.decl) tested = true;
    }
    return;
  });
  return tested;
}

function testedField(name: string, cls: TsClass): boolean {
  let tested = false;
  walk(cls.node, (n) => {
    if (tested) return false;
    if (isPropertyAccessExpression(n) && n.name.text === name && n.expression.kind === SyntaxKind.ThisKeyword && isAbsenceTest(n)) tested = true;
    return;
  });
  return tested;
}

function untested(cls: TsClass, call: ts.CallExpression): Target | null {
  const info = callInfo(call);
  if (info?.name !== 'getService' || !info.receiver) return null;
  const target = assignmentTarget(call);
  if (!target) return null;
  if (target.kind === 'local') {
    const fn = enclosingFunction(target.decl);
    if (!fn || testedLocal(target, fn)) return null;
  } else if (testedField(target.name, cls)) {
    return null;
  }
  return target;
}

/**
 * Today's form (rules.md, "Eras"), where the framework-target setting chooses today's era: a service resolved by
 * a string (today's container takes the protocol type and raises on a string) and `registerService` on the
 * container (it has none). No fix.
 */
function todayFindings(file: TsFile): RawFinding[] {
  const findings: RawFinding[] = [];
  for (const { cls, node: call } of nodesInNodeClasses(file, isCallExpression, CALLS)) {
    const info = callInfo(call);
    const receiver = info?.receiver && isPropertyAccessExpression(info.receiver) ? info.receiver.name.text
      : info?.receiver && isIdentifier(info.receiver) ? info.receiver.text : '';
    if (!info || !/container/i.test(receiver) || scopeHasError(file, call, cls)) continue;
    const first = call.arguments[0];
    let message: string | null = null;
    if (/^getService(Async|Optional)?$/.test(info.name) && first && isStringLiteralLike(first)) {
      message = `${callLabel(call, file.sf)} resolves "${first.text}" by name: today's container takes the protocol type and fails on a string`;
    } else if (info.name === 'registerService') {
      message = `${callLabel(call, file.sf)}: today's container has no registerService; register through its service registry`;
    }
    if (message) findings.push({ ruleId: 'ONEX007', message, span: { start: call.getStart(file.sf), end: call.end }, data: { className: cls.name, target: '' } });
  }
  return findings;
}

export const onex007: TypeScriptRule = {
  meta,

  check(file: TsFile): RawFinding[] {
    if (file.era.era === 'current') return todayFindings(file);
    const findings: RawFinding[] = [];
    for (const { cls, node: call } of nodesInNodeClasses(file, isCallExpression, CALLS)) {
      const target = untested(cls, call);
      if (!target || scopeHasError(file, call, cls)) continue;
      const where = target.kind === 'local' ? 'in its function' : `anywhere in ${cls.name}`;
      const data: Onex007Data = { className: cls.name, target: target.text };
      findings.push({
        ruleId: 'ONEX007',
        message: `${target.text} = ${callLabel(call, file.sf)} is never tested for absence ${where}: ` +
          'a missing service fails later with a TypeError',
        span: { start: call.getStart(file.sf), end: call.end },
        data,
      });
    }
    return findings;
  },

  fixes(file: TsFile, finding: RawFinding): Fix[] {
    // Today's container raises on a missing service: no absence test is written into today's code.
    if (file.era.era === 'current') return [];
    const data = finding.data as Onex007Data | undefined;
    const cls = file.nodeClasses.find((c) => c.name === data?.className);
    if (!data || !cls) return [];
    const call = atSpan(file, nodesInNodeClasses(file, isCallExpression, CALLS).filter((x) => x.cls === cls).map((x) => x.node), finding.span);
    const target = call && untested(cls, call);
    const stmt = call && enclosingStatement(call);
    if (!call || !target || !stmt || !(isBlock(stmt.parent))) return [];
    // The statement must be the assignment itself.
    const expr = isExpressionStatement(stmt) ? unwrapAwait(stmt.expression) : null;
    if (!isVariableStatement(stmt) && !(expr && isBinaryExpression(expr))) return [];
    const rt = ensureRuntimeNames(file, ['emitLogEvent', 'LogLevel']);
    const serviceArg = call.arguments[0];
    const serviceName = serviceArg && isStringLiteralLike(serviceArg) ? serviceArg.text : target.text.replace(/^this\./, '');
    const log = logStatement(rt, 'WARNING', str(file, `Service ${serviceName} is not available in the container`),
      `{ nodeId: ${nodeIdExpression(file, cls)} }`);
    const code = `if (!${target.text}) {\n    ${log}\n}`;
    return [{
      id: 'test-service-absence',
      title: `Test ${target.text} for absence and log when the service is missing`,
      safety: 'unsafe',
      preferred: true,
      edits: [insertAfterStatement(file, stmt, code), ...(rt?.edits ?? [])],
    }];
  },
};
