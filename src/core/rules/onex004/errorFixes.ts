// ONEX004's fixes: let OnexError through before a broad handler (safe), chain the cause with
// `from e` (safe), and the spec's full ladder of handlers (unsafe).
import { boundModuleName, importEdits } from '../../python/edits';
import { type PyClass, type PyFile, ONEX_ERROR_NAMES } from '../../python/model';
import { letThroughName, mayLeaveBefore } from './errorHandling';
import { type Node, children, dottedName, field, keywordArgument, positionalArguments, statements, walk } from '../../python/syntax';
import { indentationAt } from '../../text';
import type { Fix, RawFinding, TextEdit } from '../../types';
import { type HandlerInfo, handlerInfo, handlersOf, isBroadHandler, judgedScope, raisedOnexErrorCall } from '../pythonNodeClasses';
import {
  type Line, errorCodeName, freshName, lineStart, loggingNames, mergeEdits, moduleBinds, moduleLogger, nodeIdOf,
  plainImportEdit, render, selfName, startsLine,
} from '../pythonFixText';
import { appendItems } from '../onex008/metadata';

export interface Onex004Data {
  kind: 'rewrap' | 'no-cause';
  /** Start offset of the except clause the fix works on. */
  handlerStart: number;
  /** The OnexError name as the raise writes it. */
  errorName: string;
  /** The node class the finding is in. */
  className: string;
}

function nodeAt(file: PyFile, start: number, end: number, type: string): Node | null {
  for (let n: Node | null = file.root.descendantForIndex(start, end); n; n = n.parent) {
    if (n.type === type && n.startIndex === start && (end === start || n.endIndex === end)) return n;
    if (n.startIndex < start) break;
  }
  return null;
}

function clauseAt(file: PyFile, start: number): Node | null {
  for (let n: Node | null = file.root.descendantForIndex(start); n; n = n.parent) {
    if (n.type === 'except_clause' && n.startIndex === start) return n;
    if (n.startIndex < start) break;
  }
  return null;
}

/** Where lines inserted before `node` go: its line start, above comment lines at its own column. */
function insertionLineStart(file: PyFile, node: Node): number {
  const byRow = new Map<number, Node>();
  for (const c of file.root.descendantsOfType('comment')) if (c) byRow.set(c.startPosition.row, c);
  let top = node;
  for (;;) {
    const above = byRow.get(top.startPosition.row - 1);
    if (!above || above.startPosition.column !== node.startPosition.column || !startsLine(file.text, above)) break;
    top = above;
  }
  return lineStart(file.text, top.startIndex);
}

/** Indentation of the handler's body and the unit between it and the clause. */
function handlerIndents(file: PyFile, h: HandlerInfo): { clause: string; body: string; unit: string } {
  const clause = indentationAt(file.text, h.clause.startIndex);
  const first = statements(h.block)[0];
  const body = first && first.startPosition.row !== h.clause.startPosition.row
    ? indentationAt(file.text, first.startIndex) : clause + file.indentUnit;
  const unit = body.length > clause.length && body.startsWith(clause) ? body.slice(clause.length) : file.indentUnit;
  return { clause, body, unit };
}

/** Imports the OnexError name when the file uses it without binding it (never for an alias it binds). */
function onexErrorImport(file: PyFile, name: string): TextEdit[] {
  if (!ONEX_ERROR_NAMES.includes(name) || moduleBinds(file, name) !== false) return [];
  return importEdits(file, [{ module: 'omnibase_core.errors', name }]);
}

/**
 * `except <OnexError>: raise` before the broad handler. Safe only when the broad handler raises on every path
 * for the errors it would now let through (rules.md: a fix is safe only when behaviour is provably unchanged
 * beyond its title); where it may return (a failure response) or leave its loop first, unsafe.
 */
function reraiseFix(file: PyFile, h: HandlerInfo, raisedName: string, raise: Node): Fix {
  const { clause, body } = handlerIndents(file, h);
  const at = insertionLineStart(file, h.clause);
  const errorName = letThroughName(file, raisedName);
  const text = `${clause}except ${errorName}:${file.eol}${body}raise${file.eol}`;
  return {
    id: 'reraise-onex-error',
    title: `Re-raise ${errorName} unchanged before the broad handler`,
    safety: h.block && mayLeaveBefore(h.block, raise) ? 'unsafe' : 'safe',
    preferred: true,
    edits: mergeEdits([{ start: at, end: at, newText: text }], onexErrorImport(file, errorName)),
  };
}

