// `# onex: ignore[ONEX003, ONEX004]` silences rules on its line (no list: all rules);
// `# onex: ignore-file[ONEX002]` anywhere silences them in the whole file. TypeScript uses `//`.
// The front ends hand over comment nodes from the syntax tree; only the comment's own text is read here.
import { ALL_RULE_IDS, type RuleId } from './types';

export interface CommentInfo {
  /** Comment text without its leading `#` or `//`. */
  body: string;
  /** 0-based line of the comment. */
  line: number;
}

export interface Suppressions {
  file: Set<RuleId> | 'all' | null;
  lines: Map<number, Set<RuleId> | 'all'>;
}

const DIRECTIVE = /^\s*onex:\s*(ignore-file|ignore)(?:\[([^\]]*)\])?\s*$/;

function parseIds(list: string | undefined): Set<RuleId> | 'all' {
  if (list === undefined || list.trim() === '') return 'all';
  const ids = new Set<RuleId>();
  for (const raw of list.split(',')) {
    const id = raw.trim().toUpperCase();
    if ((ALL_RULE_IDS as readonly string[]).includes(id)) ids.add(id as RuleId);
  }
  return ids;
}

function merge(a: Set<RuleId> | 'all' | null | undefined, b: Set<RuleId> | 'all'): Set<RuleId> | 'all' {
  if (a === 'all' || b === 'all') return 'all';
  return new Set([...(a ?? []), ...b]);
}

/** Reads directives from comments. A directive may follow other text after a second `#`/`//`-free separator. */
export function readSuppressions(comments: readonly CommentInfo[]): Suppressions {
  const result: Suppressions = { file: null, lines: new Map() };
  for (const comment of comments) {
    // A comment may hold other words before the directive: `# noqa: E501  onex: ignore[ONEX010]`.
    const at = comment.body.indexOf('onex:');
    if (at < 0) continue;
    const match = DIRECTIVE.exec(comment.body.slice(at));
    if (!match) continue;
    const ids = parseIds(match[2]);
    if (match[1] === 'ignore-file') result.file = merge(result.file, ids);
    else result.lines.set(comment.line, merge(result.lines.get(comment.line), ids));
  }
  return result;
}

export function isSuppressed(s: Suppressions, ruleId: RuleId, line: number): boolean {
  const has = (set: Set<RuleId> | 'all' | null | undefined) => set === 'all' || (!!set && set.has(ruleId));
  return has(s.file) || has(s.lines.get(line));
}
