// Parsing for the TypeScript front end: `ts.createSourceFile` straight from the text, with no
// ts-morph Project around it. The analysis reads only the syntax tree (no program, no type checker,
// no other files), so a project would add a second parse-sized cost (its wrappers and bookkeeping)
// and keep every file it ever saw in memory; the front end keeps the last file's tree only.
import type { ts } from 'ts-morph';
import { ScriptKind, ScriptTarget, createSourceFile } from './api';

const UNTITLED = '/untitled/node.ts';

/** A file name as the parser sees it: forward slashes, a leading slash for drive letters. */
export function memoryPath(fileName: string | undefined): string {
  if (!fileName) return UNTITLED;
  let p = fileName.replace(/\\/g, '/');
  if (/^[A-Za-z]:\//.test(p)) p = `/${p[0].toLowerCase()}${p.slice(2)}`;
  if (!p.startsWith('/')) p = `/${p}`;
  return p;
}

export function scriptKindOf(fileName: string): ts.ScriptKind {
  const lower = fileName.toLowerCase();
  if (lower.endsWith('.tsx')) return ScriptKind.TSX;
  if (lower.endsWith('.jsx')) return ScriptKind.JSX;
  if (lower.endsWith('.js') || lower.endsWith('.mjs') || lower.endsWith('.cjs')) return ScriptKind.JS;
  return ScriptKind.TS;
}

/**
 * Parses text on its own. With `setParents: false` the tree has no parent pointers: enough for its
 * parse diagnostics, and the front end's tree index (./tree) sets them in its own pass anyway.
 */
export function parseStandalone(text: string, fileName?: string, setParents = true): ts.SourceFile {
  const path = memoryPath(fileName);
  return createSourceFile(path, text, ScriptTarget.Latest, setParents, scriptKindOf(path));
}
