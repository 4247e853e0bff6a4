// ONEX010 precise-timing — see ./ONEX010.md and shared/spec/rules.md.
// Reports, anywhere in the file, each `Date.now()` / `new Date().getTime()` call that measures an
// elapsed duration inside one function: an operand of a subtraction whose other operand is also such
// a call or a local assigned from one; or assigned to a local that later is such an operand.
// Timestamps (stored, logged, sent, compared with a deadline, subtracted from an attribute or a
// parameter) stay silent.
//
// The fix swaps every call of the duration (both ends) to `performance.now()` together, so a duration
// never mixes clocks. It is safe unless a local of the duration is also used as a timestamp.
import type { ts } from 'ts-morph';
import {
  SyntaxKind, isBinaryExpression, isBindingElement, isBreakOrContinueStatement, isCallExpression, isClassDeclaration,
  isClassExpression, isEnumMember, isExportSpecifier, isExpressionWithTypeArguments, isFunctionDeclaration,
  isFunctionExpression, isGetAccessor, isHeritageClause, isIdentifier, isImportClause, isImportSpecifier,
  isLabeledStatement, isMethodDeclaration, isMethodSignature, isNamespaceImport, isNewExpression, isParameter,
  isPropertyAccessExpression, isPropertyAssignment, isPropertyDeclaration, isPropertySignature, isQualifiedName,
  isSetAccessor, isTypeReferenceNode, isVariableDeclaration,
} from '../../typescript/api';
import { meta } from './meta';
import type { Fix, RawFinding, Span } from '../../types';
import type { TsFile } from '../../typescript/model';
import { isFunctionNode, oneLine, outerParent, unwrap } from '../../typescript/syntax';
import { type Binding, resolveIdentifier } from '../typescriptScope';
import type { TypeScriptRule } from '../rule';

interface Onex010Data {
  /** Spans of every call of the duration the finding belongs to. */
  group: Span[];
  /** Whether a local of the duration is also read as a timestamp (the swap changes what it holds). */
  alsoTimestamp: boolean;
}

const WRAPPERS = new Set(['Number', 'Math.round', 'Math.floor', 'Math.trunc', 'Math.ceil']);

/** `Date.now()` or `new Date().getTime()` (no arguments). */
function isWallClockCall(node: ts.Node): node is ts.CallExpression {
  if (!isCallExpression(node) || node.arguments.length !== 0 || node.questionDotToken) return false;
  const callee = unwrap(node.expression);
  if (!isPropertyAccessExpression(callee) || callee.questionDotToken) return false;
  const object = unwrap(callee.expression);
  if (callee.name.text === 'now') return isIdentifier(object) && object.text === 'Date';
  if (callee.name.text === 'getTime') {
    return isNewExpression(object) && isIdentifier(object.expression) && object.expression.text === 'Date' &&
      (object.arguments?.length ?? 0) === 0;
  }
  return false;
}

function wrapperName(call: ts.CallExpression): string | null {
  const callee = unwrap(call.expression);
  if (isIdentifier(callee)) return callee.text;
  if (isPropertyAccessExpression(callee) && isIdentifier(callee.expression)) return `${callee.expression.text}.${callee.name.text}`;
  return null;
}

/** The wall-clock call an expression holds, itself or wrapped in Number()/Math.round()/...; else null. */
function heldCall(expr: ts.Expression): ts.CallExpression | null {
  let e = unwrap(expr);
  for (let i = 0; i < 5; i++) {
    if (isWallClockCall(e)) return e;
    if (isCallExpression(e) && e.arguments.length === 1 && WRAPPERS.has(wrapperName(e) ?? '')) {
      e = unwrap(e.arguments[0]);
      continue;
    }
    return null;
  }
  return null;
}

/** The identifier an expression is (through parentheses and wrappers), else null. */
function heldIdentifier(expr: ts.Expression): ts.Identifier | null {
  let e = unwrap(expr);
  for (let i = 0; i < 5; i++) {
    if (isIdentifier(e)) return e;
    if (isCallExpression(e) && e.arguments.length === 1 && WRAPPERS.has(wrapperName(e) ?? '')) {
      e = unwrap(e.arguments[0]);
      continue;
    }
    return null;
  }
  return null;
}