/** The `as <name>` a handler binds, adding one (a name unused in the scope) when it has none. */
function aliasFor(file: PyFile, h: HandlerInfo): { name: string; edits: TextEdit[] } {
  if (h.alias) return { name: h.alias.text, edits: [] };
  const scope = judgedScope(h.clause) ?? file.root;
  const name = freshName(scope);
  if (h.bare) {
    const keyword = h.clause.child(0)!;
    // A bare except also catches BaseException (KeyboardInterrupt, CancelledError): keep that.
    return { name, edits: [{ start: keyword.endIndex, end: keyword.endIndex, newText: ` BaseException as ${name}` }] };
  }
  return { name, edits: [{ start: h.typeExpr!.endIndex, end: h.typeExpr!.endIndex, newText: ` as ${name}` }] };
}

function addFromFix(file: PyFile, raise: Node, h: HandlerInfo): Fix | null {
  const raised = children(raise).find((c) => c.type !== 'comment');
  if (!raised) return null;
  const alias = aliasFor(file, h);
  return {
    id: 'add-from',
    title: `Chain the cause: raise ... from ${alias.name}`,
    safety: 'safe',
    preferred: true,
    edits: [...alias.edits, { start: raised.endIndex, end: raised.endIndex, newText: ` from ${alias.name}` }],
  };
}

interface LadderNames {
  error: string;
  code: string;
  emit: string;
  level: string;
  logger: string;
  asyncio: string;
  e: string;
  nodeId: string | null;
  operation: string | null;
  q: (s: string) => string;
}

function raiseLines(n: LadderNames, message: string, code: string, errorType: string): Line[] {
  const lines: Line[] = [
    [0, `raise ${n.error}(`],
    [1, `f${n.q(message)},`],
    [1, `error_code=${n.code}.${code},`],
  ];
  if (n.nodeId) lines.push([1, `node_id=${n.nodeId},`]);
  if (n.operation) lines.push([1, `operation=${n.q(n.operation)},`]);
  lines.push([1, `error_type=${errorType},`], [0, `) from ${n.e}`]);
  return lines;
}

function logLines(n: LadderNames, message: string): Line[] {
  const lines: Line[] = [[0, `${n.emit}(`], [1, `${n.level}.ERROR,`], [1, `f${n.q(message)},`], [1, '{']];
  if (n.nodeId) lines.push([2, `${n.q('node_id')}: ${n.nodeId},`]);
  lines.push([2, `${n.q('error')}: str(${n.e}),`], [2, `${n.q('error_type')}: type(${n.e}).__name__,`], [1, '},'], [0, ')']);
  return lines;
}

const indentLines = (lines: Line[], by: number): Line[] => lines.map(([d, t]) => [d + by, t]);

