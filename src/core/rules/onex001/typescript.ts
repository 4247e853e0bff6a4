// ONEX001 health-check-mode — see ./ONEX001.md and shared/spec/rules.md.
// Reports a node class whose constructor does expensive initialisation — a `getService(...)` call,
// `new <Something>Client(...)` or `new Consul(...)`, or a call of its own method whose name contains
// `consul` or `registerWith` — and never reads a health-check-mode flag (any name, property or string
// `healthCheckMode` / `health_check_mode`) in the constructor.
// Fix (unsafe): read `health_check_mode` from the container's configuration defensively after
// `super(...)`, and skip the expensive statements in health-check mode (`if (!healthCheckMode) {...}`)
// where that keeps every required field definitely assigned.
import type { ts } from 'ts-morph';
import {
  SyntaxKind, isBinaryExpression, isCallExpression, isClassDeclaration, isExpressionStatement, isFunctionDeclaration,
  isIdentifier, isNewExpression, isParenthesizedTypeNode, isPrivateIdentifier, isPropertyAccessExpression,
  isPropertyDeclaration, isReturnStatement, isStringLiteralLike, isThrowStatement, isUnionTypeNode,
  isVariableStatement,
} from '../../typescript/api';
import { meta } from './meta';
import type { Fix, RawFinding, TextEdit } from '../../types';
import { insertAfterStatement, insertAtBlockStart, isNameFree, str } from '../../typescript/edits';
import type { TsClass, TsFile } from '../../typescript/model';
import { type Node, callInfo, callLabel, dottedName, lastName, nameText, normalizeName, unwrap, walk } from '../../typescript/syntax';
import { hasMultilineTemplate, wrapStatements } from '../typescriptFixText';
import type { TypeScriptRule } from '../rule';
import { productionNodeClasses } from '../typescriptClassRoles';

interface Onex001Data {
  className: string;
}

/** Expensive operations directly in the constructor body (nested functions run later, if at all). */
export function expensiveOperations(file: TsFile, body: ts.Node): { node: Node; label: string }[] {
  const out: { node: Node; label: string }[] = [];
  walk(body, (n) => {
    if (isCallExpression(n)) {
      const info = callInfo(n);
      if (!info) return;
      if (info.name === 'getService' && info.receiver) out.push({ node: n, label: callLabel(n, file.sf) });
      else if (info.receiver && unwrap(info.receiver).kind === SyntaxKind.ThisKeyword) {
        const lower = info.name.toLowerCase();
        if (lower.includes('consul') || normalizeName(info.name).includes('registerwith')) out.push({ node: n, label: callLabel(n, file.sf) });
      }
    } else if (isNewExpression(n)) {
      const dotted = dottedName(unwrap(n.expression));
      const name = dotted ? lastName(dotted) : null;
      if (name && (name.endsWith('Client') || name === 'Consul')) out.push({ node: n, label: callLabel(n, file.sf) });
    }
  }, { intoFunctions: false });
  return out;
}

/** Whether any name, property or string in the constructor mentions health-check mode. */
function readsHealthCheckMode(ctor: ts.ConstructorDeclaration): boolean {
  let found = false;
  walk(ctor, (n) => {
    if (found) return false;
    if (isIdentifier(n) || isPrivateIdentifier(n) || isStringLiteralLike(n)) {
      if (normalizeName(n.text).includes('healthcheckmode')) found = true;
    }
    return;
  });
  return found;
}

