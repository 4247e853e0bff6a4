// ONEX006 defensive-config — see ./ONEX006.md and shared/spec/rules.md.
// Reports, inside node classes, a read of the container's configuration — `container.config.get(...)`,
// `this.container.config.<name>`, `container.config[...]` — that is not guarded: not inside a try
// block with a catch, not under a test of `typeof <...>.config.get === "function"` (if, conditional,
// `&&`, or an earlier early-exit `if`), and not an optional chain (`config?.get?.(...)`).
// Fix (unsafe): `typeof c.get === 'function' ? c.get(key, fallback) : fallback` for get calls, and an
// optional chain (`config?.name`) for property reads.
import type { ts } from 'ts-morph';
import {
  SyntaxKind, isArrayLiteralExpression, isArrowFunction, isBinaryExpression, isBlock, isCallExpression, isClassLike,
  isConditionalExpression, isDeleteExpression, isElementAccessExpression, isExpressionStatement, isFunctionExpression,
  isIdentifier, isIfStatement, isNewExpression, isParenthesizedExpression, isPostfixUnaryExpression,
  isPrefixUnaryExpression, isPropertyAccessExpression, isPropertyAssignment, isReturnStatement, isSourceFile,
  isStringLiteralLike, isThrowStatement, isTryStatement, isTypeOfExpression, isVariableDeclaration,
} from '../../typescript/api';
import { meta } from './meta';
import type { Fix, RawFinding, TextEdit } from '../../types';
import { conditionalText, str } from '../../typescript/edits';
import type { TsFile } from '../../typescript/model';
import { type Node, callInfo, dottedName, enclosingStatement, hasOptionalChain, isFunctionNode, normalizeName, oneLine, unwrap } from '../../typescript/syntax';
import { atSpan, nodesInNodeClasses, scopeHasError } from '../typescriptNodeClasses';
import type { TypeScriptRule } from '../rule';

interface Onex006Data {
  kind: 'get' | 'property';
}

/** `<...>container.config` (any receiver whose last name is `container`, `_container`, `#container`). */
function isConfigOfContainer(expr: ts.Expression): boolean {
  const e = unwrap(expr);
  let object: ts.Expression;
  if (isPropertyAccessExpression(e) && e.name.text === 'config') object = e.expression;
  else if (isElementAccessExpression(e) && isStringLiteralLike(e.argumentExpression) && e.argumentExpression.text === 'config') object = e.expression;
  else return false;
  const o = unwrap(object);
  const name = isIdentifier(o) ? o.text : isPropertyAccessExpression(o) ? o.name.text : null;
  return !!name && normalizeName(name) === 'container';
}

interface ConfigRead {
  /** The expression reported and rewritten: the get call, or the property/element access. */
  node: ts.Expression;
  kind: 'get' | 'property';
  /** The `<...>.config` expression. */
  config: ts.Expression;
}

function configRead(n: Node): ConfigRead | null {
  if (isCallExpression(n)) {
    const callee = unwrap(n.expression);
    if (isPropertyAccessExpression(callee) && callee.name.text === 'get' && isConfigOfContainer(callee.expression)) {
      return { node: n, kind: 'get', config: callee.expression };
    }
    return null;
  }
  if (isPropertyAccessExpression(n) || isElementAccessExpression(n)) {
    if (!isConfigOfContainer(n.expression)) return null;
    if (isPropertyAccessExpression(n) && n.name.text === 'get') return null; // the get call or the typeof test
    // Writes are not reads.
    const { parent } = outerParentOf(n);
    if (isBinaryExpression(parent) && parent.left === n && isAssignment(parent.operatorToken.kind)) return null;
    if ((isPrefixUnaryExpression(parent) || isPostfixUnaryExpression(parent)) &&
      (parent.operator === SyntaxKind.PlusPlusToken || parent.operator === SyntaxKind.MinusMinusToken)) return null;
    if (isDeleteExpression(parent)) return null;
    return { node: n, kind: 'property', config: n.expression };
  }
  return null;
}

function outerParentOf(n: Node): { parent: Node } {
  let p = n.parent;
  while (p && isParenthesizedExpression(p)) p = p.parent;
  return { parent: p };
}

function isAssignment(kind: ts.SyntaxKind): boolean {
  return kind >= SyntaxKind.FirstAssignment && kind <= SyntaxKind.LastAssignment;
}

