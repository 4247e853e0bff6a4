// Shared by the completion tests: ask for the ONEX items at a cursor marked in a text, and accept one
// as VS Code does with every tab stop at its default: the snippet expanded (test/scaffold/
// snippetExpander.ts, an expander written from VS Code's grammar, not the core's own), its lines
// indented like the line it is typed on, its tabs turned into the file's indentation unit, and the
// item's additional edits applied with it.
import { strict as assert } from 'node:assert';
import { completionsFor } from '../../src/core/engine';
import type { CompletionResult, OnexCompletionItem } from '../../src/core/completions/types';
import { applyEdits, detectEol } from '../../src/core/text';
import type { EngineConfig, LanguageId } from '../../src/core/types';
import { expandSnippet, indentInserted } from '../scaffold/snippetExpander';

/** Marks the cursor in test texts. */
export const CURSOR = '‸';

export interface Completion extends CompletionResult {
  text: string;
  offset: number;
}

export interface CompleteOptions {
  fileName?: string;
  config?: Partial<EngineConfig>;
  runtimeModule?: string;
  year?: number;
}

/** The items at the text's ‸ (which is removed). */
export async function completeAt(language: LanguageId, marked: string, options: CompleteOptions = {}): Promise<Completion> {
  const offset = marked.indexOf(CURSOR);
  assert.ok(offset >= 0, 'the text marks the cursor with ‸');
  const text = marked.slice(0, offset) + marked.slice(offset + CURSOR.length);
  const result = await completionsFor(language, { text, offset, ...options });
  return { ...result, text, offset };
}

export function labels(result: CompletionResult): string[] {
  return result.items.map((i) => i.label);
}

export function itemOf(result: CompletionResult, label: string): OnexCompletionItem {
  const item = result.items.find((i) => i.label === label);
  assert.ok(item, `no ${label} among ${JSON.stringify(labels(result))}`);
  return item;
}

/** The file's indentation unit, as the editor would insert it: the first indented line's, else 4 spaces. */
function indentUnit(text: string): string {
  const m = /^[ \t]+(?=\S)/m.exec(text);
  if (!m) return '    ';
  return m[0].startsWith('\t') ? '\t' : m[0];
}

/** The text after accepting `item` with its defaults (or `values` for some tab stops). */
export function accept(text: string, item: OnexCompletionItem, values?: Record<number, string>): string {
  return acceptWithSpans(text, item, values).text;
}

/** Like accept, with the 0-based lines of the result that the item wrote (the snippet and every added edit). */
export function acceptWithSpans(text: string, item: OnexCompletionItem, values?: Record<number, string>): { text: string; lines: Set<number> } {
  let lineStart = item.replace.start;
  while (lineStart > 0 && text[lineStart - 1] !== '\n' && text[lineStart - 1] !== '\r') lineStart--;
  const eol = detectEol(text);
  const inserted = indentInserted(expandSnippet(item.snippet, { values }), text.slice(lineStart, item.replace.start), indentUnit(text))
    .split('\n').join(eol);
  const edits = [...item.additionalTextEdits, { start: item.replace.start, end: item.replace.end, newText: inserted }];
  const after = applyEdits(text, edits);
  // Where each edit's text lands: its start moved by what the edits before it added.
  const lines = new Set<number>();
  let delta = 0;
  const lineOf = (offset: number) => after.slice(0, offset).split('\n').length - 1;
  for (const edit of [...edits].sort((a, b) => a.start - b.start)) {
    const start = edit.start + delta;
    for (let line = lineOf(start); line <= lineOf(start + edit.newText.length); line++) lines.add(line);
    delta += edit.newText.length - (edit.end - edit.start);
  }
  return { text: after, lines };
}

/** Accepts `label` at the text's ‸ and returns the new text. */
export async function acceptAt(language: LanguageId, marked: string, label: string, options: CompleteOptions = {}): Promise<string> {
  const completion = await completeAt(language, marked, options);
  return accept(completion.text, itemOf(completion, label));
}
