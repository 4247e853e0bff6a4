// Text-edit plumbing for the class-level fixes, on top of ../python/edits.ts: anchors at the
// end of a statement's line (after a trailing comment), statements wrapped in a new `if` block
// with one more indentation level, generated code in the file's quote style, and an editor that
// collects what goes into `__init__` (after `super().__init__(...)`, at its end, or a new `__init__`).
import { adapt, blockIndent, boundImportName, superInitStatement } from '../python/edits';
import { type PyClass, type PyFile, type PyMethod, methodsWithInherited } from '../python/model';
import { type Node, children, field, isDocstring, statements } from '../python/syntax';
import { indentationAt } from '../text';
import type { TextEdit } from '../types';
import { bodyStatements, classChain, parameterNames } from './classAnalysis';

/** Collects edits; insertions at the same offset are merged in the order they were made. */
export class EditBuilder {
  private readonly edits: TextEdit[] = [];

  insert(offset: number, text: string): void {
    if (!text) return;
    const same = this.edits.find((e) => e.start === offset && e.end === offset);
    if (same) same.newText += text;
    else this.edits.push({ start: offset, end: offset, newText: text });
  }

  add(edits: readonly TextEdit[]): void {
    for (const e of edits) {
      if (e.start === e.end) this.insert(e.start, e.newText);
      else this.edits.push({ ...e });
    }
  }

  build(): TextEdit[] {
    return [...this.edits].sort((a, b) => a.start - b.start);
  }
}

export function lineStartOf(text: string, offset: number): number {
  let start = offset;
  while (start > 0 && text[start - 1] !== '\n' && text[start - 1] !== '\r') start--;
  return start;
}

export function lineEndOf(text: string, offset: number): number {
  let end = offset;
  while (end < text.length && text[end] !== '\n' && text[end] !== '\r') end++;
  return end;
}

/** Whether only whitespace precedes the node on its line. */
export function startsLine(text: string, node: Node): boolean {
  return text.slice(lineStartOf(text, node.startIndex), node.startIndex).trim() === '';
}

/**
 * The end of the line on which `node` ends, when nothing but whitespace or a comment follows the
 * node there (a `; other` statement or a continued expression makes it null).
 */
export function endOfLineAfter(file: PyFile, node: Node): number | null {
  const end = lineEndOf(file.text, node.endIndex);
  const rest = file.text.slice(node.endIndex, end).trimStart();
  if (rest !== '' && !rest.startsWith('#')) return null;
  return end;
}

/** Multi-line string literals inside the nodes: lines starting inside them must not be re-indented. */
function multilineStrings(nodes: readonly Node[]): Node[] {
  return nodes.flatMap((n) => n.descendantsOfType('string'))
    .filter((s): s is Node => !!s && s.startPosition.row !== s.endPosition.row);
}

/** Starts of the lines after the line of `from` up to the line holding `to` (inclusive). */
function followingLineStarts(text: string, from: number, to: number): number[] {
  const out: number[] = [];
  for (let i = from; i < to; i++) {
    const c = text[i];
    if (c === '\n' || (c === '\r' && text[i + 1] !== '\n')) out.push(i + 1);
  }
  return out;
}

/** Indents every non-blank line after the first line of `first` through the last line of `last` by one unit. */
export function indentFollowingLines(file: PyFile, builder: EditBuilder, first: Node, last: Node, between: readonly Node[]): void {
  const strings = multilineStrings(between);
  for (const start of followingLineStarts(file.text, first.startIndex, last.endIndex)) {
    const end = lineEndOf(file.text, start);
    if (file.text.slice(start, end).trim() === '') continue;
    if (strings.some((s) => s.startIndex < start && start < s.endIndex)) continue;
    builder.insert(start, file.indentUnit);
  }
}

/**
 * Wraps a run of consecutive statements (siblings in one block) in `header:` with one more level of
 * indentation, optionally followed by an `else:` branch. Null when the statements do not start
 * and end their lines (then the fix is not offered).
 */
export function wrapStatements(file: PyFile, builder: EditBuilder, run: readonly Node[], header: string,
  elseBody: readonly string[] = []): boolean {
  const first = run[0];
  const last = run[run.length - 1];
  if (!startsLine(file.text, first)) return false;
  const after = endOfLineAfter(file, last);
  if (after === null) return false;
  const indent = indentationAt(file.text, first.startIndex);
  builder.insert(first.startIndex, `${header}${file.eol}${indent}${file.indentUnit}`);
  indentFollowingLines(file, builder, first, last, run);
  if (elseBody.length > 0) {
    builder.insert(after, `${file.eol}${indent}else:` + elseBody.map((l) => `${file.eol}${indent}${file.indentUnit}${l}`).join(''));
  }
  return true;
}

