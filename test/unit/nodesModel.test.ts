// The ONEX Nodes view's model (src/core/workspace/nodes.ts): the workspace's production nodes with kind,
// era, readiness, findings, contract and tests, kept up to date one analysed file at a time.
import { strict as assert } from 'node:assert';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { analyzeWith, getFrontEnd, resolveConfig } from '../../src/core/engine';
import { findPackageFacts } from '../../src/core/packageFacts';
import { findProjectPin } from '../../src/core/projectPin';
import { indexPath } from '../../src/core/workspace/index';
import { NodesModel, type NodeEntry } from '../../src/core/workspace/nodes';

const TEMPLATE = readFileSync(join(__dirname, '..', '..', 'examples', 'nodes', 'payment_gateway', 'v1_0_0', 'node.py'), 'utf8');
const NODE_EFFECT = 'from omnibase_core.nodes.node_effect import NodeEffect\n';

const TODAY_NODE = `${NODE_EFFECT}
class NodeInvoiceSendEffect(NodeEffect):
    """Sends invoices."""
`;
const TODAY_HANDLER = `class HandlerInvoiceSend:
    def __init__(self, container) -> None:
        self._container = container

    async def handle(self, request: ModelInvoiceSendCommand) -> None:
        return None
`;
const TODAY_CONTRACT = `name: node_invoice_send_effect
node_type: EFFECT_GENERIC
handler_routing:
  routing_strategy: operation_match
  handlers:
    - operation: invoice.send
      handler: {name: HandlerInvoiceSend, module: acme.nodes.node_invoice_send_effect.handlers.handler_invoice_send}
`;

class Workspace {
  readonly root = indexPath(mkdtempSync(join(tmpdir(), 'onex-nodes-')));
  readonly model = new NodesModel({ roots: [this.root] });

  async write(rel: string, text: string): Promise<void> {
    const path = join(this.root, rel);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, text);
    if (!/\.(py|ts)$/.test(rel)) return;
    const language = rel.endsWith('.py') ? 'python' : 'typescript';
    // As the extension and the CLI analyse a file: with its project's pin (the era) and its package's contract.
    const config = resolveConfig({ projectPin: findProjectPin(path), packageFacts: findPackageFacts(path) });
    this.model.update(path, analyzeWith(await getFrontEnd(language), text, config, path, undefined, { facts: true }));
  }

  remove(rel: string): void {
    const path = join(this.root, rel);
    rmSync(path);
    this.model.remove(path);
  }

  node(name: string): NodeEntry {
    const found = this.model.nodes().find((n) => n.name === name);
    assert.ok(found, `${name} among ${this.model.nodes().map((n) => n.name).join(', ')}`);
    return found;
  }

  dispose(): void {
    rmSync(this.root, { recursive: true, force: true });
  }
}

