// Shared machinery of the robustness suite: the corpus, a seeded random source, tree-sitter based
// mutations, a batch `python3` compile check, and the fix-safety invariants of issue 4 checked on
// one fix or on fix-all. Used by the corpus, fuzz and regression tests (no test lives here).
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { analyzeWith, fixesWith, resolveConfig } from '../../src/core/engine';
import { fixAllWith } from '../../src/core/fixAll';
import { getPythonFrontEnd } from '../../src/core/python/frontend';
import { applyEdits } from '../../src/core/text';
import type { AnalysisResult, EngineConfig, Finding, Fix, RuleId, TextEdit } from '../../src/core/types';

export const REPO = join(__dirname, '..', '..');
export const CORPUS_DIR = join(REPO, 'test', 'fixtures', 'corpus');
export const REGRESSIONS_DIR = join(REPO, 'test', 'fixtures', 'regressions');
export const EXAMPLES_DIR = join(REPO, 'examples');

/** The Python front end the engine uses (tree-sitter parser, model, rules). */
export function pythonFrontEnd() {
  return getPythonFrontEnd();
}

export type PythonFrontEnd = Awaited<ReturnType<typeof pythonFrontEnd>>;

// ---------------------------------------------------------------------------------------------
// Files

const SKIPPED_DIRS = new Set(['__pycache__', '.scratch', 'node_modules', '.git']);

/** Every .py file under dir (sorted, caches skipped). */
export function pythonFilesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  const out: string[] = [];
  const visit = (d: string) => {
    for (const entry of readdirSync(d, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const full = join(d, entry.name);
      if (entry.isDirectory()) {
        if (!SKIPPED_DIRS.has(entry.name)) visit(full);
      } else if (entry.isFile() && entry.name.endsWith('.py')) {
        out.push(full);
      }
    }
  };
  visit(dir);
  return out;
}

export interface SourceFile {
  /** Path relative to the repository, with forward slashes. */
  rel: string;
  text: string;
}

function readSource(path: string): SourceFile {
  return { rel: relative(REPO, path).split(sep).join('/'), text: readFileSync(path, 'utf8') };
}

/** The node files of examples/ and of the robustness corpus (empty package `__init__.py` files left out). */
export function corpusSources(): SourceFile[] {
  return [...pythonFilesUnder(EXAMPLES_DIR), ...pythonFilesUnder(CORPUS_DIR)]
    .map(readSource)
    .filter((s) => s.text.trim() !== '');
}

// ---------------------------------------------------------------------------------------------
// Seeded randomness (mulberry32) so every mutant can be regenerated from (seed, index).

export class Rng {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  int(n: number): number {
    return Math.floor(this.next() * n);
  }

  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)];
  }

  chance(p: number): boolean {
    return this.next() < p;
  }
}

/** The seed of mutant `index` of a run seeded with `base`. */
export function mutantSeed(base: number, index: number): number {
  let h = (base ^ 0x9e3779b9) >>> 0;
  h = Math.imul(h ^ index, 0x85ebca6b) >>> 0;
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35) >>> 0;
  return (h ^ (h >>> 16)) >>> 0;
}

// ---------------------------------------------------------------------------------------------
// Mutations over tree-sitter leaves (never over regex tokens).

export interface Leaf {
  start: number;
  end: number;
  type: string;
}

/** The non-empty leaves of the Python syntax tree of text, in order (UTF-16 offsets). */
export function leavesOf(fe: PythonFrontEnd, text: string): Leaf[] {
  const tree = fe.inner.parse(text);
  try {
    const out: Leaf[] = [];
    const cursor = tree.walk();
    for (;;) {
      if (cursor.gotoFirstChild()) continue;
      const node = cursor.currentNode;
      if (node.endIndex > node.startIndex) out.push({ start: node.startIndex, end: node.endIndex, type: node.type });
      let done = false;
      while (!cursor.gotoNextSibling()) {
        if (!cursor.gotoParent()) {
          done = true;
          break;
        }
      }
      if (done) break;
    }
    return out;
  } finally {
    tree.delete();
  }
}

interface LineSpan {
  start: number;
  /** End of the content (before the line ending). */
  contentEnd: number;
  /** After the line ending. */
  end: number;
}

function lineSpans(text: string): LineSpan[] {
  const out: LineSpan[] = [];
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || c === 13) {
      const end = c === 13 && text.charCodeAt(i + 1) === 10 ? i + 2 : i + 1;
      out.push({ start, contentEnd: i, end });
      start = end;
      i = end - 1;
    }
  }
  if (start < text.length) out.push({ start, contentEnd: text.length, end: text.length });
  return out;
}

