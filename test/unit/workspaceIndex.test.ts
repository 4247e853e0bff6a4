// The workspace index (src/core/workspace): Python bases resolved across files — relative and absolute
// imports, `import … as`, `from x import Y as Z`, re-exports through __init__.py, module-level aliases,
// src layouts, star imports — cycles, a base deleted while the index runs, and incremental updates that
// re-resolve only what a change can affect.
import { strict as assert } from 'node:assert';
import { analyzeWith, getFrontEnd, resolveConfig } from '../../src/core/engine';
import { getPythonFrontEnd } from '../../src/core/python/frontend';
import { WorkspaceIndex, type ClassInfo } from '../../src/core/workspace/index';
import { readFacts } from '../../src/core/workspace/read';
import { dedent } from '../helpers/ruleTester';

const NODE_EFFECT = 'from omnibase_core.nodes.node_effect import NodeEffect\n';

async function indexOf(files: Record<string, string>, options: ConstructorParameters<typeof WorkspaceIndex>[0] = {}): Promise<WorkspaceIndex> {
  const index = new WorkspaceIndex({ roots: ['/ws'], ...options });
  for (const [path, text] of Object.entries(files)) await put(index, path, text);
  return index;
}

async function put(index: WorkspaceIndex, path: string, text: string): Promise<void> {
  index.update(path, await readFacts(path.endsWith('.py') ? 'python' : 'typescript', dedent(text), path));
}

function chainOf(info: ClassInfo | undefined): string[] {
  assert.ok(info, 'the class is in the index');
  return info.chain.map((l) => (l.file ? `${l.name}@${l.file}` : l.name));
}

