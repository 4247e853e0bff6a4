// ONEX005 lifecycle — see ./ONEX005.md and shared/spec/rules.md.
// Reports a non-declarative node class with no async start method or no async stop method (the
// configured lifecycle names and their camelCase forms: startup/initialize/onStartup,
// shutdown/cleanup/onShutdown), defined in the class or in a base class defined in the same file.
// Fix (unsafe): add the missing `async startup(): Promise<void>` / `async shutdown(): Promise<void>`
// (logging the transition), or make an existing synchronous one async.
import {
  SyntaxKind, isArrowFunction, isConstructorDeclaration, isFunctionExpression, isMethodDeclaration,
} from '../../typescript/api';
import { meta } from './meta';
import type { Fix, RawFinding, TextEdit } from '../../types';
import { ensureRuntimeNames, insertClassMember, insertClassMemberAfter, logStatement, nodeIdExpression, str } from '../../typescript/edits';
import { type TsClass, type TsFile, type TsMember, findLifecycle, lifecycleNames } from '../../typescript/model';
import { hasModifier } from '../../typescript/syntax';
import type { TypeScriptRule } from '../rule';
import type { Concern } from '../classRoles';
import { productionNodeClasses, providesConcern } from '../typescriptClassRoles';

type Gap = { kind: 'absent' } | { kind: 'sync'; name: string };

interface Onex005Data {
  className: string;
  start: Gap | null;
  stop: Gap | null;
}

function gapOf(members: TsMember[]): Gap | null {
  if (members.some((m) => m.isAsync)) return null;
  const own = members[0];
  return own ? { kind: 'sync', name: own.name } : { kind: 'absent' };
}

export function lifecycleGaps(file: TsFile, cls: TsClass): { start: Gap | null; stop: Gap | null } {
  return {
    start: gapOf(findLifecycle(file, cls, lifecycleNames(file.config.startMethods))),
    stop: gapOf(findLifecycle(file, cls, lifecycleNames(file.config.stopMethods))),
  };
}

/**
 * Whether class-level rules judge this class: a production node (not a test double, base or declarative node:
 * ../typescriptClassRoles.ts) with no syntax error in it, whose bases do not provide `concern`.
 */
export function judgesClass(file: TsFile, cls: TsClass, concern?: Concern): boolean {
  return productionNodeClasses(file).includes(cls) && !(concern && providesConcern(file, cls, concern));
}

function describe(gap: Gap, fallback: string): string {
  return gap.kind === 'absent' ? `no async ${fallback}()` : `a synchronous ${gap.name}()`;
}

export const onex005: TypeScriptRule = {
  meta,

  check(file: TsFile): RawFinding[] {
    const findings: RawFinding[] = [];
    for (const cls of file.nodeClasses) {
      if (!judgesClass(file, cls, 'lifecycle')) continue;
      const { start, stop } = lifecycleGaps(file, cls);
      if (!start && !stop) continue;
      const startName = file.config.startMethods[0] ?? 'startup';
      const stopName = file.config.stopMethods[0] ?? 'shutdown';
      const parts = [start && describe(start, startName), stop && describe(stop, stopName)].filter(Boolean);
      const data: Onex005Data = { className: cls.name, start, stop };
      findings.push({
        ruleId: 'ONEX005',
        message: `${cls.name} has ${parts.join(' and ')}: the runtime cannot start and stop it cleanly`,
        span: cls.nameSpan,
        data,
      });
    }
    return findings;
  },

  fixes(file: TsFile, finding: RawFinding): Fix[] {
    const data = finding.data as Onex005Data | undefined;
    const cls = file.nodeClasses.find((c) => c.name === data?.className);
    if (!data || !cls) return [];
    const { start, stop } = lifecycleGaps(file, cls);
    const edits: TextEdit[] = [];
    const added: string[] = [];
    let usedLog = false;
    const rt = ensureRuntimeNames(file, ['emitLogEvent', 'LogLevel']);
    for (const [gap, names, verb] of [
      [start, file.config.startMethods, 'starting up'],
      [stop, file.config.stopMethods, 'shutting down'],
    ] as const) {
      if (!gap) continue;
      if (gap.kind === 'sync') {
        const member = [...findLifecycle(file, cls, lifecycleNames(names))][0];
        const edit = member && cls.members.get(member.name) === member ? makeAsync(file, member) : null;
        if (!edit) return [];
        edits.push(...edit);
        added.push(`async ${member.name}()`);
      } else {
        const name = camel(names[0] ?? (verb === 'starting up' ? 'startup' : 'shutdown'));
        const log = logStatement(rt, 'INFO', str(file, `${cls.name} ${verb}`), `{ nodeId: ${nodeIdExpression(file, cls)} }`);
        added.push(`async ${name}()`);
        usedLog = true;
        edits.push({ ...methodInsertion(file, cls, `async ${name}(): Promise<void> {\n    ${log}\n}`) });
      }
    }
    if (edits.length === 0) return [];
    if (usedLog && rt) edits.push(...rt.edits);
    return [{
      id: 'add-lifecycle',
      title: `Add ${added.join(' and ')}`,
      safety: 'unsafe',
      preferred: true,
      edits: mergeSamePosition(edits),
    }];
  },
};

function camel(name: string): string {
  return name.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());
}

/** New lifecycle methods go after the constructor (or at the start of the class when there is none). */
function methodInsertion(file: TsFile, cls: TsClass, code: string): TextEdit {
  const ctor = cls.node.members.find((m) => isConstructorDeclaration(m) && m.body);
  return ctor ? insertClassMemberAfter(file, cls, ctor, code) : insertClassMember(file, cls, code, 'end');
}

/** `startup(): void {` → `async startup(): Promise<void> {`; `startup = () => {` → `startup = async () => {`. */
function makeAsync(file: TsFile, member: TsMember): TextEdit[] | null {
  const fn = member.fn;
  if (!fn || !fn.body) return null;
  const edits: TextEdit[] = [];
  if (isMethodDeclaration(fn)) {
    if (fn.asteriskToken) return null;
    const at = fn.name.getStart(file.sf);
    edits.push({ start: at, end: at, newText: 'async ' });
  } else if (isArrowFunction(fn) || isFunctionExpression(fn)) {
    if (hasModifier(fn, SyntaxKind.AsyncKeyword)) return null;
    const at = fn.getStart(file.sf);
    edits.push({ start: at, end: at, newText: 'async ' });
  } else {
    return null;
  }
  if (fn.type) {
    const typeText = fn.type.getText(file.sf);
    edits.push({ start: fn.type.getStart(file.sf), end: fn.type.end, newText: `Promise<${typeText}>` });
  }
  return edits;
}

/** Two insertions at one offset (both methods after the constructor) become one edit, in order. */
function mergeSamePosition(edits: TextEdit[]): TextEdit[] {
  const out: TextEdit[] = [];
  for (const e of edits) {
    const same = out.find((o) => o.start === e.start && o.end === e.end && o.start === o.end);
    if (same) same.newText += e.newText;
    else out.push({ ...e });
  }
  return out;
}