/** Polarities of the config-get tests in a condition: true for `typeof c.get === "function"`, false when negated. */
function guardTests(cond: ts.Expression): boolean[] {
  const out: boolean[] = [];
  const stack: [ts.Expression, boolean][] = [[cond, true]];
  const visit = (e: ts.Expression, positive: boolean): void => {
    const u = unwrap(e);
    if (isPrefixUnaryExpression(u) && u.operator === SyntaxKind.ExclamationToken) {
      stack.push([u.operand, !positive]);
      return;
    }
    if (!isBinaryExpression(u)) {
      if (isCallExpression(u)) {
        // Boolean(typeof ...) or a helper like hasConfigGet(config)
        const info = callInfo(u);
        if (info && /config/i.test(info.name) && /has|get|can|is/i.test(info.name)) out.push(positive);
        for (const a of u.arguments) stack.push([a, positive]);
      }
      return;
    }
    const op = u.operatorToken.kind;
    if (op === SyntaxKind.AmpersandAmpersandToken || op === SyntaxKind.BarBarToken) {
      stack.push([u.right, positive], [u.left, positive]);
      return;
    }
    if (op === SyntaxKind.InKeyword) {
      // 'get' in container.config
      if (isStringLiteralLike(unwrap(u.left)) && (unwrap(u.left) as ts.StringLiteral).text === 'get' && mentionsConfig(u.right)) out.push(positive);
      return;
    }
    const equal = op === SyntaxKind.EqualsEqualsEqualsToken || op === SyntaxKind.EqualsEqualsToken;
    const notEqual = op === SyntaxKind.ExclamationEqualsEqualsToken || op === SyntaxKind.ExclamationEqualsToken;
    if (!equal && !notEqual) return;
    const sides = [unwrap(u.left), unwrap(u.right)];
    const typeOf = sides.find(isTypeOfExpression);
    const literal = sides.find(isStringLiteralLike);
    if (!typeOf || !literal) return;
    const subject = unwrap(typeOf.expression);
    if (!isPropertyAccessExpression(subject) || subject.name.text !== 'get' || !mentionsConfig(subject.expression)) return;
    if (literal.text === 'function') out.push(equal ? positive : !positive);
    else if (literal.text === 'undefined') out.push(equal ? !positive : positive);
  };
  while (stack.length) {
    const [e, positive] = stack.pop()!;
    visit(e, positive);
  }
  return out;
}

function mentionsConfig(expr: ts.Expression): boolean {
  const d = dottedName(unwrap(expr));
  return !!d && /config/i.test(d);
}

/** A statement that always leaves its block: return/throw, or a block ending in one. */
function exits(stmt: ts.Statement): boolean {
  let s: ts.Statement | undefined = stmt;
  while (s && isBlock(s)) s = s.statements[s.statements.length - 1];
  return !!s && (isReturnStatement(s) || isThrowStatement(s));
}

export function isGuardedRead(read: Node): boolean {
  if (hasOptionalChain(read)) return true;
  let child: Node = read;
  for (let p: Node | undefined = read.parent; p; child = p, p = p.parent) {
    if (isFunctionNode(p) && !isArrowFunction(p) && !isFunctionExpression(p)) return false;
    if (isClassLike(p) || isSourceFile(p)) return false;
    if (isTryStatement(p) && p.catchClause && child === p.tryBlock) return true;
    if (isIfStatement(p) && child !== p.expression) {
      const tests = guardTests(p.expression);
      if (child === p.thenStatement && tests.includes(true)) return true;
      if (child === p.elseStatement && tests.includes(false)) return true;
    }
    if (isConditionalExpression(p) && child !== p.condition) {
      const tests = guardTests(p.condition);
      if (child === p.whenTrue && tests.includes(true)) return true;
      if (child === p.whenFalse && tests.includes(false)) return true;
    }
    if (isBinaryExpression(p) && child === p.right) {
      const tests = guardTests(p.left);
      if (p.operatorToken.kind === SyntaxKind.AmpersandAmpersandToken && tests.includes(true)) return true;
      if (p.operatorToken.kind === SyntaxKind.BarBarToken && tests.includes(false)) return true;
    }
    if (isBlock(p) || isSourceFile(p)) {
      // An earlier `if (typeof c.get !== 'function') return ...;` in the same block.
      const index = p.statements.indexOf(child as ts.Statement);
      for (const s of p.statements.slice(0, Math.max(0, index))) {
        if (isIfStatement(s) && !s.elseStatement && guardTests(s.expression).includes(false) && exits(s.thenStatement)) return true;
      }
    }
  }
  return false;
}