const JUNK = ['(', ')', '[', ']', '{', '}', ':', ',', '"""', "'", '"', '\\', '#', '@', 'def ', 'class ', 'async ', 'await ',
  'lambda ', 'except ', 'try:', 'return ', 'yield ', '\t', ' ', '\r', '\r\n', '\n', '\u00a0', '\ufeff', '\u2028', '🚀', 'é', '\ud800',
  'time.time()', 'self.', 'EnumCoreErrorCode.', 'raise ', 'from e', '**', '...', ';'];

export type MutationKind = 'delete-token' | 'duplicate-token' | 'swap-adjacent' | 'swap-tokens' | 'insert-token' | 'insert-junk'
  | 'cut-line' | 'delete-lines' | 'duplicate-lines' | 'break-indentation' | 'truncate' | 'window'
  | 'delete-statement' | 'duplicate-statement' | 'swap-statements' | 'reindent';

/** Mutations that break the text (tokens and lines) and, for mutants that still compile, statement-level ones. */
export const MUTATIONS: readonly MutationKind[] = ['delete-token', 'duplicate-token', 'swap-adjacent', 'swap-tokens', 'insert-token',
  'insert-junk', 'cut-line', 'delete-lines', 'duplicate-lines', 'break-indentation', 'truncate', 'window',
  'delete-statement', 'duplicate-statement', 'swap-statements', 'reindent'];

function splice(text: string, start: number, end: number, insert: string): string {
  return text.slice(0, start) + insert + text.slice(end);
}

/** One mutation of text; returns the new text and a short description for reports. */
/** Statements (children of a block or of the module), as whole lines: [line start, end of the last line). */
function statementsOf(fe: PythonFrontEnd, text: string): { start: number; end: number; only: boolean; indent: string }[] {
  const tree = fe.inner.parse(text);
  try {
    const out: { start: number; end: number; only: boolean; indent: string }[] = [];
    const visit = (container: import('web-tree-sitter').Node) => {
      const stmts = container.namedChildren.filter((c) => !!c && c.type !== 'comment');
      for (const stmt of stmts) {
        if (!stmt) continue;
        let start = stmt.startIndex;
        while (start > 0 && text[start - 1] !== '\n' && text[start - 1] !== '\r') start--;
        const indent = text.slice(start, stmt.startIndex);
        let end = stmt.endIndex;
        while (end < text.length && text[end] !== '\n' && text[end] !== '\r') end++;
        if (text[end] === '\r') end++;
        if (text[end] === '\n') end++;
        if (/^[ \t]*$/.test(indent)) out.push({ start, end, only: stmts.length === 1, indent });
      }
    };
    visit(tree.rootNode);
    for (const block of tree.rootNode.descendantsOfType('block')) if (block) visit(block);
    return out;
  } finally {
    tree.delete();
  }
}

const STRUCTURAL: readonly MutationKind[] = ['delete-statement', 'duplicate-statement', 'swap-statements', 'reindent', 'window'];

