// ONEX012 declarative-node — see ./ONEX012.md. Today's era only.
// Mirrors omnibase_infra's declarative-node gate (omnibase_infra/validation/validator_declarative_node.py,
// hook onex-validate-declarative-nodes, `scripts/validate.py declarative_nodes`), scoped as it is: files named
// node.py, every class (nested ones too) with NodeEffect, NodeCompute, NodeReducer or NodeOrchestrator among
// its direct bases as written, unless `# ONEX_EXCLUDE: declarative_node` sits on the class line or one of
// the three lines above it. In such a class it reports, one finding per violation, what the gate reports:
//   DECL-001 a method other than a sync __init__ (every async def, process, startup, …);
//   DECL-002 a sync method decorated with property / cached_property (also functools.cached_property);
//   DECL-003 an __init__ whose body is not exactly super().__init__(container) (docstrings and pass aside);
//   DECL-004 each `self.x =` (also annotated, augmented, unpacked) anywhere in __init__;
//   DECL-005 a class variable with a value (`x = …`, `x: T = …`; bare annotations are allowed).
// No fix: the finding says where the logic belongs (the handler the contract binds), not generated code.
import type { PyFile } from '../../python/model';
import { type Node, children, field, statements } from '../../python/syntax';
import type { RawFinding } from '../../types';
import type { PythonRule } from '../rule';
import { unparen } from '../pythonScope';
import { baseName, commentOnRows, inTestFile, inTodaysEra, whereLogicBelongs } from '../todayScope';
import { meta } from './meta';

/** The gate's node base classes (validator_declarative_node._NODE_BASE_CLASSES): direct bases only, as written. */
const NODE_BASES = new Set(['NodeEffect', 'NodeCompute', 'NodeReducer', 'NodeOrchestrator']);
const PROPERTY_DECORATORS = new Set(['property', 'cached_property']);
const LIFECYCLE = new Set(['startup', 'shutdown', 'initialize', 'cleanup', 'start', 'stop', 'on_startup', 'on_shutdown']);

export type DeclViolation = 'DECL-001' | 'DECL-002' | 'DECL-003' | 'DECL-004' | 'DECL-005';

export interface Onex012Data {
  decl: DeclViolation;
  className: string;
}

/** The name a base expression stands for, as the gate reads it: `NodeEffect`, `nodes.NodeEffect`, `NodeReducer[A, B]`. */
function writtenBaseName(base: Node): string | null {
  let e: Node | null = base;
  if (e.type === 'subscript') e = field(e, 'value');
  if (!e) return null;
  if (e.type === 'identifier') return e.text;
  if (e.type === 'attribute') return field(e, 'attribute')?.text ?? null;
  return null;
}

/** Whether a class has one of the gate's node bases among its direct bases. */
export function isGateNodeClass(cls: Node): boolean {
  const superclasses = field(cls, 'superclasses');
  if (!superclasses) return false;
  return children(superclasses).some((b) => b.type !== 'keyword_argument' && NODE_BASES.has(writtenBaseName(b) ?? ''));
}

/** `# ONEX_EXCLUDE: declarative_node` on the class line or one of the three lines above it. */
export function exemptFromDeclarativeGate(file: PyFile, cls: Node): boolean {
  const row = cls.startPosition.row;
  const rows = [];
  for (let r = Math.max(0, row - 3); r <= row; r++) rows.push(r);
  return commentOnRows(file, rows, (text) => text.includes('ONEX_EXCLUDE:') && text.includes('declarative_node'));
}

/** A docstring-like statement: an expression statement holding only a string constant (not an f-string). */
function isStringStatement(stmt: Node): boolean {
  if (stmt.type !== 'expression_statement' || stmt.namedChildCount !== 1) return false;
  const value = stmt.namedChild(0)!;
  if (value.type === 'concatenated_string') return children(value).every((s) => s.type === 'string' && !hasInterpolation(s));
  return value.type === 'string' && !hasInterpolation(value);
}

function hasInterpolation(s: Node): boolean {
  return children(s).some((c) => c.type === 'interpolation');
}

/** The body of __init__ is exactly `super().__init__(container)` (docstrings and `pass` aside). */
function isGateValidInit(fn: Node): boolean {
  const significant = statements(field(fn, 'body')).filter((s) => !isStringStatement(s) && s.type !== 'pass_statement');
  if (significant.length !== 1 || significant[0].type !== 'expression_statement' || significant[0].namedChildCount !== 1) return false;
  const call = unparen(significant[0].namedChild(0)!);
  if (call.type !== 'call') return false;
  const func = field(call, 'function');
  if (func?.type !== 'attribute' || field(func, 'attribute')?.text !== '__init__') return false;
  const zuper = field(func, 'object');
  if (zuper?.type !== 'call' || field(zuper, 'function')?.text !== 'super') return false;
  if (children(field(zuper, 'arguments') ?? zuper).filter((c) => c.type !== 'comment').length !== 0) return false;
  const args = children(field(call, 'arguments') ?? call).filter((c) => c.type !== 'comment');
  return args.length === 1 && args[0].type === 'identifier' && args[0].text === 'container';
}

