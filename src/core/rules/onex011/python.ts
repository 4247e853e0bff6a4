// ONEX011 unknown-error-code — see ./ONEX011.md and shared/spec/rules.md.
// Reports, anywhere in the file, `EnumCoreErrorCode.<NAME>` (or through a name the file binds to the
// enum, e.g. `CoreErrorCode = EnumCoreErrorCode`) where NAME is not a member of the real enum: the
// spec's CONNECTION_ERROR, old templates' EXECUTION_ERROR... raise AttributeError when the line runs.
import { ERROR_CODES, ERROR_CODE_REPLACEMENTS, errorCodesOf, suggestErrorCode } from '../../framework';
import { ERROR_CODE_ENUM, type PyFile } from '../../python/model';
import { type Node, callInfo, children, field, stringValue, unwrapDecorated, walk } from '../../python/syntax';
import type { Fix, RawFinding } from '../../types';
import { type Onex011Data, replaceErrorCodeFixes } from './fix';
import { meta } from './meta';
import type { PythonRule } from '../rule';

/** Enum members are upper-case; other attributes (`__members__`, methods) are not judged. */
const MEMBER_NAME = /^[A-Z][A-Z0-9_]*$/;

function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = row[0];
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = row[j];
      row[j] = Math.min(row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1));
      diagonal = above;
    }
  }
  return row[b.length];
}

/** Members at the smallest edit distance from name, and that distance. */
function nearest(name: string, candidates: Iterable<string>): { names: string[]; distance: number } {
  let names: string[] = [];
  let distance = Infinity;
  for (const c of candidates) {
    const d = editDistance(name, c);
    if (d < distance) [names, distance] = [[c], d];
    else if (d === distance) names.push(c);
  }
  return { names, distance };
}

/**
 * The replacement a safe fix may write unattended: the framework's table of names that never existed,
 * a typo of one of those (CONECTION_ERROR → NETWORK_ERROR), or a typo of one real member (at most two
 * edits away, with no other member as close). Anything vaguer gets no fix: a wrong code is worse than none.
 */
export function confidentReplacement(member: string, codes: ReadonlySet<string> = ERROR_CODES): string | null {
  const table = Object.fromEntries(Object.entries(ERROR_CODE_REPLACEMENTS).filter(([, to]) => codes.has(to)));
  if (table[member]) return table[member];
  if (ERROR_CODE_REPLACEMENTS[member]) return null; // its replacement is not a member of this era's enum
  const real = nearest(member, codes);
  const known = nearest(member, Object.keys(table));
  if (known.distance <= 2 && known.distance < real.distance && known.names.length === 1) {
    return table[known.names[0]];
  }
  if (real.distance <= 2 && real.names.length === 1 && member.length > 4) {
    const suggested = suggestErrorCode(member);
    return suggested === real.names[0] ? suggested : null;
  }
  return null;
}

/** Whether `object` (the part before `.MEMBER`) is the error-code enum. */
function isErrorCodeEnum(file: PyFile, object: Node | null): boolean {
  if (!object) return false;
  if (object.type === 'identifier') return file.errorCodeEnumNames.has(object.text);
  // `errors.EnumCoreErrorCode.X`, `omnibase_core.errors.EnumCoreErrorCode.X`
  return object.type === 'attribute' && field(object, 'attribute')?.text === ERROR_CODE_ENUM;
}

/**
 * Members of a class of the same name defined in this file (a local stub or re-definition of the enum):
 * the file's own class is what the name means there.
 */
function locallyDefinedMembers(file: PyFile): Set<string> | null {
  let members: Set<string> | null = null;
  for (const cls of file.classes) {
    if (!file.errorCodeEnumNames.has(cls.name)) continue;
    members ??= new Set();
    for (const stmt of children(cls.body ?? cls.node)) {
      const def = unwrapDecorated(stmt);
      if (def.type === 'function_definition') {
        const name = field(def, 'name')?.text;
        if (name) members.add(name);
        continue;
      }
      const assign = stmt.type === 'expression_statement' ? stmt.namedChild(0) : null;
      const left = assign?.type === 'assignment' ? field(assign, 'left') : null;
      if (left?.type === 'identifier') members.add(left.text);
    }
  }
  return members;
}