describe('nodes model: the ONEX Nodes view\'s nodes', () => {
  let ws: Workspace;
  beforeEach(() => {
    ws = new Workspace();
  });
  afterEach(() => ws.dispose());

  it('a bridge-era template node: kind, era from the project pin, x/10 from its findings, its contract, grouped by package folder', async () => {
    await ws.write('pyproject.toml', '[project]\nname = "demo"\ndependencies = ["omnibase-core==0.1.0"]\n');
    await ws.write('nodes/payment_gateway/v1_0_0/contract.yaml', 'name: payment_gateway\nnode_type: effect\n');
    await ws.write('nodes/payment_gateway/v1_0_0/node.py', TEMPLATE);
    const node = ws.node('NodePaymentGatewayEffect');
    assert.equal(node.kind, 'effect');
    assert.equal(node.era.era, 'bridge');
    assert.equal(node.era.step, 'project');
    assert.equal(node.group, 'nodes');
    assert.equal(node.packageDir, `${ws.root}/nodes/payment_gateway`);
    const missing = new Set(node.findings.map((f) => f.ruleId).filter((id) => id !== 'ONEX011'));
    assert.ok(missing.size >= 5, 'a template node misses most patterns');
    assert.equal(node.readiness.label, `${10 - missing.size}/10`);
    assert.equal(node.readiness.ready, false);
    assert.equal(node.contract.path, `${ws.root}/nodes/payment_gateway/v1_0_0/contract.yaml`);
    assert.equal(node.contract.state, 'unknown');
    assert.ok(TEMPLATE.slice(node.nameStart, node.nameEnd) === 'NodePaymentGatewayEffect');
  });

  it('today\'s node: declarative, contract, bound def-B handler, tests; banned constructs and validity from what can judge them', async () => {
    const pkg = 'src/acme/nodes/node_invoice_send_effect';
    await ws.write('pyproject.toml', '[project]\nname = "acme"\ndependencies = ["omnibase-core>=0.46.8"]\n');
    await ws.write('src/acme/__init__.py', '');
    await ws.write('src/acme/nodes/__init__.py', '');
    await ws.write(`${pkg}/__init__.py`, '');
    await ws.write(`${pkg}/node.py`, TODAY_NODE);
    await ws.write(`${pkg}/handlers/__init__.py`, '');
    await ws.write(`${pkg}/handlers/handler_invoice_send.py`, TODAY_HANDLER);
    await ws.write(`${pkg}/contract.yaml`, TODAY_CONTRACT);
    let node = ws.node('NodeInvoiceSendEffect');
    assert.equal(node.era.era, 'current');
    assert.deepEqual(node.readiness.items.map((i) => `${i.id}:${i.state}`), ['declarative:pass', 'contract:unknown', 'handler:pass', 'tests:fail', 'banned:pass']);
    // Tests in the repository's tests/unit/nodes/<node>/ that import the package.
    await ws.write('tests/unit/nodes/node_invoice_send_effect/test_handler.py', 'from acme.nodes.node_invoice_send_effect.handlers.handler_invoice_send import HandlerInvoiceSend\n');
    node = ws.node('NodeInvoiceSendEffect');
    assert.deepEqual(node.tests, [`${ws.root}/tests/unit/nodes/node_invoice_send_effect/test_handler.py`]);
    assert.equal(node.readiness.items.find((i) => i.id === 'tests')?.state, 'pass');
    // A handler that loses its def-B shape fails the item.
    await ws.write(`${pkg}/handlers/handler_invoice_send.py`, TODAY_HANDLER.replace('async def handle(self, request: ModelInvoiceSendCommand)', 'def handle(self, request)'));
    assert.match(ws.node('NodeInvoiceSendEffect').readiness.items.find((i) => i.id === 'handler')?.detail ?? '', /no def-B handle/);
    // A construct today's gates ban, anywhere in the package (here datetime.utcnow() in the handler), fails the item.
    await ws.write(`${pkg}/handlers/handler_invoice_send.py`, `from datetime import datetime\n\n${TODAY_HANDLER.replace('        return None', '        stamp = datetime.utcnow()\n        return None')}`);
    const banned = ws.node('NodeInvoiceSendEffect').readiness.items.find((i) => i.id === 'banned');
    assert.equal(banned?.state, 'fail');
    assert.match(banned?.detail ?? '', /utcnow/);
    await ws.write(`${pkg}/handlers/handler_invoice_send.py`, TODAY_HANDLER);
    // In a module the node does not read, too; moved by a line above it, the same construct leaves the node as it was.
    const util = `from datetime import datetime\n\n\ndef stamp():\n    return datetime.utcnow()\n`;
    await ws.write(`${pkg}/clock_util.py`, util);
    const flagged = ws.node('NodeInvoiceSendEffect');
    assert.equal(flagged.readiness.items.find((i) => i.id === 'banned')?.state, 'fail');
    await ws.write(`${pkg}/clock_util.py`, `# Clock helpers.\n${util}`);
    assert.equal(ws.node('NodeInvoiceSendEffect'), flagged, 'the node was made again for an unchanged finding');
    ws.remove(`${pkg}/clock_util.py`);
    // With the handler mended and a contract validator, the same node is production-ready.
    assert.equal(ws.node('NodeInvoiceSendEffect').readiness.items.find((i) => i.id === 'banned')?.state, 'pass');
    const judged = new NodesModel({ roots: [ws.root], contractStatus: () => ({ state: 'pass', detail: 'valid' }) });
    for (const path of ws.model.index.paths()) judged.update(path, { findings: ws.model.findingsOf(path) ?? [], facts: ws.model.index.factsOf(path) });
    const ready = judged.nodes().find((n) => n.name === 'NodeInvoiceSendEffect')!;
    assert.equal(ready.readiness.label, '5/5');
    assert.equal(ready.readiness.ready, true);
  });

  it('lists production nodes only: not bases, not test doubles; a node deriving from a base two files away is one', async () => {
    await ws.write('pyproject.toml', '[project]\nname = "demo"\ndependencies = ["omnibase-core==0.1.0"]\n');
    await ws.write('co/__init__.py', '');
    await ws.write('co/core.py', `${NODE_EFFECT}class CoreBase(NodeEffect):\n    pass\n`);
    await ws.write('co/base.py', 'from .core import CoreBase\n\nclass CompanyEffectBase(CoreBase):\n    pass\n');
    await ws.write('co/pay/__init__.py', '');
    await ws.write('co/pay/node.py', 'from ..base import CompanyEffectBase\n\nclass PaymentProcessor(CompanyEffectBase):\n    pass\n');
    await ws.write('co/tests/test_pay.py', 'from co.pay.node import PaymentProcessor\n\nclass FakeProcessor(PaymentProcessor):\n    pass\n');
    assert.deepEqual(ws.model.nodes().map((n) => n.name), ['PaymentProcessor']);
    const node = ws.node('PaymentProcessor');
    assert.deepEqual(node.chain.map((l) => l.name), ['PaymentProcessor', 'CompanyEffectBase', 'CoreBase', 'NodeEffect']);
    assert.deepEqual(node.tests, [`${ws.root}/co/tests/test_pay.py`]);
  });

  it('says which files\' hints changed, so their analyses can be brought up to date', async () => {
    await ws.write('p/__init__.py', '');
    await ws.write('p/base.py', `${NODE_EFFECT}class CompanyEffectBase(NodeEffect):\n    pass\n`);
    await ws.write('p/node.py', 'from .base import CompanyEffectBase\n\nclass PaymentProcessor(CompanyEffectBase):\n    pass\n');
    await ws.write('p/other.py', 'class Other:\n    pass\n');
    assert.deepEqual(ws.model.changedHints().sort(), [`${ws.root}/p/base.py`, `${ws.root}/p/node.py`]);
    assert.deepEqual(ws.model.changedHints(), []);
    await ws.write('p/other.py', 'class Other:\n    x = 1\n');
    assert.deepEqual(ws.model.changedHints(), [], 'a change that reaches no hint');
    // The base stops being a node: node.py's hint goes (and base.py's derived class stays).
    await ws.write('p/base.py', 'class CompanyEffectBase:\n    pass\n');
    assert.deepEqual(ws.model.changedHints(), [`${ws.root}/p/node.py`]);
    assert.deepEqual(ws.model.hintsFor(`${ws.root}/p/node.py`).nodeBases, {});
    assert.deepEqual(ws.model.nodes(), []);
  });

  it('spreads its work in slices (advance), with the same nodes as in one go; a save updates one entry in place', async () => {
    await ws.write('pyproject.toml', '[project]\nname = "demo"\ndependencies = ["omnibase-core==0.1.0"]\n');
    for (let i = 0; i < 40; i++) await ws.write(`pkg${i}/node.py`, `${NODE_EFFECT}class Node${i}Effect(NodeEffect):\n    pass\n`);
    const fresh = new NodesModel({ roots: [ws.root] });
    for (const path of ws.model.index.paths()) fresh.update(path, { findings: ws.model.findingsOf(path) ?? [], facts: ws.model.index.factsOf(path) });
    let slices = 0;
    while (!fresh.advance(0)) slices++;
    assert.ok(slices > 1, `in slices: ${slices}`);
    assert.deepEqual(fresh.nodes().map((n) => n.id), ws.model.nodes().map((n) => n.id));
    const before = ws.model.nodes();
    await ws.write('pkg7/node.py', `${NODE_EFFECT}import time\n\nclass Node7Effect(NodeEffect):\n    def run(self):\n        start = time.time()\n        return time.time() - start\n`);
    const after = ws.model.nodes();
    assert.deepEqual(after.map((n) => n.id), before.map((n) => n.id));
    const node7 = after.find((n) => n.name === 'Node7Effect')!;
    assert.equal(node7.findings.filter((f) => f.ruleId === 'ONEX010').length, 2);
    assert.equal(node7.readiness.label, `${10 - new Set(node7.findings.map((f) => f.ruleId)).size}/10`);
    assert.equal(before.find((n) => n.name === 'Node7Effect')?.readiness.label, '10/10');
    assert.strictEqual(after.find((n) => n.name === 'Node8Effect'), before.find((n) => n.name === 'Node8Effect'), 'other entries are kept');
    // A file deleted, then a folder: their nodes leave the list.
    ws.model.remove(`${ws.root}/pkg3/node.py`);
    assert.equal(ws.model.nodes().length, 39);
    assert.ok(!ws.model.nodes().some((n) => n.name === 'Node3Effect'));
    ws.model.removeFolder(`${ws.root}/pkg1`);
    assert.deepEqual(ws.model.nodes().filter((n) => /^Node1\d?Effect$/.test(n.name)).map((n) => n.name), ['Node10Effect', 'Node11Effect', 'Node12Effect', 'Node13Effect', 'Node14Effect', 'Node15Effect', 'Node16Effect', 'Node17Effect', 'Node18Effect', 'Node19Effect']);
  });
});
