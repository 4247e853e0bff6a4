// ONEX004's reading of a try statement: does it let an OnexError through unchanged?
import { type PyFile, ONEX_ERROR_NAMES, resolveName } from '../../python/model';
import { type Node, callInfo, children, field, statements } from '../../python/syntax';
import { type HandlerInfo, descendantsInSameScope, isOnexErrorName, raisedOnexErrorCall } from '../pythonNodeClasses';

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

/**
 * The name to let through before a broad handler that raises `raisedName`: the name itself for OnexError and
 * ModelOnexError; for today's typed errors (InfraConnectionError, …, subclasses of ModelOnexError) their base
 * ModelOnexError, so that every OnexError goes through unchanged.
 */
export function letThroughName(file: PyFile, raisedName: string): string {
  const name = raisedName.slice(raisedName.lastIndexOf('.') + 1);
  return ONEX_ERROR_NAMES.includes(resolveName(file.aliases, name)) ? raisedName : 'ModelOnexError';
}

/**
 * The raises of an OnexError on the handler block's own path (rules.md, ONEX004: not inside a nested `if`):
 * statements of the block itself or of a `with` in it, and the raises of an `if` whose every branch, an `else`
 * included, raises one on its own path. Raises after a statement that leaves the block (return, break,
 * continue) are not on its path.
 */
export function raisesOnOwnPath(file: PyFile, block: Node | null): Node[] {
  const out: Node[] = [];
  for (const stmt of statements(block)) {
    const own = ownRaises(file, stmt);
    if (own.length > 0) {
      out.push(...own);
      break; // what follows a raise on every path is not reached
    }
    if (stmt.type === 'return_statement' || stmt.type === 'break_statement' || stmt.type === 'continue_statement') break;
  }
  return out;
}

function ownRaises(file: PyFile, stmt: Node): Node[] {
  if (stmt.type === 'raise_statement') return raisedOnexErrorCall(file, stmt) ? [stmt] : [];
  if (stmt.type === 'with_statement') return raisesOnOwnPath(file, field(stmt, 'body'));
  if (stmt.type === 'if_statement') {
    const branches = [field(stmt, 'consequence')];
    let hasElse = false;
    for (const c of children(stmt)) {
      if (c.type === 'elif_clause') branches.push(field(c, 'consequence'));
      if (c.type === 'else_clause') {
        hasElse = true;
        branches.push(field(c, 'body') ?? children(c).find((b) => b.type === 'block') ?? null);
      }
    }
    if (!hasElse) return [];
    const raises = branches.map((b) => raisesOnOwnPath(file, b));
    return raises.every((r) => r.length > 0) ? raises.flat() : [];
  }
  return [];
}

/**
 * Whether the handler may leave without raising before `raise` (a return, or a break or continue of a loop
 * around the try): then letting an OnexError through changes what that path does.
 */
export function mayLeaveBefore(block: Node, raise: Node): boolean {
  return descendantsInSameScope(block, ['return_statement', 'break_statement', 'continue_statement']).some((exit) => {
    if (exit.startIndex >= raise.startIndex) return false;
    if (exit.type === 'return_statement') return true;
    // A break or continue of a loop inside the handler stays inside it.
    for (let p = exit.parent; p && p.id !== block.id; p = p.parent) if (p.type === 'for_statement' || p.type === 'while_statement') return false;
    return true;
  });
}
