// Findings carried across an edit that cannot change them (src/core/python/reuse.ts): after every
// edit, what the extension's path reports must equal a fresh analysis of the same text, whether the
// findings were carried over or the rules ran again.
import { strict as assert } from 'node:assert';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Point, Tree } from 'web-tree-sitter';
import { analyzeWith, finalizeFindings, resolveConfig } from '../../src/core/engine';
import { BRIDGE_PROJECT } from '../../src/core/rules/cases';
import { getPythonFrontEnd } from '../../src/core/python/frontend';
import type { EngineConfig } from '../../src/core/types';
import { getPythonParser } from '../../src/core/python/parser';
import { SyntaxTree, emptyObservations } from '../../src/core/python/view';
import { offsetsAfterUnreadEdit } from '../../src/core/python/reuse';
import { Rng } from '../robustness/support';

const FIXTURES = join(__dirname, '..', 'fixtures', 'python');
const EXAMPLES = join(__dirname, '..', '..', 'examples', 'nodes');
const FILES = [
  ...readdirSync(FIXTURES).filter((f) => f.endsWith('.py')).sort().map((f) => join(FIXTURES, f)),
  join(EXAMPLES, 'ledger_writer', 'node.py'),
  join(EXAMPLES, 'payment_gateway', 'v1_0_0', 'node.py'),
];

function pointAt(text: string, offset: number): Point {
  const before = text.slice(0, offset);
  return { row: before.split('\n').length - 1, column: offset - (before.lastIndexOf('\n') + 1) };
}

/** One open document as the extension holds it: its text and the kept tree, edited change by change. */
class Document {
  private tree: Tree | undefined;

  constructor(public text: string, private readonly config: EngineConfig) {}

  /** Applies [start, end) → insert and re-analyses with the kept tree, as the extension does. */
  async edit(start: number, end: number, insert: string) {
    const after = this.text.slice(0, start) + insert + this.text.slice(end);
    if (this.tree) {
      this.tree.edit({ startIndex: start, oldEndIndex: end, newEndIndex: start + insert.length,
        startPosition: pointAt(this.text, start), oldEndPosition: pointAt(this.text, end), newEndPosition: pointAt(after, start + insert.length) });
    }
    this.text = after;
    return this.analyse();
  }

  async analyse() {
    const fe = await getPythonFrontEnd();
    const analysis = fe.findRawKeepingTree(this.text, this.config, this.tree);
    if (this.tree && this.tree !== analysis.tree) this.tree.delete();
    this.tree = analysis.tree;
    return { findings: finalizeFindings(this.text, analysis, this.config), carriedOver: analysis.carriedOver };
  }

  /** Edits, checks whether the findings were carried over, and that they equal a fresh analysis; returns them. */
  async expectEdit(start: number, end: number, insert: string, carriedOver: boolean) {
    const result = await this.edit(start, end, insert);
    assert.equal(result.carriedOver, carriedOver, `carried over after ${JSON.stringify(insert)} at ${start}`);
    assert.deepEqual(result.findings, await this.fresh());
    return result.findings;
  }

  async fresh() {
    return (await this.freshResult()).findings;
  }

  async freshResult() {
    return analyzeWith(await getPythonFrontEnd(), this.text, this.config);
  }

  close(): void {
    this.tree?.delete();
    this.tree = undefined;
  }
}

/** The tokens of a text an edit goes into, by type (a fresh parse: the test does not lean on the engine's trees). */
async function tokens(text: string, types: readonly string[]): Promise<{ start: number; end: number; type: string }[]> {
  const parser = await getPythonParser();
  const tree = parser.parse(text)!;
  try {
    const view = new SyntaxTree(tree, text);
    return view.rootNode.descendantsOfType(types).map((n) => ({ start: n.startIndex, end: n.endIndex, type: n.type }));
  } finally {
    tree.delete();
  }
}

