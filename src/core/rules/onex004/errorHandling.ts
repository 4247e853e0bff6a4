// ONEX004's reading of a try statement: does it let an OnexError through unchanged?
import type { PyFile } from '../../python/model';
import { type Node, callInfo, children, field, statements } from '../../python/syntax';
import { type HandlerInfo, isOnexErrorName } from '../pythonNodeClasses';

/** `raise` or `raise <alias>`: the handled exception goes on unchanged. */
export function isReraise(stmt: Node | undefined, alias: string | null): boolean {
  if (stmt?.type !== 'raise_statement' || field(stmt, 'cause')) return false;
  const expr = children(stmt).filter((c) => c.type !== 'comment');
  return expr.length === 0 || (alias !== null && expr.length === 1 && expr[0].type === 'identifier' && expr[0].text === alias);
}

/** Whether a caught-type expression (a name or a tuple of names) includes an OnexError name. */
function includesOnexError(file: PyFile, types: Node | null): boolean {
  if (!types) return false;
  if (types.type === 'tuple' || types.type === 'parenthesized_expression') {
    return children(types).some((t) => includesOnexError(file, t));
  }
  return isOnexErrorName(file, types);
}

/** An earlier `except <OnexError name>` handler whose last statement re-raises (bookkeeping before is fine). */
export function lettingThrough(file: PyFile, earlier: readonly HandlerInfo[]): boolean {
  return earlier.some((h) => !h.bare && h.types.some((t) => isOnexErrorName(file, t)) &&
    isReraise(statements(h.block).at(-1), h.alias?.text ?? null));
}

/** `if isinstance(<alias>, <OnexError name or tuple with one>): ...; raise` */
export function isOnexGuard(file: PyFile, stmt: Node, alias: string | null): boolean {
  if (stmt.type !== 'if_statement' || alias === null) return false;
  let test = field(stmt, 'condition');
  while (test?.type === 'parenthesized_expression') test = children(test)[0] ?? null;
  if (test?.type !== 'call') return false;
  const info = callInfo(test);
  const args = info?.args ? children(info.args).filter((a) => a.type !== 'comment') : [];
  if (info?.name !== 'isinstance' || info.receiver || args.length !== 2) return false;
  if (args[0].type !== 'identifier' || args[0].text !== alias || !includesOnexError(file, args[1])) return false;
  return isReraise(statements(field(stmt, 'consequence')).at(-1), alias);
}
