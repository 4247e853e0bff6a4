// Where in a Python file the cursor is, as the snippets see it: read from the syntax tree of the file
// with the typed word blanked out (../cursor.ts). Python's blocks end where indentation says, not
// where the tree's last statement ends, so the walk follows the cursor line's indentation: starting at
// the module, the last statement above the cursor whose header is less indented than the cursor line
// holds it, and the walk descends into that statement's block (a class's or function's body, or the
// clause of an if/try/for/while/with above the cursor) until no statement holds it.
import type { PyClass, PyFile } from '../../python/model';
import { type Node, children, exceptTypes, field, isAsyncFunction, statements, unwrapDecorated } from '../../python/syntax';
import type { CursorLine } from '../cursor';
import type { SnippetHost } from '../types';

export interface PythonPlace {
  host: SnippetHost;
  /** The module-level class around the cursor (class, `__init__` and method bodies). */
  cls: PyClass | null;
  /** The method around the cursor (`__init__` and method bodies). */
  fn: Node | null;
  /** The method's parameters after `self`, in order (names only). */
  params: string[];
  /**
   * The parameter a def-B handler's request is: named as the runtime's adapter names requests
   * (request, payload, event, command, …) or annotated with a model (`Model…`, `…Command`, `…Request`,
   * `…Event`, `…Input`), as core's canonical_handler_shape reads it. Null when there is none.
   */
  request: string | null;
  /** The name an enclosing `except … as name:` of the method binds, when the cursor is in its block. */
  exceptAlias: string | null;
}

const COMPOUND = new Set(['if_statement', 'try_statement', 'for_statement', 'while_statement', 'with_statement', 'match_statement']);
const CLAUSES = new Set(['block', 'elif_clause', 'else_clause', 'except_clause', 'except_group_clause', 'finally_clause', 'case_clause']);

/** The last of `nodes` that starts on a line above `row`. */
function lastAbove(nodes: Node[], row: number): Node | null {
  let last: Node | null = null;
  for (const n of nodes) if (n.startPosition.row < row) last = n;
  return last;
}

const REQUEST_NAMES = new Set(['request', 'payload', 'event', 'input_model', 'command', 'input', 'cmd', 'msg']);
const MODEL_ANNOTATION = /^(Model\w*|\w+(Command|Request|Event|Input))$/;

/** The parameters of a function after the first (`self`): names, and annotations as written. */
function parametersOf(fn: Node): { name: string; annotation: string | null }[] {
  const params = field(fn, 'parameters');
  if (!params) return [];
  const out: { name: string; annotation: string | null }[] = [];
  for (const p of children(params)) {
    const name = p.type === 'identifier' ? p : field(p, 'name') ?? children(p).find((c) => c.type === 'identifier') ?? null;
    if (name?.type === 'identifier') out.push({ name: name.text, annotation: field(p, 'type')?.text ?? null });
  }
  return out.slice(1);
}

function requestOf(params: { name: string; annotation: string | null }[]): string | null {
  const found = params.find((p) => REQUEST_NAMES.has(p.name) || (p.annotation !== null && MODEL_ANNOTATION.test(p.annotation.replace(/^["']|["']$/g, ''))));
  return found?.name ?? null;
}

export function pythonPlace(file: PyFile, cursor: CursorLine): PythonPlace | null {
  if (cursor.emptyFile) return { host: 'empty-file', cls: null, fn: null, params: [], request: null, exceptAlias: null };
  const column = cursor.indent.length;
  const defs: Node[] = [];
  let exceptAlias: string | null = null;
  let stmts = statements(file.root);
  for (;;) {
    const last = lastAbove(stmts, cursor.row);
    if (!last || column <= last.startPosition.column) break;
    const def = unwrapDecorated(last);
    if (def.type === 'class_definition' || def.type === 'function_definition') {
      defs.push(def);
      exceptAlias = null;
      stmts = statements(field(def, 'body'));
      continue;
    }
    if (!COMPOUND.has(def.type)) break;
    // The clause above the cursor: the statement's own block, or an elif/else/except/finally clause.
    const clause = lastAbove(children(def).filter((c) => CLAUSES.has(c.type)), cursor.row);
    if (!clause) break;
    if (clause.type !== 'block' && column <= clause.startPosition.column) break;
    if (clause.type === 'except_clause') exceptAlias = exceptTypes(clause).alias;
    stmts = statements(clause.type === 'block' ? clause : children(clause).find((c) => c.type === 'block') ?? null);
  }
  if (defs.length === 0) return { host: 'module-body', cls: null, fn: null, params: [], request: null, exceptAlias: null };
  // Only a module-level class and its own methods are hosts; nested classes and functions are not.
  const outer = defs[0];
  if (outer.type !== 'class_definition' || defs.length > 2) return null;
  const cls = file.classes.find((c) => c.node.id === outer.id) ?? null;
  if (!cls) return null;
  if (defs.length === 1) return { host: 'class-body', cls, fn: null, params: [], request: null, exceptAlias: null };
  const fn = defs[1];
  const parameters = parametersOf(fn);
  const params = parameters.map((p) => p.name);
  const request = requestOf(parameters);
  if (field(fn, 'name')?.text === '__init__') return { host: 'init-body', cls, fn, params, request, exceptAlias };
  if (isAsyncFunction(fn)) return { host: 'async-method-body', cls, fn, params, request, exceptAlias };
  return null;
}