describe('engine: findings carried across edits that cannot change them', () => {
  // A bridge-era project: the class-level rules (ONEX001) apply there.
  const config = resolveConfig({ ...BRIDGE_PROJECT, timeBudgetMs: 600_000 });

  it('equals a fresh analysis after each of 1,100 seeded edits inside strings, comments, names and numbers', async function () {
    this.timeout(300_000);
    const rng = new Rng(2026);
    const TYPES = ['string_content', 'string_content', 'comment', 'comment', 'identifier', 'integer'];
    const INSERTS = ['x', 'Z', '_', '0', ' ', 'get_service', 'EnumCoreErrorCode', 'time', '-', 'kafka_client', 'config', 'health_check_mode'];
    let steps = 0;
    let carried = 0;
    let findings = 0;
    const carriedByType = new Map<string, number>();
    for (const path of FILES) {
      const doc = new Document(readFileSync(path, 'utf8'), config);
      try {
        await doc.analyse();
        for (let step = 0; step < 100; step++) {
          const candidates = await tokens(doc.text, [rng.pick(TYPES)]);
          if (candidates.length === 0) continue;
          const token = rng.pick(candidates);
          // Anywhere in the token, its two ends included; sometimes a deletion or a replacement.
          const start = token.start + rng.int(token.end - token.start + 1);
          const end = rng.chance(0.3) ? Math.min(token.end, start + 1 + rng.int(3)) : start;
          const insert = end > start && rng.chance(0.5) ? '' : rng.pick(INSERTS);
          const removed = doc.text.slice(start, end);
          const result = await doc.edit(start, end, insert);
          const fresh = await doc.freshResult();
          assert.deepEqual(result.findings, fresh.findings,
            `${path}, step ${step}: [${start}, ${end}) = ${JSON.stringify(insert)} in ${token.type} (carried over: ${result.carriedOver})`);
          steps++;
          findings += fresh.findings.length;
          if (result.carriedOver) {
            carried++;
            carriedByType.set(token.type, (carriedByType.get(token.type) ?? 0) + 1);
          }
          if (fresh.syntaxErrors > 0) {
            // Undo an edit that broke the code (a space in a name), as a user would, and compare again.
            const undone = await doc.edit(start, start + insert.length, removed);
            assert.deepEqual(undone.findings, await doc.fresh(), `${path}, step ${step}: undo`);
          }
        }
      } finally {
        doc.close();
      }
    }
    assert.ok(steps >= 1000, `${steps} edits`);
    assert.ok(findings > steps, 'the edited files have findings, whose offsets move');
    // Both paths are exercised: findings carried over, and rules run again.
    assert.ok(carried > steps * 0.25 && carried < steps * 0.9, `${carried} of ${steps} edits carried the findings over`);
    assert.ok((carriedByType.get('string_content') ?? 0) > 0 && (carriedByType.get('comment') ?? 0) > 0, JSON.stringify([...carriedByType]));
  });

  it('carries findings over a string typed into, and runs the rules again when the string is one they read', async () => {
    const text = [
      'from omnibase_core.nodes.node_effect import NodeEffect',
      '',
      'class NodeDemoEffect(NodeEffect):',
      '    def __init__(self, container):',
      '        super().__init__(container)',
      '        self.label = "demo"',
      '        self.db = container.get_service("kafka_client")',
      '',
      '    async def execute_effect(self, contract):',
      '        return self.db.send(contract)',
      '',
    ].join('\n');
    const doc = new Document(text, config);
    try {
      const first = await doc.analyse();
      const onex007 = first.findings.find((f) => f.ruleId === 'ONEX007');
      assert.ok(onex007, 'the unchecked service is reported');
      assert.equal(first.carriedOver, false);

      // The label is read by no rule: the findings are carried over, moved by one character.
      const label = doc.text.indexOf('demo') + 2;
      const typed = await doc.expectEdit(label, label, 'x', true);
      assert.equal(typed.find((f) => f.ruleId === 'ONEX007')!.span.start, onex007.span.start + 1);

      // The service name is in the finding's data: the rules run again and the data says the new name.
      const service = doc.text.indexOf('kafka_client') + 'kafka_client'.length;
      const renamed = await doc.expectEdit(service, service, '_v2', false);
      assert.equal((renamed.find((f) => f.ruleId === 'ONEX007')!.data as { service: string }).service, 'kafka_client_v2');

      // A line break moves rows: never carried over.
      const newline = doc.text.indexOf('self.label');
      await doc.expectEdit(newline, newline, '\n        ', false);
    } finally {
      doc.close();
    }
  });

  it("today's era: a string no rule can take for a topic is typed into without running the rules; a topic literal runs them", async () => {
    const text = [
      'from omnibase_core.nodes.node_effect import NodeEffect',
      '',
      'class NodeDemoEffect(NodeEffect):',
      '    async def process(self, envelope):',
      '        payload = envelope.get("payload", "")',
      '        topic = "onex.evt.demo.thing-happened.v1"',
      '        return payload, topic',
      '',
    ].join('\n');
    const doc = new Document(text, resolveConfig({ timeBudgetMs: 600_000 }));
    try {
      const first = await doc.analyse();
      const topic = first.findings.find((f) => f.ruleId === 'ONEX003');
      assert.ok(topic, `the topic literal is reported in today's era: ${first.findings.map((f) => f.ruleId).join(', ')}`);
      // "payload" cannot hold a topic (no dot, no digit): only that answer was read of it.
      const key = doc.text.indexOf('payload"') + 3;
      const typed = await doc.expectEdit(key, key, 'x', true);
      assert.equal(typed.find((f) => f.ruleId === 'ONEX003')!.span.start, topic.span.start + 1);
      // The topic literal's value was read: the rules run again.
      const event = doc.text.indexOf('thing-happened') + 2;
      await doc.expectEdit(event, event, 'x', false);
      // A string that gains what a topic needs is read again too.
      const empty = doc.text.indexOf('""') + 1;
      await doc.expectEdit(empty, empty, 'onex.cmd.demo.run.v1', false);
    } finally {
      doc.close();
    }
  });

  it('carries findings over a name no rule asked about, and runs the rules again for one they did (a timer local)', async () => {
    const text = [
      'import time',
      'from omnibase_core.nodes.node_effect import NodeEffect',
      '',
      'class NodeDemoEffect(NodeEffect):',
      '    async def execute_effect(self, contract):',
      '        start = time.time()',
      '        rows = await self.fetch(contract)',
      '        elapsed = time.time() - start',
      '        return rows, elapsed',
      '',
    ].join('\n');
    const doc = new Document(text, config);
    try {
      const first = await doc.analyse();
      assert.equal(first.findings.filter((f) => f.ruleId === 'ONEX010').length, 2, 'both calls of the duration');
      // ONEX010 looked up the bindings of `start` (and of `time`) in the method, never of `rows`.
      const rows = doc.text.indexOf('rows =') + 2;
      await doc.expectEdit(rows, rows, 'x', true);
      const start = doc.text.indexOf('start =') + 'start'.length;
      const unbound = await doc.expectEdit(start, start, 'x', false);
      assert.equal(unbound.filter((f) => f.ruleId === 'ONEX010').length, 0, '`start` is no timer local any more');
    } finally {
      doc.close();
    }
    // A name asked about only through the method's bindings: is `int` rebound there (then int(...) is no
    // numeric wrapper around the timer)? Typing `intx` into `int` makes it so.
    const wrapped = new Document(text.replace('start = time.time()', 'start = int(time.time())\n        intx = 3')
      .replace('time.time() - start', 'int(time.time()) - start'), config);
    try {
      assert.equal((await wrapped.analyse()).findings.filter((f) => f.ruleId === 'ONEX010').length, 2);
      const x = wrapped.text.indexOf('intx') + 3;
      const shadowing = await wrapped.expectEdit(x, x + 1, '', false);
      assert.equal(shadowing.filter((f) => f.ruleId === 'ONEX010').length, 0, 'a local `int` is no numeric wrapper');
    } finally {
      wrapped.close();
    }
  });

  it('runs the rules again when a test of a text it used answers otherwise (health-check mode in __init__)', async () => {
    const doc = new Document(readFileSync(join(FIXTURES, 'classlevel_template_effect.py'), 'utf8'), config);
    try {
      const first = await doc.analyse();
      assert.ok(first.findings.some((f) => f.ruleId === 'ONEX001'), 'expensive __init__ without a health-check mode');
      // __init__'s text was tested for the mode (a first filter): a comment that does not name it keeps the
      // answer and the findings are carried over; a string naming the mode changes both.
      const comment = doc.text.indexOf('# Get services') + 2;
      await doc.expectEdit(comment, comment, 'all ', true);
      const base = doc.text.indexOf('base_url="') + 'base_url="'.length;
      const named = await doc.expectEdit(base, base, 'health_check_mode', false);
      assert.ok(!named.some((f) => f.ruleId === 'ONEX001'), 'the string reads the mode: no finding');
    } finally {
      doc.close();
    }
  });

  it('refuses to carry findings over when the analysis read a column after the edit, a whole-text search or the raw text', async () => {
    const parser = await getPythonParser();
    const text = 'x = "abc"  # note\ny = 1\n';
    const at = text.indexOf('b');
    const after = text.slice(0, at) + 'Q' + text.slice(at);
    const tree = parser.parse(text)!;
    const before = new SyntaxTree(tree, text, { keepIds: true });
    tree.edit({ startIndex: at, oldEndIndex: at, newEndIndex: at + 1,
      startPosition: pointAt(text, at), oldEndPosition: pointAt(text, at), newEndPosition: pointAt(after, at + 1) });
    const next = parser.parse(after, tree)!;
    try {
      const view = new SyntaxTree(next, after, { keepIds: true, previous: before });
      const observed = () => emptyObservations(before.count);
      const clean = observed();
      const map = offsetsAfterUnreadEdit(before, view, clean);
      assert.ok(map, 'nothing read: carried over');
      assert.equal(map(0), 0);
      assert.equal(map(text.indexOf('y')), after.indexOf('y'));
      assert.throws(() => map(at), /at the edit/);

      const comment = before.rootNode.descendantsOfType('comment')[0];
      const variable = before.rootNode.descendantsOfType('identifier').find((n) => n.text === 'y')!;
      const column = observed();
      column.positions.push(comment.id); // after the edit, on its line
      assert.equal(offsetsAfterUnreadEdit(before, view, column), null);
      const row = observed();
      row.positions.push(variable.id); // on a later line: its row and column do not move
      assert.ok(offsetsAfterUnreadEdit(before, view, row));

      const search = observed();
      search.searches.push({ needle: 'aQb', found: false });
      assert.equal(offsetsAfterUnreadEdit(before, view, search), null);
      const raw = observed();
      raw.untracked = true;
      assert.equal(offsetsAfterUnreadEdit(before, view, raw), null);
      const string = before.rootNode.descendantsOfType('string')[0];
      const read = observed();
      read.texts[string.id] = 1;
      assert.equal(offsetsAfterUnreadEdit(before, view, read), null);
      const tested = observed();
      tested.tests.set(string.id, [{ test: (t) => t.includes('Q'), answer: false }]);
      assert.equal(offsetsAfterUnreadEdit(before, view, tested), null);
      tested.tests.set(string.id, [{ test: (t) => t.includes('Z'), answer: false }]);
      assert.ok(offsetsAfterUnreadEdit(before, view, tested));
    } finally {
      tree.delete();
      next.delete();
    }
  });

  it('runs the rules again under another configuration', async () => {
    const text = readFileSync(join(FIXTURES, 'dataflow_spec_template.py'), 'utf8');
    const fe = await getPythonFrontEnd();
    const first = fe.findRawKeepingTree(text, config);
    const offConfig = resolveConfig({ timeBudgetMs: 600_000, rules: { ONEX010: 'off' } });
    const comment = text.indexOf('#') + 1;
    assert.ok(comment > 0);
    const after = text.slice(0, comment) + 'x' + text.slice(comment);
    first.tree.edit({ startIndex: comment, oldEndIndex: comment, newEndIndex: comment + 1,
      startPosition: pointAt(text, comment), oldEndPosition: pointAt(text, comment), newEndPosition: pointAt(after, comment + 1) });
    const second = fe.findRawKeepingTree(after, offConfig, first.tree);
    try {
      assert.equal(second.carriedOver, false);
      assert.ok(first.raw.some((f) => f.ruleId === 'ONEX010'));
      assert.ok(!second.raw.some((f) => f.ruleId === 'ONEX010'));
    } finally {
      first.tree.delete();
      second.tree.delete();
    }
  });
});
