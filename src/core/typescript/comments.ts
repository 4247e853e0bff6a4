// Suppression comments (`// onex: ignore[...]`) read from the syntax tree's trivia: for each place
// where `onex:` occurs, descend to the token whose leading or trailing trivia holds it and take the
// comment range from TypeScript's scanner. Text inside strings, templates and regexes is not a comment.
import type { ts } from 'ts-morph';
import { SyntaxKind, getLeadingCommentRanges, getTrailingCommentRanges } from './api';
import type { CommentInfo } from '../suppression';
import type { LineIndex } from '../text';

/** Comments in the trivia at pos: those ending the previous token's line and those before the next token. */
function triviaComments(text: string, pos: number): ts.CommentRange[] {
  return [...(getTrailingCommentRanges(text, pos) ?? []), ...(getLeadingCommentRanges(text, pos) ?? [])];
}

function commentAt(sf: ts.SourceFile, text: string, offset: number): ts.CommentRange | undefined {
  let node: ts.Node = sf;
  for (let depth = 0; depth < 1_000_000; depth++) {
    const children = node.getChildren(sf);
    let next: ts.Node | undefined;
    for (const child of children) {
      if (offset >= child.pos && offset < child.end) {
        next = child;
        break;
      }
    }
    if (!next) return triviaComments(text, node.end).find((c) => offset >= c.pos && offset < c.end);
    const start = next.getStart(sf);
    if (offset < start) return triviaComments(text, next.pos).find((c) => offset >= c.pos && offset < c.end);
    if (next.getChildCount(sf) === 0) {
      // Inside a token (a string, template or regex): not a comment. JSDoc lives in trivia, handled above.
      return undefined;
    }
    node = next;
  }
  return undefined;
}

/** The line comments that mention `onex:` (the only ones suppression reads), without their `//`. */
export function suppressionComments(sf: ts.SourceFile, text: string, lines: LineIndex): CommentInfo[] {
  const out: CommentInfo[] = [];
  const seen = new Set<number>();
  for (let at = text.indexOf('onex:'); at !== -1; at = text.indexOf('onex:', at + 5)) {
    const range = commentAt(sf, text, at);
    if (!range || range.kind !== SyntaxKind.SingleLineCommentTrivia || seen.has(range.pos)) continue;
    seen.add(range.pos);
    out.push({ body: text.slice(range.pos + 2, range.end), line: lines.positionAt(range.pos).line });
  }
  return out;
}
