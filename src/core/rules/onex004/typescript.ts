// ONEX004 error-handling — see ./ONEX004.md and shared/spec/rules.md.
// Reports, inside node classes, (1) a `catch` that throws a new OnexError while the catch never lets
// an OnexError from the try through unchanged (`if (e instanceof OnexError) throw e;` before the
// throw), and (2) a new OnexError thrown inside `catch (e)` without `{ cause: e }`.
// Fixes (both safe): insert `if (e instanceof OnexError) throw e;` at the top of the catch block;
// add `cause: e` to the error's options object (or pass `{ cause: e }`).
import type { ts } from 'ts-morph';
import {
  SyntaxKind, isBinaryExpression, isCallExpression, isCatchClause, isClassLike, isComputedPropertyName,
  isConditionalExpression, isIdentifier, isIfStatement, isNewExpression, isObjectLiteralExpression,
  isPrefixUnaryExpression, isPropertyAccessExpression, isSpreadAssignment, isSpreadElement, isStringLiteralLike,
  isThrowStatement, isTryStatement, isBlock, isBreakOrContinueStatement, isReturnStatement, isForStatement, isForOfStatement,
  isForInStatement, isWhileStatement, isDoStatement,
} from '../../typescript/api';
import { meta } from './meta';
import type { Fix, RawFinding, TextEdit } from '../../types';
import { indentAt, insertAtBlockStart } from '../../typescript/edits';
import type { TsFile } from '../../typescript/model';
import { type Node, isFunctionNode, nameText, unwrap, walk } from '../../typescript/syntax';
import { isOnexErrorName, nodesInNodeClasses, scopeHasError } from '../typescriptNodeClasses';
import type { TypeScriptRule } from '../rule';

interface Onex004Data {
  kind: 'rewrap' | 'no-cause';
  /** Start of the catch clause the finding belongs to. */
  catchStart: number;
  errorName: string;
}

/** The `new OnexError(...)` a throw statement throws, else undefined. */
function thrownOnexError(file: TsFile, stmt: ts.ThrowStatement): ts.NewExpression | undefined {
  const e = unwrap(stmt.expression);
  return isNewExpression(e) && isOnexErrorName(file, e.expression) ? e : undefined;
}

/** Throw statements of a block, not inside nested functions or classes. */
function throwsIn(block: ts.Block): ts.ThrowStatement[] {
  const out: ts.ThrowStatement[] = [];
  walk(block, (n) => {
    if (isThrowStatement(n)) out.push(n);
  }, { intoFunctions: false });
  return out;
}

/**
 * The throws of an OnexError on the catch block's own path (rules.md, ONEX004: not inside a nested `if`):
 * statements of the block or of a nested block, and the throws of an `if` whose both branches throw one on
 * their own path. A return, break or continue ends the path.
 */
function throwsOnOwnPath(file: TsFile, stmts: readonly ts.Statement[]): ts.ThrowStatement[] {
  for (const stmt of stmts) {
    const own = ownThrows(file, stmt);
    if (own.length > 0) return own;
    if (isReturnStatement(stmt) || isBreakOrContinueStatement(stmt)) return [];
  }
  return [];
}

function ownThrows(file: TsFile, stmt: ts.Statement): ts.ThrowStatement[] {
  if (isThrowStatement(stmt)) return thrownOnexError(file, stmt) ? [stmt] : [];
  if (isBlock(stmt)) return throwsOnOwnPath(file, stmt.statements);
  if (isIfStatement(stmt) && stmt.elseStatement) {
    const then = ownThrows(file, stmt.thenStatement);
    const otherwise = ownThrows(file, stmt.elseStatement);
    return then.length > 0 && otherwise.length > 0 ? [...then, ...otherwise] : [];
  }
  return [];
}

/** The innermost catch clause around node, without crossing a function boundary. */
function enclosingCatch(node: Node): ts.CatchClause | undefined {
  for (let p = node.parent; p; p = p.parent) {
    if (isFunctionNode(p) || isClassLike(p)) return undefined;
    if (isCatchClause(p) && p.block.pos <= node.pos && node.end <= p.block.end) return p;
  }
  return undefined;
}

function catchVariable(clause: ts.CatchClause): string | null {
  const decl = clause.variableDeclaration;
  return decl && isIdentifier(decl.name) ? decl.name.text : null;
}