/** The spec's ladder before the broad handler, and exc_info logging and `from e` in the broad handler itself. */
function ladderFix(file: PyFile, cls: PyClass, h: HandlerInfo, raise: Node, errorName: string): Fix | null {
  const tryStmt = h.clause.parent;
  if (!tryStmt || tryStmt.type !== 'try_statement' || !h.block) return null;
  if (!startsLine(file.text, raise) || raise.startPosition.row === h.clause.startPosition.row) return null;
  const handlers = handlersOf(tryStmt);
  const index = handlers.findIndex((x) => x.clause.id === h.clause.id);
  const caught = new Set(handlers.slice(0, index).flatMap((x) => x.types.map((t) => dottedName(t) ?? t.text)));
  const alias = aliasFor(file, h);
  const code = errorCodeName(file);
  const logging = loggingNames(file);
  // Standard-library imports first (asyncio, logging), then the framework's: insertions at the same
  // place keep this order.
  const plainImports = new Set<string>();
  const edits: TextEdit[][] = [];
  let logger = moduleLogger(file);
  if (!logger) {
    const loggingModule = boundModuleName(file, 'logging');
    if (!loggingModule) plainImports.add('logging');
    logger = `${loggingModule ?? 'logging'}.getLogger(__name__)`;
  }
  const asyncioModule = boundModuleName(file, 'asyncio');
  const self = selfName(cls, h.clause);
  const fn = judgedScope(h.clause);
  const n: LadderNames = {
    error: errorName, code: code.name, emit: logging.emit, level: logging.level, logger,
    asyncio: asyncioModule ?? 'asyncio', e: alias.name,
    nodeId: self ? nodeIdOf(file, cls) : null,
    operation: fn?.type === 'function_definition' ? field(fn, 'name')?.text ?? null : null,
    q: (s) => file.quote + s.replace(/\\/g, '\\\\').replace(new RegExp(file.quote, 'g'), `\\${file.quote}`) + file.quote,
  };
  const e = n.e;
  const ladder: Line[] = [];
  const catchesOnexError = handlers.slice(0, index).some((x) => x.types.some((t) => ONEX_ERROR_NAMES.includes(dottedName(t)?.split('.').pop() ?? '') || t.text === errorName));
  // An earlier OnexError handler that does not end in a re-raise is the finding's cause; the ladder cannot mend it.
  if (catchesOnexError) return null;
  ladder.push([0, `except ${errorName}:`], [1, '# Do not wrap OnexError: re-raise it with its context'], [1, 'raise']);
  if (!caught.has('ConnectionError')) {
    ladder.push([0, `except ConnectionError as ${e}:`],
      ...indentLines(raiseLines(n, `Network connection failed: {${e}!s}`, 'NETWORK_ERROR', n.q('ConnectionError')), 1));
  }
  const timeouts = ['TimeoutError', `${n.asyncio}.TimeoutError`].filter((t) => !caught.has(t));
  if (timeouts.length > 0) {
    if (!asyncioModule && timeouts.some((t) => t.includes('.'))) plainImports.add('asyncio');
    const types = timeouts.length > 1 ? `(${timeouts.join(', ')})` : timeouts[0];
    ladder.push([0, `except ${types} as ${e}:`],
      ...indentLines(raiseLines(n, `Operation timed out: {${e}!s}`, 'TIMEOUT', `type(${e}).__name__`), 1));
  }
  const invalid = ['ValueError', 'KeyError', 'AttributeError'].filter((t) => !caught.has(t));
  if (invalid.length > 0) {
    const types = invalid.length > 1 ? `(${invalid.join(', ')})` : invalid[0];
    ladder.push([0, `except ${types} as ${e}:`],
      ...indentLines(logLines(n, `Invalid data: {${e}}`), 1),
      ...indentLines(raiseLines(n, `Invalid data: {${e}!s}`, 'VALIDATION_ERROR', `type(${e}).__name__`), 1));
  }
  const indents = handlerIndents(file, h);
  const at = insertionLineStart(file, h.clause);
  edits.push([{ start: at, end: at, newText: render(ladder, indents.clause, indents.unit, file.eol, true) + file.eol }]);

  // The broad handler: unexpected errors are logged with their traceback, wrapped as INTERNAL_ERROR, chained.
  let logsTraceback = false;
  walk(h.block, (x) => {
    if (x.type === 'keyword_argument' && field(x, 'name')?.text === 'exc_info') logsTraceback = true;
  });
  if (!logsTraceback) {
    const log: Line[] = [...logLines(n, `Unexpected error: {type(${e}).__name__}`),
      [0, `${n.logger}.error(f${n.q(`Unexpected error: {type(${e}).__name__}`)}, exc_info=True)`]];
    const rowStart = lineStart(file.text, raise.startIndex);
    const indent = indentationAt(file.text, raise.startIndex);
    edits.push([{ start: rowStart, end: rowStart, newText: render(log, indent, indents.unit, file.eol, true) + file.eol }]);
  }
  const call = raisedOnexErrorCall(file, raise)!;
  if (!keywordArgument(call, 'error_code') && positionalArguments(call).length < 2) {
    const args = field(call, 'arguments');
    if (args) edits.push(appendItems(file, args, [`error_code=${n.code}.INTERNAL_ERROR`]));
  }
  if (!field(raise, 'cause')) edits.push([{ start: call.endIndex, end: call.endIndex, newText: ` from ${e}` }]);
  return {
    id: 'full-ladder',
    title: 'Add the full error ladder (network, timeout, validation, unexpected)',
    safety: 'unsafe',
    edits: mergeEdits(...[...plainImports].sort().map((m) => [plainImportEdit(file, m)]),
      code.edits, logging.edits, onexErrorImport(file, errorName), alias.edits, ...edits),
  };
}

export function errorHandlingFixes(file: PyFile, finding: RawFinding): Fix[] {
  const data = finding.data as Onex004Data | undefined;
  if (!data) return [];
  const raise = nodeAt(file, finding.span.start, finding.span.end, 'raise_statement');
  const clause = clauseAt(file, data.handlerStart);
  const cls = file.classesByName.get(data.className);
  if (!raise || !clause || !cls) return [];
  const h = handlerInfo(clause);
  if (data.kind === 'no-cause') {
    const fix = addFromFix(file, raise, h);
    return fix ? [fix] : [];
  }
  if (!isBroadHandler(h)) return [];
  const fixes: Fix[] = [reraiseFix(file, h, data.errorName, raise)];
  // The ladder is the bridge era's (emit_log_event, OnexError's node_id/operation context): never written into
  // today's code, whose typed errors take a ModelInfraErrorContext instead.
  const ladder = file.era.era === 'bridge' ? ladderFix(file, cls, h, raise, data.errorName) : null;
  if (ladder) fixes.push(ladder);
  return fixes;
}

