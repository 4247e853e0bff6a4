// The tree index (src/core/typescript/tree.ts) every rule reads instead of walking the tree again:
// checked against TypeScript itself — the same nodes in the same order as `ts.forEachChild`, the
// same parent pointers as a parse with `setParentNodes`, and subtree walks identical to a plain walk.
import { strict as assert } from 'node:assert';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { ts } from 'ts-morph';
import { parseStandalone } from '../../src/core/typescript/parse';
import { isFunctionNode, walk } from '../../src/core/typescript/syntax';
import { indexTree } from '../../src/core/typescript/tree';
import { nodeModule } from '../../src/core/rules/typescriptCaseSources';

const CORPUS = join(__dirname, 'corpus');

function sources(): { name: string; text: string }[] {
  const out = readdirSync(CORPUS).map((name) => ({ name, text: readFileSync(join(CORPUS, name), 'utf8') }));
  out.push({ name: 'fixture node', text: nodeModule({ members: '  m(): void { const f = () => { var v = 1; return v; }; f(); }\n' }) });
  out.push({ name: 'broken', text: 'export class A extends B {\n  m( {\n    try { x(); } catch (e) { throw new E(e); \n' });
  out.push({ name: 'jsx', text: 'export const V = () => <div a="1">{[1, 2].map((x) => <span key={x}>{x}</span>)}</div>;\n' });
  out.push({ name: 'jsdoc', text: '/** @param x the x */\nexport function f(x: number): number { /** inner */ return x; }\n' });
  // Nested deeper than the index's recursion limit, and with three times more nodes than the index
  // guesses from the text's length, so its arrays grow twice.
  out.push({ name: 'deep', text: `const y = ${Array.from({ length: 800 }, () => 'a').join(' + ')};\nconst z = this${'.a'.repeat(600)};\n` });
  return out;
}

/** Depth-first source order as `ts.forEachChild` gives it. */
function reference(root: ts.Node): ts.Node[] {
  const out: ts.Node[] = [];
  const stack: ts.Node[] = [root];
  while (stack.length) {
    const n = stack.pop()!;
    out.push(n);
    const children: ts.Node[] = [];
    ts.forEachChild(n, (c) => {
      children.push(c);
    });
    for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]);
  }
  return out;
}

/** A plain walk with the semantics of syntax.walk, over any tree. */
function plainWalk(node: ts.Node, visit: (n: ts.Node) => boolean | void, into: boolean): void {
  const stack: ts.Node[] = [];
  const push = (n: ts.Node) => {
    const children: ts.Node[] = [];
    ts.forEachChild(n, (c) => {
      children.push(c);
    });
    for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]);
  };
  push(node);
  while (stack.length) {
    const n = stack.pop()!;
    if (visit(n) === false) continue;
    if (!into && (isFunctionNode(n) || ts.isClassLike(n))) continue;
    push(n);
  }
}

describe('TypeScript tree index', () => {
  for (const { name, text } of sources()) {
    it(`${name}: the nodes of ts.forEachChild in order, their parents as setParentNodes sets them, subtrees and kinds`, () => {
      const withParents = parseStandalone(text, '/ws/node.tsx', true);
      const sf = parseStandalone(text, '/ws/node.tsx', false);
      const index = indexTree(sf);
      const expected = reference(sf);
      assert.equal(index.nodes.length, expected.length);
      const expectedWithParents = reference(withParents);
      assert.equal(expectedWithParents.length, expected.length);
      for (let i = 0; i < expected.length; i++) {
        const n = index.nodes[i];
        assert.equal(n, expected[i]);
        assert.equal(index.kinds[i], n.kind);
        assert.equal(index.indexOf(n), i);
        // Same parent (by position in the order) as TypeScript's own parent pass.
        const p = expectedWithParents[i].parent;
        assert.equal(n.parent ? index.indexOf(n.parent) : -1, p ? expectedWithParents.indexOf(p) : -1);
        // The subtree is exactly the node's descendants.
        let count = 0;
        plainWalk(n, () => {
          count++;
        }, true);
        assert.equal(index.ends[i] - i - 1, count);
      }
      const calls = expected.filter((n) => n.kind === ts.SyntaxKind.CallExpression);
      assert.deepEqual(index.ofKind(ts.SyntaxKind.CallExpression), calls);
    });

    it(`${name}: walk over the index visits exactly what a plain walk visits (skips, functions, classes)`, () => {
      const sf = parseStandalone(text, '/ws/node.tsx', false);
      const index = indexTree(sf);
      const starts = index.nodes.filter((_, i) => i % 7 === 0 || isFunctionNode(index.nodes[i]) || ts.isClassLike(index.nodes[i]));
      for (const start of starts.slice(0, 300)) {
        for (const into of [true, false]) {
          // A visitor that skips some subtrees: the children of every third block and of return statements.
          let blocks = 0;
          const visitor = (seen: ts.Node[]) => (n: ts.Node) => {
            seen.push(n);
            if (n.kind === ts.SyntaxKind.Block && blocks++ % 3 === 0) return false;
            return n.kind !== ts.SyntaxKind.ReturnStatement;
          };
          const got: ts.Node[] = [];
          walk(start, visitor(got), { intoFunctions: into });
          blocks = 0;
          const want: ts.Node[] = [];
          plainWalk(start, visitor(want), into);
          assert.deepEqual(got, want);
        }
      }
    });
  }

  it('walks trees it has not indexed, and indexes a tree once', () => {
    const sf = parseStandalone('function f() { return g(1) + h(2); }\n', '/ws/a.ts', true);
    const got: ts.SyntaxKind[] = [];
    walk(sf, (n) => {
      got.push(n.kind);
    });
    const want: ts.SyntaxKind[] = [];
    plainWalk(sf, (n) => {
      want.push(n.kind);
    }, true);
    assert.deepEqual(got, want);
    assert.equal(indexTree(sf), indexTree(sf));
  });
});