class UnionFind<T> {
  private readonly parent = new Map<T, T>();
  find(x: T): T {
    let root = x;
    for (let p = this.parent.get(root); p !== undefined && p !== root; p = this.parent.get(root)) root = p;
    // Path compression, iteratively.
    for (let n = x; n !== root;) {
      const next = this.parent.get(n)!;
      this.parent.set(n, root);
      n = next;
    }
    return root;
  }
  union(a: T, b: T): void {
    const ra = this.find(a);
    const rb = this.find(b);
    if (ra !== rb) this.parent.set(ra, rb);
  }
}

interface DurationGroup {
  calls: ts.CallExpression[];
  alsoTimestamp: boolean;
}

/** The durations of the file: groups of wall-clock calls connected by subtractions and locals. */
function durationGroups(file: TsFile): DurationGroup[] {
  const { tree } = file;
  const calls = tree.ofKind<ts.CallExpression>(SyntaxKind.CallExpression).filter(isWallClockCall);
  if (calls.length === 0) return [];
  const subtractions = tree.ofKind<ts.BinaryExpression>(SyntaxKind.BinaryExpression)
    .filter((n) => n.operatorToken.kind === SyntaxKind.MinusToken);
  // Every identifier; whether one is a reference (not a property name or a declaration) is asked of the few that matter.
  const identifiers = tree.ofKind<ts.Identifier>(SyntaxKind.Identifier);

  // Locals assigned from a wall-clock call: declaration identifier → the calls assigned to it.
  const localCalls = new Map<ts.Identifier, ts.CallExpression[]>();
  const bindingOf = new Map<ts.Identifier, Binding | undefined>();
  const resolve = (id: ts.Identifier): Binding | undefined => {
    if (!bindingOf.has(id)) bindingOf.set(id, resolveIdentifier(id));
    return bindingOf.get(id);
  };
  for (const call of calls) {
    // Climb wrappers to the value the call becomes.
    let value: ts.Node = call;
    for (;;) {
      const { parent, child } = outerParent(value);
      if (isCallExpression(parent) && parent.arguments.length === 1 && parent.arguments[0] === child &&
        WRAPPERS.has(wrapperName(parent) ?? '')) {
        value = parent;
        continue;
      }
      value = child;
      break;
    }
    const parent = value.parent;
    let target: ts.Identifier | undefined;
    if (isVariableDeclaration(parent) && parent.initializer === value && isIdentifier(parent.name)) target = parent.name;
    else if (isBinaryExpression(parent) && parent.operatorToken.kind === SyntaxKind.EqualsToken && parent.right === value) {
      const left = unwrap(parent.left);
      if (isIdentifier(left)) {
        const b = resolve(left);
        if (b) target = b.name;
      }
    }
    if (!target) continue;
    // Only locals of a function count: module-level names and attributes are stored timestamps.
    if (isVariableDeclaration(parent) ? !enclosingFunctionOf(target) : resolve(unwrap((parent as ts.BinaryExpression).left) as ts.Identifier)?.kind !== 'local') continue;
    const list = localCalls.get(target) ?? [];
    list.push(call);
    localCalls.set(target, list);
  }

  const localNames = new Set([...localCalls.keys()].map((d) => d.text));
  const uf = new UnionFind<ts.Node>();
  const durationRoots = new Set<ts.Node>();
  const operandKey = (expr: ts.Expression): ts.Node | null => {
    const call = heldCall(expr);
    if (call) return call;
    const id = heldIdentifier(expr);
    if (id && localNames.has(id.text)) {
      const b = resolve(id);
      if (b && b.kind === 'local' && localCalls.has(b.name)) return b.name;
    }
    return null;
  };
  const usedInDuration = new Set<ts.Identifier>();
  const operandIds = new Set<ts.Identifier>();
  for (const sub of subtractions) {
    const left = operandKey(sub.left);
    const right = operandKey(sub.right);
    if (!left || !right) continue;
    uf.union(left, right);
    durationRoots.add(left);
    for (const side of [sub.left, sub.right]) {
      const id = heldIdentifier(side);
      if (id) operandIds.add(id);
    }
    for (const key of [left, right]) if (isIdentifier(key)) usedInDuration.add(key);
  }
  for (const [local, assigned] of localCalls) for (const c of assigned) uf.union(local, c);
  const roots = new Set([...durationRoots].map((n) => uf.find(n)));
  if (roots.size === 0) return [];

  const groups = new Map<ts.Node, DurationGroup>();
  for (const call of calls) {
    const root = uf.find(call);
    if (!roots.has(root)) continue;
    const g = groups.get(root) ?? { calls: [], alsoTimestamp: false };
    g.calls.push(call);
    groups.set(root, g);
  }
  // A local of a duration read anywhere but as a subtraction operand is also a timestamp.
  for (const id of identifiers) {
    if (operandIds.has(id) || !localNames.has(id.text) || !isReference(id)) continue;
    const b = resolve(id);
    if (!b || !localCalls.has(b.name) || b.name === id) continue;
    const { parent } = outerParent(id);
    if (isBinaryExpression(parent) && parent.operatorToken.kind === SyntaxKind.EqualsToken && unwrap(parent.left) === id) continue;
    const g = groups.get(uf.find(b.name));
    if (g) g.alsoTimestamp = true;
  }
  return [...groups.values()];
}

