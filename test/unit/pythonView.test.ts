// The flat view over tree-sitter trees must answer exactly what web-tree-sitter answers.
import { strict as assert } from 'node:assert';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Edit, Parser, Point, Node as RawNode, Tree } from 'web-tree-sitter';
import { getPythonParser, parsePython } from '../../src/core/python/parser';
import { walkTreeMemory } from '../../src/core/python/memoryWalk';
import { bindTreeSitterModule, SyntaxTree, usesMemoryWalk, verifyMemoryWalk, viewDifference, type SyntaxNode } from '../../src/core/python/view';
import { corpusSources, makeMutant, pythonFrontEnd, Rng } from '../robustness/support';

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

const WALKS = ['cursor', 'memory'] as const;
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
  function assertMirrors(parser: Parser, name: string, source: string, walk: 'cursor' | 'memory'): void {
    const tree = parsePython(parser, source);
    try {
      const view = new SyntaxTree(tree, source, { walk });
      for (const raw of rawNodes(tree.rootNode)) {
        const n = view.nodeFor(raw);
        const where = `${name} (${walk} walk): ${shape(raw)}`;
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

  it('mirrors every node: type, range, text, flags, children, fields and parent (both walks)', async () => {
    const parser = await getPythonParser();
    for (const walk of WALKS) for (const { name, source } of sources()) assertMirrors(parser, name, source, walk);
  });

  it('mirrors every node of broken code: 40 seeded mutants of the fuzz corpus (both walks)', async () => {
    const parser = await getPythonParser();
    const fe = await pythonFrontEnd();
    const corpus = corpusSources();
    let broken = 0;
    for (let i = 0; i < 40; i++) {
      const mutant = makeMutant(fe, corpus, 20261126, i);
      if (parsePython(parser, mutant.text).rootNode.hasError) broken++;
      for (const walk of WALKS) assertMirrors(parser, `mutant ${i}`, mutant.text, walk);
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

  it('descendantsOfTypeWithText keeps the nodes of that type and text, like filtering descendantsOfType', async () => {
    const parser = await getPythonParser();
    for (const { name, source } of sources()) {
      const tree = parsePython(parser, source);
      const view = new SyntaxTree(tree, source);
      const names = new Set(['self', 'x', 'time', 'EnumCoreErrorCode', 'nowhere_in_the_file', '']);
      for (const n of [view.rootNode, ...view.rootNode.descendantsOfType(['class_definition', 'function_definition'])]) {
        for (const [type, texts] of [['identifier', names], ['identifier', new Set(['self'])], ['string', new Set(['""', "''"])]] as const) {
          const expected = n.descendantsOfType(type).filter((d) => texts.has(d.text));
          assert.deepEqual(n.descendantsOfTypeWithText(type, texts), expected, `${name}: ${shape(n)} ${type} ${[...texts].join('|')}`);
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

  /** Every array of the view, so two views can be compared whole. */
  const ARRAYS = ['typeIds', 'starts', 'ends', 'fieldIds', 'parents', 'firstChildren', 'nextSiblings', 'lastDescendants', 'flags', 'ids'] as const;
  function assertSameView(actual: SyntaxTree, expected: SyntaxTree, where: string): void {
    assert.equal(actual.count, expected.count, `${where}: node count`);
    for (const name of ARRAYS) {
      const a = actual[name];
      const e = expected[name];
      if (!a || !e) {
        assert.equal(a, e, `${where}: ${name} kept by one view only`);
        continue;
      }
      const i = a.findIndex((v, k) => v !== e[k]);
      assert.equal(i, -1, `${where}: ${name}[${i}] is ${a[i]}, a fresh view says ${e[i]} (${expected.at(Math.max(i, 0)).type})`);
    }
  }

  const pointAt = (text: string, offset: number): Point => {
    const before = text.slice(0, offset);
    return { row: before.split('\n').length - 1, column: offset - (before.lastIndexOf('\n') + 1) };
  };
  /** Replaces [start, end) with `insert`, telling the tree, as the extension does for each change. */
  function edit(tree: Tree, text: string, start: number, end: number, insert: string): string {
    const after = text.slice(0, start) + insert + text.slice(end);
    const e: Edit = { startIndex: start, oldEndIndex: end, newEndIndex: start + insert.length,
      startPosition: pointAt(text, start), oldEndPosition: pointAt(text, end), newEndPosition: pointAt(after, start + insert.length) };
    tree.edit(e);
    return after;
  }

  it('after an incremental re-parse, copies what tree-sitter reused and equals a fresh view, edit after edit', async () => {
    const parser = await getPythonParser();
    const rng = new Rng(20261126);
    const SNIPPETS = ['x', '_', '"', "'", '(', ')', ':', '\n', '    ', '#', ' = 1', 'def f(self):\n    pass\n', 'try:\n', 'self.', '\r\n', '\u{1F600}', ''];
    let reused = 0;
    let nodes = 0;
    for (const { name, source } of sources()) {
      let text = source;
      let tree = parsePython(parser, text);
      let view = new SyntaxTree(tree, text, { keepIds: true });
      try {
        for (let step = 0; step < 25; step++) {
          // One to three changes before the re-parse: insertions, deletions, replacements, and a change
          // that puts back the very text it replaces (an edit tree-sitter is told of, the text diff never sees).
          const changes = 1 + rng.int(3);
          let note = '';
          for (let c = 0; c < changes; c++) {
            const start = rng.int(text.length + 1);
            const end = rng.chance(0.4) ? Math.min(text.length, start + rng.int(12)) : start;
            const insert = rng.chance(0.15) ? text.slice(start, end) : rng.pick(SNIPPETS);
            note += ` [${start},${end})=${JSON.stringify(insert)}`;
            text = edit(tree, text, start, end, insert);
          }
          const next = parser.parse(text, tree)!;
          const incremental = new SyntaxTree(next, text, { keepIds: true, previous: view });
          assertSameView(incremental, new SyntaxTree(next, text, { keepIds: true }), `${name} step ${step}${note}`);
          reused += incremental.reused;
          nodes += incremental.count;
          tree.delete();
          tree = next;
          view = incremental;
        }
      } finally {
        tree.delete();
      }
    }
    // Random changes often break the syntax, and tree-sitter then rebuilds more: a quarter is still copied.
    assert.ok(reused > nodes / 4, `only ${reused} of ${nodes} nodes were copied`);
  });

  it('walks only the path to a one-character edit in a long file, copying the rest', async () => {
    const parser = await getPythonParser();
    const body = readdirSync(FIXTURES).filter((f) => f.endsWith('.py')).sort().map((f) => readFileSync(join(FIXTURES, f), 'utf8'))
      .find((source) => {
        const parsed = parsePython(parser, source);
        const clean = !parsed.rootNode.hasError;
        parsed.delete();
        return clean;
      })!;
    const text = Array.from({ length: 20 }, (_, i) => body.replace(/class (\w+)/g, `class $1_${i}`)).join('\n\n');
    const tree = parsePython(parser, text);
    const view = new SyntaxTree(tree, text, { keepIds: true });
    const strings = view.rootNode.descendantsOfType('string_content');
    const at = strings[strings.length >> 1].startIndex;
    const after = edit(tree, text, at, at, 'x');
    const next = parser.parse(after, tree)!;
    const incremental = new SyntaxTree(next, after, { keepIds: true, previous: view });
    assertSameView(incremental, new SyntaxTree(next, after, { keepIds: true }), 'one character typed into a string');
    assert.ok(incremental.reused > incremental.count * 0.9, `${incremental.reused} of ${incremental.count} nodes copied`);
    // Without ids to match, or from a view of another text, nothing is copied and the view is still right.
    const noIds = new SyntaxTree(next, after, { previous: new SyntaxTree(tree, text) });
    assert.equal(noIds.reused, 0);
    assertSameView(noIds, new SyntaxTree(next, after), 'previous view without ids');
    tree.delete();
    next.delete();
  });

  it("reads trees from the runtime's memory, with the cursor's answers in every array (fixtures, corpus, 150 broken mutants)", async () => {
    const parser = await getPythonParser();
    // Pinned web-tree-sitter: the memory walk must have passed its check, or every analysis pays for the cursor.
    assert.equal(usesMemoryWalk(), true);
    const fe = await pythonFrontEnd();
    const corpus = corpusSources();
    const texts = [...sources().map((s) => ({ name: s.name, text: s.source })), ...corpus.map((c, i) => ({ name: `corpus ${i}`, text: c.text }))];
    for (let i = 0; i < 150; i++) texts.push({ name: `mutant ${i}`, text: makeMutant(fe, corpus, 20261127, i).text });
    // Deeper than the walk's first stack (it grows), a file of one token, an empty one.
    texts.push({ name: 'deep', text: `x = ${'('.repeat(2000)}1${')'.repeat(2000)}\nif a:\n${'    '.repeat(1)}y = [${'['.repeat(500)}${']'.repeat(500)}]\n` },
      { name: 'one token', text: 'x' }, { name: 'empty', text: '' },
      // Comments (extras) between children that have fields; a MISSING token held outside the inline form.
      { name: 'comments between fields', text: 'total = f(  # a\n    x,  # b\n    k=1,  # c\n)[  # d\n    0  # e\n] + (a  # f\n    *  # g\n    b)\n' },
      { name: 'missing token, long lookahead', text: 'if ready not a_rather_long_name_here:\n    pass\n' });
    let broken = 0;
    let nodes = 0;
    for (const { name, text } of texts) {
      const tree = parsePython(parser, text);
      try {
        if (tree.rootNode.hasError) broken++;
        const byCursor = new SyntaxTree(tree, text, { keepIds: true, walk: 'cursor' });
        const byMemory = new SyntaxTree(tree, text, { keepIds: true });
        nodes += byMemory.count;
        assert.equal(viewDifference(byCursor, byMemory), undefined, name);
      } finally {
        tree.delete();
      }
    }
    assert.ok(broken >= 40 && nodes > 10_000, `${broken} broken trees, ${nodes} nodes`);
  });

  it('keeps the cursor walk when the memory walk disagrees with it on the samples', async () => {
    const parser = await getPythonParser();
    const source = readFileSync(join(FIXTURES, files[0]), 'utf8');
    const tree = parsePython(parser, source);
    try {
      const reference = new SyntaxTree(tree, source, { walk: 'cursor' });
      // A memory layout read wrongly: every field id off by one.
      const skewed: typeof walkTreeMemory = (memory, at, out, capacity, withErrors) => {
        const n = walkTreeMemory(memory, at, out, capacity, withErrors);
        for (let i = 0; i < n; i++) if (out.field[i]) out.field[i]++;
        return n;
      };
      assert.notEqual(viewDifference(reference, new SyntaxTree(tree, source, { walk: skewed })), undefined);
      assert.equal(verifyMemoryWalk(parser, skewed), false);
      assert.equal(usesMemoryWalk(), false);
      assert.equal(viewDifference(reference, new SyntaxTree(tree, source)), undefined);
    } finally {
      assert.equal(verifyMemoryWalk(parser), true);
      tree.delete();
    }
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