export function mutateOnce(fe: PythonFrontEnd, text: string, rng: Rng, kind: MutationKind): { text: string; note: string } {
  if (kind === 'reindent') {
    const eol = text.includes('\r\n') ? '\r\n' : '\n';
    const style = rng.pick(['tabs', 'two', 'crlf', 'lf'] as const);
    if (style === 'crlf') return { text: text.replace(/\r?\n/g, '\r\n'), note: 'reindent: CRLF' };
    if (style === 'lf') return { text: text.replace(/\r\n/g, '\n'), note: 'reindent: LF' };
    const unit = style === 'tabs' ? '\t' : '  ';
    return {
      text: text.split(eol).map((line) => {
        const m = /^( {4})+/.exec(line);
        return m ? unit.repeat(m[0].length / 4) + line.slice(m[0].length) : line;
      }).join(eol),
      note: `reindent: ${style}`,
    };
  }
  if (kind === 'delete-statement' || kind === 'duplicate-statement' || kind === 'swap-statements') {
    const stmts = statementsOf(fe, text);
    if (stmts.length === 0) return { text, note: `${kind}: none` };
    const i = rng.int(stmts.length);
    const a = stmts[i];
    const lines = text.slice(a.start, a.end);
    const eol = text.includes('\r\n') ? '\r\n' : '\n';
    if (kind === 'delete-statement') return { text: splice(text, a.start, a.end, a.only ? `${a.indent}pass${eol}` : ''), note: `delete-statement@${a.start}` };
    if (kind === 'duplicate-statement') return { text: splice(text, a.end, a.end, lines.endsWith('\n') ? lines : lines + eol), note: `duplicate-statement@${a.start}` };
    const b = stmts.find((x) => x.start === a.end && x.indent === a.indent);
    if (!b) return { text: splice(text, a.end, a.end, lines.endsWith('\n') ? lines : lines + eol), note: `duplicate-statement@${a.start}` };
    const second = text.slice(b.start, b.end);
    return { text: splice(text, a.start, b.end, (second.endsWith('\n') ? second : second + eol) + lines), note: `swap-statements@${a.start}` };
  }
  const tokenKinds: MutationKind[] = ['delete-token', 'duplicate-token', 'swap-adjacent', 'swap-tokens', 'insert-token'];
  if (tokenKinds.includes(kind)) {
    const leaves = leavesOf(fe, text);
    if (leaves.length < 2) return { text: splice(text, 0, 0, rng.pick(JUNK)), note: 'insert-junk@0' };
    const i = rng.int(leaves.length);
    const a = leaves[i];
    const tokenText = text.slice(a.start, a.end);
    switch (kind) {
      case 'delete-token':
        return { text: splice(text, a.start, a.end, ''), note: `delete ${a.type}@${a.start}` };
      case 'duplicate-token':
        return { text: splice(text, a.end, a.end, ' ' + tokenText), note: `duplicate ${a.type}@${a.start}` };
      case 'swap-adjacent': {
        const b = leaves[Math.min(i + 1, leaves.length - 1)] === a ? leaves[i - 1] : leaves[i + 1];
        const [x, y] = a.start < b.start ? [a, b] : [b, a];
        const between = text.slice(x.end, y.start);
        return { text: splice(text, x.start, y.end, text.slice(y.start, y.end) + between + text.slice(x.start, x.end)), note: `swap ${x.type}@${x.start}<->${y.type}@${y.start}` };
      }
      case 'swap-tokens': {
        let b = rng.pick(leaves);
        if (b === a) b = leaves[(i + 1) % leaves.length];
        const [x, y] = a.start < b.start ? [a, b] : [b, a];
        const between = text.slice(x.end, y.start);
        return { text: splice(text, x.start, y.end, text.slice(y.start, y.end) + between + text.slice(x.start, x.end)), note: `swap ${x.type}@${x.start}<->${y.type}@${y.start}` };
      }
      default: {
        const at = rng.pick(leaves);
        const where = rng.chance(0.5) ? at.start : at.end;
        return { text: splice(text, where, where, tokenText), note: `insert ${a.type} at ${where}` };
      }
    }
  }
  const lines = lineSpans(text);
  if (lines.length === 0) return { text: rng.pick(JUNK), note: 'junk-only' };
  switch (kind) {
    case 'insert-junk': {
      const leaves = leavesOf(fe, text);
      const junk = rng.pick(JUNK);
      const where = leaves.length > 0 && rng.chance(0.7) ? rng.pick(leaves)[rng.chance(0.5) ? 'start' : 'end'] : rng.int(text.length + 1);
      return { text: splice(text, where, where, junk), note: `insert-junk ${JSON.stringify(junk)} at ${where}` };
    }
    case 'cut-line': {
      const line = rng.pick(lines);
      const col = line.start + rng.int(line.contentEnd - line.start + 1);
      return { text: splice(text, col, line.contentEnd, ''), note: `cut-line at ${col}` };
    }
    case 'delete-lines': {
      const i = rng.int(lines.length);
      const j = Math.min(lines.length - 1, i + rng.int(4));
      return { text: splice(text, lines[i].start, lines[j].end, ''), note: `delete-lines ${i + 1}-${j + 1}` };
    }
    case 'duplicate-lines': {
      const i = rng.int(lines.length);
      const j = Math.min(lines.length - 1, i + rng.int(6));
      const block = text.slice(lines[i].start, lines[j].end);
      const target = rng.pick(lines);
      return { text: splice(text, target.start, target.start, block), note: `duplicate-lines ${i + 1}-${j + 1} before ${target.start}` };
    }
    case 'break-indentation': {
      const indented = lines.filter((l) => text[l.start] === ' ' || text[l.start] === '\t');
      const line = indented.length > 0 ? rng.pick(indented) : rng.pick(lines);
      let indentEnd = line.start;
      while (indentEnd < line.contentEnd && (text[indentEnd] === ' ' || text[indentEnd] === '\t')) indentEnd++;
      const indent = text.slice(line.start, indentEnd);
      const variants = [indent.slice(1), indent + ' ', indent + '\t', indent.replace(/\t/g, '    '), indent.replace(/ {4}/g, '\t'), '', indent + indent];
      const replacement = rng.pick(variants);
      return { text: splice(text, line.start, indentEnd, replacement), note: `indent line@${line.start} ${JSON.stringify(indent)}->${JSON.stringify(replacement)}` };
    }
    case 'truncate': {
      const at = rng.int(text.length + 1);
      return { text: text.slice(0, at), note: `truncate at ${at}` };
    }
    default: {
      const i = rng.int(lines.length);
      const j = Math.min(lines.length - 1, i + 10 + rng.int(60));
      return { text: text.slice(lines[i].start, lines[j].end), note: `window lines ${i + 1}-${j + 1}` };
    }
  }
}

