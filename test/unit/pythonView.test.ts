// The flat view over tree-sitter trees must answer exactly what web-tree-sitter answers.
import { strict as assert } from 'node:assert';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Parser, Node as RawNode } from 'web-tree-sitter';
import { getPythonParser, parsePython } from '../../src/core/python/parser';
import { bindTreeSitterModule, SyntaxTree, type SyntaxNode } from '../../src/core/python/view';
import { corpusSources, makeMutant, pythonFrontEnd } from '../robustness/support';

const FIXTURES = join(__dirname, '..', 'fixtures', 'python');

/** Every raw node of the tree, anonymous tokens included, in document order. */
function rawNodes(root: RawNode): RawNode[] {
  const out: RawNode[] = [];
  const visit = (n: RawNode) => {
    out.push(n);
    for (const c of n.children) if (c) visit(c);
  };
  visit(root);
  return out;
}

const shape = (n: { type: string; startIndex: number; endIndex: number } | null) => (n ? `${n.type}@${n.startIndex}-${n.endIndex}` : 'null');

describe('python syntax view', () => {
  const files = readdirSync(FIXTURES).filter((f) => f.endsWith('.py')).sort().slice(0, 6);
  const BROKEN = 'class NodeX(NodeEffect):\n    def f(self:\n        return (self.x\n    def g(self): pass\n\nx = [1, 2\n';
  // Positions count UTF-16 code units from the last "\n": a "\r" before it, tabs and astral characters included.
  const ODD = 'class A:\r\n\tdef f(self):\r\n\t\ts = "\u{1F600}é"  # 😀\r\n\t\treturn s.x(1,\r\n\t\t\t2)\r\nif x:\n  y = (\n';
  const MISSING_TOKENS = 'def f(:\n    return [1, 2\nclass B(\n    pass\nprint(1 +)\n';
  const sources = () => [...files.map((name) => ({ name, source: readFileSync(join(FIXTURES, name), 'utf8') })),
    { name: 'broken', source: BROKEN }, { name: 'odd', source: ODD }, { name: 'missing', source: MISSING_TOKENS }];

  /** Compares the view with web-tree-sitter node by node over one source. */
  function assertMirrors(parser: Parser, name: string, source: string): void {
    const tree = parsePython(parser, source);
    try {
      const view = new SyntaxTree(tree, source);
      for (const raw of rawNodes(tree.rootNode)) {
        const n = view.nodeFor(raw);
        const where = `${name}: ${shape(raw)}`;
        assert.equal(n.type, raw.type, where);
        assert.equal(n.startIndex, raw.startIndex, where);
        assert.equal(n.endIndex, raw.endIndex, where);
        assert.deepEqual(n.startPosition, raw.startPosition, where);
        assert.deepEqual(n.endPosition, raw.endPosition, where);
        assert.equal(n.text, raw.text, where);
        assert.deepEqual([n.isNamed, n.isMissing, n.isError, n.hasError], [raw.isNamed, raw.isMissing, raw.isError, raw.hasError], where);
        assert.deepEqual(n.children.map(shape), raw.children.map(shape), where);
        assert.deepEqual(n.namedChildren.map(shape), raw.namedChildren.map(shape), where);
        assert.equal(shape(n.parent), shape(raw.parent), where);
        // (web-tree-sitter's nextSibling skips a zero-width sibling, a MISSING token or an empty block in
        // broken code, that its previousSibling and children see; the view gives the sibling.)
        if (!(raw.nextSibling === null && n.nextSibling && n.nextSibling.startIndex === n.nextSibling.endIndex)) {
          assert.equal(shape(n.nextSibling), shape(raw.nextSibling), where);
        }
        assert.equal(shape(n.previousSibling), shape(raw.previousSibling), where);
        for (const field of ['name', 'body', 'left', 'right', 'function', 'arguments', 'object', 'attribute', 'value']) {
          assert.equal(shape(n.childForFieldName(field)), shape(raw.childForFieldName(field)), `${where} .${field}`);
          assert.deepEqual(n.childrenForFieldName(field).map(shape), raw.childrenForFieldName(field).map(shape), `${where} .${field}[]`);
        }
      }
    } finally {
      tree.delete();
    }
  }

  it('mirrors every node: type, range, text, flags, children, fields and parent', async () => {
    const parser = await getPythonParser();
    for (const { name, source } of sources()) assertMirrors(parser, name, source);
  });

  it('mirrors every node of broken code: 40 seeded mutants of the fuzz corpus', async () => {
    const parser = await getPythonParser();
    const fe = await pythonFrontEnd();
    const corpus = corpusSources();
    let broken = 0;
    for (let i = 0; i < 40; i++) {
      const mutant = makeMutant(fe, corpus, 20261126, i);
      if (parsePython(parser, mutant.text).rootNode.hasError) broken++;
      assertMirrors(parser, `mutant ${i}`, mutant.text);
    }
    assert.ok(broken >= 10, `only ${broken} of the mutants have syntax errors`);
  });

  it('descendantsOfType answers like web-tree-sitter, wrappers of the same range included', async () => {
    const parser = await getPythonParser();
    const typeSets = [['identifier'], ['call'], ['expression_statement', 'call'], ['block', 'try_statement', 'except_clause'],
      ['parenthesized_expression', 'identifier', 'string'], ['ERROR'], ['module'], ['function_definition', 'class_definition', 'lambda']];
    for (const { name, source } of sources()) {
      const tree = parsePython(parser, source);
      const view = new SyntaxTree(tree, source);
      const sample = rawNodes(tree.rootNode).filter((n, i) => n.isNamed && i % 7 === 0);
      for (const raw of sample) {
        const n = view.nodeFor(raw);
        for (const types of typeSets) {
          const expected = raw.descendantsOfType(types).map(shape);
          const actual = n.descendantsOfType(types).map(shape);
          // Nodes of different types with one range come in either order: compare as multisets in order of start.
          assert.deepEqual([...actual].sort(), [...expected].sort(), `${name}: ${shape(raw)} ${types.join(',')}`);
          assert.deepEqual(actual.map((s) => Number(s.split('@')[1].split('-')[0])), expected.map((s) => Number(s.split('@')[1].split('-')[0])),
            `${name}: ${shape(raw)} ${types.join(',')}: source order`);
        }
      }
      tree.delete();
    }
  });

  it('finds the smallest node spanning a range like web-tree-sitter, and numbers nodes in document order', async () => {
    const parser = await getPythonParser();
    for (const { name, source } of sources()) {
      const tree = parsePython(parser, source);
      const view = new SyntaxTree(tree, source);
      for (let start = 0; start < source.length; start += 7) {
        for (const end of [start, Math.min(source.length, start + 3), Math.min(source.length, start + 40)]) {
          assert.equal(shape(view.rootNode.descendantForIndex(start, end)), shape(tree.rootNode.descendantForIndex(start, end)), `${name}: ${start}-${end}`);
        }
      }
      const order = rawNodes(tree.rootNode).map((raw) => view.nodeFor(raw).id);
      assert.deepEqual(order, order.map((_, i) => i), `${name}: ids follow document order`);
      tree.delete();
    }
  });

  it('gives one object per node, so identity and memoised properties are shared', async () => {
    const source = 'class A:\n    def f(self):\n        return (self.x)\n';
    const tree = parsePython(await getPythonParser(), source);
    const view = new SyntaxTree(tree, source);
    const ret = view.rootNode.descendantsOfType('return_statement')[0];
    const fromWalk = view.rootNode.namedChildren[0].childForFieldName('body')!.namedChildren[0]
      .childForFieldName('body')!.namedChildren[0] as SyntaxNode;
    assert.equal(ret, fromWalk);
    assert.equal(ret.parent?.parent?.type, 'function_definition');
    assert.equal(ret.namedChildren[0].type, 'parenthesized_expression');
    assert.deepEqual(ret.descendantsOfType('parenthesized_expression').map((n) => n.text), ['(self.x)']);
    assert.deepEqual(ret.namedChildren[0].descendantsOfType('return_statement'), [], 'an ancestor is not a descendant');
    assert.ok(ret.contains(ret.namedChildren[0]) && ret.contains(ret) && !ret.namedChildren[0].contains(ret));
    tree.delete();
  });

  it('refuses a deleted tree with a clear error rather than reading freed memory', async () => {
    const tree = parsePython(await getPythonParser(), 'x = 1\n');
    tree.delete();
    assert.throws(() => new SyntaxTree(tree, 'x = 1\n'), /syntax tree was deleted/);
  });

  it('refuses a web-tree-sitter runtime without the exports the walk calls, naming them', () => {
    assert.throws(() => bindTreeSitterModule({ _ts_tree_root_node_wasm: () => undefined }), /lacks _ts_node_descendant_count_wasm, .*_ts_tree_cursor_current_node_id_wasm/);
  });
});
