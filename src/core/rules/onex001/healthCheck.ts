// ONEX001's detection and the health-check edits it shares with ONEX002's fix: the spec's
// defensive detection block after `super().__init__(...)`, and the expensive statements of
// `__init__` wrapped in `if not health_check_mode:` (attributes they create set to None otherwise).
import { superInitStatement } from '../../python/edits';
import type { PyClass, PyFile, PyMethod } from '../../python/model';
import { type Node, field } from '../../python/syntax';
import { indentationAt } from '../../text';
import {
  ExpensiveInit, type ExpensiveCall, assignedSelfAttributes, assignmentTargets, bodyStatements,
  mentionsHealthCheckMode, nodesInScope, parameterNames, readsHealthCheckMode, selfParameter, topLevelStatement,
} from '../classAnalysis';
import { type EditBuilder, type InitEditor, containerParameter, lineStartOf, render, startsLine, wrapStatements } from '../classEdits';
import { healthCheckDetection } from '../classTemplates';

export const HEALTH_CHECK_FLAG = 'health_check_mode';

/** The expensive calls of `__init__` when it never reads a health-check flag (ONEX001's finding), else []. */
export function unguardedExpensiveInit(file: PyFile, cls: PyClass): ExpensiveCall[] {
  const init = cls.methods.get('__init__');
  if (!init?.body) return [];
  const expensive = new ExpensiveInit(file, cls).callsIn(init.body, selfParameter(init));
  if (expensive.length === 0) return [];
  if (readsHealthCheckMode(init.node) || ExpensiveInit.healthCheckReadInHelpers(file, cls)) return [];
  return expensive;
}

/** How `__init__` already holds the flag: a parameter, a local, or a `self.` attribute of the class. */
export function existingHealthCheckFlag(file: PyFile, cls: PyClass, init: PyMethod | null): string | null {
  if (init) {
    const param = parameterNames(init.node).find(mentionsHealthCheckMode);
    if (param) return param;
    if (init.body) {
      for (const assign of nodesInScope(init.body, ['assignment'])) {
        for (const t of assignmentTargets(assign)) if (t.type === 'identifier' && mentionsHealthCheckMode(t.text)) return t.text;
      }
    }
  }
  for (const attr of assignedSelfAttributes(file, cls)) if (mentionsHealthCheckMode(attr)) return `self.${attr}`;
  return null;
}

/** `self.x` and local names assigned (in the statements, not in nested functions) from an expensive call. */
function targetsOfExpensive(stmts: readonly Node[], calls: readonly ExpensiveCall[], self: string | null): string[] {
  const out: string[] = [];
  const within = (n: Node) => calls.some((c) => c.call.startIndex >= n.startIndex && c.call.endIndex <= n.endIndex);
  for (const stmt of stmts) {
    const assigns = [...(stmt.type === 'expression_statement' ? [stmt.namedChild(0)] : []), ...nodesInScope(stmt, ['assignment'])]
      .filter((a): a is Node => a?.type === 'assignment');
    for (const assign of assigns) {
      const right = field(assign, 'right');
      if (!right || !within(right)) continue;
      for (const t of assignmentTargets(assign)) {
        const ok = t.type === 'identifier' ||
          (t.type === 'attribute' && field(t, 'object')?.type === 'identifier' && field(t, 'object')?.text === self);
        if (ok && !out.includes(t.text)) out.push(t.text);
      }
    }
  }
  return out;
}

/**
 * ONEX001's edits: the detection block (after `super().__init__(...)`, or before the first
 * expensive statement when that comes first) and each run of consecutive expensive statements
 * wrapped in `if not health_check_mode:`. Returns the flag name, or null when the edits cannot be made.
 */
export function planHealthCheckGuard(file: PyFile, cls: PyClass, builder: EditBuilder, editor: InitEditor): string | null {
  const init = editor.init;
  if (!init?.body) return null;
  const container = containerParameter(init);
  if (!container) return null;
  const calls = unguardedExpensiveInit(file, cls);
  if (calls.length === 0) return null;
  const stmts = bodyStatements(init);
  const guarded = new Set<number>();
  for (const c of calls) {
    const stmt = topLevelStatement(init.body, c.call);
    if (stmt) guarded.add(stmt.id);
  }
  const sup = superInitStatement(init);
  if (sup && guarded.has(sup.id)) return null;
  // Runs of consecutive guarded statements.
  const runs: Node[][] = [];
  let current: Node[] = [];
  for (const s of stmts) {
    if (guarded.has(s.id)) current.push(s);
    else if (current.length) {
      runs.push(current);
      current = [];
    }
  }
  if (current.length) runs.push(current);
  if (runs.length === 0) return null;

  const first = runs[0][0];
  const detection = healthCheckDetection(container);
  if (sup && sup.startIndex < first.startIndex) editor.addAfterSuper(detection);
  else {
    if (!startsLine(file.text, first)) return null;
    const indent = indentationAt(file.text, first.startIndex);
    builder.insert(lineStartOf(file.text, first.startIndex), render(file, detection, indent) + file.eol + file.eol);
  }
  const self = selfParameter(init);
  for (const run of runs) {
    const elseBody = targetsOfExpensive(run, calls, self).map((t) => `${t} = None`);
    if (!wrapStatements(file, builder, run, `if not ${HEALTH_CHECK_FLAG}:`, elseBody)) return null;
  }
  return HEALTH_CHECK_FLAG;
}

/**
 * The health-check flag expression ONEX002's registration call tests: the class's own flag when
 * it has one; otherwise ONEX001's edits (when __init__ does expensive work) or the detection block alone.
 */
export function ensureHealthCheckFlag(file: PyFile, cls: PyClass, builder: EditBuilder, editor: InitEditor): string | null {
  const existing = existingHealthCheckFlag(file, cls, editor.init);
  if (existing) return existing;
  if (editor.init && unguardedExpensiveInit(file, cls).length > 0) return planHealthCheckGuard(file, cls, builder, editor);
  const container = editor.container;
  if (!container) return null;
  editor.addAfterSuper(healthCheckDetection(container));
  return HEALTH_CHECK_FLAG;
}