describe('workspace index: Python bases across files', () => {
  it('finds a node class whose node base is in another file of its package (relative import)', async () => {
    const index = await indexOf({
      '/ws/pay/__init__.py': '',
      '/ws/pay/base.py': `${NODE_EFFECT}class CompanyEffectBase(NodeEffect):\n    pass\n`,
      '/ws/pay/node.py': 'from .base import CompanyEffectBase\n\nclass PaymentProcessor(CompanyEffectBase):\n    pass\n',
    });
    const node = index.describe('/ws/pay/node.py', 'PaymentProcessor');
    assert.equal(node?.isNode, true);
    assert.equal(node?.kind, 'effect');
    assert.equal(node?.role, 'node');
    assert.deepEqual(chainOf(node), ['PaymentProcessor@/ws/pay/node.py', 'CompanyEffectBase@/ws/pay/base.py', 'NodeEffect']);
    const base = index.describe('/ws/pay/base.py', 'CompanyEffectBase');
    assert.equal(base?.role, 'base', 'a class another class derives from is a base, not a production node');
    assert.deepEqual(base?.derivedBy, [{ file: '/ws/pay/node.py', name: 'PaymentProcessor' }]);
    assert.deepEqual(index.nodes().filter((n) => n.role === 'node').map((n) => n.ref.name), ['PaymentProcessor']);
  });

  it('follows a chain two files away, through `import … as`, `from x import Y as Z` and module-level aliases', async () => {
    const index = await indexOf({
      '/ws/co/__init__.py': '',
      '/ws/co/core.py': `from omnibase_core.nodes import node_effect as ne\n\nclass CoreBase(ne.NodeEffect):\n    pass\n`,
      '/ws/co/mid.py': 'import co.core as core_module\n\nclass MidBase(core_module.CoreBase):\n    pass\n',
      '/ws/co/leaf.py': 'from co.mid import MidBase as MB\n\nBase = MB\nOther = Base\n\nclass LeafNode(Other):\n    pass\n',
    });
    assert.deepEqual(chainOf(index.describe('/ws/co/leaf.py', 'LeafNode')), [
      'LeafNode@/ws/co/leaf.py', 'MidBase@/ws/co/mid.py', 'CoreBase@/ws/co/core.py', 'NodeEffect',
    ]);
    assert.equal(index.describe('/ws/co/leaf.py', 'LeafNode')?.kind, 'effect');
    // The per-file analysis of leaf.py learns the name it reads (`MB` resolves to `MidBase` there).
    assert.deepEqual(index.hintsFor('/ws/co/leaf.py'), { nodeBases: { MidBase: 'effect' }, derivedClasses: [] });
    assert.deepEqual(index.hintsFor('/ws/co/core.py'), { nodeBases: {}, derivedClasses: ['CoreBase'] });
  });

  it('follows re-exports through __init__.py, `from . import module` and star imports', async () => {
    const index = await indexOf({
      '/ws/lib/__init__.py': 'from .bases.reducer import CompanyReducerBase\n',
      '/ws/lib/bases/__init__.py': '',
      '/ws/lib/bases/reducer.py': 'from omnibase_core.nodes.node_reducer import NodeReducer\n\nclass CompanyReducerBase(NodeReducer["A", "B"]):\n    pass\n',
      '/ws/lib/bases/star.py': 'from .reducer import *\n',
      '/ws/app/one.py': 'from lib import CompanyReducerBase\n\nclass One(CompanyReducerBase):\n    pass\n',
      '/ws/app/two.py': 'from lib.bases import reducer\n\nclass Two(reducer.CompanyReducerBase):\n    pass\n',
      '/ws/app/three.py': 'from lib.bases.star import CompanyReducerBase\n\nclass Three(CompanyReducerBase):\n    pass\n',
      '/ws/app/four.py': 'import lib.bases.reducer\n\nclass Four(lib.bases.reducer.CompanyReducerBase):\n    pass\n',
    });
    for (const [file, name] of [['one', 'One'], ['two', 'Two'], ['three', 'Three'], ['four', 'Four']]) {
      const info = index.describe(`/ws/app/${file}.py`, name);
      assert.equal(info?.isNode, true, name);
      assert.equal(info?.kind, 'reducer', name);
      assert.equal(info?.chain[1].file, '/ws/lib/bases/reducer.py', name);
    }
    assert.equal(index.describe('/ws/lib/bases/reducer.py', 'CompanyReducerBase')?.derivedBy.length, 4);
  });

  it('resolves absolute imports in a src layout, across relative `..` imports, and from tests (test doubles)', async () => {
    const index = await indexOf({
      '/ws/proj/pyproject.toml.py': '', // (a stray file: not a package marker)
      '/ws/proj/src/company/__init__.py': '',
      '/ws/proj/src/company/base.py': `${NODE_EFFECT}class CompanyEffect(NodeEffect):\n    pass\n`,
      '/ws/proj/src/company/nodes/__init__.py': '',
      '/ws/proj/src/company/nodes/pay/__init__.py': '',
      '/ws/proj/src/company/nodes/pay/node.py': 'from ... import base\n\nclass PayNode(base.CompanyEffect):\n    pass\n',
      '/ws/proj/tests/test_pay.py': 'from company.base import CompanyEffect\n\nclass FakeEffect(CompanyEffect):\n    pass\n',
    });
    const pay = index.describe('/ws/proj/src/company/nodes/pay/node.py', 'PayNode');
    assert.deepEqual(chainOf(pay), ['PayNode@/ws/proj/src/company/nodes/pay/node.py', 'CompanyEffect@/ws/proj/src/company/base.py', 'NodeEffect']);
    const fake = index.describe('/ws/proj/tests/test_pay.py', 'FakeEffect');
    assert.equal(fake?.isNode, true);
    assert.equal(fake?.role, 'test-double');
    const base = index.describe('/ws/proj/src/company/base.py', 'CompanyEffect');
    assert.equal(base?.derivedBy.length, 2);
    assert.equal(base?.role, 'base');
  });

  it('a test double deriving from a class does not make it a base', async () => {
    const index = await indexOf({
      '/ws/n/node.py': `${NODE_EFFECT}class NodeOrderEffect(NodeEffect):\n    pass\n`,
      '/ws/n/tests/test_node.py': 'from n.node import NodeOrderEffect\n\nclass StubOrder(NodeOrderEffect):\n    pass\n',
    });
    const node = index.describe('/ws/n/node.py', 'NodeOrderEffect');
    assert.equal(node?.derivedBy.length, 1);
    assert.equal(node?.role, 'node');
    assert.deepEqual(index.hintsFor('/ws/n/node.py').derivedClasses, []);
  });

  it('a base is the one bound before the class: `class Foo(Foo)` derives from the imported Foo', async () => {
    const index = await indexOf({
      '/ws/m/__init__.py': '',
      '/ws/m/a.py': `${NODE_EFFECT}class Foo(NodeEffect):\n    pass\n`,
      '/ws/m/b.py': 'from .a import Foo\n\nclass Foo(Foo):\n    pass\n',
    });
    assert.deepEqual(chainOf(index.describe('/ws/m/b.py', 'Foo')), ['Foo@/ws/m/b.py', 'Foo@/ws/m/a.py', 'NodeEffect']);
  });

  it('survives cycles: bases that import each other, aliases that name each other, packages that re-export each other', async () => {
    const index = await indexOf({
      '/ws/c/__init__.py': 'from .a import *\n',
      '/ws/c/a.py': 'from .b import B\nfrom . import *\n\nclass A(B):\n    pass\n',
      '/ws/c/b.py': 'from .a import A\n\nclass B(A):\n    pass\n',
      '/ws/c/alias.py': 'X = Y\nY = X\n\nclass C(X):\n    pass\n',
    });
    assert.equal(index.describe('/ws/c/a.py', 'A')?.isNode, false);
    assert.equal(index.describe('/ws/c/b.py', 'B')?.isNode, false);
    assert.equal(index.describe('/ws/c/alias.py', 'C')?.isNode, false);
    // Closing the cycle onto a node base makes both nodes.
    await put(index, '/ws/c/b.py', `from .a import A\n${NODE_EFFECT}class B(A, NodeEffect):\n    pass\n`);
    assert.equal(index.describe('/ws/c/a.py', 'A')?.isNode, true);
    assert.deepEqual(chainOf(index.describe('/ws/c/a.py', 'A')), ['A@/ws/c/a.py', 'B@/ws/c/b.py', 'NodeEffect']);
  });

  it('a base deleted while the index runs: derived classes fall back to their base names, and come back with it', async () => {
    const index = await indexOf({
      '/ws/p/__init__.py': '',
      '/ws/p/base.py': `${NODE_EFFECT}class CompanyEffectBase(NodeEffect):\n    pass\n`,
      '/ws/p/node.py': 'from .base import CompanyEffectBase\n\nclass PaymentProcessor(CompanyEffectBase):\n    pass\n',
    });
    assert.equal(index.describe('/ws/p/node.py', 'PaymentProcessor')?.isNode, true);
    index.remove('/ws/p/base.py');
    const orphan = index.describe('/ws/p/node.py', 'PaymentProcessor');
    assert.equal(orphan?.isNode, false);
    assert.deepEqual(orphan?.bases, [{ kind: 'external', name: 'CompanyEffectBase' }]);
    assert.deepEqual(index.hintsFor('/ws/p/node.py').nodeBases, {});
    await put(index, '/ws/p/base.py', `${NODE_EFFECT}class CompanyEffectBase(NodeEffect):\n    pass\n`);
    assert.equal(index.describe('/ws/p/node.py', 'PaymentProcessor')?.isNode, true);
    // The base renamed: the import no longer finds it.
    await put(index, '/ws/p/base.py', `${NODE_EFFECT}class RenamedBase(NodeEffect):\n    pass\n`);
    assert.equal(index.describe('/ws/p/node.py', 'PaymentProcessor')?.isNode, false);
    // A whole package folder deleted.
    await put(index, '/ws/p/base.py', `${NODE_EFFECT}class CompanyEffectBase(NodeEffect):\n    pass\n`);
    assert.equal(index.describe('/ws/p/node.py', 'PaymentProcessor')?.isNode, true);
    index.removeFolder('/ws/p');
    assert.equal(index.size, 0);
    assert.deepEqual(index.nodes(), []);
  });

  it('a module that appears later is found: absolute lookups remember what they did not find', async () => {
    const index = await indexOf({
      '/ws/q/node.py': 'from shared.bases import SharedCompute\n\nclass Q(SharedCompute):\n    pass\n',
    });
    assert.equal(index.describe('/ws/q/node.py', 'Q')?.isNode, false);
    await put(index, '/ws/shared/bases.py', 'from omnibase_core.nodes import NodeCompute\n\nclass SharedCompute(NodeCompute):\n    pass\n');
    const q = index.describe('/ws/q/node.py', 'Q');
    assert.equal(q?.isNode, true);
    assert.equal(q?.kind, 'compute');
  });

  it('bases outside the workspace count through the node-base-classes setting', async () => {
    const files = { '/ws/x/node.py': 'from company_sdk import CompanyBase\n\nclass Worker(CompanyBase):\n    pass\n' };
    assert.equal((await indexOf(files)).describe('/ws/x/node.py', 'Worker')?.isNode, false);
    const index = await indexOf(files, { nodeBaseClasses: ['CompanyBase'] });
    assert.equal(index.describe('/ws/x/node.py', 'Worker')?.isNode, true);
    index.setNodeBaseClasses([]);
    assert.equal(index.describe('/ws/x/node.py', 'Worker')?.isNode, false);
  });

  it('a class with a base and a Node…Effect name is a node by name; without a base it is not', async () => {
    const index = await indexOf({
      '/ws/h/handler.py': 'class NodeNoUtcnowCheckCompute:\n    async def handle(self, request: ModelRequest) -> None:\n        pass\n',
      '/ws/h/node.py': 'from somewhere import Unknown\n\nclass NodeThingEffect(Unknown):\n    pass\n',
    });
    const handler = index.describe('/ws/h/handler.py', 'NodeNoUtcnowCheckCompute');
    assert.equal(handler?.isNode, false);
    assert.deepEqual(handler?.facts.handle, { isAsync: true, parameter: 'request', annotated: true });
    const byName = index.describe('/ws/h/node.py', 'NodeThingEffect');
    assert.equal(byName?.via, 'name');
    assert.equal(byName?.kind, 'effect');
  });

  it('records whether a node is declarative, as today\'s gate reads it', async () => {
    const index = await indexOf({
      '/ws/d/node.py': `${NODE_EFFECT}
class NodeDeclEffect(NodeEffect):
    """Doc."""

    config: int

    def __init__(self, container) -> None:
        super().__init__(container)


class NodeLogicEffect(NodeEffect):
    retries = 3

    async def process(self, x):
        return x
`,
    });
    assert.equal(index.describe('/ws/d/node.py', 'NodeDeclEffect')?.facts.declarative, true);
    assert.equal(index.describe('/ws/d/node.py', 'NodeLogicEffect')?.facts.declarative, false);
  });
});

