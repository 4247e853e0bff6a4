// The hover over a class name says the class's role and why, what it means for the rules in the file's era,
// and the era and why; the analysis result carries the classes (their name spans and roles), also when the
// findings are carried across an edit (../../src/core/python/reuse.ts).
import { strict as assert } from 'node:assert';
import { analyzeText } from '../../src/core/engine';
import { classHoverText } from '../../src/core/hoverText';
import { getPythonFrontEnd } from '../../src/core/python/frontend';
import { BRIDGE_PROJECT, TODAY_PROJECT, dedent, pythonFixture } from '../../src/core/rules/cases';
import { resolveConfig } from '../../src/core/engine';

const CODE = dedent(`
  from omnibase_core.nodes.node_effect import NodeEffect


  class NodeLedgerBase(NodeEffect):
      """Shared by the ledger nodes."""

      def record(self, entry):
          return entry


  class NodeLedgerWriterEffect(NodeLedgerBase):
      def __init__(self, container):
          super().__init__(container)
          self.client = container.get_service("ledger_client")


  class FakeLedgerEffect(NodeLedgerBase):
      pass


  class NodeLedgerReaderEffect(NodeEffect):
      """Declarative: everything is in its contract."""

      def __init__(self, container):
          super().__init__(container)
`);

async function hoverAt(code: string, name: string, config = BRIDGE_PROJECT) {
  const result = await analyzeText(code, { language: 'python', fileName: 'node.py', config });
  return classHoverText(result, code.indexOf(`class ${name}`) + 'class '.length + 2);
}

describe('hover: a class\'s role and the file\'s era', () => {
  it('says each class\'s role and why, what it means for the rules, and the era and why', async () => {
    const base = await hoverAt(CODE, 'NodeLedgerBase');
    assert.match(base!, /^\*\*NodeLedgerBase\*\*: base class — a base class: NodeLedgerWriterEffect derives from it\./);
    assert.match(base!, /the class-level rules \(ONEX001, ONEX002, ONEX005, ONEX009\) leave it alone/);
    assert.match(base!, /Era: bridge era \(omnibase_core 0\.1\.x\) — the project pins omnibase-core .*tag = "v0\.1\.0"/);
    assert.match((await hoverAt(CODE, 'NodeLedgerWriterEffect'))!, /production node — an effect node class\.\n\nThe class-level rules \(ONEX001, ONEX002, ONEX005, ONEX009\) judge it\./);
    assert.match((await hoverAt(CODE, 'FakeLedgerEffect'))!, /test double — a test double: named FakeLedgerEffect/);
    assert.match((await hoverAt(CODE, 'NodeLedgerReaderEffect'))!, /declarative node — a declarative node/);
    // Today: the same production node, and no class-level rule applies.
    const today = await hoverAt(CODE, 'NodeLedgerWriterEffect', TODAY_PROJECT);
    assert.match(today!, /do not apply: the runtime owns lifecycle/);
    assert.match(today!, /Era: today's framework \(omnibase_core 0\.4x\) — the project pins omnibase-core/);
    // A handler of today's framework, found by its imports.
    const handlers = pythonFixture('today_handler_clean.py');
    const handler = await hoverAt(handlers, 'HandlerInvoiceAudit', {});
    assert.match(handler!, /today's handler — a def-B handler: no base class, and a handle\(\) method\.\n\nToday's code lives here: ONEX003, ONEX004, ONEX007 look inside it\./);
    assert.match(handler!, /the file imports omnibase_core\.models\.dispatch\.model_handler_output/);
    // Not over a class name: nothing.
    const result = await analyzeText(CODE, { language: 'python', fileName: 'node.py', config: BRIDGE_PROJECT });
    assert.equal(classHoverText(result, CODE.indexOf('def record')), null);
  });

  it('the classes are carried, spans moved, across an edit that cannot change them', async () => {
    const fe = await getPythonFrontEnd();
    const config = resolveConfig({ ...BRIDGE_PROJECT, timeBudgetMs: 600_000 });
    const first = fe.findRawKeepingTree(CODE, config);
    // Edit a string inside a docstring: the findings and the roles cannot change.
    const at = CODE.indexOf('Shared by');
    const text = `${CODE.slice(0, at)}Code ${CODE.slice(at)}`;
    const position = first.tree.rootNode.descendantForIndex(at)!.startPosition;
    first.tree.edit({
      startIndex: at, oldEndIndex: at, newEndIndex: at + 5,
      startPosition: position, oldEndPosition: position, newEndPosition: { row: position.row, column: position.column + 5 },
    });
    const second = fe.findRawKeepingTree(text, config, first.tree);
    try {
      assert.equal(second.carriedOver, true, 'carried over');
      const writer = second.classes!.find((c) => c.name === 'NodeLedgerWriterEffect')!;
      assert.equal(text.slice(writer.span.start, writer.span.end), 'NodeLedgerWriterEffect');
      assert.deepEqual(second.classes!.map((c) => c.role), first.classes!.map((c) => c.role));
    } finally {
      first.tree.delete();
      second.tree.delete();
    }
  });
});
