// ONEX004 error-handling — see ./ONEX004.md and shared/spec/rules.md.
// Reports, inside node classes (and today's handler classes), (1) a broad handler (`except Exception`/
// `BaseException`/bare) that raises an OnexError on its own path (not only inside a nested `if`) while the
// try never lets an OnexError through unchanged, and (2) an OnexError raised inside an `except ... as e`
// block without `from`.
import type { PyFile } from '../../python/model';
import { type Node, field } from '../../python/syntax';
import type { Fix, RawFinding } from '../../types';
import { meta } from './meta';
import type { PythonRule } from '../rule';
import {
  descendantsInSameScope, enclosingHandlers, handlerInfo, handlersOf, insideError, isBroadHandler, nodesInNodeClasses,
  raisedOnexErrorCall,
} from '../pythonNodeClasses';
import { errorHandlingFixes, type Onex004Data } from './errorFixes';
import { isOnexGuard, letThroughName, lettingThrough, raisesOnOwnPath } from './errorHandling';

const TRY = new Set(['try_statement']);
const RAISE = new Set(['raise_statement']);

function handlerLabel(clause: Node): string {
  const h = handlerInfo(clause);
  if (h.bare) return 'bare except';
  return `except ${h.typeExpr?.text.replace(/\s+/g, ' ') ?? ''}`;
}

function findRewraps(file: PyFile, findings: RawFinding[]): void {
  for (const { cls, node: tryStmt } of nodesInNodeClasses(file, TRY)) {
    if (tryStmt.hasError || insideError(tryStmt, cls.node)) continue;
    const handlers = handlersOf(tryStmt);
    if (handlers.some((h) => h.star)) continue;
    handlers.forEach((h, i) => {
      if (!isBroadHandler(h) || !h.block) return;
      // Raises of the handler itself, on its own path: one in a nested handler wraps that handler's exception,
      // not this one's; one inside a nested `if` runs for some errors only (the handler's normal path may return
      // a failure response instead).
      const ownPath = new Set(raisesOnOwnPath(file, h.block).map((r) => r.id));
      const raises = descendantsInSameScope(h.block, ['raise_statement'])
        .filter((r) => ownPath.has(r.id) && enclosingHandlers(r)[0]?.id === h.clause.id);
      const guards = descendantsInSameScope(h.block, ['if_statement']).filter((s) => isOnexGuard(file, s, h.alias?.text ?? null));
      // A raise after the guard (or in its else branch) never sees an OnexError.
      const guarded = (r: Node) => guards.some((g) => {
        const consequence = field(g, 'consequence');
        return g.startIndex < r.startIndex && !(consequence && r.startIndex >= consequence.startIndex && r.endIndex <= consequence.endIndex);
      });
      const first = raises.find((r) => !guarded(r));
      if (!first || lettingThrough(file, handlers.slice(0, i))) return;
      const call = raisedOnexErrorCall(file, first)!;
      const errorName = field(call, 'function')!.text;
      const data: Onex004Data = { kind: 'rewrap', handlerStart: h.clause.startIndex, errorName, className: cls.name };
      findings.push({
        ruleId: 'ONEX004',
        message: `${handlerLabel(h.clause)} wraps every error in ${errorName}(...), an OnexError from the try included; ` +
          `let it through first (except ${letThroughName(file, errorName)}: raise)`,
        span: { start: first.startIndex, end: first.endIndex },
        data,
      });
    });
  }
}

function findLostCauses(file: PyFile, findings: RawFinding[]): void {
  for (const { cls, node: raise } of nodesInNodeClasses(file, RAISE)) {
    const call = raisedOnexErrorCall(file, raise);
    if (!call || field(raise, 'cause')) continue;
    const handlers = enclosingHandlers(raise);
    const aliased = handlers.map(handlerInfo).find((h) => h.alias);
    if (!aliased) continue;
    const innermost = handlerInfo(handlers[0]);
    if (innermost.star || raise.hasError || innermost.clause.hasError || insideError(raise, cls.node)) continue;
    const cause = innermost.alias?.text ?? 'e';
    const errorName = field(call, 'function')!.text;
    const data: Onex004Data = { kind: 'no-cause', handlerStart: innermost.clause.startIndex, errorName, className: cls.name };
    findings.push({
      ruleId: 'ONEX004',
      message: `${errorName}(...) is raised while handling an exception without "from ${cause}": the original error is lost as its cause`,
      span: { start: raise.startIndex, end: raise.endIndex },
      data,
      // Today's framework ignores ruff's B904 (a missing `from e`): advisory there (rules.md, "Eras").
      ...(file.era.era === 'current' ? { defaultSeverity: 'information' as const } : {}),
    });
  }
}

export const onex004: PythonRule = {
  meta,

  shiftData(data, map) {
    const d = data as Onex004Data;
    return { ...d, handlerStart: map(d.handlerStart) };
  },

  check(file: PyFile): RawFinding[] {
    const findings: RawFinding[] = [];
    findRewraps(file, findings);
    findLostCauses(file, findings);
    return findings;
  },

  fixes(file: PyFile, finding: RawFinding): Fix[] {
    return errorHandlingFixes(file, finding);
  },
};