export interface Mutant {
  index: number;
  seed: number;
  source: string;
  notes: string[];
  text: string;
}

/** Mutant `index` of the run seeded with `base`: 1 to 4 mutations of one corpus file. */
export function makeMutant(fe: PythonFrontEnd, sources: readonly SourceFile[], base: number, index: number): Mutant {
  const seed = mutantSeed(base, index);
  const rng = new Rng(seed);
  const source = rng.pick(sources);
  let text = source.text;
  const notes: string[] = [];
  const count = 1 + rng.int(4);
  // Two mutants in five only move whole statements and re-indent: most of them still compile, so
  // the fix invariants that need valid code get exercised too.
  const structural = rng.chance(0.4);
  const kinds = structural ? STRUCTURAL : MUTATIONS;
  for (let k = 0; k < count; k++) {
    const kind = rng.pick(kinds.filter((m) => m !== 'window' || k === 0));
    const result = mutateOnce(fe, text, rng, kind);
    text = result.text;
    notes.push(result.note);
  }
  return { index, seed, source: source.rel, notes, text };
}

// ---------------------------------------------------------------------------------------------
// python3 compile (what `python3 -m py_compile` does: compile(source_bytes, path, 'exec', dont_inherit=True)),
// batched: one interpreter for many texts.

const COMPILE_SCRIPT = `
import base64, json, sys
items = json.load(sys.stdin)
out = {}
for key, b64 in items.items():
    try:
        compile(base64.b64decode(b64), key, "exec", dont_inherit=True)
        out[key] = None
    except Exception as e:
        out[key] = "%s: %s" % (type(e).__name__, e)
json.dump(out, sys.stdout)
`;

/** For each key, null when python3 compiles the text, else the error. */
export function pyCompile(texts: Record<string, string>): Record<string, string | null> {
  const payload: Record<string, string> = {};
  for (const [key, text] of Object.entries(texts)) payload[key] = Buffer.from(text, 'utf8').toString('base64');
  if (Object.keys(payload).length === 0) return {};
  const run = spawnSync('python3', ['-c', COMPILE_SCRIPT], { input: JSON.stringify(payload), encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  if (run.error || run.status !== 0) throw new Error(`python3 could not run: ${run.error?.message ?? run.stderr}`);
  return JSON.parse(run.stdout) as Record<string, string | null>;
}

// ---------------------------------------------------------------------------------------------
// Invariants

/** The shipped defaults: what the budget checks measure against. */
export const DEFAULT_CONFIG: EngineConfig = resolveConfig({});
/**
 * The defaults with a budget no loaded test machine reaches: for analyses whose findings are
 * compared (before and after a fix), where a budget stop would only make noise.
 */
export const ROBUST_CONFIG: EngineConfig = resolveConfig({ timeBudgetMs: 60_000 });

function generous(config: EngineConfig): EngineConfig {
  return { ...config, timeBudgetMs: Math.max(config.timeBudgetMs, ROBUST_CONFIG.timeBudgetMs) };
}

export interface EolCounts {
  crlf: number;
  lf: number;
  cr: number;
}

export function eolCounts(text: string): EolCounts {
  const counts = { crlf: 0, lf: 0, cr: 0 };
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 13) {
      if (text.charCodeAt(i + 1) === 10) {
        counts.crlf++;
        i++;
      } else counts.cr++;
    } else if (c === 10) counts.lf++;
  }
  return counts;
}

/** Line endings a change may add: only the file's dominant one. */
export function eolViolations(before: string, after: string): string[] {
  const b = eolCounts(before);
  const a = eolCounts(after);
  const dominant = b.crlf > b.lf ? 'crlf' : 'lf';
  const out: string[] = [];
  if (dominant === 'crlf' && a.lf > b.lf) out.push(`introduced ${a.lf - b.lf} bare LF line ending(s) into a CRLF file`);
  if (dominant === 'lf' && a.crlf > b.crlf) out.push(`introduced ${a.crlf - b.crlf} CRLF line ending(s) into an LF file`);
  if (a.cr > b.cr) out.push(`introduced ${a.cr - b.cr} bare CR line ending(s)`);
  return out;
}

export interface IndentStyle {
  kind: 'tab' | 'space';
  /** Every indentation step (characters) the file uses to open a block; empty when it opens none. */
  units: number[];
  /** Both tabs and spaces lead indented lines: a fix copying such a line cannot be judged. */
  mixed: boolean;
}