/**
 * Generated code is written with double quotes; in a file that prefers single quotes, plain
 * string literals without a single quote inside are switched (docstrings keep `"""`).
 */
export function requote(code: string, quote: '"' | "'"): string {
  if (quote === '"') return code;
  let out = '';
  let i = 0;
  while (i < code.length) {
    if (code.startsWith('"""', i)) {
      const j = code.indexOf('"""', i + 3);
      const end = j < 0 ? code.length : j + 3;
      out += code.slice(i, end);
      i = end;
      continue;
    }
    const c = code[i];
    if (c === '#') {
      const j = code.indexOf('\n', i);
      const end = j < 0 ? code.length : j;
      out += code.slice(i, end);
      i = end;
      continue;
    }
    if (c === "'" || c === '"') {
      const j = code.indexOf(c, i + 1);
      if (j < 0) {
        out += code.slice(i);
        break;
      }
      const content = code.slice(i + 1, j);
      out += c === '"' && !content.includes("'") && !content.includes('\\') ? `'${content}'` : code.slice(i, j + 1);
      i = j + 1;
      continue;
    }
    out += c;
    i++;
  }
  return out;
}

/** A 4-space/'\n' template in the file's quotes, indentation unit, base indentation and line ending. */
export function render(file: PyFile, code: string, baseIndent: string): string {
  return adapt(file, requote(code, file.quote), baseIndent);
}

/** Appends members at the end of the class body, after a blank line. Null for a one-line class body. */
export function appendToClass(file: PyFile, cls: PyClass, builder: EditBuilder, code: string): boolean {
  const body = cls.body;
  const members = body ? children(body) : [];
  if (!body || members.length === 0 || members[0].startPosition.row === cls.node.startPosition.row) return false;
  const lastMember = members[members.length - 1];
  const at = endOfLineAfter(file, lastMember);
  if (at === null) return false;
  const indent = blockIndent(file, body, cls.node);
  builder.insert(at, file.eol + file.eol + render(file, code, indent));
  return true;
}

/** The indentation of a method's body statements; null when the body is on the `def` line. */
export function methodBodyIndent(file: PyFile, method: PyMethod): string | null {
  const first = method.body ? children(method.body)[0] : undefined;
  if (!first || first.startPosition.row === method.node.startPosition.row || !startsLine(file.text, first)) return null;
  return indentationAt(file.text, first.startIndex);
}

/** Appends statements at the end of a method body (before a final `return`, if there is one). */
export function appendToMethod(file: PyFile, method: PyMethod, builder: EditBuilder, code: string): boolean {
  const indent = methodBodyIndent(file, method);
  const stmts = statements(method.body);
  if (indent === null || stmts.length === 0) return false;
  const last = stmts[stmts.length - 1];
  if (last.type === 'return_statement' || last.type === 'raise_statement') {
    if (!startsLine(file.text, last)) return false;
    builder.insert(lineStartOf(file.text, last.startIndex), render(file, code, indent) + file.eol + file.eol);
    return true;
  }
  const at = endOfLineAfter(file, last);
  if (at === null) return false;
  builder.insert(at, file.eol + file.eol + render(file, code, indent));
  return true;
}

/** The name `__init__` receives the container under. */
export function containerParameter(init: PyMethod): string | null {
  const names = parameterNames(init.node).slice(1);
  if (names.includes('container')) return 'container';
  const params = field(init.node, 'parameters');
  for (const p of params ? children(params) : []) {
    if (p.type !== 'typed_parameter' && p.type !== 'typed_default_parameter') continue;
    const type = field(p, 'type');
    const name = p.type === 'typed_parameter' ? children(p).find((c) => c.type === 'identifier')?.text : field(p, 'name')?.text;
    if (name && type && /container/i.test(type.text)) return name;
  }
  // `super().__init__(c)` where c is one of the parameters.
  const sup = superInitStatement(init);
  const call = sup?.namedChild(0);
  const args = call?.type === 'call' ? field(call, 'arguments') : null;
  const first = args ? children(args)[0] : undefined;
  if (first?.type === 'identifier' && names.includes(first.text)) return first.text;
  return null;
}

/** The container type name the file imports (for the annotation of a generated `__init__`), if any. */
function containerTypeName(file: PyFile): string | null {
  return boundImportName(file, null, 'ModelONEXContainer', true) ?? boundImportName(file, null, 'ModelContainer', true);
}

/**
 * Collects code for `__init__`: blocks that go right after `super().__init__(...)` (or after the
 * docstring), and blocks that go at its end. When the class has no `__init__` of its own and no
 * same-file base defines one, a new `__init__(self, container)` is written.
 */
export class InitEditor {
  readonly init: PyMethod | null;
  private readonly afterSuper: string[] = [];
  private readonly atEnd: string[] = [];

