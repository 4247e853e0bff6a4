// The line the cursor is on, as snippet completion reads it: only indentation and the word being typed
// (`onex-he`, possibly empty) may come before the cursor, and only whitespace after it; anywhere else
// (inside an expression, after other code) no snippet belongs. The analysis then reads the file with
// that word blanked out, so the half-typed word never bends the syntax tree; offsets stay the same.

export interface CursorLine {
  /** 0-based line of the cursor. */
  row: number;
  /** The line's indentation, as written. */
  indent: string;
  /** Where the typed word starts: the completion replaces [prefixStart, offset). */
  prefixStart: number;
  /** The text with the typed word replaced by spaces (same length, same offsets). */
  blanked: string;
  /** Whether the file holds nothing but whitespace besides the typed word. */
  emptyFile: boolean;
  /** The word typed so far. */
  word: string;
}

export function cursorLine(text: string, offset: number): CursorLine | null {
  if (offset < 0 || offset > text.length) return null;
  let lineStart = offset;
  while (lineStart > 0 && text[lineStart - 1] !== '\n' && text[lineStart - 1] !== '\r') lineStart--;
  let lineEnd = offset;
  while (lineEnd < text.length && text[lineEnd] !== '\n' && text[lineEnd] !== '\r') lineEnd++;
  const before = /^([ \t]*)([A-Za-z_][\w-]*)?$/.exec(text.slice(lineStart, offset));
  if (!before || text.slice(offset, lineEnd).trim() !== '') return null;
  const indent = before[1];
  const prefixStart = lineStart + indent.length;
  const blanked = text.slice(0, prefixStart) + ' '.repeat(offset - prefixStart) + text.slice(offset);
  let row = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < lineStart; i = text.indexOf('\n', i + 1)) row++;
  // A lone '\r' ends a line too (old Mac line endings), as for the parsers.
  if (!text.includes('\n')) for (let i = text.indexOf('\r'); i !== -1 && i < lineStart; i = text.indexOf('\r', i + 1)) row++;
  return { row, indent, prefixStart, blanked, emptyFile: blanked.trim() === '', word: before[2] ?? '' };
}
