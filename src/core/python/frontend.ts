// The Python front end: tree-sitter parse (incremental when given the previous tree),
// the file model, and the Python rules over it.
import type { Parser, Tree } from 'web-tree-sitter';
import type { PythonRule } from '../rules/rule';
import { PYTHON_RULES, PYTHON_RULES_BY_ID } from '../rules/python';
import type { CommentInfo } from '../suppression';
import type { EngineConfig, Fix, RawFinding } from '../types';
import { buildPyFile, type PyFile } from './model';
import type { SyntaxNode, SyntaxTree } from './view';

export class ParseBudgetExceeded extends Error {}

export class PythonFrontEnd {
  readonly language = 'python' as const;

  constructor(private readonly parser: Parser) {}

  /** Parses text; with `previous` (already `edit`ed to match text) tree-sitter re-parses incrementally. */
  parse(text: string, previous?: Tree, budgetMs?: number): Tree {
    const deadline = budgetMs ? performance.now() + budgetMs : Infinity;
    const tree = this.parser.parse(text, previous ?? null, budgetMs ? {
      progressCallback: () => performance.now() > deadline,
    } : undefined);
    if (!tree) {
      // A cancelled parse stays pending in the parser and the next parse() would resume it, even
      // for another text: start afresh.
      this.parser.reset();
      throw new ParseBudgetExceeded(`parsing took longer than ${budgetMs} ms`);
    }
    return tree;
  }

  model(text: string, tree: Tree, config: EngineConfig, view?: SyntaxTree): PyFile {
    return buildPyFile(text, tree, config, view);
  }

  rules(config: EngineConfig): PythonRule[] {
    return PYTHON_RULES.filter((r) => (config.rules[r.meta.id] ?? 'warning') !== 'off');
  }

  /** Runs the enabled rules; stops (and says so) when the deadline passes. */
  check(file: PyFile, config: EngineConfig, deadline: number): { findings: RawFinding[]; outOfTime: boolean } {
    const findings: RawFinding[] = [];
    for (const rule of this.rules(config)) {
      if (performance.now() > deadline) return { findings, outOfTime: true };
      findings.push(...rule.check(file));
    }
    return { findings, outOfTime: false };
  }

  fixes(file: PyFile, finding: RawFinding): Fix[] {
    return PYTHON_RULES_BY_ID.get(finding.ruleId)?.fixes?.(file, finding) ?? [];
  }

  commentsIn(root: SyntaxNode): CommentInfo[] {
    return root.descendantsOfType('comment').map((c) => ({ body: c.text.slice(1), line: c.startPosition.row }));
  }

  /** Number of ERROR and MISSING nodes: the measure of "parses no worse". */
  syntaxErrorCount(tree: Tree): number {
    if (!tree.rootNode.hasError) return 0;
    let count = 0;
    const cursor = tree.walk();
    const visit = (): void => {
      const node = cursor.currentNode;
      if (node.isError || node.isMissing) count++;
      if (!node.hasError || node.isError) return;
      if (cursor.gotoFirstChild()) {
        do visit(); while (cursor.gotoNextSibling());
        cursor.gotoParent();
      }
    };
    visit();
    return count;
  }
}