  constructor(private readonly file: PyFile, private readonly cls: PyClass) {
    this.init = cls.methods.get('__init__') ?? null;
  }

  /** Whether the editor can place code: an own `__init__` with a multi-line body, or none at all in the chain. */
  get usable(): boolean {
    if (this.init) return methodBodyIndent(this.file, this.init) !== null && this.init.node.type === 'function_definition';
    const inherited = methodsWithInherited(this.file, this.cls).get('__init__');
    if (inherited) return false;
    const body = this.cls.body;
    const first = body ? children(body)[0] : undefined;
    return !!first && first.startPosition.row !== this.cls.node.startPosition.row;
  }

  /** The container's name inside `__init__` (`container` in a generated one). */
  get container(): string | null {
    return this.init ? containerParameter(this.init) : 'container';
  }

  addAfterSuper(code: string): void {
    this.afterSuper.push(code);
  }

  addAtEnd(code: string): void {
    this.atEnd.push(code);
  }

  /** Emits the collected code into the builder. False when it cannot be placed. */
  finish(builder: EditBuilder): boolean {
    if (this.afterSuper.length === 0 && this.atEnd.length === 0) return true;
    const { file } = this;
    if (!this.init) return this.writeNewInit(builder);
    const indent = methodBodyIndent(file, this.init);
    if (indent === null) return false;
    const eol = file.eol;
    if (this.afterSuper.length > 0) {
      const stmts = statements(this.init.body);
      const anchor = superInitStatement(this.init) ?? (stmts[0] && isDocstring(stmts[0]) ? stmts[0] : null);
      const text = this.afterSuper.map((c) => render(file, c, indent)).join(eol + eol);
      if (anchor) {
        const at = endOfLineAfter(file, anchor);
        if (at === null) return false;
        const nextLineBlank = file.text.slice(at).replace(/^\r?\n|^\r/, '').split(/\r?\n|\r/)[0].trim() === '';
        builder.insert(at, eol + eol + text + (nextLineBlank ? '' : eol));
      } else {
        const first = stmts[0];
        if (!first || !startsLine(file.text, first)) return false;
        builder.insert(lineStartOf(file.text, first.startIndex), text + eol + eol);
      }
    }
    if (this.atEnd.length > 0) {
      const last = statements(this.init.body).at(-1);
      if (!last || last.type === 'return_statement') return false;
      const at = endOfLineAfter(file, last);
      if (at === null) return false;
      builder.insert(at, eol + eol + this.atEnd.map((c) => render(file, c, indent)).join(eol + eol));
    }
    return true;
  }

  private writeNewInit(builder: EditBuilder): boolean {
    const { file, cls } = this;
    const body = cls.body;
    const members = body ? statements(body) : [];
    if (!body || members.length === 0) return false;
    const type = containerTypeName(file);
    const lines = [
      `def __init__(self, container${type ? `: ${type}` : ''}) -> None:`,
      '    super().__init__(container)',
    ];
    const blocks = [...this.afterSuper, ...this.atEnd].map((c) => c.split('\n').map((l) => (l ? `    ${l}` : l)).join('\n'));
    const code = [lines.join('\n'), ...blocks].join('\n\n');
    const indent = blockIndent(file, body, cls.node);
    const doc = isDocstring(members[0]) ? members[0] : null;
    if (doc) {
      const at = endOfLineAfter(file, doc);
      if (at === null) return false;
      builder.insert(at, file.eol + file.eol + render(file, code, indent));
    } else {
      if (!startsLine(file.text, members[0])) return false;
      builder.insert(lineStartOf(file.text, members[0].startIndex), render(file, code, indent) + file.eol + file.eol);
    }
    return true;
  }
}

/** The attribute the class keeps its container in (`self.container` unless `__init__` stores it elsewhere). */
export function containerAttribute(file: PyFile, cls: PyClass): string {
  for (const c of classChain(file, cls)) {
    const init = c.methods.get('__init__');
    if (!init) continue;
    const param = containerParameter(init);
    if (!param) continue;
    for (const stmt of bodyStatements(init)) {
      const assign = stmt.type === 'expression_statement' ? stmt.namedChild(0) : null;
      if (assign?.type !== 'assignment') continue;
      const left = field(assign, 'left');
      const right = field(assign, 'right');
      if (right?.type === 'identifier' && right.text === param && left?.type === 'attribute' &&
        field(left, 'object')?.text === 'self') return left.text;
    }
  }
  return 'self.container';
}

/** A method name not yet used in the class chain: `base`, else `base_2`, ... */
export function freeMethodName(file: PyFile, cls: PyClass, base: string): string {
  const all = methodsWithInherited(file, cls);
  if (!all.has(base)) return base;
  for (let i = 2; ; i++) if (!all.has(`${base}_${i}`)) return `${base}_${i}`;
}