/** `e instanceof OnexError` (any operand order inside `||`, `&&`, `!` and parentheses). */
function instanceofTests(file: TsFile, expr: ts.Expression, variable: string | null): { positive: boolean }[] {
  const out: { positive: boolean }[] = [];
  const stack: [ts.Expression, boolean][] = [[expr, true]];
  const visit = (e: ts.Expression, positive: boolean): void => {
    const u = unwrap(e);
    if (isPrefixUnaryExpression(u) && u.operator === SyntaxKind.ExclamationToken) {
      stack.push([u.operand, !positive]);
      return;
    }
    if (isBinaryExpression(u)) {
      const op = u.operatorToken.kind;
      if (op === SyntaxKind.InstanceOfKeyword) {
        const left = unwrap(u.left);
        const subjectOk = variable === null || (isIdentifier(left) && left.text === variable);
        if (subjectOk && isOnexErrorName(file, u.right)) out.push({ positive });
        return;
      }
      if (op === SyntaxKind.BarBarToken || op === SyntaxKind.AmpersandAmpersandToken) {
        stack.push([u.right, positive], [u.left, positive]);
        return;
      }
      if (op === SyntaxKind.EqualsEqualsEqualsToken || op === SyntaxKind.EqualsEqualsToken) {
        // e.name === 'OnexError'
        for (const side of [u.left, u.right]) {
          const s = unwrap(side);
          if (isStringLiteralLike(s) && file.onexErrorNames.has(s.text)) out.push({ positive });
        }
        return;
      }
    }
    if (isCallExpression(u)) {
      // isOnexError(e), OnexError.isOnexError(e)
      const callee = unwrap(u.expression);
      const name = isIdentifier(callee) ? callee.text : isPropertyAccessExpression(callee) ? callee.name.text : '';
      if (/onexerror/i.test(name)) out.push({ positive });
    }
  };
  while (stack.length) {
    const [e, positive] = stack.pop()!;
    visit(e, positive);
  }
  return out;
}

function throwsVariable(stmt: ts.Statement, variable: string | null): boolean {
  const throwsIt = (s: ts.Node) => {
    if (!isThrowStatement(s)) return false;
    const e = unwrap(s.expression);
    return variable === null || (isIdentifier(e) && e.text === variable);
  };
  let found = throwsIt(stmt);
  walk(stmt, (n) => {
    if (found) return false;
    found = throwsIt(n);
    return !found;
  }, { intoFunctions: false });
  return found;
}

/** Whether a throw inside the catch block only runs for errors that are not OnexErrors. */
function isGuarded(file: TsFile, clause: ts.CatchClause, thrown: ts.ThrowStatement): boolean {
  const variable = catchVariable(clause);
  let guarded = false;
  walk(clause.block, (n) => {
    if (guarded) return false;
    if (n.pos >= thrown.pos) return false;
    if (isIfStatement(n)) {
      const tests = instanceofTests(file, n.expression, variable);
      if (tests.length === 0) return;
      const inThen = thrown.pos >= n.thenStatement.pos && thrown.end <= n.thenStatement.end;
      const inElse = !!n.elseStatement && thrown.pos >= n.elseStatement.pos && thrown.end <= n.elseStatement.end;
      if (tests.some((t) => t.positive)) {
        // if (e instanceof OnexError) throw e;  ... throw new OnexError(...)
        if (!inThen && throwsVariable(n.thenStatement, variable)) guarded = true;
        if (inElse) guarded = true;
      }
      if (tests.some((t) => !t.positive) && inThen) guarded = true;
    } else if (isConditionalExpression(n) && instanceofTests(file, n.condition, variable).length > 0 &&
      thrown.pos >= n.pos && thrown.end <= n.end) {
      guarded = true;
    }
    return;
  }, { intoFunctions: false });
  if (guarded) return true;
  // A conditional around the throw itself: `if (!(e instanceof OnexError)) { throw new OnexError(...) }`.
  for (let p: Node | undefined = thrown.parent; p && p !== clause.block; p = p.parent) {
    if (isIfStatement(p) && instanceofTests(file, p.expression, variable).length > 0) return true;
  }
  return false;
}