/** `self.x` targets of an assignment's left side (tuples and lists unpacked, as the gate unpacks them). */
function selfTargets(target: Node | null, out: Node[]): void {
  if (!target) return;
  const t = unparen(target);
  if (t.type === 'attribute') {
    if (field(t, 'object')?.type === 'identifier' && field(t, 'object')!.text === 'self') out.push(t);
  } else if (['pattern_list', 'tuple_pattern', 'list_pattern', 'tuple', 'list', 'expression_list'].includes(t.type)) {
    for (const c of children(t)) selfTargets(c, out);
  }
}

/** Every `self.x = …` (also `self.x: T`, `self.x += …`, chained and unpacked) anywhere in a function, nested code included. */
function instanceVariables(fn: Node): Node[] {
  const out: Node[] = [];
  for (const assign of fn.descendantsOfType(['assignment', 'augmented_assignment'])) {
    selfTargets(field(assign, 'left'), out);
  }
  return out;
}

function decoratorNames(outer: Node): string[] {
  if (outer.type !== 'decorated_definition') return [];
  const names: string[] = [];
  for (const d of children(outer)) {
    if (d.type !== 'decorator') continue;
    const expr = d.namedChild(0);
    if (expr?.type === 'identifier') names.push(expr.text);
    else if (expr?.type === 'attribute') names.push(field(expr, 'attribute')?.text ?? '');
  }
  return names;
}

function isAsync(fn: Node): boolean {
  return fn.child(0)?.type === 'async';
}

interface Violation {
  decl: DeclViolation;
  node: Node;
  subject: string;
}

/** What the gate reports in one node class, in its order: class variables, then methods. */
function violationsIn(cls: Node): Violation[] {
  const body = field(cls, 'body');
  const out: Violation[] = [];
  for (const stmt of statements(body)) {
    if (stmt.type !== 'expression_statement' || stmt.namedChildCount !== 1) continue;
    const assign = stmt.namedChild(0)!;
    if (assign.type !== 'assignment') continue;
    // `x: T` (a bare annotation) is allowed; `x = …` and `x: T = …` are class variables.
    if (!field(assign, 'right')) continue;
    const left = field(assign, 'left');
    out.push({ decl: 'DECL-005', node: left ?? assign, subject: left?.text ?? '' });
  }
  for (const stmt of statements(body)) {
    const fn = stmt.type === 'decorated_definition' ? field(stmt, 'definition') : stmt;
    if (fn?.type !== 'function_definition') continue;
    const nameNode = field(fn, 'name');
    if (!nameNode) continue;
    const name = nameNode.text;
    if (isAsync(fn)) {
      out.push({ decl: 'DECL-001', node: nameNode, subject: name });
      continue;
    }
    if (decoratorNames(stmt).some((d) => PROPERTY_DECORATORS.has(d))) {
      out.push({ decl: 'DECL-002', node: nameNode, subject: name });
      continue;
    }
    if (name !== '__init__') {
      out.push({ decl: 'DECL-001', node: nameNode, subject: name });
      continue;
    }
    if (!isGateValidInit(fn)) out.push({ decl: 'DECL-003', node: nameNode, subject: name });
    for (const target of instanceVariables(fn)) out.push({ decl: 'DECL-004', node: target, subject: target.text });
  }
  return out;
}

function message(file: PyFile, className: string, v: Violation): string {
  const where = whereLogicBelongs(file);
  switch (v.decl) {
    case 'DECL-001':
      if (LIFECYCLE.has(v.subject)) {
        return `${className}.${v.subject}() (DECL-001): a declarative node has no methods, and the runtime owns lifecycle; ` +
          `do this work in ${where}, lazily inside handle() (behind an asyncio.Lock), not at node start-up`;
      }
      if (v.subject === 'process' || v.subject.startsWith('execute')) {
        return `${className}.${v.subject}() (DECL-001): the runtime never calls a node's ${v.subject}(); it dispatches to ${where}: move this logic there`;
      }
      return `${className} defines method ${v.subject}() (DECL-001): a declarative node has no methods; move the logic into ${where}`;
    case 'DECL-002':
      return `${className} defines property ${v.subject} (DECL-002): a declarative node has no properties; state belongs in ${where} or in contract.yaml`;
    case 'DECL-003':
      return `${className}.__init__ does more than super().__init__(container) (DECL-003): construction work belongs in ${where}, whose __init__(self, container) resolves its dependencies`;
    case 'DECL-004':
      return `${className}.__init__ stores ${v.subject} (DECL-004): a declarative node holds no state; keep it in ${where}`;
    case 'DECL-005':
      return `${className} has class variable ${v.subject} (DECL-005): configuration belongs in contract.yaml (its config: section), not in node.py`;
  }
}

export const onex012: PythonRule = {
  meta,

  check(file: PyFile): RawFinding[] {
    if (!inTodaysEra(file) || baseName(file) !== 'node.py' || inTestFile(file)) return [];
    const findings: RawFinding[] = [];
    for (const cls of file.root.descendantsOfType('class_definition')) {
      if (cls.hasError || !isGateNodeClass(cls) || exemptFromDeclarativeGate(file, cls)) continue;
      const className = field(cls, 'name')?.text ?? '';
      for (const v of violationsIn(cls)) {
        const data: Onex012Data = { decl: v.decl, className };
        findings.push({ ruleId: 'ONEX012', message: message(file, className, v), span: { start: v.node.startIndex, end: v.node.endIndex }, data });
      }
    }
    return findings;
  },
};