const isCandidate = (n: Node): n is ts.Expression => configRead(n) !== null;
/** The only kinds configRead accepts. */
const CANDIDATE_KINDS = [SyntaxKind.CallExpression, SyntaxKind.PropertyAccessExpression, SyntaxKind.ElementAccessExpression];

export const onex006: TypeScriptRule = {
  meta,

  check(file: TsFile): RawFinding[] {
    const findings: RawFinding[] = [];
    for (const { cls, node } of nodesInNodeClasses(file, isCandidate, CANDIDATE_KINDS)) {
      const read = configRead(node)!;
      if (isGuardedRead(read.node) || scopeHasError(file, read.node, cls)) continue;
      const label = read.kind === 'get' ? `${oneLine(unwrap((read.node as ts.CallExpression).expression), file.sf)}(...)` : oneLine(read.node, file.sf);
      const data: Onex006Data = { kind: read.kind };
      findings.push({
        ruleId: 'ONEX006',
        message: `${label} reads the container's configuration without a guard: ` +
          'use try/catch or test typeof <container>.config.get === "function" (the config may be a provider without get)',
        span: { start: read.node.getStart(file.sf), end: read.node.end },
        data,
      });
    }
    return findings;
  },

  fixes(file: TsFile, finding: RawFinding): Fix[] {
    const node = atSpan(file, nodesInNodeClasses(file, isCandidate, CANDIDATE_KINDS).map((x) => x.node), finding.span);
    const read = node && configRead(node);
    if (!read || isGuardedRead(read.node)) return [];
    if (read.kind === 'get') {
      const edit = guardedGet(file, read.node as ts.CallExpression, read.config);
      return edit ? [{
        id: 'guard-config-get',
        title: 'Read the configuration defensively (typeof config.get === "function")',
        safety: 'unsafe',
        preferred: true,
        edits: [edit],
      }] : [];
    }
    const edit = optionalChain(file, read.node);
    return edit ? [{
      id: 'optional-config-read',
      title: 'Read the configuration through an optional chain (config?.…)',
      safety: 'unsafe',
      preferred: true,
      edits: [edit],
    }] : [];
  },
};

function guardedGet(file: TsFile, call: ts.CallExpression, config: ts.Expression): TextEdit | null {
  const configText = config.getText(file.sf);
  const callText = call.getText(file.sf);
  const fallback = call.arguments[1] ? call.arguments[1].getText(file.sf) : 'undefined';
  const parts = { condition: `typeof ${configText}.get === ${str(file, 'function')}`, whenTrue: callText, whenFalse: fallback };
  const span = { start: call.getStart(file.sf), end: call.end };
  const parent = call.parent;
  const bare = (isVariableDeclaration(parent) && parent.initializer === call) ||
    (isBinaryExpression(parent) && parent.right === call && isAssignment(parent.operatorToken.kind)) ||
    (isReturnStatement(parent)) ||
    (isPropertyAssignment(parent) && parent.initializer === call) ||
    ((isCallExpression(parent) || isNewExpression(parent)) && !!parent.arguments?.some((a) => a === call)) ||
    isParenthesizedExpression(parent) || isArrayLiteralExpression(parent) || isExpressionStatement(parent);
  // (Laid out as the file's lines are: a conditional too long for one line is broken as Prettier breaks it.)
  if (bare) return { ...span, newText: conditionalText(file, span, parts, false) };
  // A statement starting with `(` in a file without semicolons would continue the previous line.
  const stmt = enclosingStatement(call);
  const guard = !file.semicolons && stmt?.getStart(file.sf) === call.getStart(file.sf) ? ';' : '';
  return { ...span, newText: conditionalText(file, span, parts, true, guard) };
}

function optionalChain(file: TsFile, access: ts.Expression): TextEdit | null {
  if (isPropertyAccessExpression(access)) {
    const between = file.text.slice(access.expression.end, access.name.getStart(file.sf));
    const dot = between.indexOf('.');
    if (dot < 0) return null;
    const at = access.expression.end + dot;
    return { start: at, end: at + 1, newText: '?.' };
  }
  if (isElementAccessExpression(access)) {
    const at = access.expression.end;
    return { start: at, end: at, newText: '?.' };
  }
  return null;
}