/** The file's indentation, read line by line outside string literals. */
export function indentStyle(fe: PythonFrontEnd, text: string): IndentStyle {
  const strings = stringRanges(fe, text);
  const inString = (offset: number) => strings.some((s) => s.start < offset && offset < s.end);
  let tabLines = 0;
  let spaceLines = 0;
  const units = new Set<number>();
  let previous: { content: string; ws: string } | null = null;
  for (const line of lineSpans(text)) {
    const content = text.slice(line.start, line.contentEnd);
    if (content.trim() === '') continue;
    const ws = leadingWhitespace(content);
    if (inString(line.start + ws.length)) continue;
    if (ws.includes('\t')) tabLines++;
    if (ws.includes(' ')) spaceLines++;
    if (previous && previous.content.trimEnd().endsWith(':') && ws.length > previous.ws.length && ws.startsWith(previous.ws)) units.add(ws.length - previous.ws.length);
    previous = { content, ws };
  }
  return { kind: tabLines > spaceLines ? 'tab' : 'space', units: [...units].sort((x, y) => x - y), mixed: tabLines > 0 && spaceLines > 0 };
}

function leadingWhitespace(line: string): string {
  return /^[ \t]*/.exec(line)![0];
}

/** Offsets of `text` that lie inside a string literal (docstrings included), from the syntax tree. */
export function stringRanges(fe: PythonFrontEnd, text: string): { start: number; end: number }[] {
  const tree = fe.inner.parse(text);
  try {
    return tree.rootNode.descendantsOfType('string').filter((n) => !!n).map((n) => ({ start: n!.startIndex, end: n!.endIndex }));
  } finally {
    tree.delete();
  }
}

/**
 * Lines of `after` that start inside the new text of an edit must be indented like the file:
 * no spaces in a tab-indented file, no tabs in a space-indented one, and a block opened by a line
 * ending in ':' goes exactly one unit deeper. Lines inside string literals are left alone.
 */
export function indentationViolations(after: string, newRegions: readonly { start: number; end: number }[], style: IndentStyle,
  strings: readonly { start: number; end: number }[] = []): string[] {
  const out: string[] = [];
  const lines = lineSpans(after);
  const atLineStart = (offset: number) => offset === 0 || after[offset - 1] === '\n' || after[offset - 1] === '\r';
  const inString = (offset: number) => strings.some((s) => s.start < offset && offset < s.end);
  let previous: string | null = null;
  for (const line of lines) {
    const content = after.slice(line.start, line.contentEnd);
    const isNew = newRegions.some((r) => line.start >= r.start && line.start < r.end && (line.start > r.start || atLineStart(r.start)));
    const firstCode = line.start + leadingWhitespace(content).length;
    if (isNew && content.trim() !== '' && !inString(firstCode)) {
      const ws = leadingWhitespace(content);
      if (!style.mixed && style.kind === 'tab' && ws.includes(' ')) out.push(`space indentation ${JSON.stringify(ws)} in a tab-indented file: ${JSON.stringify(content.trim().slice(0, 60))}`);
      if (!style.mixed && style.kind === 'space' && ws.includes('\t')) out.push(`tab indentation in a space-indented file: ${JSON.stringify(content.trim().slice(0, 60))}`);
      if (!style.mixed && style.units.length > 0 && previous !== null && previous.trimEnd().endsWith(':') && !previous.trim().startsWith('#')) {
        const base = leadingWhitespace(previous).length;
        if (ws.length > base && !style.units.includes(ws.length - base)) {
          out.push(`block indented by ${ws.length - base}, the file indents blocks by ${style.units.join(' or ')} (${style.kind}): ${JSON.stringify(content.trim().slice(0, 60))}`);
        }
      }
    }
    if (content.trim() !== '') previous = inString(firstCode) ? null : content;
  }
  return out;
}

/** Edits are in range, do not overlap, and split neither a CRLF pair nor a surrogate pair. */
export function editViolations(text: string, edits: readonly TextEdit[]): string[] {
  const out: string[] = [];
  const sorted = [...edits].sort((a, b) => a.start - b.start || a.end - b.end);
  for (const [i, e] of sorted.entries()) {
    if (!(Number.isInteger(e.start) && Number.isInteger(e.end) && e.start >= 0 && e.start <= e.end && e.end <= text.length)) {
      out.push(`edit [${e.start}, ${e.end}) is outside the text (length ${text.length})`);
      continue;
    }
    if (i > 0 && sorted[i - 1].end > e.start) out.push(`edits [${sorted[i - 1].start}, ${sorted[i - 1].end}) and [${e.start}, ${e.end}) overlap`);
    for (const at of [e.start, e.end]) {
      if (at > 0 && at < text.length && text.charCodeAt(at - 1) === 13 && text.charCodeAt(at) === 10) out.push(`edit boundary ${at} splits a CRLF line ending`);
      const prev = text.charCodeAt(at - 1);
      const next = text.charCodeAt(at);
      if (at > 0 && at < text.length && prev >= 0xd800 && prev <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) out.push(`edit boundary ${at} splits a surrogate pair`);
    }
    if (typeof e.newText !== 'string') out.push(`edit [${e.start}, ${e.end}) has no newText`);
  }
  return out;
}