/** `hasattr(<enum>, "NAME")` in the test of an `if` or conditional expression around the attribute. */
function guardedByHasattr(file: PyFile, attribute: Node, member: string): boolean {
  for (let p = attribute.parent; p; p = p.parent) {
    if (p.type !== 'if_statement' && p.type !== 'conditional_expression' && p.type !== 'elif_clause') continue;
    let found = false;
    walk(p, (n) => {
      if (found || n.type === 'block') return false;
      if (n.type !== 'call') return true;
      const info = callInfo(n);
      const args = info?.args ? children(info.args) : [];
      if (info?.name === 'hasattr' && !info.receiver && args.length >= 2 &&
        isErrorCodeEnum(file, args[0]) && stringValue(args[1]) === member) found = true;
      return true;
    });
    if (found) return true;
  }
  return false;
}

/**
 * Attribute nodes whose object is one of the enum's names: found from the identifiers (one cheap pass
 * over their text) rather than by reading the fields of every attribute of the file, which costs a
 * trip into the parser per attribute (8,000 of them in one long chain).
 */
function enumMemberAccesses(file: PyFile): Node[] {
  const out: Node[] = [];
  // Every name for the enum (an import, an alias, a dotted path) spells it out somewhere in the file.
  if (!file.textIncludes(ERROR_CODE_ENUM)) return out;
  for (const id of file.root.descendantsOfTypeWithText('identifier', new Set([...file.errorCodeEnumNames, ERROR_CODE_ENUM]))) {
    // `EnumCoreErrorCode.X` (the identifier is the object) or `errors.EnumCoreErrorCode.X` (it is the
    // attribute of the object).
    let object: Node = id;
    if (id.parent?.type === 'attribute' && field(id.parent, 'attribute')?.id === id.id) object = id.parent;
    const access = object.parent;
    if (access?.type === 'attribute' && field(access, 'object')?.id === object.id) out.push(access);
  }
  return out;
}

export const onex011: PythonRule = {
  meta,

  check(file: PyFile): RawFinding[] {
    const findings: RawFinding[] = [];
    const local = locallyDefinedMembers(file);
    // The era's enum: omnibase_core 0.1.0 has 78 of today's 129 members.
    const codes = errorCodesOf(file.era.era);
    for (const node of enumMemberAccesses(file)) {
      const object = field(node, 'object');
      const attr = field(node, 'attribute');
      if (!attr || !isErrorCodeEnum(file, object)) continue;
      const member = attr.text;
      if (!MEMBER_NAME.test(member) || codes.has(member) || local?.has(member)) continue;
      // A dangling `EnumCoreErrorCode.` followed by the next line's name is a syntax error, not a member.
      if (node.hasError || node.startPosition.row !== node.endPosition.row) continue;
      if (guardedByHasattr(file, node, member)) continue;
      const replacement = confidentReplacement(member, codes);
      const written = object!.text;
      const enumNote = written === ERROR_CODE_ENUM || written.endsWith(`.${ERROR_CODE_ENUM}`) ? '' : ` (${ERROR_CODE_ENUM})`;
      const data: Onex011Data = { member, replacement };
      findings.push({
        ruleId: 'ONEX011',
        message: `${written}.${member}${enumNote} does not exist in the framework and raises AttributeError when this line runs` +
          (replacement ? `; use ${replacement}` : ''),
        span: { start: attr.startIndex, end: attr.endIndex },
        data,
      });
    }
    return findings;
  },

  fixes(file: PyFile, finding: RawFinding): Fix[] {
    return replaceErrorCodeFixes(file.text, finding);
  },

};