/** Whether the error's arguments carry a cause: an options object with `cause`, a spread, or an options name. */
function hasCause(file: TsFile, expr: ts.NewExpression): boolean {
  for (const arg of expr.arguments ?? []) {
    const a = unwrap(arg);
    if (isObjectLiteralExpression(a)) {
      for (const p of a.properties) {
        if (isSpreadAssignment(p)) return true;
        const name = p.name ? nameText(p.name) : null;
        if (name === 'cause' || (p.name && isComputedPropertyName(p.name))) return true;
      }
    } else if (isIdentifier(a) && /opt|init|cause/i.test(a.text)) {
      return true;
    } else if (isSpreadElement(a) || isCallExpression(a)) {
      // Options built by a helper (`errorOptions(e)`) or spread arguments cannot be checked.
      if (isSpreadElement(a) || /opt|cause/i.test(a.expression.getText(file.sf))) return true;
    }
  }
  return false;
}

function errorNameOf(file: TsFile, expr: ts.NewExpression): string {
  return expr.expression.getText(file.sf);
}

export const onex004: TypeScriptRule = {
  meta,

  check(file: TsFile): RawFinding[] {
    const findings: RawFinding[] = [];
    // (1) catch blocks that re-wrap an OnexError from the try.
    for (const { cls, node: tryStmt } of nodesInNodeClasses(file, isTryStatement, [SyntaxKind.TryStatement])) {
      const clause = tryStmt.catchClause;
      if (!clause || scopeHasError(file, tryStmt, cls)) continue;
      if (clause.variableDeclaration && !isIdentifier(clause.variableDeclaration.name)) continue;
      const ownPath = new Set(throwsOnOwnPath(file, clause.block.statements));
      const first = throwsIn(clause.block).find((t) => ownPath.has(t) && !isGuarded(file, clause, t));
      if (!first) continue;
      const created = thrownOnexError(file, first)!;
      const errorName = errorNameOf(file, created);
      const variable = catchVariable(clause) ?? 'error';
      const data: Onex004Data = { kind: 'rewrap', catchStart: clause.getStart(file.sf), errorName };
      findings.push({
        ruleId: 'ONEX004',
        message: `catch (${variable}) wraps every error in ${errorName}, an ${errorName} thrown in the try included; ` +
          `let it through first (if (${variable} instanceof ${errorName}) throw ${variable};)`,
        span: { start: first.getStart(file.sf), end: first.end },
        data,
      });
    }
    // (2) new OnexError thrown while handling an error, without its cause.
    for (const { cls, node: thrown } of nodesInNodeClasses(file, isThrowStatement, [SyntaxKind.ThrowStatement])) {
      const created = thrownOnexError(file, thrown);
      if (!created) continue;
      const clause = enclosingCatch(thrown);
      const variable = clause ? catchVariable(clause) : null;
      if (!clause || !variable || hasCause(file, created) || scopeHasError(file, thrown, cls)) continue;
      const errorName = errorNameOf(file, created);
      const data: Onex004Data = { kind: 'no-cause', catchStart: clause.getStart(file.sf), errorName };
      findings.push({
        ruleId: 'ONEX004',
        message: `${errorName} is thrown while handling ${variable} without { cause: ${variable} }: the original error is lost`,
        span: { start: thrown.getStart(file.sf), end: thrown.end },
        data,
        // As in Python: advisory in today's era (rules.md, "Eras").
        ...(file.era.era === 'current' ? { defaultSeverity: 'information' as const } : {}),
      });
    }
    return findings;
  },

  fixes(file: TsFile, finding: RawFinding): Fix[] {
    const data = finding.data as Onex004Data | undefined;
    if (!data) return [];
    const clause = nodesInNodeClasses(file, isCatchClause, [SyntaxKind.CatchClause]).map((x) => x.node).find((c) => c.getStart(file.sf) === data.catchStart);
    if (!clause) return [];
    const thrown = throwsIn(clause.block).find((t) => t.getStart(file.sf) === finding.span.start && t.end === finding.span.end);
    if (data.kind === 'rewrap') return thrown ? rethrowFix(file, clause, data.errorName, thrown) : [];
    if (!thrown) return [];
    const created = thrownOnexError(file, thrown);
    const variable = catchVariable(clause);
    if (!created || !variable) return [];
    const edit = causeEdit(file, created, variable);
    return edit ? [{
      id: 'chain-cause',
      title: `Pass { cause: ${variable} } to ${data.errorName}`,
      safety: 'safe',
      preferred: true,
      edits: [edit],
    }] : [];
  },
};