/** Where the new text of each edit lands in the output. */
export function newRegionsOf(edits: readonly TextEdit[]): { start: number; end: number }[] {
  const sorted = [...edits].sort((a, b) => a.start - b.start);
  let shift = 0;
  return sorted.map((e) => {
    const region = { start: e.start + shift, end: e.start + shift + e.newText.length };
    shift += e.newText.length - (e.end - e.start);
    return region;
  });
}

/** Every byte outside the edits' ranges is unchanged: prefix, the gaps between edits, and suffix. */
export function outsideBytesViolations(text: string, after: string, edits: readonly TextEdit[]): string[] {
  const sorted = [...edits].sort((a, b) => a.start - b.start);
  const regions = newRegionsOf(sorted);
  let previousEnd = 0;
  let previousOutEnd = 0;
  for (const [i, e] of sorted.entries()) {
    const gap = text.slice(previousEnd, e.start);
    if (after.slice(previousOutEnd, previousOutEnd + gap.length) !== gap) return [`text before the edit at ${e.start} changed`];
    previousEnd = e.end;
    previousOutEnd = regions[i].end;
  }
  if (after.slice(previousOutEnd) !== text.slice(previousEnd)) return ['text after the last edit changed'];
  return [];
}

/** Maps an offset of the text before the edits to the text after them (inside an edit: its start). */
export function mapOffset(offset: number, edits: readonly TextEdit[]): number {
  let shift = 0;
  for (const e of [...edits].sort((a, b) => a.start - b.start)) {
    if (e.end <= offset && !(e.start === e.end && e.start === offset)) shift += e.newText.length - (e.end - e.start);
    else if (e.start <= offset && offset < e.end) return e.start + shift;
  }
  return offset + shift;
}

export function countByRule(findings: readonly Finding[]): Map<RuleId, number> {
  const counts = new Map<RuleId, number>();
  for (const f of findings) counts.set(f.ruleId, (counts.get(f.ruleId) ?? 0) + 1);
  return counts;
}

export interface FixCheck {
  after: string;
  violations: string[];
}

/**
 * The invariants of one fix of one finding on a text (issue 4, "Fix safety, tested"), except the
 * python3 compile check, which the caller batches with `after`. `full` adds the checks that need a
 * re-analysis (the rule no longer fires there, no other rule fires more, line endings, indentation);
 * without it only parsing, edit shape and untouched bytes are checked (for texts with syntax errors).
 */
export function checkFix(fe: PythonFrontEnd, text: string, before: AnalysisResult, finding: Finding, fix: Fix,
  options: { full: boolean; config?: EngineConfig; style?: IndentStyle }): FixCheck {
  const config = options.config ?? ROBUST_CONFIG;
  const violations = editViolations(text, fix.edits);
  if (violations.length > 0) return { after: text, violations };
  if (fix.edits.length === 0) return { after: text, violations: ['the fix has no edits'] };
  const after = applyEdits(text, fix.edits);
  violations.push(...outsideBytesViolations(text, after, fix.edits));
  const errorsBefore = fe.syntaxErrorCount(text);
  const errorsAfter = fe.syntaxErrorCount(after);
  if (errorsAfter > errorsBefore) violations.push(`the output has ${errorsAfter} syntax errors instead of ${errorsBefore}`);
  if (!options.full) return { after, violations };
  violations.push(...eolViolations(text, after));
  violations.push(...indentationViolations(after, newRegionsOf(fix.edits), options.style ?? indentStyle(fe, text), stringRanges(fe, after)));
  const result = analyzeWith(fe, after, config);
  if (result.skipped) {
    violations.push(`the output could not be re-analysed: ${result.skipped.message}`);
    return { after, violations };
  }
  const mapped = mapOffset(finding.span.start, fix.edits);
  // A rule may report several findings at one place (ONEX004: no re-raise, and no `from e`); the
  // fixed one is the one with the same message.
  const still = result.findings.find((f) => f.ruleId === finding.ruleId && f.span.start === mapped && f.message === finding.message);
  if (still) violations.push(`${finding.ruleId} still fires at the same place after its fix: ${still.message}`);
  const countsBefore = countByRule(before.findings);
  const countsAfter = countByRule(result.findings);
  for (const [rule, n] of countsAfter) {
    const was = countsBefore.get(rule) ?? 0;
    if (rule === finding.ruleId) {
      if (n >= was) violations.push(`${rule} fires ${n} times after its fix (was ${was})`);
    } else if (n > was) {
      const all = result.findings.filter((f) => f.ruleId === rule);
      // A fix that adds an import changes what names mean in the whole file: code that used `time`
      // without importing it is recognised once the fix imports it. Findings revealed that way sit
      // on untouched code; findings in the fix's own text are always the fix's doing.
      const regions = newRegionsOf(fix.edits);
      const inFix = all.filter((f) => regions.some((r) => f.span.start < r.end && f.span.end > r.start));
      const addsImport = fix.edits.some((e) => /^[ \t]*(import|from)[ \t]/m.test(e.newText));
      if (inFix.length > 0 || !addsImport) {
        violations.push(`${rule} fires ${n} times after the ${finding.ruleId} fix (was ${was}): ${all.map((f) => `${f.range.start.line + 1}:${f.range.start.character + 1}`).join(', ')}`);
      }
    }
  }
  return { after, violations };
}