function enclosingFunctionOf(node: ts.Node): boolean {
  for (let p = node.parent; p; p = p.parent) if (isFunctionNode(p)) return true;
  return false;
}

/** Whether an identifier is a reference to a binding (not a property name, label or declaration). */
export function isReference(id: ts.Identifier): boolean {
  const p = id.parent;
  if ((isPropertyAccessExpression(p) || isQualifiedName(p)) && (p as ts.PropertyAccessExpression).name === id) return false;
  if (isQualifiedName(p) && p.right === id) return false;
  if ((isPropertyAssignment(p) || isMethodDeclaration(p) || isPropertyDeclaration(p) || isGetAccessor(p) ||
    isSetAccessor(p) || isPropertySignature(p) || isMethodSignature(p) || isEnumMember(p)) && p.name === id) return false;
  if ((isVariableDeclaration(p) || isParameter(p) || isFunctionDeclaration(p) || isClassDeclaration(p) ||
    isFunctionExpression(p) || isClassExpression(p)) && p.name === id) return false;
  if (isBindingElement(p) && (p.name === id || p.propertyName === id)) return false;
  if (isLabeledStatement(p) || isBreakOrContinueStatement(p)) return false;
  if (isImportSpecifier(p) || isExportSpecifier(p) || isImportClause(p) || isNamespaceImport(p)) return false;
  if (isTypeReferenceNode(p) || isExpressionWithTypeArguments(p) && !isHeritageClause(p.parent)) return false;
  return true;
}

export const onex010: TypeScriptRule = {
  meta,

  check(file: TsFile): RawFinding[] {
    const findings: RawFinding[] = [];
    for (const group of durationGroups(file)) {
      const data: Onex010Data = {
        group: group.calls.map((c) => ({ start: c.getStart(file.sf), end: c.end })),
        alsoTimestamp: group.alsoTimestamp,
      };
      for (const call of group.calls) {
        findings.push({
          ruleId: 'ONEX010',
          message: `${oneLine(call, file.sf)} measures an elapsed duration; use performance.now() (monotonic, sub-millisecond)`,
          span: { start: call.getStart(file.sf), end: call.end },
          data,
        });
      }
    }
    return findings;
  },

  fixes(file: TsFile, finding: RawFinding): Fix[] {
    const group = durationGroups(file).find((g) => g.calls.some((c) => c.getStart(file.sf) === finding.span.start && c.end === finding.span.end));
    if (!group) return [];
    return [{
      id: 'performance-now',
      title: group.calls.length > 1
        ? `Measure the duration with performance.now() (${group.calls.length} calls)`
        : 'Measure the duration with performance.now()',
      safety: group.alsoTimestamp ? 'unsafe' : 'safe',
      preferred: true,
      edits: group.calls.map((c) => ({ start: c.getStart(file.sf), end: c.end, newText: 'performance.now()' })),
    }];
  },
};