/** Whether the catch block may leave without throwing before `thrown` (a return, or a break or continue of an outer loop). */
function mayLeaveBefore(block: ts.Block, thrown: ts.ThrowStatement): boolean {
  let leaves = false;
  const visit = (n: Node, inLoop: boolean): void => {
    if (leaves || n.pos >= thrown.pos || isFunctionNode(n) || isClassLike(n)) return;
    if (isReturnStatement(n) || (isBreakOrContinueStatement(n) && !inLoop)) {
      leaves = true;
      return;
    }
    const loop = inLoop || isForStatement(n) || isForOfStatement(n) || isForInStatement(n) || isWhileStatement(n) || isDoStatement(n);
    n.forEachChild((c) => visit(c, loop));
  };
  block.forEachChild((c) => visit(c, false));
  return leaves;
}

/** `if (e instanceof OnexError) throw e;` first in the catch block: safe only where the block throws on every path. */
function rethrowFix(file: TsFile, clause: ts.CatchClause, errorName: string, thrown: ts.ThrowStatement): Fix[] {
  const edits: TextEdit[] = [];
  let variable = catchVariable(clause);
  if (!clause.variableDeclaration) {
    // `catch {` has no binding: give it one.
    variable = 'error';
    const catchKeywordEnd = clause.getStart(file.sf) + 'catch'.length;
    edits.push({ start: catchKeywordEnd, end: clause.block.getStart(file.sf), newText: ` (${variable}) ` });
  }
  if (!variable) return [];
  edits.push(insertAtBlockStart(file, clause.block, `if (${variable} instanceof ${errorName}) throw ${variable};`));
  return [{
    id: 'reraise-onex-error',
    title: `Re-throw ${errorName} unchanged (if (${variable} instanceof ${errorName}) throw ${variable};)`,
    safety: mayLeaveBefore(clause.block, thrown) ? 'unsafe' : 'safe',
    preferred: true,
    edits,
  }];
}

/** Adds `cause: e` to the error's last options object, or passes `{ cause: e }` as a new argument. */
function causeEdit(file: TsFile, created: ts.NewExpression, variable: string): TextEdit | null {
  const args = created.arguments ?? [];
  const lastArg = args[args.length - 1];
  const options = lastArg && isObjectLiteralExpression(unwrap(lastArg)) ? unwrap(lastArg) as ts.ObjectLiteralExpression : undefined;
  if (options) {
    const props = options.properties;
    const last = props[props.length - 1];
    if (!last) return { start: options.getStart(file.sf), end: options.end, newText: `{ cause: ${variable} }` };
    const sameLine = file.lines.positionAt(options.getStart(file.sf)).line === file.lines.positionAt(options.end).line;
    if (sameLine) {
      if (props.hasTrailingComma) {
        const comma = file.text.indexOf(',', last.end);
        return { start: comma + 1, end: comma + 1, newText: ` cause: ${variable},` };
      }
      return { start: last.end, end: last.end, newText: `, cause: ${variable}` };
    }
    const indent = indentAt(file, last.getStart(file.sf));
    if (props.hasTrailingComma) {
      const comma = file.text.indexOf(',', last.end);
      return { start: comma + 1, end: comma + 1, newText: `${file.eol}${indent}cause: ${variable},` };
    }
    return { start: last.end, end: last.end, newText: `,${file.eol}${indent}cause: ${variable}` };
  }
  if (!created.arguments) {
    // `new OnexError` without parentheses.
    return { start: created.end, end: created.end, newText: `({ cause: ${variable} })` };
  }
  if (!lastArg) {
    const close = created.end - 1;
    return { start: close, end: close, newText: `{ cause: ${variable} }` };
  }
  const multiline = file.lines.positionAt(created.arguments.pos).line !== file.lines.positionAt(lastArg.end).line;
  if (multiline) {
    const indent = indentAt(file, lastArg.getStart(file.sf));
    if (created.arguments.hasTrailingComma) {
      const comma = file.text.indexOf(',', lastArg.end);
      return { start: comma + 1, end: comma + 1, newText: `${file.eol}${indent}{ cause: ${variable} },` };
    }
    return { start: lastArg.end, end: lastArg.end, newText: `,${file.eol}${indent}{ cause: ${variable} }` };
  }
  return { start: lastArg.end, end: lastArg.end, newText: `, { cause: ${variable} }` };
}