export interface FixAllCheck {
  after: string;
  applied: number;
  violations: string[];
}

/** Fix-all (safe only, or all fixes) and its invariants; the caller compiles `after`. */
export function checkFixAll(fe: PythonFrontEnd, text: string, before: AnalysisResult, safeOnly: boolean,
  options: { config?: EngineConfig; style?: IndentStyle } = {}): FixAllCheck {
  const config = options.config ?? ROBUST_CONFIG;
  const violations: string[] = [];
  const first = fixAllWith(fe, text, config, { ruleIds: null, safeOnly });
  for (const reason of first.refused) violations.push(`fix-all: a fix was refused: ${reason}`);
  const after = first.text;
  const errorsBefore = fe.syntaxErrorCount(text);
  const errorsAfter = fe.syntaxErrorCount(after);
  if (errorsAfter > errorsBefore) violations.push(`fix-all output has ${errorsAfter} syntax errors instead of ${errorsBefore}`);
  violations.push(...eolViolations(text, after));
  const second = fixAllWith(fe, after, config, { ruleIds: null, safeOnly });
  if (second.text !== after) violations.push(`a second fix-all changed the text again (${second.applied} more fixes: ${JSON.stringify(second.perRule)})`);
  const result = analyzeWith(fe, after, config);
  if (result.skipped) violations.push(`fix-all output could not be re-analysed: ${result.skipped.message}`);
  const countsBefore = countByRule(before.findings);
  for (const [rule, n] of countByRule(result.findings)) {
    const was = countsBefore.get(rule) ?? 0;
    if (n > was) violations.push(`after fix-all ${rule} fires ${n} times (was ${was})`);
  }
  // A finding fix-all left although it has a usable fix would be fixed by the second run: the
  // idempotence check above covers "fix-all stops early" too.
  return { after, applied: first.applied, violations };
}

// ---------------------------------------------------------------------------------------------
// Regression cases

export interface RegressionCase {
  /** File name stem; also the test title. */
  id: string;
  origin: 'fuzz' | 'corpus' | 'unit';
  /** What went wrong when the case was recorded: crash, hang, bad-fix, refused, py-compile, idempotence, invariant. */
  kind: string;
  rule?: RuleId;
  description: string;
  /** 'analysis' when only the analysis is checked (a hang whose fixes would take minutes); default all. */
  scope?: 'analysis' | 'all';
  /** How it was found (seed, mutant index, source file, mutations). */
  provenance?: Record<string, unknown>;
  text: string;
}

export function regressionCases(): RegressionCase[] {
  if (!existsSync(REGRESSIONS_DIR)) return [];
  return readdirSync(REGRESSIONS_DIR)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => JSON.parse(readFileSync(join(REGRESSIONS_DIR, f), 'utf8')) as RegressionCase);
}

/** Elapsed milliseconds of a synchronous call, with its result. */
export function timed<T>(fn: () => T): { value: T; ms: number } {
  const t0 = performance.now();
  const value = fn();
  return { value, ms: performance.now() - t0 };
}

/** Generous limits for a loaded 2-core machine: a budget overrun beyond this is a hang, not noise. */
export function budgetLimitMs(config: EngineConfig): number {
  return config.timeBudgetMs * 2 + 1500;
}

export const FIX_LIMIT_MS = 5000;