export const onex001: TypeScriptRule = {
  meta,

  check(file: TsFile): RawFinding[] {
    const findings: RawFinding[] = [];
    for (const cls of productionNodeClasses(file)) {
      const ctor = cls.ctor;
      if (!ctor?.body) continue;
      const expensive = expensiveOperations(file, ctor.body);
      if (expensive.length === 0 || readsHealthCheckMode(ctor)) continue;
      const data: Onex001Data = { className: cls.name };
      findings.push({
        ruleId: 'ONEX001',
        message: `${cls.name} does expensive initialisation in its constructor (${expensive[0].label}) without checking healthCheckMode: ` +
          'health checks pay for Kafka and Consul connections',
        span: cls.nameSpan,
        data,
      });
    }
    return findings;
  },

  fixes(file: TsFile, finding: RawFinding): Fix[] {
    const data = finding.data as Onex001Data | undefined;
    const cls = file.nodeClasses.find((c) => c.name === data?.className);
    const ctor = cls?.ctor;
    if (!cls || !ctor?.body) return [];
    const container = containerExpression(file, cls, ctor);
    if (!container) return [];
    const body = ctor.body;
    const statements = body.statements;
    const superIndex = statements.findIndex((s) => isExpressionStatement(s) && isCallExpression(s.expression) &&
      s.expression.expression.kind === SyntaxKind.SuperKeyword);
    const from = superIndex + 1;
    // Groups of adjacent statements to skip in health-check mode.
    const groups: ts.Statement[][] = [];
    let current: ts.Statement[] = [];
    for (const s of statements.slice(from)) {
      const expensive = expensiveOperations(file, s).length > 0;
      if (expensive && wrappable(file, cls, s)) current.push(s);
      else if (current.length) {
        groups.push(current);
        current = [];
      }
    }
    if (current.length) groups.push(current);
    if (groups.length === 0) return [];
    const configName = ['config', 'containerConfig', 'onexConfig'].find((n) => isNameFree(ctor, n)) ?? 'healthConfig';
    const detection = [
      'let healthCheckMode = false;',
      'try {',
      `    const ${configName} = ${container}.config;`,
      `    healthCheckMode = typeof ${configName}?.get === ${str(file, 'function')} ? Boolean(${configName}.get(${str(file, 'health_check_mode')})) : false;`,
      '} catch {',
      '    healthCheckMode = false;',
      '}',
    ].join('\n');
    const edits: TextEdit[] = [
      superIndex >= 0 ? insertAfterStatement(file, statements[superIndex], detection) : insertAtBlockStart(file, body, detection),
    ];
    for (const g of groups) edits.push(wrapStatements(file, g[0], g[g.length - 1], 'if (!healthCheckMode)'));
    return [{
      id: 'detect-health-check-mode',
      title: 'Detect health-check mode and skip expensive initialisation in it',
      safety: 'unsafe',
      preferred: true,
      edits,
    }];
  },
};

/** The container in the constructor: a parameter named or typed as a container, else `this.container`. */
function containerExpression(file: TsFile, cls: TsClass, ctor: ts.ConstructorDeclaration): string | null {
  for (const p of ctor.parameters) {
    if (!isIdentifier(p.name)) continue;
    const typeText = p.type?.getText(file.sf) ?? '';
    if (normalizeName(p.name.text).includes('container') || /Container\b/.test(typeText)) return p.name.text;
  }
  if (file.runtimeImport || cls.members.has('container')) return 'this.container';
  return null;
}

/** Whether a statement can move inside an `if` without breaking the definite assignment of a field. */
function wrappable(file: TsFile, cls: TsClass, stmt: ts.Statement): boolean {
  if (isVariableStatement(stmt) || isFunctionDeclaration(stmt) || isClassDeclaration(stmt) ||
    isReturnStatement(stmt) || isThrowStatement(stmt)) return false;
  if (hasMultilineTemplate(file, stmt)) return false;
  let ok = true;
  walk(stmt, (n) => {
    if (!ok) return false;
    if (isBinaryExpression(n) && n.operatorToken.kind === SyntaxKind.EqualsToken) {
      const left = unwrap(n.left);
      if (isPropertyAccessExpression(left) && left.expression.kind === SyntaxKind.ThisKeyword &&
        requiresDefiniteAssignment(cls, left.name.text)) ok = false;
    }
    if (isCallExpression(n) && n.expression.kind === SyntaxKind.SuperKeyword) ok = false;
    return;
  }, { intoFunctions: false });
  return ok;
}

function requiresDefiniteAssignment(cls: TsClass, name: string): boolean {
  for (const m of cls.node.members) {
    if (!isPropertyDeclaration(m) || nameText(m.name) !== name) continue;
    if (m.questionToken || m.exclamationToken || m.initializer) return false;
    if (!m.type) return false;
    return !admitsUndefined(m.type);
  }
  return false;
}

function admitsUndefined(type: ts.TypeNode): boolean {
  switch (type.kind) {
    case SyntaxKind.AnyKeyword:
    case SyntaxKind.UnknownKeyword:
    case SyntaxKind.UndefinedKeyword:
      return true;
    default:
      break;
  }
  if (isUnionTypeNode(type)) return type.types.some(admitsUndefined);
  if (isParenthesizedTypeNode(type)) return admitsUndefined(type.type);
  return false;
}
