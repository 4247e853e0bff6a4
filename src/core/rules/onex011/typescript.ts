// ONEX011 unknown-error-code — see ./ONEX011.md and shared/spec/rules.md.
// Reports, anywhere in the file, `EnumCoreErrorCode.<member>` (or a name the file binds to the enum)
// where the member does not exist in the framework; the fix swaps in the real member.
import type { ts } from 'ts-morph';
import {
  SyntaxKind, isElementAccessExpression, isIdentifier, isNonNullExpression, isParenthesizedExpression,
  isPrivateIdentifier, isPropertyAccessExpression, isQualifiedName, isStringLiteral, isStringLiteralLike,
} from '../../typescript/api';
import { ERROR_CODES, suggestErrorCode } from '../../framework';
import { type Onex011Data, replaceErrorCodeFixes } from './fix';
import { meta } from './meta';
import type { Fix, RawFinding } from '../../types';
import { ERROR_CODE_ENUM, type TsFile } from '../../typescript/model';
import { dottedName, entityText, lastName } from '../../typescript/syntax';
import type { TypeScriptRule } from '../rule';

const MEMBER_NAME = /^[A-Z][A-Z0-9_]*$/;

/** The last name of `dottedName(expr)` as written (`c` of `a.b.c`, `x.y` of `a['x.y']`), or null. */
function lastWrittenName(expr: ts.Node): string | null {
  let e = expr;
  while (isParenthesizedExpression(e) || isNonNullExpression(e)) e = e.expression;
  if (isIdentifier(e) || isPrivateIdentifier(e)) return e.text;
  if (isPropertyAccessExpression(e)) return e.name.text;
  if (isElementAccessExpression(e) && isStringLiteralLike(e.argumentExpression)) return e.argumentExpression.text;
  return null;
}

/** Whether an expression (or a type's qualified name) stands for the framework's error-code enum. */
function isErrorCodeEnum(file: TsFile, node: ts.Node): boolean {
  if (isIdentifier(node)) return file.errorCodeEnumNames.has(node.text);
  // Most property accesses of a file are not of the enum: a look at the last name settles them.
  const last = isQualifiedName(node) ? node.right.text : lastWrittenName(node);
  if (last === null || !last.endsWith(ERROR_CODE_ENUM)) return false;
  const dotted = isQualifiedName(node) ? entityText(node) : dottedName(node);
  return !!dotted && dotted.includes('.') && lastName(dotted) === ERROR_CODE_ENUM;
}

export const onex011: TypeScriptRule = {
  meta,

  check(file: TsFile): RawFinding[] {
    if (file.declaresErrorCodeEnum) return [];
    const findings: RawFinding[] = [];
    const sf = file.sf;
    const { nodes, kinds } = file.tree;
    for (let i = 0; i < kinds.length; i++) {
      const kind = kinds[i];
      if (kind !== SyntaxKind.PropertyAccessExpression && kind !== SyntaxKind.QualifiedName && kind !== SyntaxKind.ElementAccessExpression) continue;
      const node = nodes[i];
      let object: ts.Node;
      let memberNode: ts.Node;
      let member: string;
      if (isPropertyAccessExpression(node) && isIdentifier(node.name)) {
        object = node.expression;
        memberNode = node.name;
        member = node.name.text;
      } else if (isQualifiedName(node)) {
        object = node.left;
        memberNode = node.right;
        member = node.right.text;
      } else if (isElementAccessExpression(node) && isStringLiteral(node.argumentExpression)) {
        object = node.expression;
        memberNode = node.argumentExpression;
        member = node.argumentExpression.text;
      } else {
        continue;
      }
      if (!isErrorCodeEnum(file, object)) continue;
      if (!MEMBER_NAME.test(member) || ERROR_CODES.has(member)) continue;
      // `EnumCoreErrorCode.` dangling at a line end while typing: the next line's name is not a member.
      const objectEnd = file.lines.positionAt(object.end).line;
      if (file.lines.positionAt(memberNode.getStart(sf)).line !== objectEnd) continue;
      if (memberNode.getFullWidth() === 0) continue;
      const replacement = suggestErrorCode(member);
      const written = object.getText(sf);
      const enumNote = written === ERROR_CODE_ENUM || written.endsWith(`.${ERROR_CODE_ENUM}`) ? '' : ` (${ERROR_CODE_ENUM})`;
      const isString = isStringLiteral(memberNode);
      const data: Onex011Data = { member, replacement };
      findings.push({
        ruleId: 'ONEX011',
        message: `${written}.${member}${enumNote} does not exist in the framework: the error would carry an undefined code` +
          (replacement ? `; use ${replacement}` : ''),
        span: isString
          ? { start: memberNode.getStart(sf) + 1, end: memberNode.end - 1 }
          : { start: memberNode.getStart(sf), end: memberNode.end },
        data,
      });
    }
    return findings;
  },

  fixes(file: TsFile, finding: RawFinding): Fix[] {
    return replaceErrorCodeFixes(file.text, finding);
  },

};