/**
 * The checks every text must pass, broken or not: analysis does not throw and stays within the
 * budget, findings have valid spans, every fix of the sampled findings is computed without throwing
 * and in bounded time, and the fixes offered have valid edits, keep the bytes outside them and parse
 * no worse. On code python3 compiles (or with `full`), the full fix invariants apply too (the rule no
 * longer fires there, no other rule fires more, line endings, indentation), and python3 must compile
 * every fix's output. Texts that tree-sitter accepts but Python rejects (bad indentation, mixed tabs)
 * only get the basic checks: there the "rule fires more" comparisons measure tree-sitter's recovery.
 */
export interface TextCheck {
  violations: string[];
  refusals: { rule: RuleId; reason: string }[];
  /** Outputs of the fixes that passed their checks (only collected for code python3 compiles, or with `full`). */
  outputs: { label: string; text: string }[];
  findings: number;
  fixes: number;
  analysisMs: number;
  syntaxErrors: number;
  /** Whether python3 compiles the text (null when it was not asked: the text does not even parse). */
  compiles: boolean | null;
}

export function checkText(fe: PythonFrontEnd, text: string,
  options: { config?: EngineConfig; sample?: (findings: Finding[]) => Finding[]; full?: boolean } = {}): TextCheck {
  const config = options.config ?? DEFAULT_CONFIG;
  const out: TextCheck = { violations: [], refusals: [], outputs: [], findings: 0, fixes: 0, analysisMs: 0, syntaxErrors: 0, compiles: null };
  let analysis: { value: AnalysisResult; ms: number };
  try {
    analysis = timed(() => analyzeWith(fe, text, config));
  } catch (error) {
    out.violations.push(`crash: analysis threw ${(error as Error).stack ?? String(error)}`);
    return out;
  }
  const result = analysis.value;
  out.analysisMs = analysis.ms;
  out.syntaxErrors = result.syntaxErrors;
  out.findings = result.findings.length;
  if (analysis.ms > budgetLimitMs(config)) out.violations.push(`hang: analysis took ${analysis.ms.toFixed(0)} ms (budget ${config.timeBudgetMs} ms)`);
  if (result.skipped?.kind === 'parse-failure') out.violations.push(`crash: analysis failed inside the engine: ${result.skipped.message}`);
  for (const f of result.findings) {
    if (!(f.span.start >= 0 && f.span.start <= f.span.end && f.span.end <= text.length)) out.violations.push(`${f.ruleId} has span [${f.span.start}, ${f.span.end}) outside the text`);
  }
  // A budget stop leaves findings incomplete: fixes are then checked against a full analysis.
  const complete = result.skipped?.kind === 'time-budget' ? analyzeWith(fe, text, generous(config)) : result;
  if (complete.skipped) return out;
  const sampled = options.sample ? options.sample(complete.findings) : complete.findings;
  if (complete.syntaxErrors === 0 && (sampled.length > 0 || options.full)) out.compiles = pyCompile({ input: text }).input === null;
  const full = options.full ?? out.compiles === true;
  const style = full ? indentStyle(fe, text) : undefined;
  for (const finding of sampled) {
    const computed = timed(() => fixesWith(fe, text, finding, generous(config)));
    if (computed.ms > FIX_LIMIT_MS) out.violations.push(`hang: computing the ${finding.ruleId} fixes took ${computed.ms.toFixed(0)} ms`);
    for (const r of computed.value.refused) {
      if (/^The fix failed|overlapping edits/.test(r.reason)) out.violations.push(`crash: ${finding.ruleId} fix "${r.fix.title}": ${r.reason}`);
      else out.refusals.push({ rule: finding.ruleId, reason: r.reason });
    }
    for (const fix of computed.value.fixes) {
      out.fixes++;
      const check = checkFix(fe, text, complete, finding, fix, { full, config: generous(config), style });
      for (const v of check.violations) out.violations.push(`${finding.ruleId} fix "${fix.id}" (finding at ${finding.range.start.line + 1}:${finding.range.start.character + 1}): ${v}`);
      if (full && check.violations.length === 0) out.outputs.push({ label: `${finding.ruleId} fix "${fix.id}" (finding at ${finding.range.start.line + 1}:${finding.range.start.character + 1})`, text: check.after });
    }
  }
  if (out.compiles === true && out.outputs.length > 0) {
    const texts: Record<string, string> = {};
    out.outputs.forEach((o, k) => { texts[String(k)] = o.text; });
    const compiled = pyCompile(texts);
    out.outputs.forEach((o, k) => {
      if (compiled[String(k)] !== null) out.violations.push(`${o.label}: python3 compiled the file but not the fixed file: ${compiled[String(k)]}`);
    });
  }
  return out;
}

export { applyEdits, analyzeWith, fixesWith, fixAllWith, resolveConfig };