describe('workspace index: incremental updates', () => {
  async function bigIndex(resolved: string[]): Promise<WorkspaceIndex> {
    const files: Record<string, string> = {
      '/ws/core/__init__.py': '',
      '/ws/core/base.py': `${NODE_EFFECT}class CompanyEffectBase(NodeEffect):\n    pass\n`,
    };
    for (let i = 0; i < 30; i++) {
      files[`/ws/pkg${i}/__init__.py`] = '';
      files[`/ws/pkg${i}/node.py`] = `from core.base import CompanyEffectBase\n\nclass Node${i}(CompanyEffectBase):\n    pass\n\nclass Helper${i}:\n    pass\n`;
      files[`/ws/pkg${i}/util.py`] = `import json\n\nclass Util${i}(json.JSONEncoder):\n    pass\n`;
    }
    return indexOf(files, { onResolve: (file, name) => resolved.push(`${file}#${name}`) });
  }

  it('a saved file re-resolves that file\'s classes only', async () => {
    const resolved: string[] = [];
    const index = await bigIndex(resolved);
    assert.equal(index.nodes().filter((n) => n.role === 'node').length, 30);
    resolved.length = 0;
    await put(index, '/ws/pkg7/util.py', 'import json\n\nclass Util7(json.JSONEncoder):\n    """Changed."""\n');
    assert.equal(index.nodes().filter((n) => n.role === 'node').length, 30);
    assert.deepEqual(resolved, ['/ws/pkg7/util.py#Util7']);
    resolved.length = 0;
    await put(index, '/ws/pkg7/node.py', 'from core.base import CompanyEffectBase\n\nclass Node7(CompanyEffectBase):\n    x: int\n');
    index.nodes();
    assert.deepEqual(resolved, ['/ws/pkg7/node.py#Node7']);
  });

  it('a changed base re-resolves the classes that read it, and no others', async () => {
    const resolved: string[] = [];
    const index = await bigIndex(resolved);
    index.nodes();
    resolved.length = 0;
    await put(index, '/ws/core/base.py', `${NODE_EFFECT}class CompanyEffectBase(NodeEffect):\n    """Changed."""\n`);
    index.nodes();
    const files = new Set(resolved.map((r) => r.split('#')[0]));
    assert.ok(files.has('/ws/core/base.py'));
    assert.equal(resolved.filter((r) => /\/node\.py#Node\d+$/.test(r)).length, 30, 'every class importing the base');
    assert.equal(resolved.filter((r) => /Util|Helper/.test(r)).length, 0, 'classes that never looked at base.py stay');
  });

  it('a new file elsewhere does not re-resolve classes whose lookups it cannot change', async () => {
    const resolved: string[] = [];
    const index = await bigIndex(resolved);
    index.nodes();
    resolved.length = 0;
    await put(index, '/ws/other/unrelated.py', 'class Lonely:\n    pass\n');
    index.nodes();
    assert.deepEqual(resolved, ['/ws/other/unrelated.py#Lonely']);
  });
});

describe('workspace index: facts from the analysis\'s own tree', () => {
  const PY = `${NODE_EFFECT}from .base import CompanyBase as CB\n\nBase = CB\n\nclass PaymentProcessor(Base):\n    async def handle(self, request):\n        return request\n\n# A note.\n`;
  const TS = "import { CompanyBase as CB } from './base';\nexport class PaymentProcessor extends CB {}\n";

  it('analyses hand the facts a parse of their own reads, in both languages and on the incremental path', async () => {
    const config = resolveConfig({});
    for (const [language, text] of [['python', PY], ['typescript', TS]] as const) {
      const result = analyzeWith(await getFrontEnd(language), text, config, `/ws/x.${language === 'python' ? 'py' : 'ts'}`, undefined, { facts: true });
      assert.deepEqual(result.facts, await readFacts(language, text, `/ws/x.${language === 'python' ? 'py' : 'ts'}`), language);
      assert.equal(analyzeWith(await getFrontEnd(language), text, config, '/ws/x').facts, undefined, 'only when asked for');
    }
    // The kept-tree path (open editors) after an edit whose findings are carried over.
    const python = await getPythonFrontEnd();
    const first = python.findRawKeepingTree(PY, config, undefined, undefined, undefined, { facts: true });
    const at = PY.indexOf('note');
    first.tree.edit({ startIndex: at, oldEndIndex: at, newEndIndex: at + 1, startPosition: { row: 10, column: 4 }, oldEndPosition: { row: 10, column: 4 }, newEndPosition: { row: 10, column: 5 } });
    const edited = `${PY.slice(0, at)} ${PY.slice(at)}`;
    const second = python.findRawKeepingTree(edited, config, first.tree, undefined, undefined, { facts: true });
    assert.equal(second.carriedOver, true, 'the findings were carried over');
    assert.deepEqual(second.facts, await readFacts('python', edited));
    first.tree.delete();
    second.tree.delete();
  });
});
